"""Certificates that stack: a goal credential never counts twice, evidence stays on topic,
and next steps are courses one can take, never a certificate earned through a pathway."""

from __future__ import annotations

import pytest
from django.utils import translation
from tests.site.pathways.conftest import achievement_make, hold_credential, pathway_make

from mixtape.pathways import AllOf, Credential, Held, MinTotal, Skills, evaluate
from mixtape_site.pathways.awards import awards_check
from mixtape_site.pathways.evidence import evidence_ids
from mixtape_site.pathways.models import PathwayAward, PathwayGroup
from mixtape_site.pathways.selectors import pathway_progress

pytestmark = pytest.mark.django_db

ALL = PathwayGroup.Rule.ALL


def _evidence_names(pathway, learner):
    award = PathwayAward.objects.get(pathway=pathway, learner=learner)
    return {e["name"] for e in award.credential.document["evidence"]}


def test_a_pathways_own_goal_credential_adds_nothing_to_its_hours(
    college, goal, cleaning, visualisation, learner
):
    goal.hours = 125
    goal.save(update_fields=["hours"])
    own = pathway_make(
        organization=college, goal=goal, min_hours=90,
        groups=[("Core", ALL, None, [cleaning, visualisation])],
    )  # fmt: skip
    hold_credential(learner, cleaning)
    hold_credential(learner, goal)  # issued by hand, say
    progress = pathway_progress(pathway=own, user=learner)
    assert progress.totals[0].have == 40
    assert not progress.progress.met


def test_another_pathways_certificate_meets_its_step_but_adds_no_hours(
    college, issuer_staff, pathway, goal, learner
):
    goal.hours = 125
    goal.save(update_fields=["hours"])
    advanced_goal = achievement_make(organization=college, name="Advanced Certificate")
    machine_learning = achievement_make(organization=college, name="ML Foundations", hours=40)
    advanced = pathway_make(
        organization=college, goal=advanced_goal, name="Advanced", min_hours=50,
        groups=[("Stack", ALL, None, [goal, machine_learning])],
    )  # fmt: skip
    hold_credential(learner, goal)
    hold_credential(learner, machine_learning)
    progress = pathway_progress(pathway=advanced, user=learner)
    assert [s.done for s in progress.groups[0].steps] == [True, True]
    assert progress.totals[0].have == 40  # the certificate's 125 hours are its courses'
    assert not progress.progress.met


def test_evidence_leaves_out_credentials_a_total_over_everything_did_not_need(
    college, pathway, cleaning, visualisation, statistics, learner
):
    pathway.min_hours = 100  # the three steps' 120 hours already reach it
    pathway.save(update_fields=["min_hours"])
    unrelated = achievement_make(organization=college, name="Spreadsheet Analytics", hours=60)
    for achievement in (unrelated, cleaning, visualisation, statistics):
        hold_credential(learner, achievement)
    awards_check(user=learner)
    names = _evidence_names(pathway, learner)
    assert names == {"Data Cleaning", "Data Visualisation", "Statistics with R"}


def test_evidence_adds_the_fewest_largest_credentials_that_reach_the_total(
    college, pathway, cleaning, visualisation, statistics, learner
):
    pathway.min_hours = 150  # the steps give 120: one 60-hour course makes up the rest
    pathway.save(update_fields=["min_hours"])
    small = achievement_make(organization=college, name="Small Course", hours=20)
    large = achievement_make(organization=college, name="Large Course", hours=60)
    for achievement in (small, large, cleaning, visualisation, statistics):
        hold_credential(learner, achievement)
    awards_check(user=learner)
    names = _evidence_names(pathway, learner)
    assert "Large Course" in names and "Small Course" not in names
    assert len(names) == 4


def test_evidence_keeps_every_credential_of_a_total_restricted_to_some_achievements():
    held = [Held("a", "A", hours=50), Held("b", "B", hours=50), Held("c", "C", hours=50)]
    tree = AllOf((Credential("A"), MinTotal("hours", 60, among=frozenset({"A", "B"}))))
    assert evidence_ids(evaluate(tree, held), held) == ["a", "b"]


def test_evidence_covers_skills_with_the_fewest_credentials():
    held = [
        Held("a", "A", skills=frozenset({"s1"})),
        Held("b", "B", skills=frozenset({"s1", "s2"})),
        Held("c", "C", skills=frozenset({"s2"})),
    ]
    tree = AllOf((Skills(frozenset({"s1", "s2"})),))
    assert evidence_ids(evaluate(tree, held), held) == ["b"]


def test_evidence_narrative_is_bilingual_whatever_language_the_check_ran_in(
    pathway, cleaning, visualisation, statistics, learner
):
    for achievement in (cleaning, visualisation, statistics):
        hold_credential(learner, achievement)
    with translation.override("fr"):
        awards_check(user=learner)
    award = PathwayAward.objects.get(pathway=pathway, learner=learner)
    evidence = award.credential.document["evidence"][0]
    assert evidence["narrativeMap"]["en"] == "Counts toward the pathway “Data Analytics”."
    assert "Data Analytics (fr)" in evidence["narrativeMap"]["fr"]
    assert evidence.get("narrative", evidence["narrativeMap"]["en"]) == (
        "Counts toward the pathway “Data Analytics”."  # the college's primary language
    )


def test_next_steps_suggest_a_certificates_courses_never_the_certificate(
    college, pathway, goal, cleaning, visualisation, statistics, learner
):
    advanced_goal = achievement_make(organization=college, name="Advanced Certificate")
    machine_learning = achievement_make(organization=college, name="ML Foundations")
    advanced = pathway_make(
        organization=college, goal=advanced_goal, name="Advanced",
        groups=[("Stack", ALL, None, [goal, machine_learning])],
    )  # fmt: skip
    hold_credential(learner, cleaning)
    suggested = pathway_progress(pathway=advanced, user=learner).next_steps
    assert goal not in suggested and advanced_goal not in suggested
    assert machine_learning in suggested
    assert visualisation in suggested and statistics in suggested
    assert cleaning not in suggested  # already held
