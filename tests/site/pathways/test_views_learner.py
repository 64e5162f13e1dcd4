"""A learner follows their progress on the pathway page and in the wallet, and downloads
a signed learner record (CLR) of their own, which verifies."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from mixtape import verify
from mixtape_site.credentials.services import credential_revoke
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.pathways import forms
from mixtape_site.pathways.models import Pathway, PathwayAward


def _detail(pathway):
    return reverse("pathways:detail", kwargs={"uuid": pathway.uuid})


def _clr(pathway):
    return reverse("pathways:clr", kwargs={"uuid": pathway.uuid})


def _achievement(achievement):
    return reverse("achievements:detail", kwargs={"uuid": achievement.uuid})


@pytest.fixture
def started(learner, hold, cleaning):
    hold(learner, cleaning)
    return learner


def test_learner_sees_done_and_missing_parts_and_next_steps(
    client, started, pathway, visualisation, statistics
):
    client.force_login(started)
    page = client.get(_detail(pathway)).content.decode()
    assert '<progress id="progress-' in page and "% complete" in page
    assert "Missing" in page and "Not yet held:" in page and "Held:" in page
    assert "Next micro-credentials that fill the gaps:" in page
    assert f'href="{_achievement(visualisation)}"' in page
    assert "✔ Held" in page and "○ Not yet" in page  # the diagram marks them too


def test_wallet_lists_my_pathways_with_progress_and_record_link(client, started, pathway):
    client.force_login(started)
    page = client.get(reverse("wallet:list")).content.decode()
    assert "My pathways" in page and f'href="{_detail(pathway)}"' in page
    assert "<progress" in page and f'href="{_clr(pathway)}"' in page
    assert "Download my learner record (CLR)" in page


def test_wallet_without_pathways_says_so(client, learner, pathway):
    client.force_login(learner)
    page = client.get(reverse("wallet:list")).content.decode()
    assert "None of your credentials counts toward a pathway yet." in page


def test_wallet_in_french(client, started, pathway):
    client.force_login(started)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("wallet:list")).content.decode()
    assert '<html lang="fr">' in page and "Data Analytics (fr)" in page


def test_learner_downloads_a_clr_that_verifies(client, started, pathway, settings):
    client.force_login(started)
    response = client.get(_clr(pathway))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="learner-record-')
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert "ClrCredential" in document["type"]
    report = verify(document, resolver=platform_resolver())
    assert report.verified, report


def test_someone_else_gets_no_record(client, started, pathway, outsider):
    client.force_login(outsider)
    assert client.get(_clr(pathway)).status_code == 404


def test_record_needs_an_account(client, pathway):
    response = client.get(_clr(pathway))
    assert response.status_code == 302 and "login" in response.url


def test_completing_the_pathway_shows_the_issued_goal(
    client, started, hold, pathway, visualisation, statistics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the award runs after commit
        hold(started, visualisation)
        hold(started, statistics)
    client.force_login(started)
    page = client.get(_detail(pathway)).content.decode()
    assert "100% complete" in page
    assert "Goal credential:" in page and "Issued" in page


# --- the awards queue ---------------------------------------------------------------------


@pytest.fixture
def pending(started, hold, pathway, visualisation, statistics, django_capture_on_commit_callbacks):
    Pathway.objects.filter(pk=pathway.pk).update(approval=Pathway.Approval.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        hold(started, visualisation)
        hold(started, statistics)
    return PathwayAward.objects.get(pathway=pathway, learner=started)


def _queue(college):
    return reverse("pathways:awards", kwargs={"org": college.slug})


def _award_url(name, award):
    org = award.pathway.organization.slug
    return reverse(f"pathways:award_{name}", kwargs={"org": org, "award": award.pk})


def test_pending_award_is_approved_from_the_queue(client, issuer_staff, college, pending):
    assert pending.state == PathwayAward.State.PENDING
    client.force_login(issuer_staff)
    page = client.get(_queue(college)).content.decode()
    assert "Waiting for your approval" in page and "Léa Tremblay" in page
    assert "3 contributing credentials" in page
    client.post(_award_url("approve", pending))
    pending.refresh_from_db()
    assert pending.state == PathwayAward.State.ISSUED and pending.credential is not None


def test_declining_needs_a_reason_the_learner_then_sees(
    client, issuer_staff, pending, started, pathway
):
    client.force_login(issuer_staff)
    response = client.post(_award_url("decline", pending), {"reason": ""})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    assert str(forms.REASON_REQUIRED) in response.content.decode().replace("&#x27;", "'")
    client.post(_award_url("decline", pending), {"reason": "The final exam is missing."})
    pending.refresh_from_db()
    assert pending.state == PathwayAward.State.DECLINED
    client.force_login(started)
    assert "The final exam is missing." in client.get(_detail(pathway)).content.decode()


def test_revoked_contribution_is_flagged_and_can_be_kept(
    client, issuer_staff, college, started, hold, pathway, visualisation, statistics,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        hold(started, visualisation)
        held = hold(started, statistics)
    award = PathwayAward.objects.get(pathway=pathway, learner=started)
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(credential=held.issued_credential, reason="Fraud", actor=issuer_staff)
    award.refresh_from_db()
    assert award.needs_review
    client.force_login(issuer_staff)
    page = client.get(_queue(college)).content.decode()
    assert "To review: a contributing credential was revoked" in page
    revoke_link = reverse("credentials:detail",
                          kwargs={"org": college.slug, "uuid": award.credential.uuid})  # fmt: skip
    assert f'href="{revoke_link}"' in page
    client.post(_award_url("keep", award))
    award.refresh_from_db()
    assert not award.needs_review


def test_queue_is_closed_to_other_organizations(
    client, pending, second_college, second_staff, outsider
):
    client.force_login(second_staff)
    other = reverse("pathways:award_approve", kwargs={"org": second_college.slug,
                                                      "award": pending.pk})  # fmt: skip
    assert client.post(other).status_code == 404
    client.force_login(outsider)
    assert client.get(_queue(pending.pathway.organization)).status_code == 404
    pending.refresh_from_db()
    assert pending.state == PathwayAward.State.PENDING
