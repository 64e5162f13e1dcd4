"""Defining pathways: early refusals field by field, and whole-definition checks on publish."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.site.pathways.conftest import achievement_make, pathway_make

from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways import definitions, services
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@pytest.fixture
def draft(college, goal, issuer_staff):
    return services.pathway_create(
        organization=college,
        data={"name": {"en": "Analytics", "fr": "Analytique"}, "goal": goal},
        created_by=issuer_staff,
    )


def test_create_makes_a_draft_with_partners_but_never_the_owner_as_partner(
    college, second_college, goal, issuer_staff
):
    pathway = services.pathway_create(
        organization=college,
        data={"name": {"en": "Analytics"}, "goal": goal, "partners": [college, second_college]},
        created_by=issuer_staff,
    )
    assert pathway.status == Pathway.Status.DRAFT
    assert list(pathway.partners.all()) == [second_college]


@pytest.mark.parametrize("kind", ["other organization", "draft"])
def test_the_goal_must_be_a_published_micro_credential_of_the_owner(
    kind, college, second_college, issuer_staff
):
    if kind == "draft":
        goal = achievement_make(organization=college, name="G", status=Achievement.Status.DRAFT)
    else:
        goal = achievement_make(organization=second_college, name="G")
    with pytest.raises(ValidationError) as caught:
        services.pathway_create(
            organization=college, data={"name": {"en": "X"}, "goal": goal}, created_by=issuer_staff
        )
    assert caught.value.message_dict == {"goal": [str(services.GOAL_INVALID)]}
    assert not Pathway.objects.exists()


def test_group_save_creates_and_replaces_steps_keeping_equivalences(
    draft, cleaning, visualisation, statistics
):
    group = services.group_save(
        pathway=draft, name={"en": "Core"}, rule="all", count=None,
        achievements=[cleaning, visualisation],
    )  # fmt: skip
    step = group.steps.get(achievement=cleaning)
    Equivalence.objects.create(step=step, achievement_uri="https://x.example/a", name="A")
    services.group_save(
        pathway=draft, group=group, name={"en": "Core"}, rule="at_least", count=1,
        achievements=[statistics, cleaning],
    )  # fmt: skip
    assert [s.achievement for s in group.steps.order_by("position")] == [statistics, cleaning]
    assert group.steps.get(achievement=cleaning).equivalences.count() == 1
    group.refresh_from_db()
    assert (group.rule, group.count) == ("at_least", 1)


@pytest.mark.parametrize(
    ("rule", "count", "which", "field", "expected"),
    [
        ("at_least", None, "two", "count", services.COUNT_REQUIRED),
        ("all", None, "none", "achievements", services.GROUP_NEEDS_ACHIEVEMENT),
        ("at_least", 3, "two", "count",
         definitions.GROUP_COUNT_TOO_HIGH % {"group": "Group “Electives”", "count": 3, "total": 2}),
        ("all", None, "goal", "achievements",
         services.GOAL_IN_GROUP % {"goal": "Certificate in Data Analytics"}),
    ],
)  # fmt: skip
def test_group_save_refuses_early_what_it_can_check(
    rule, count, which, field, expected, draft, cleaning, visualisation, goal
):
    chosen = {"two": [cleaning, visualisation], "none": [], "goal": [cleaning, goal]}[which]
    with pytest.raises(ValidationError) as caught:
        services.group_save(
            pathway=draft, name={"en": "Electives"}, rule=rule, count=count, achievements=chosen
        )
    assert caught.value.message_dict == {field: [str(expected)]}
    assert not draft.groups.exists()


def test_another_institutions_draft_cannot_be_chosen(draft, second_college):
    private = achievement_make(
        organization=second_college, name="Secret", status=Achievement.Status.DRAFT
    )
    with pytest.raises(ValidationError) as caught:
        services.group_save(pathway=draft, name={}, rule="all", count=None, achievements=[private])
    expected = services.ACHIEVEMENT_UNAVAILABLE % {"name": "Secret"}
    assert caught.value.message_dict == {"achievements": [str(expected)]}


def test_publish_refuses_an_empty_pathway(draft):
    with pytest.raises(ValidationError) as caught:
        services.pathway_publish(pathway=draft)
    assert _messages(caught.value) == [str(definitions.NO_REQUIREMENT)]
    draft.refresh_from_db()
    assert draft.status == Pathway.Status.DRAFT


def test_publish_names_the_group_and_the_retired_micro_credential(draft, cleaning):
    services.group_save(pathway=draft, name={"en": "Core"}, rule="all", count=None,
                        achievements=[cleaning])  # fmt: skip
    Achievement.objects.filter(pk=cleaning.pk).update(status=Achievement.Status.RETIRED)
    with pytest.raises(ValidationError) as caught:
        services.pathway_publish(pathway=draft)
    expected = definitions.STEP_RETIRED % {"group": "Group “Core”", "name": "Data Cleaning"}
    assert _messages(caught.value) == [str(expected)]
    assert (
        expected == "Group “Core”: “Data Cleaning” is retired; choose a current micro-credential."
    )


def test_publish_refuses_a_draft_step_of_the_owner(draft, college):
    mine = achievement_make(organization=college, name="Soon", status=Achievement.Status.DRAFT)
    services.group_save(pathway=draft, name={}, rule="all", count=None, achievements=[mine])
    with pytest.raises(ValidationError) as caught:
        services.pathway_publish(pathway=draft)
    expected = definitions.STEP_DRAFT % {"group": "Group 1", "name": "Soon"}
    assert _messages(caught.value) == [str(expected)]


def test_publish_refuses_a_cycle_through_another_published_pathway(pathway, college, goal):
    diploma_goal = achievement_make(organization=college, name="Diploma")
    pathway_make(organization=college, goal=diploma_goal, name="Diploma",
                 groups=[("Certificates", "all", None, [goal])])  # fmt: skip
    loop = pathway_make(organization=college, goal=goal, name="Loop", status="draft",
                        groups=[("Top", "all", None, [diploma_goal])])  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.pathway_publish(pathway=loop)
    expected = definitions.STEP_CYCLE % {
        "goal": "Certificate in Data Analytics", "name": "Diploma"
    }  # fmt: skip
    assert _messages(caught.value) == [str(expected)]
    assert str(expected) == (
        "“Certificate in Data Analytics” would require itself: a step leads back to the goal "
        "through “Diploma”."
    )


def test_definition_problems_reports_an_impossible_count_and_an_empty_group(
    college, goal, cleaning, visualisation
):
    bad = pathway_make(organization=college, goal=goal, status="draft", groups=[
        ("Electives", PathwayGroup.Rule.AT_LEAST, 3, [cleaning, visualisation]),
        ("", PathwayGroup.Rule.ALL, None, []),
    ])  # fmt: skip
    assert services.definition_problems(pathway=bad) == [
        "Group “Electives” asks for 3 of 2 micro-credentials.",
        str(definitions.GROUP_EMPTY % {"group": "Group 2"}),
    ]


def test_publish_then_retire(draft, cleaning):
    services.group_save(pathway=draft, name={}, rule="all", count=None, achievements=[cleaning])
    published = services.pathway_publish(pathway=draft)
    assert published.status == Pathway.Status.PUBLISHED and published.published_at
    with pytest.raises(ValidationError):
        services.pathway_publish(pathway=draft)
    assert services.pathway_retire(pathway=draft).status == Pathway.Status.RETIRED
    with pytest.raises(ValidationError) as caught:
        services.pathway_retire(pathway=draft)
    assert _messages(caught.value) == [str(services.ONLY_PUBLISHED_RETIRED)]


def test_a_change_that_would_break_a_published_pathway_is_refused_and_rolled_back(pathway):
    only_group = pathway.groups.get(name__en="Electives")
    services.group_delete(group=only_group)  # two groups remain valid with one
    core = pathway.groups.get()
    with pytest.raises(ValidationError) as caught:
        services.group_delete(group=core)
    assert _messages(caught.value) == [str(definitions.NO_REQUIREMENT)]
    assert pathway.groups.count() == 1


def test_group_move_reorders_groups(pathway):
    electives = pathway.groups.get(name__en="Electives")
    services.group_move(group=electives, offset=-1)
    assert [g.name["en"] for g in pathway.groups.order_by("position")] == ["Electives", "Core"]
    services.group_move(group=electives, offset=5)
    assert [g.name["en"] for g in pathway.groups.order_by("position")] == ["Core", "Electives"]


def test_equivalences_platform_or_external_never_both_nor_the_step_itself(
    pathway, cleaning, statistics
):
    step = pathway.groups.get(name__en="Core").steps.get(achievement=cleaning)
    with pytest.raises(ValidationError) as caught:
        services.equivalence_add(
            step=step, achievement=statistics, achievement_uri="https://x.example/a"
        )
    assert caught.value.message_dict == {"achievement": [str(services.EQUIVALENCE_ONE_OF)]}
    with pytest.raises(ValidationError) as caught:
        services.equivalence_add(step=step, achievement_uri="https://x.example/a")
    assert caught.value.message_dict == {"name": [str(services.EQUIVALENCE_NAME_REQUIRED)]}
    with pytest.raises(ValidationError) as caught:
        services.equivalence_add(step=step, achievement=cleaning)
    assert caught.value.message_dict == {"achievement": [str(services.EQUIVALENCE_IS_STEP)]}
    services.equivalence_add(step=step, achievement=statistics)
    external = services.equivalence_add(
        step=step, achievement_uri=" https://x.example/a ", name="Tidy", issuer_name="X Academy"
    )
    assert external.achievement_uri == "https://x.example/a"
    with pytest.raises(ValidationError) as caught:
        services.equivalence_add(step=step, achievement_uri="https://x.example/a", name="Tidy")
    assert _messages(caught.value) == [str(services.EQUIVALENCE_TWICE)]
    services.equivalence_delete(equivalence=external)
    assert step.equivalences.count() == 1


def test_update_changes_fields_and_partners(draft, second_college):
    services.pathway_update(
        pathway=draft,
        data={"approval": "review", "min_hours": 80, "partners": [second_college],
              "skills": [{"url": "http://data.europa.eu/esco/skill/x", "name": {"en": "X"}}]},
    )  # fmt: skip
    draft.refresh_from_db()
    assert (draft.approval, draft.min_hours) == ("review", 80)
    assert list(draft.partners.all()) == [second_college]
    with pytest.raises(ValidationError) as caught:
        services.pathway_update(pathway=draft, data={"skills": [{"name": "no url"}]})
    assert caught.value.message_dict == {"skills": [str(services.SKILL_INVALID)]}
