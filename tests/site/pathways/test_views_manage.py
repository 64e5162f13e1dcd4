"""Issuer staff define pathways through the management pages: closed to other
organizations, clear about bad input, and publishing refuses a bad definition."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from mixtape_site.achievements import forms as achievement_forms
from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Membership
from mixtape_site.pathways import forms
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup

from .conftest import pathway_make


def _url(name, pathway, **kwargs):
    org = pathway.organization.slug
    return reverse(f"pathways:{name}", kwargs={"org": org, "uuid": pathway.uuid, **kwargs})


def _pathway_form(goal, /, **changes):
    data = {
        "name_en": "Cloud Operations",
        "name_fr": "Opérations infonuagiques",
        "description_en": "From support to operations.",
        "description_fr": "Du soutien aux opérations.",
        "goal": goal.pk,
        "approval": "automatic",
        "min_hours": "",
        "min_credits": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def draft(pathway):
    pathway.status = Pathway.Status.DRAFT
    pathway.save()
    return pathway


def test_create_add_groups_and_equivalence_then_publish(
    client, college, issuer_staff, second_college, goal, cleaning, visualisation, statistics
):
    client.force_login(issuer_staff)
    response = client.post(reverse("pathways:create", kwargs={"org": college.slug}),
                           _pathway_form(goal, partners=[second_college.pk]))  # fmt: skip
    pathway = Pathway.objects.get()
    assert response.status_code == 302 and response.url == _url("manage_detail", pathway)
    assert pathway.name == {"en": "Cloud Operations", "fr": "Opérations infonuagiques"}
    assert pathway.goal == goal and list(pathway.partners.all()) == [second_college]
    assert pathway.status == Pathway.Status.DRAFT

    core = {"name_en": "Core", "name_fr": "Tronc commun", "rule": "all",
            "achievements": [cleaning.pk, visualisation.pk]}  # fmt: skip
    assert client.post(_url("group_add", pathway), core).status_code == 302
    electives = {"rule": "at_least", "count": "1", "achievements": [statistics.pk]}
    assert client.post(_url("group_add", pathway), electives).status_code == 302
    groups = list(pathway.groups.all())
    assert [g.rule for g in groups] == ["all", "at_least"] and groups[1].count == 1
    assert [s.achievement for s in groups[0].steps.all()] == [cleaning, visualisation]

    step = groups[0].steps.get(achievement=cleaning)
    external = {"kind": "external", "achievement_uri": "https://open.example/a/sql",
                "name": "Intro to SQL", "issuer_name": "Open University"}  # fmt: skip
    response = client.post(_url("equivalence_add", pathway, step=step.pk), external)
    assert response.status_code == 302
    assert step.equivalences.get().name == "Intro to SQL"

    page = client.get(_url("manage_detail", pathway)).content.decode()
    assert "The definition has no problem" in page and "Intro to SQL (Open University)" in page
    response = client.post(_url("publish", pathway), follow=True)
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.PUBLISHED
    assert "The pathway is published" in response.content.decode()


def test_publishing_a_bad_definition_lists_every_problem_and_changes_nothing(
    client, issuer_staff, draft, statistics
):
    statistics.status = Achievement.Status.RETIRED  # a requirement on a retired credential
    statistics.save()
    PathwayGroup.objects.create(pathway=draft, position=2, rule="all")  # an empty requirement
    client.force_login(issuer_staff)
    confirm = client.get(_url("publish", draft)).content.decode()
    assert "It cannot be published yet" in confirm
    response = client.post(_url("publish", draft), follow=True)
    draft.refresh_from_db()
    assert draft.status == Pathway.Status.DRAFT and draft.published_at is None
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) >= 3  # the heading, then one message per problem
    assert any("Statistics with R" in message for message in shown)
    page = client.get(_url("manage_detail", draft)).content.decode()
    assert 'role="status"' in page and "problems to fix" in page


@pytest.mark.parametrize("name", ["manage_detail", "edit", "publish", "retire", "group_add"])
def test_pathway_pages_are_404_for_outsiders(client, outsider, pathway, name):
    client.force_login(outsider)
    assert client.get(_url(name, pathway)).status_code == 404
    assert client.post(_url(name, pathway)).status_code == 404


def test_another_organizations_pathway_is_404(client, pathway, second_college, second_staff, goal):
    pathway.partners.clear()
    client.force_login(second_staff)
    url = reverse("pathways:manage_detail", kwargs={"org": second_college.slug,
                                                    "uuid": pathway.uuid})  # fmt: skip
    assert client.get(url).status_code == 404
    group = pathway.groups.first()
    kwargs = {"org": second_college.slug, "uuid": pathway.uuid, "group": group.pk}
    move = reverse("pathways:group_move", kwargs=kwargs)
    assert client.post(move, {"direction": "down"}).status_code == 404
    list_page = client.get(reverse("pathways:manage_list", kwargs={"org": second_college.slug}))
    assert "Data Analytics" not in list_page.content.decode()


def test_a_group_of_another_pathway_is_404(client, issuer_staff, draft, college, goal, cleaning):
    other = pathway_make(organization=college, goal=goal, name="Other", status="draft",
                         groups=[("G", "all", None, [cleaning])])  # fmt: skip
    client.force_login(issuer_staff)
    foreign = other.groups.get()
    assert client.get(_url("group_edit", draft, group=foreign.pk)).status_code == 404
    assert client.post(_url("group_delete", draft, group=foreign.pk)).status_code == 404
    equivalence = Equivalence.objects.create(
        step=foreign.steps.get(), achievement_uri="https://x.example/a", name="X"
    )
    url = _url("equivalence_delete", draft, equivalence=equivalence.pk)
    assert client.post(url).status_code == 404
    assert Equivalence.objects.filter(pk=equivalence.pk).exists()


def test_partner_institution_staff_can_edit(client, draft, second_college, second_staff):
    draft.partners.add(second_college)
    client.force_login(second_staff)
    url = reverse("pathways:manage_detail", kwargs={"org": second_college.slug,
                                                    "uuid": draft.uuid})  # fmt: skip
    assert client.get(url).status_code == 200


BAD_PATHWAY = [
    ({"name_fr": ""}, "name_fr", forms.FRENCH_REQUIRED),
    ({"goal": ""}, "goal", forms.GOAL_REQUIRED),
    ({"approval": "never"}, "approval", forms.APPROVAL_REQUIRED),
    ({"min_hours": "0"}, "min_hours", forms.HOURS_INVALID),
    ({"min_credits": "lots"}, "min_credits", forms.CREDITS_INVALID),
    ({"skill_uris": "https://example.org/not-a-skill"}, "skill_uris",
     achievement_forms.SKILL_UNKNOWN % {"uri": "https://example.org/not-a-skill"}),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "message"), BAD_PATHWAY)
def test_bad_pathway_form_shows_linked_errors_and_keeps_what_was_typed(
    client, college, issuer_staff, goal, changes, field, message
):
    client.force_login(issuer_staff)
    response = client.post(reverse("pathways:create", kwargs={"org": college.slug}),
                           _pathway_form(goal, **changes))  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert escape(str(message)) in page
    assert f'id="id_{field}_error"' in page and 'aria-invalid="true"' in page
    assert "From support to operations." in page
    assert not Pathway.objects.exists()


def test_goal_must_be_one_of_our_published_micro_credentials(
    client, college, issuer_staff, statistics
):
    client.force_login(issuer_staff)
    response = client.post(reverse("pathways:create", kwargs={"org": college.slug}),
                           _pathway_form(statistics))  # fmt: skip
    assert response.status_code == 400 and "goal" in response.context["form"].errors


def test_group_form_errors_and_typed_choices_kept(client, issuer_staff, draft, statistics):
    client.force_login(issuer_staff)
    response = client.post(_url("group_add", draft), {"rule": "at_least", "count": "3",
                                                      "achievements": [statistics.pk]})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert escape(str(forms.COUNT_TOO_HIGH % {"count": 3, "chosen": 1})) in page
    assert f'value="{statistics.pk}" id="achievement-{statistics.pk}" checked' in page
    empty = client.post(_url("group_add", draft), {"rule": "all"})
    assert escape(str(forms.ACHIEVEMENTS_REQUIRED)) in empty.content.decode()
    assert 'id="id_achievements_error"' in empty.content.decode()
    assert draft.groups.count() == 2


def test_group_choices_come_from_every_institution_grouped(client, issuer_staff, draft):
    client.force_login(issuer_staff)
    page = client.get(_url("group_add", draft)).content.decode()
    assert "<legend>Northern College</legend>" in page
    assert "<legend>Southern College</legend>" in page
    assert "Certificate in Data Analytics" not in page.split("<form")[1]  # not its own goal


def test_edit_group_move_and_delete(client, issuer_staff, draft, statistics, cleaning):
    client.force_login(issuer_staff)
    core, electives = draft.groups.all()
    edit = {"name_en": "Options", "name_fr": "Options", "rule": "any",
            "achievements": [statistics.pk, cleaning.pk]}  # fmt: skip
    assert client.post(_url("group_edit", draft, group=electives.pk), edit).status_code == 302
    electives.refresh_from_db()
    assert electives.rule == "any" and electives.steps.count() == 2
    client.post(_url("group_move", draft, group=electives.pk), {"direction": "up"})
    assert list(draft.groups.all()) == [electives, core]
    assert "Delete this requirement group?" in client.get(
        _url("group_delete", draft, group=core.pk)).content.decode()  # fmt: skip
    client.post(_url("group_delete", draft, group=core.pk))
    assert list(draft.groups.all()) == [electives]


def test_equivalence_form_requires_its_parts_and_removal_works(client, issuer_staff, draft):
    client.force_login(issuer_staff)
    step = draft.groups.first().steps.first()
    response = client.post(_url("equivalence_add", draft, step=step.pk), {"kind": "external"})
    page = response.content.decode()
    assert response.status_code == 400
    assert escape(str(forms.URI_REQUIRED)) in page and escape(str(forms.NAME_REQUIRED)) in page
    response = client.post(_url("equivalence_add", draft, step=step.pk), {"kind": "platform"})
    assert escape(str(forms.EQUIVALENT_REQUIRED)) in response.content.decode()
    equivalence = Equivalence.objects.create(step=step, achievement_uri="https://x.example/a",
                                             name="X")  # fmt: skip
    client.post(_url("equivalence_delete", draft, equivalence=equivalence.pk))
    assert not Equivalence.objects.exists()


def test_changes_need_post(client, issuer_staff, draft):
    client.force_login(issuer_staff)
    group = draft.groups.first()
    assert client.get(_url("group_move", draft, group=group.pk)).status_code == 405
    client.get(_url("publish", draft))
    client.get(_url("group_delete", draft, group=group.pk))
    draft.refresh_from_db()
    assert draft.status == Pathway.Status.DRAFT and draft.groups.count() == 2


def test_retire_a_published_pathway(client, issuer_staff, pathway):
    client.force_login(issuer_staff)
    assert "Retire this pathway?" in client.get(_url("retire", pathway)).content.decode()
    client.post(_url("retire", pathway))
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.RETIRED
    response = client.get(_url("edit", pathway), follow=True)
    assert "A retired pathway can no longer be changed." in response.content.decode()


def test_manage_pages_render_in_french(client, issuer_staff, draft):
    client.force_login(issuer_staff)
    client.cookies["django_language"] = "fr"
    for name in ("manage_detail", "edit", "group_add"):
        assert '<html lang="fr">' in client.get(_url(name, draft)).content.decode()


def test_dashboard_links_to_pathways(client, college, issuer_staff):
    client.force_login(issuer_staff)
    page = client.get(reverse("organizations:dashboard", kwargs={"org": college.slug}))
    assert reverse("pathways:manage_list", kwargs={"org": college.slug}) in page.content.decode()


def test_issuer_role_is_enough_but_membership_is_needed(client, draft, college, outsider):
    Membership.objects.create(organization=college, user=outsider, role=Membership.Role.ISSUER)
    client.force_login(outsider)
    assert client.get(_url("manage_detail", draft)).status_code == 200
