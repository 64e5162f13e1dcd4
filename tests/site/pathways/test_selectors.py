"""Learners' progress on pathways: what counts, what is missing, what to take next."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.site.factories import PYTHON_SKILL
from tests.site.pathways.conftest import achievement_make, pathway_make

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.services import credential_revoke, credential_suspend
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup
from mixtape_site.pathways.selectors import (
    awards_to_decide,
    learner_pathways,
    organization_pathways,
    pathway_of,
    pathway_progress,
    pathway_public_get,
    pathways_of_achievement,
    public_pathways,
)
from mixtape_site.wallet.models import WalletCredential

pytestmark = pytest.mark.django_db


def test_nothing_held_is_zero_percent_with_every_step_suggested(pathway, learner):
    progress = pathway_progress(pathway=pathway, user=learner)
    assert progress.percent == 0 and not progress.progress.met
    assert [g.group.name["en"] for g in progress.groups] == ["Core", "Electives"]
    assert not any(step.done for group in progress.groups for step in group.steps)
    names = [str(a) for a in progress.next_steps]
    assert names == ["Data Cleaning", "Data Visualisation", "Statistics with R"]
    assert "Certificate in Data Analytics" not in names  # never the goal itself


def test_a_held_step_counts_and_is_no_longer_suggested(pathway, learner, hold, cleaning):
    hold(learner, cleaning)
    progress = pathway_progress(pathway=pathway, user=learner)
    core = progress.groups[0]
    assert [s.done for s in core.steps] == [True, False]
    assert core.steps[0].held_name == "Data Cleaning"
    assert 0 < progress.percent < 100
    assert cleaning not in progress.next_steps


def test_the_second_colleges_micro_credential_fills_its_group(pathway, learner, hold, statistics):
    hold(learner, statistics)
    progress = pathway_progress(pathway=pathway, user=learner)
    assert progress.groups[1].progress.met
    assert progress.groups[1].steps[0].done


def test_an_equivalent_from_the_second_college_meets_the_step_and_says_so(
    pathway, learner, hold, second_college, second_staff
):
    cleaning_step = pathway.groups.get(name__en="Core").steps.first()
    other = achievement_make(organization=second_college, name="Tidy Data", created_by=second_staff)
    Equivalence.objects.create(step=cleaning_step, achievement=other)
    hold(learner, other)
    progress = pathway_progress(pathway=pathway, user=learner)
    step = progress.groups[0].steps[0]
    assert step.done and step.via == "Tidy Data"


@pytest.mark.parametrize("change", ["revoke", "suspend", "expire"])
def test_revoked_suspended_and_expired_credentials_do_not_count(
    change, pathway, learner, hold, cleaning, issuer_staff
):
    row = hold(learner, cleaning)
    issued = row.issued_credential
    if change == "revoke":
        credential_revoke(credential=issued, reason="Academic misconduct", actor=issuer_staff)
    elif change == "suspend":
        credential_suspend(credential=issued, reason="Under review", actor=issuer_staff)
    else:
        WalletCredential.objects.filter(pk=row.pk).update(
            valid_until=timezone.now() - timedelta(days=1)
        )
    progress = pathway_progress(pathway=pathway, user=learner)
    assert not progress.groups[0].steps[0].done
    assert progress.percent == 0


def test_an_imported_credential_the_wallet_found_revoked_does_not_count(
    pathway, learner, hold, cleaning
):
    row = hold(learner, cleaning)
    WalletCredential.objects.filter(pk=row.pk).update(
        issued_credential=None, status=WalletCredential.Status.REVOKED
    )
    assert not pathway_progress(pathway=pathway, user=learner).groups[0].steps[0].done


def test_an_imported_copy_of_a_platform_credential_counts_with_its_hours(
    college, goal, cleaning, learner, hold
):
    hours = pathway_make(
        organization=college,
        goal=goal,
        name="Hours",
        groups=[("Any", PathwayGroup.Rule.ANY, None, [cleaning])],
        min_hours=30,
    )
    row = hold(learner, cleaning)
    WalletCredential.objects.filter(pk=row.pk).update(issued_credential=None)
    progress = pathway_progress(pathway=hours, user=learner)
    assert progress.progress.met
    assert progress.totals[0].measure == "hours" and progress.totals[0].have == 40


def test_missing_skills_suggest_aligned_micro_credentials_not_held(
    college, issuer_staff, goal, cleaning, learner, hold
):
    skill = {"url": PYTHON_SKILL, "name": {"en": "Python", "fr": "Python"}}
    other_skill = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-00000000beef"
    python = achievement_make(
        organization=college,
        name="Python Basics",
        created_by=issuer_staff,
        skills=[{"url": other_skill, "name": {"en": "x"}}, skill],
    )
    skills_pathway = pathway_make(
        organization=college,
        goal=goal,
        name="Skills",
        groups=[("Core", PathwayGroup.Rule.ALL, None, [cleaning])],
        skills=[{"url": other_skill, "name": {"en": "Beef", "fr": "Boeuf"}}],
    )
    progress = pathway_progress(pathway=skills_pathway, user=learner)
    assert [s.name for s in progress.skills] == ["Beef"]
    assert python in progress.next_steps
    hold(learner, python)
    progress = pathway_progress(pathway=skills_pathway, user=learner)
    assert progress.skills[0].covered
    assert python not in progress.next_steps


def test_learner_pathways_lists_only_started_ones_most_advanced_first(
    pathway, college, goal, statistics, visualisation, learner, hold, cleaning
):
    other = pathway_make(
        organization=college,
        goal=achievement_make(organization=college, name="Diploma"),
        name="Other",
        groups=[("Only", PathwayGroup.Rule.ALL, None, [statistics])],
    )
    assert learner_pathways(user=learner) == []
    hold(learner, cleaning)
    assert [p.pathway for p in learner_pathways(user=learner)] == [pathway]
    hold(learner, statistics)
    assert [p.pathway for p in learner_pathways(user=learner)] == [other, pathway]


def test_learner_pathways_queries_stay_bounded_however_big_the_wallet(
    pathway, learner, hold, cleaning, college, django_assert_max_num_queries
):
    hold(learner, cleaning)
    with CaptureQueriesContext(connection) as small:
        learner_pathways(user=learner)
    for index in range(8):
        hold(learner, achievement_make(organization=college, name=f"Extra {index}"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        progresses = learner_pathways(user=learner)
    assert len(small.captured_queries) <= 10
    assert progresses[0].groups[0].steps[0].done


def test_a_certificate_goal_stacked_into_a_diploma_shows_partial_progress(
    pathway, college, goal, cleaning, learner, hold
):
    diploma = pathway_make(
        organization=college,
        goal=achievement_make(organization=college, name="Diploma"),
        name="Diploma path",
        groups=[("Certificates", PathwayGroup.Rule.ALL, None, [goal])],
    )
    hold(learner, cleaning)
    progress = pathway_progress(pathway=diploma, user=learner)
    step = progress.groups[0].steps[0]
    assert not step.done and 0 < step.percent < 100
    assert 0 < progress.percent < 100


def test_public_and_management_selectors_respect_status_and_partners(
    pathway, college, second_college, goal, cleaning
):
    draft = pathway_make(
        organization=college, goal=goal, groups=[], name="Draft", status=Pathway.Status.DRAFT
    )
    assert list(public_pathways()) == [pathway]
    with pytest.raises(Pathway.DoesNotExist):
        pathway_public_get(uuid=draft.uuid)
    assert pathway_of(organization=second_college, uuid=pathway.uuid) is None
    pathway.partners.add(second_college)
    assert pathway_of(organization=second_college, uuid=pathway.uuid) == pathway
    assert set(organization_pathways(organization=college)) == {pathway, draft}
    assert list(organization_pathways(organization=second_college)) == [pathway]
    assert pathways_of_achievement(achievement=cleaning) == [pathway]
    assert pathways_of_achievement(achievement=goal) == []
    assert list(awards_to_decide(organization=college)) == []


def test_a_retired_step_achievement_still_counts_for_those_who_hold_it(
    pathway, learner, hold, cleaning
):
    hold(learner, cleaning)
    Achievement.objects.filter(pk=cleaning.pk).update(status=Achievement.Status.RETIRED)
    assert pathway_progress(pathway=pathway, user=learner).groups[0].steps[0].done


def test_an_imported_credential_whose_signature_failed_does_not_count(
    pathway, learner, hold, cleaning
):
    row = hold(learner, cleaning)
    WalletCredential.objects.filter(pk=row.pk).update(
        issued_credential=None, status=WalletCredential.Status.FAILED
    )
    assert not pathway_progress(pathway=pathway, user=learner).groups[0].steps[0].done


def test_missing_hours_suggest_steps_not_held(
    college, goal, cleaning, visualisation, learner, hold
):
    hours = pathway_make(
        organization=college,
        goal=goal,
        name="Hours",
        groups=[("Any", PathwayGroup.Rule.ANY, None, [cleaning, visualisation])],
        min_hours=80,
    )
    hold(learner, cleaning)
    progress = pathway_progress(pathway=hours, user=learner)
    assert progress.groups[0].progress.met and not progress.progress.met
    assert (progress.totals[0].required, progress.totals[0].have) == (80, 40)
    assert progress.next_steps == [visualisation]
