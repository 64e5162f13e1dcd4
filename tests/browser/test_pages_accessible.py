"""Every page of the issuer side, in English and in French, passes axe-core (WCAG 2.1 AA).

The journeys (test_issuer_journey, test_bulk_journey) check the pages they pass
through; this file checks the others, each with realistic content on it. One test
per reader and language visits that reader's pages (building the data once) and
reports every failing page together.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.browser.scenario import (
    World,
    reference_problems,
    sign_in,
    use_language,
    world_create,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PathOf = Callable[[World], str]


def _manage(suffix: str) -> PathOf:
    return lambda w: f"/manage/{w.college.slug}/{suffix}"


def _achievement(suffix: str) -> PathOf:
    return lambda w: f"/manage/{w.college.slug}/achievements/{w.achievement.uuid}/{suffix}"


# reader (a World attribute, or "visitor") -> page name -> path
PAGES: dict[str, dict[str, PathOf]] = {
    "visitor": {
        "catalogue": lambda w: "/achievements/",
        "catalogue-search": lambda w: "/achievements/?q=python",
        "achievement": lambda w: f"/achievements/{w.achievement.uuid}",
        "issuer-profile": lambda w: f"/issuers/{w.college.slug}",
        "credential-revoked": lambda w: f"/credentials/{w.revoked.uuid}",
        "claim-signed-out": lambda w: f"/claim/{w.credential.claim_token}",
        "signup": lambda w: "/accounts/signup/",
        "password-reset": lambda w: "/accounts/password/reset/",
        "api-docs": lambda w: "/api/docs",
    },
    "admin": {
        "manage-home": lambda w: "/manage/",
        "dashboard": _manage(""),
        "achievements": _manage("achievements/"),
        "achievement-manage": _achievement(""),
        "achievement-award": _achievement("award/"),
        "members": _manage("members/"),
        "keys": _manage("keys/"),
        "api-tokens": _manage("api-tokens/"),
        "credentials": _manage("credentials/?q=example.org"),
        "credential-manage": lambda w: f"/manage/{w.college.slug}/credentials/{w.credential.uuid}/",
        "credential-manage-revoked": lambda w: (
            f"/manage/{w.college.slug}/credentials/{w.revoked.uuid}/"
        ),
        "audit": _manage("revocations/"),
        "bulk-list": _manage("bulk/"),
        "bulk-upload": _achievement("bulk/"),
    },
    "employer_member": {
        "endorsements": lambda w: f"/manage/{w.employer.slug}/endorsements/",
        "endorse": lambda w: f"/manage/{w.employer.slug}/endorsements/{w.achievement.uuid}/",
    },
    "learner": {
        "claim-signed-in": lambda w: f"/claim/{w.credential.claim_token}",
        "account": lambda w: "/account/",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("reader", list(PAGES))
def test_pages_are_accessible(page, site, a11y, reader, language):
    world = world_create()
    if reader != "visitor":
        sign_in(page, site, getattr(world, reader))
    use_language(page, site, language)
    failures = []
    for name, path in PAGES[reader].items():
        response = page.goto(path(world))
        if response is None or response.status != 200:
            failures.append(f"{name}: HTTP {response and response.status}")
            continue
        if page.locator("html").get_attribute("lang") != language:
            failures.append(f"{name}: not in {language}")
        failures.extend(f"{name}: {problem}" for problem in reference_problems(page))
        try:
            a11y.check(page, f"page-{name}-{language}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)
