"""Every learner-side page, in English and in French, passes axe-core (WCAG 2.1 AA),
including the states a form shows after bad input; and the pages fit a phone screen.

The journey (test_learner_journey) and the verifier test check the pages they pass
through; this file checks the others with realistic content (a full wallet, a
mixtape with a note, live, withdrawn and expired links, every claim situation).
One test per reader and language builds the data once and reports every failure.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, Response
from tests.browser.learner_scenario import Shelf, shelf_create
from tests.browser.scenario import (
    OVERFLOW,
    PASSWORD,
    reference_problems,
    sign_in,
    use_language,
)
from tests.site.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# A step reaches a page: (the browser tab, the data, the site's URL) -> the response.
Step = Callable[[Page, Shelf, str], "Response | None"]


def visit(path: Callable[[Shelf], str]) -> Step:
    return lambda page, shelf, site: page.goto(path(shelf))


def submit(path: Callable[[Shelf], str], form: str, **fields: Any) -> Step:
    """Open ``path``, fill the fields (by name) of the form ``form`` and send it.

    A field's value is text, or ``bytes`` for a file input.
    """

    def step(page: Page, shelf: Shelf, site: str) -> Response | None:
        page.goto(path(shelf))
        scope = page.locator(form)
        for name, value in fields.items():
            field = scope.locator(f'[name="{name.replace("__", "-")}"]')
            if isinstance(value, bytes):
                field.set_input_files(
                    {"name": "file.json", "mimeType": "text/plain", "buffer": value}
                )
            else:
                field.fill(value(shelf) if callable(value) else value)
        with page.expect_navigation() as navigation:
            scope.locator("button[type=submit]").last.click()
        return navigation.value

    return step


def _wallet(suffix: str = "") -> Callable[[Shelf], str]:
    return lambda s: f"/wallet/{s.platform.uuid}/{suffix}"


def _mixtape(suffix: str = "") -> Callable[[Shelf], str]:
    return lambda s: f"/mixtapes/{s.mixtape.uuid}/{suffix}"


def _claim(situation: str) -> Step:
    return visit(lambda s: f"/claim/{s.claims[situation].claim_token}")


def _tampered(shelf: Shelf) -> str:
    document = dict(shelf.platform.document)
    document["name"] = "Advanced Data Analysis"  # the signature no longer matches
    return json.dumps(document)


def _delete_an_account(page: Page, shelf: Shelf, site: str) -> Response | None:
    """Another learner deletes their account and lands on the goodbye page."""
    sign_in(page, site, make_user("leo@example.org"))
    fields = {"password": PASSWORD, "confirmation": "DELETE"}
    return submit(lambda s: "/account/delete/", "main form", **fields)(page, shelf, site)


IMPORT = "/wallet/import/"
LINK_FORM = 'form[action*="/links/new/"]'

# reader -> page name -> (how to reach it, the HTTP status it answers with)
PAGES: dict[str, dict[str, tuple[Step, int]]] = {
    "learner": {
        "wallet": (visit(lambda s: "/wallet/"), 200),
        "wallet-filtered": (visit(lambda s: "/wallet/?status=verified&tag=data&sort=name"), 200),
        "wallet-no-match": (visit(lambda s: "/wallet/?q=astronomy"), 200),
        "wallet-credential": (visit(_wallet()), 200),
        "import": (visit(lambda s: IMPORT), 200),
        "import-upload-error": (
            submit(lambda s: IMPORT, 'form:has([value="upload"])', upload__file=b"\x00garbage"),
            400,
        ),
        "import-paste-error": (
            submit(lambda s: IMPORT, 'form:has([value="paste"])', paste__text="{not json"),
            400,
        ),
        "import-url-error": (
            submit(lambda s: IMPORT, 'form:has([value="url"])', url__url="http://127.0.0.1/b"),
            400,
        ),
        "wallet-outside": (visit(lambda s: f"/wallet/{s.outside.uuid}/"), 200),
        "wallet-tags-error": (
            submit(_wallet(), 'form[action$="/tags/"]', tags=",".join("abcdefghijkl")),
            400,
        ),
        "wallet-remove": (visit(_wallet("remove/")), 200),
        "wallet-share": (visit(_wallet("share/")), 200),
        "mixtapes": (visit(lambda s: "/mixtapes/"), 200),
        "mixtape-new": (visit(lambda s: "/mixtapes/new/"), 200),
        "mixtape-new-error": (submit(lambda s: "/mixtapes/new/", "main form", title=" "), 400),
        "mixtape": (visit(_mixtape()), 200),
        "mixtape-link-error": (
            submit(_mixtape(), LINK_FORM, label="Old", expires_on="2001-01-01"),
            400,
        ),
        "presentation": (visit(_mixtape("presentation/")), 200),
        "account": (visit(lambda s: "/account/"), 200),
        "account-delete": (visit(lambda s: "/account/delete/"), 200),
        "account-delete-error": (
            submit(lambda s: "/account/delete/", "main form", password="wrong", confirmation="no"),
            400,
        ),
        "claim-can-claim": (_claim("can-claim"), 200),
        "claim-yours": (_claim("yours"), 200),
        "claim-yours-removed": (_claim("yours-removed"), 200),
        "claim-taken": (_claim("taken"), 200),
        "claim-revoked": (_claim("revoked"), 200),
        "claim-mismatch": (_claim("mismatch"), 200),
    },
    "visitor": {
        "player-print": (visit(lambda s: f"/m/{s.link.token}/print"), 200),
        "link-withdrawn": (visit(lambda s: f"/m/{s.withdrawn.token}"), 410),
        "link-expired": (visit(lambda s: f"/m/{s.expired.token}"), 410),
        "verify-failure": (
            submit(lambda s: "/verify/", "main form", text=_tampered),
            200,
        ),
        "verify-presentation": (
            submit(
                lambda s: "/verify/",
                "main form",
                text=lambda s: json.dumps(s.presentation),
                challenge="c-1234",
                domain="jobs.example",
            ),
            200,
        ),
        "verify-bad-input": (submit(lambda s: "/verify/", "main form", text="garbage"), 200),
        "account-deleted": (_delete_an_account, 200),
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("reader", list(PAGES))
def test_learner_pages_are_accessible(page, site, a11y, reader, language):
    page.set_default_timeout(5000)
    shelf = shelf_create()
    if reader == "learner":
        sign_in(page, site, shelf.learner)
    use_language(page, site, language)
    failures = []
    for name, (step, status) in PAGES[reader].items():
        response = step(page, shelf, site)
        if response is None or response.status != status:
            failures.append(f"{name}: HTTP {response and response.status}, not {status}")
            continue
        if page.locator("html").get_attribute("lang") != language:
            failures.append(f"{name}: not in {language}")
        failures.extend(f"{name}: {problem}" for problem in reference_problems(page))
        if (overflow := page.evaluate(OVERFLOW)) > 0:
            failures.append(f"{name}: {overflow}px wider than the window")
        try:
            a11y.check(page, f"page-{name}-{language}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


PHONE_PAGES = {
    "wallet": lambda s: "/wallet/",
    "import": lambda s: "/wallet/import/",
    "wallet-credential": lambda s: f"/wallet/{s.platform.uuid}/",
    "wallet-outside": lambda s: f"/wallet/{s.outside.uuid}/",
    "wallet-share": lambda s: f"/wallet/{s.platform.uuid}/share/",
    "mixtapes": lambda s: "/mixtapes/",
    "mixtape": lambda s: f"/mixtapes/{s.mixtape.uuid}/",
    "presentation": lambda s: f"/mixtapes/{s.mixtape.uuid}/presentation/",
    "player": lambda s: f"/m/{s.link.token}",
    "player-print": lambda s: f"/m/{s.link.token}/print",
    "link-gone": lambda s: f"/m/{s.withdrawn.token}",
    "verify": lambda s: "/verify/",
    "account-delete": lambda s: "/account/delete/",
    "claim": lambda s: f"/claim/{s.claims['can-claim'].claim_token}",
}


def test_learner_pages_fit_a_phone_screen(browser, site, a11y):
    shelf = shelf_create()
    context = browser.new_context(base_url=site, locale="en-CA", viewport=PHONE)
    try:
        phone = context.new_page()
        sign_in(phone, site, shelf.learner)
        too_wide = {}
        for name, path in PHONE_PAGES.items():
            phone.goto(path(shelf))
            a11y.check(phone, f"phone-{name}")  # at this width too (e.g. scrolling tables)
            overflow = phone.evaluate(OVERFLOW)
            if overflow > 0:
                too_wide[name] = overflow
    finally:
        context.close()
    assert too_wide == {}, f"pages wider than a 390px screen (extra pixels): {too_wide}"
