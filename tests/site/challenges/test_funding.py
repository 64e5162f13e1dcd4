"""Funders describe their funding programs; anyone reads a program's public page."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from tests.site.conftest import make_user

from mixtape_site.challenges import funding
from mixtape_site.challenges.forms import NAME_BOTH, PROGRAM_URL_INVALID
from mixtape_site.challenges.models import Challenge, FundingProgram
from mixtape_site.organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db

FORM = {
    "name_en": "Clean water grant",
    "name_fr": "Subvention pour l'eau propre",
    "description_en": "Projects that protect drinking water.",
    "description_fr": "",
    "url": "https://fund.example/water",
    "max_amount": "25000.00",
}


@pytest.fixture
def fund_staff(funder: Organization) -> Any:
    user = make_user("officer@fund.example")
    Membership.objects.create(organization=funder, user=user, role=Membership.Role.ADMIN)
    return user


def test_a_funder_adds_a_program_that_partners_can_then_name(
    client: Client, funder: Organization, fund_staff: Any
) -> None:
    client.force_login(fund_staff)
    response = client.post(f"/manage/{funder.slug}/funding/new/", FORM)
    assert response.status_code == 302
    program = FundingProgram.objects.get(funder=funder, slug="clean-water-grant")
    assert program.name == {"en": "Clean water grant", "fr": "Subvention pour l'eau propre"}
    assert program.max_amount == Decimal("25000.00")
    listing = client.get(f"/manage/{funder.slug}/funding/").content.decode()
    assert "Clean water grant" in listing


def test_a_program_needs_both_names_and_a_web_address_and_nothing_is_lost(
    client: Client, funder: Organization, fund_staff: Any
) -> None:
    client.force_login(fund_staff)
    response = client.post(
        f"/manage/{funder.slug}/funding/new/", {**FORM, "name_fr": "", "url": "not a url"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert str(NAME_BOTH) in page and str(PROGRAM_URL_INVALID) in page
    assert "Projects that protect drinking water." in page  # what was typed stays
    assert not FundingProgram.objects.filter(funder=funder).exists()


def test_editing_keeps_the_short_name_and_changes_the_text(
    client: Client, funder: Organization, fund_staff: Any, grant: FundingProgram
) -> None:
    client.force_login(fund_staff)
    url = f"/manage/{funder.slug}/funding/{grant.slug}/"
    assert "Partnership grant" in client.get(url).content.decode()
    assert client.post(url, {**FORM, "name_en": "Partnership grant 2026"}).status_code == 302
    grant.refresh_from_db()
    assert grant.slug == "partnership-grant" and grant.name["en"] == "Partnership grant 2026"


def test_only_a_funders_own_staff_manage_its_programs(
    client: Client, funder: Organization, grant: FundingProgram, city: Organization,
    city_staff: Any,
) -> None:  # fmt: skip
    client.force_login(city_staff)
    # Not a member of the funder: not found; a partner's own page: refused, it is no funder.
    assert client.get(f"/manage/{funder.slug}/funding/{grant.slug}/").status_code == 404
    assert client.post(f"/manage/{funder.slug}/funding/new/", FORM).status_code == 404
    assert client.get(f"/manage/{city.slug}/funding/").status_code == 403
    with pytest.raises(ValidationError):
        funding.funding_program_save(funder=city, data={"name": {"en": "x", "fr": "x"}})
    assert FundingProgram.objects.count() == 1


def test_the_public_page_lists_the_public_challenges_a_program_funds(
    client: Client, grant: FundingProgram, open_challenge: Challenge
) -> None:
    open_challenge.funding_programs.add(grant)
    draft = Challenge.objects.get(pk=open_challenge.pk)
    draft.pk, draft.uuid, draft.status = None, uuid.uuid4(), Challenge.Status.DRAFT
    draft.title = {"en": "Secret draft", "fr": "Brouillon secret"}
    draft.save()
    draft.funding_programs.add(grant)
    page = client.get(f"/funding/{grant.slug}").content.decode()
    assert "Partnership grant" in page and "Applied Research Fund" in page
    assert open_challenge.title["en"] in page
    assert "Secret draft" not in page
    challenge_page = client.get(f"/challenges/{open_challenge.uuid}").content.decode()
    assert f'href="/funding/{grant.slug}"' in challenge_page
