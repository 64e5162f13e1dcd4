"""Fixtures for bulk issuing: CSV uploads built from rows, and a member of another org."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.site.conftest import make_user

from mixtape_site.accounts.models import User
from mixtape_site.organizations.models import Membership, Organization

# Three good rows, then a bad e-mail, a missing name and a date in the future.
MIXED_CSV = (
    "name,email,issue_date,result,evidence_url,external_id\n"
    "Amélie Tremblay,amelie@example.org,2025-01-15,A,https://portfolio.example.org/a,S-1\n"
    "Omar Haddad,omar@example.org,2025-01-15,,,S-2\n"
    "Chloé Martin,chloe@example.org,,B+,,\n"
    "Bad Email,not-an-email,2025-01-15,,,S-4\n"
    ",nameless@example.org,2025-01-15,,,S-5\n"
    "Time Traveller,future@example.org,2999-01-01,,,S-6\n"
)


def csv_file(text: str, *, encoding: str = "utf-8", name: str = "learners.csv") -> Any:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.fixture
def employer_staff(employer: Organization) -> User:
    user = make_user("staff@maple.example")
    Membership.objects.create(organization=employer, user=user, role=Membership.Role.ISSUER)
    return user
