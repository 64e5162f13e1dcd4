"""Data the browser journeys start from, and signing a browser in without the form.

Plain functions (not fixtures) so each test builds exactly what it shows; the rows
are real: real keys, signed credentials, a signed endorsement, a parsed CSV upload.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from playwright.sync_api import Page
from tests.site.conftest import make_user
from tests.site.factories import published_achievement_create

from mixtape_site.accounts.models import User
from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.achievements.services import partner_endorse
from mixtape_site.api.services import token_create
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.bulk.services import bulk_preview_create
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke
from mixtape_site.organizations.models import Membership, Organization

PASSWORD = "a-long-test-password-1"  # make_user's password
LEARNER_EMAIL = "lea@example.org"

# Three good rows and one with an e-mail address that is not one.
BULK_CSV = (
    "name,email,issue_date,result,evidence_url,external_id\n"
    "Amélie Tremblay,amelie@example.org,2025-01-15,A,https://portfolio.example.org/a,S-1\n"
    "Omar Haddad,omar@example.org,2025-01-15,,,S-2\n"
    "Chloé Martin,chloe@example.org,,B+,,\n"
    "Bad Email,not-an-email,2025-01-15,,,S-4\n"
)


def png_bytes(size: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (29, 78, 216)).save(buffer, format="PNG")
    return buffer.getvalue()


def college_create() -> Organization:
    return Organization.objects.create(
        slug="northern-college",
        name={"en": "Northern College", "fr": "Collège du Nord"},
        description={
            "en": "A public college in Northern Ontario.",
            "fr": "Un collège public du Nord de l'Ontario.",
        },
        kind=Organization.Kind.INSTITUTION,
        url="https://northern.example",
        email="registrar@northern.example",
    )


def member_create(organization: Organization, email: str, role: str) -> User:
    user = make_user(email)
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def achievement_create(organization: Organization, created_by: User) -> Achievement:
    return published_achievement_create(organization=organization, created_by=created_by)


@dataclass
class World:
    """An institution with staff, a published micro-credential, credentials and uploads."""

    college: Organization
    admin: User
    staff: User
    employer: Organization
    employer_member: User
    learner: User
    achievement: Achievement
    credential: IssuedCredential
    revoked: IssuedCredential
    bulk: BulkIssue


def world_create() -> World:
    college = college_create()
    admin = member_create(college, "admin@northern.example", Membership.Role.ADMIN)
    staff = member_create(college, "staff@northern.example", Membership.Role.ISSUER)
    employer = Organization.objects.create(
        slug="maple-tech",
        name={"en": "Maple Tech", "fr": "Maple Tech"},
        kind=Organization.Kind.EMPLOYER,
    )
    employer_member = member_create(employer, "hr@maple-tech.example", Membership.Role.ADMIN)
    achievement = achievement_create(college, staff)
    partner = AchievementPartner.objects.create(achievement=achievement, organization=employer)
    partner_endorse(
        partner=partner,
        comment={
            "en": "Exactly what our analysts need.",
            "fr": "Ce dont nos analystes ont besoin.",
        },
        endorsed_by=employer_member,
    )
    credential = _issue(achievement, staff, "Léa Tremblay", LEARNER_EMAIL)
    revoked = _issue(achievement, staff, "Marc Gagnon", "marc@example.org")
    credential_revoke(credential=revoked, reason="Issued by mistake.", actor=staff)
    bulk = bulk_preview_create(
        organization=college,
        achievement=achievement,
        uploaded_file=SimpleUploadedFile("learners.csv", BULK_CSV.encode(), "text/csv"),
        created_by=staff,
    )
    token_create(organization=college, name="Student information system", created_by=admin)
    return World(
        college=college,
        admin=admin,
        staff=staff,
        employer=employer,
        employer_member=employer_member,
        learner=make_user(LEARNER_EMAIL),
        achievement=achievement,
        credential=credential,
        revoked=revoked,
        bulk=bulk,
    )


def _issue(achievement: Achievement, by: User, name: str, email: str) -> IssuedCredential:
    outcome = credential_issue(
        achievement=achievement,
        recipient=Recipient(name=name, email=email, result="A"),
        issued_by=by,
    )
    return outcome.credential


def sign_in(page: Page, site: str, user: Any) -> None:
    """Give the browser a signed-in session (the sign-in form has its own journey test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site}]
    )


def use_language(page: Page, site: str, language: str) -> None:
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
    )


# What axe-core lets pass but assistive technology trips on: an aria-describedby,
# aria-labelledby or <label for> naming an id that is not on the page, and an id used
# twice (a label then names the wrong field).
_REFERENCE_PROBLEMS = """() => {
  const problems = [];
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
    for (const element of document.querySelectorAll(`[${attr}]`)) {
      for (const id of element.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${attr}="${id}" names no element`);
      }
    }
  }
  const seen = new Set();
  for (const element of document.querySelectorAll("[id]")) {
    if (seen.has(element.id)) problems.push(`id="${element.id}" is used twice`);
    seen.add(element.id);
  }
  return problems;
}"""


def reference_problems(page: Page) -> list[str]:
    return list(page.evaluate(_REFERENCE_PROBLEMS))


OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page: Page, a11y: Any, name: str) -> None:
    """axe-core's WCAG 2.1 AA rules, a screenshot, every id reference resolving, and
    no sideways scrolling (a long identifier once made a page wider than the window)."""
    a11y.check(page, name)
    assert reference_problems(page) == [], name
    assert page.evaluate(OVERFLOW) <= 0, f"{name} is wider than the window"
