"""Partner employers endorse a micro-credential with a signed OB 3.0 EndorsementCredential."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mixtape import verify
from mixtape.model.schema import validate
from mixtape_site.achievements import forms, services
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import AchievementPartner
from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.resolver import platform_resolver


def _endorse_url(employer, achievement):
    return reverse("achievements:endorse", kwargs={"org": employer.slug, "uuid": achievement.uuid})


def test_endorsement_is_signed_by_the_employer_and_verifies(
    partnership, employer, employer_member, published_achievement
):
    services.partner_endorse(
        partner=partnership, comment={"en": "Exactly what we hire for.", "fr": "Exactement."},
        endorsed_by=employer_member,
    )  # fmt: skip
    partnership.refresh_from_db()
    document = partnership.endorsement_document
    assert document["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert document["issuer"]["id"] == organization_did(employer)
    assert document["credentialSubject"]["id"] == achievement_url(published_achievement)
    assert document["credentialSubject"]["endorsementComment"] == "Exactly what we hire for."
    assert document["descriptionMap"] == {"en": "Exactly what we hire for.", "fr": "Exactement."}
    validate(document, schema="endorsementcredential")
    report = verify(document, resolver=platform_resolver())
    assert report.verified, [c for c in report.checks if c.status.value == "failed"]
    assert partnership.endorsed_by == employer_member and partnership.endorsed_at


def test_tampered_endorsement_does_not_verify(partnership, employer_member):
    services.partner_endorse(
        partner=partnership, comment={"en": "Good."}, endorsed_by=employer_member
    )
    partnership.refresh_from_db()
    document = json.loads(json.dumps(partnership.endorsement_document))
    document["credentialSubject"]["endorsementComment"] = "Bad."
    assert not verify(document, resolver=platform_resolver()).verified


def test_draft_cannot_be_endorsed(draft, employer, employer_member):
    partner = AchievementPartner.objects.create(achievement=draft, organization=employer)
    with pytest.raises(ValidationError) as refused:
        services.partner_endorse(partner=partner, comment={"en": "x"}, endorsed_by=employer_member)
    assert refused.value.messages == [str(services.ONLY_PUBLISHED_ENDORSED)]
    partner.refresh_from_db()
    assert partner.endorsement_document is None


def test_employer_lists_and_endorses_through_the_pages(
    client, partnership, employer, employer_member, published_achievement
):
    client.force_login(employer_member)
    listing = client.get(reverse("achievements:endorsements", kwargs={"org": employer.slug}))
    assert list(listing.context["partnerships"]) == [partnership]
    assert _endorse_url(employer, published_achievement) in listing.content.decode()
    response = client.post(
        _endorse_url(employer, published_achievement),
        {"comment_en": "Job-ready graduates.", "comment_fr": "Diplômés prêts à l'emploi."},
    )
    assert response.status_code == 302
    public = client.get(reverse("achievements:detail", kwargs={"uuid": published_achievement.uuid}))
    page = public.content.decode()
    assert "Maple Tech" in page and "Job-ready graduates." in page and "Endorsed" in page


def test_empty_endorsement_is_refused_with_a_message(
    client, partnership, employer, employer_member, published_achievement
):
    client.force_login(employer_member)
    response = client.post(_endorse_url(employer, published_achievement), {"comment_en": " "})
    assert response.status_code == 400
    assert response.context["form"].errors["comment_en"] == [
        str(forms.ENDORSEMENT_COMMENT_REQUIRED)
    ]
    partnership.refresh_from_db()
    assert partnership.endorsement_document is None


def test_only_the_partners_members_can_endorse(
    client, partnership, employer, issuer_staff, college, published_achievement
):
    client.force_login(issuer_staff)  # the issuing college is not the partner
    assert client.get(_endorse_url(employer, published_achievement)).status_code == 404
    assert (
        client.post(
            _endorse_url(college, published_achievement), {"comment_en": "Self-praise"}
        ).status_code
        == 404
    )
    partnership.refresh_from_db()
    assert partnership.endorsement_document is None
