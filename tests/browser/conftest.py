"""Headless Chromium (Debian's, driven by Playwright) against a live test server.

Every page a journey visits is checked with axe-core for WCAG 2.1 AA; a screenshot
of it is kept under ``var/screenshots`` so people can look at the pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from mixtape.skills import warm_up
from mixtape_site.skills.registry import esco

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Violations are reported in full either way; not collecting every passing node
    # makes a run about three times faster.
    "resultTypes": ["violations"],
}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make install` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def skills_ready() -> None:
    """ESCO's search indexes, built once per test process as the real server does at start-up,
    so that a page's first skill search doesn't outlast Playwright's five-second wait."""
    warm_up(esco())


@pytest.fixture
def site(live_server: Any, settings: Any, skills_ready: None) -> str:
    """The live server's URL, which is also the platform's public origin for this test."""
    settings.MIXTAPE_BASE_URL = live_server.url
    return str(live_server.url)


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site, locale="en-CA")
    page = context.new_page()
    yield page
    context.close()


def keep_screenshot(page: Page, name: str) -> None:
    """Save the whole page for people to look at. Chromium sometimes cannot capture a
    very tall page at once; the visible part is kept then: the picture is not the test."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"{name}.png")
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError:
        page.screenshot(path=path)


class Accessibility:
    """Runs axe-core on the current page and fails with the violations listed."""

    def __init__(self) -> None:
        self.axe = Axe()

    def check(self, page: Page, name: str) -> None:
        keep_screenshot(page, name)
        results = self.axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"


@pytest.fixture(scope="session")
def a11y() -> Accessibility:
    return Accessibility()
