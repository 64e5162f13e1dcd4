"""`make demo`'s pathways: certificates stacked from both colleges' micro-credentials, one
learner awarded through the normal award task, one waiting for approval, one halfway."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from mixtape_site.accounts.models import User
from mixtape_site.credentials.verification import credential_verify_live
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import Pathway, PathwayAward
from mixtape_site.pathways.selectors import awards_to_decide, learner_pathways
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.web.demo.build import demo_build
from mixtape_site.web.demo.pathways import PATHWAYS

# French typography of the demo's texts (Canadian usage): no space before ; ! ?
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[;!?]")
DATA_ANALYTICS = "Certificate in Data Analytics"


@pytest.fixture
def demo(db, settings, django_capture_on_commit_callbacks):
    """The demo as `make demo` leaves it: the wallets' award checks run once committed."""
    settings.MIXTAPE_BASE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        demo_build()


def progress_of(email: str) -> dict[str, int]:
    user = User.objects.get(email=email)
    return {p.pathway.goal.name["en"]: p.percent for p in learner_pathways(user=user)}


def test_demo_pathways_are_published_bilingual_and_one_counts_both_colleges(demo):
    pathways = Pathway.objects.filter(status=Pathway.Status.PUBLISHED)
    assert pathways.count() == len(PATHWAYS) >= 2
    for pathway in pathways:
        for field in (pathway.name, pathway.description, pathway.goal.name):
            assert field["en"] and field["fr"]
            assert not SPACE_BEFORE_PUNCTUATION.search(field["fr"]), field["fr"]
    colleges = Organization.objects.filter(
        achievements__pathway_steps__group__pathway__goal__name__en=DATA_ANALYTICS
    ).values_list("slug", flat=True)
    assert set(colleges) == {"northern-college", "college-lumiere"}


def test_demo_learner_gets_the_certificate_automatically_with_her_outside_credential(demo):
    award = PathwayAward.objects.get(
        learner__email="amira@learner.example", pathway__goal__name__en=DATA_ANALYTICS
    )
    assert award.state == PathwayAward.State.ISSUED and award.decided_by is None
    certificate = award.credential
    assert WalletCredential.objects.filter(
        owner=award.learner, issued_credential=certificate
    ).exists()
    evidence = {e["name"] for e in certificate.document["evidence"]}
    assert {"Statistics 101", "Python for Data Analysis", "Data Visualization"} <= evidence
    assert credential_verify_live(certificate.document).verified


def test_demo_review_pathway_award_waits_for_the_partner_college(demo):
    lumiere = Organization.objects.get(slug="college-lumiere")
    waiting = list(awards_to_decide(organization=lumiere))
    assert [(a.learner.email, a.state) for a in waiting] == [
        ("amira@learner.example", PathwayAward.State.PENDING)
    ]
    assert waiting[0].credential is None


def test_demo_learners_are_at_different_points_of_the_pathways(demo):
    amira = progress_of("amira@learner.example")
    assert amira[DATA_ANALYTICS] == 100
    # Her certificate is half of the advanced one, which stacks it.
    assert amira["Advanced Certificate in Applied Machine Learning"] == 50
    # Jean: one micro-credential of two, and the pathway's visualisation skill through
    # his project micro-credential (no wrong door): two of three parts.
    assert progress_of("jean@learner.example")["Business Analytics Certificate"] == 66
    assert progress_of("sam@learner.example") == {}


def test_demo_data_reports_its_pathways(db, settings):
    settings.DEBUG = True
    settings.MIXTAPE_BASE_URL = "http://testserver"
    output = io.StringIO()
    call_command("demo_data", stdout=output)
    assert f"{len(PATHWAYS)} pathways" in output.getvalue()
