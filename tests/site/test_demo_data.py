"""`make demo` seeds a bilingual platform whose credentials really verify."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.verification import credential_verify_live
from mixtape_site.organizations.models import Organization
from mixtape_site.web.demo.build import demo_build


@pytest.fixture
def demo(db, settings):
    settings.MIXTAPE_BASE_URL = "http://testserver"
    return demo_build()


def test_demo_has_two_institutions_one_francophone_and_an_employer(demo):
    institutions = Organization.objects.filter(kind=Organization.Kind.INSTITUTION)
    assert institutions.count() == 2
    assert {o.primary_language for o in institutions} == {"en", "fr"}
    assert Organization.objects.filter(kind=Organization.Kind.EMPLOYER).exists()


def test_demo_micro_credentials_are_bilingual_with_skills(demo):
    published = Achievement.objects.filter(status=Achievement.Status.PUBLISHED)
    assert published.count() >= 6
    for achievement in published:
        assert achievement.name["en"] and achievement.name["fr"]
        assert achievement.description["en"] and achievement.description["fr"]
        assert achievement.skills


def test_demo_learners_hold_verifiable_credentials_and_one_is_revoked(demo):
    credentials = IssuedCredential.objects.all()
    assert credentials.filter(claimed_by__isnull=False).exists()
    outcomes = {c.state: credential_verify_live(c.document).verified for c in credentials}
    assert outcomes == {"active": True, "revoked": False}
    assert credentials.filter(state=IssuedCredential.State.REVOKED).count() == 1


def test_demo_endorsement_is_embedded_in_the_credentials(demo):
    endorsed = [
        c for c in IssuedCredential.objects.all()
        if c.document["credentialSubject"]["achievement"].get("endorsement")
    ]  # fmt: skip
    assert endorsed
    assert credential_verify_live(endorsed[0].document).verified


def test_demo_data_refuses_to_run_outside_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_data")
