"""Public pathway pages: anyone can read them, in English and French, and every
micro-credential page links to the pathways it stacks into (no dead ends)."""

from __future__ import annotations

from django.urls import reverse

from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup

from .conftest import achievement_make, pathway_make

LIST = "/pathways/"


def _detail(pathway):
    return reverse("pathways:detail", kwargs={"uuid": pathway.uuid})


def _achievement(achievement):
    return reverse("achievements:detail", kwargs={"uuid": achievement.uuid})


def test_urls_are_stable():
    assert reverse("pathways:list") == LIST
    uuid = "12345678-1234-1234-1234-123456789abc"
    assert reverse("pathways:detail", kwargs={"uuid": uuid}) == f"/pathways/{uuid}"  # no slash


def test_list_shows_published_pathways_with_institutions_goal_size_and_hours(client, pathway):
    pathway_make(organization=pathway.organization, goal=pathway.goal, name="Secret draft",
                 groups=[], status=Pathway.Status.DRAFT)  # fmt: skip
    page = client.get(LIST).content.decode()
    assert "Data Analytics" in page and "Secret draft" not in page
    assert "Certificate in Data Analytics" in page
    assert "Northern College" in page and "Southern College" in page
    assert "From 120 hours" in page  # 40 + 40 for "Core", the cheapest elective 40


def test_list_in_french(client, pathway):
    client.cookies["django_language"] = "fr"
    page = client.get(LIST).content.decode()
    assert '<html lang="fr">' in page
    assert "Data Analytics (fr)" in page and "Collège du Sud" in page


def test_detail_shows_goal_groups_equivalences_and_diagram_without_an_account(
    client, pathway, statistics, cleaning
):
    step = cleaning.pathway_steps.get()
    Equivalence.objects.create(step=step, achievement=statistics)
    Equivalence.objects.create(
        step=step, achievement_uri="https://other.example/achievements/sql",
        name="Intro to SQL", issuer_name="Open University",
    )  # fmt: skip
    response = client.get(_detail(pathway))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{_achievement(pathway.goal)}"' in page
    assert "All of: Core" in page and "At least 1 of: Electives" in page
    assert f'href="{_achievement(cleaning)}"' in page
    assert "Also accepted:" in page and "Intro to SQL (Open University)" in page
    assert "Statistics with R (Southern College)" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="pathway-diagram" role="img"' in page
    assert "The diagram as text" in page  # the text alternative beside it
    assert "Sign in" in page and "Your progress" in page


def test_detail_in_french(client, pathway):
    response = client.get(_detail(pathway), headers={"Accept-Language": "fr"})
    page = response.content.decode()
    assert '<html lang="fr">' in page and "Data Cleaning (fr)" in page


def test_drafts_are_404_and_retired_say_so(client, pathway):
    pathway.status = Pathway.Status.DRAFT
    pathway.save()
    assert client.get(_detail(pathway)).status_code == 404
    pathway.status = Pathway.Status.RETIRED
    pathway.save()
    page = client.get(_detail(pathway)).content.decode()
    assert "This pathway is retired" in page


def test_required_totals_and_skills_are_listed(client, pathway):
    pathway.min_hours = 150
    pathway.skills = [{"url": "http://data.europa.eu/esco/skill/abc",
                       "name": {"en": "analyse data", "fr": "analyser des données"}}]  # fmt: skip
    pathway.save()
    page = client.get(_detail(pathway)).content.decode()
    assert "At least 150 hours in total" in page and "analyse data" in page


def test_micro_credential_page_lists_the_pathways_it_stacks_into(client, pathway, statistics):
    page = client.get(_achievement(statistics)).content.decode()
    assert "Stacks into" in page
    assert f'href="{_detail(pathway)}"' in page
    goal_page = client.get(_achievement(pathway.goal)).content.decode()
    assert "This micro-credential is the goal of:" in goal_page
    assert f'href="{_detail(pathway)}"' in goal_page


def test_equivalent_micro_credential_also_links_to_the_pathway(client, pathway, college, cleaning):
    other = achievement_make(organization=college, name="Data Wrangling")
    Equivalence.objects.create(step=cleaning.pathway_steps.get(), achievement=other)
    assert f'href="{_detail(pathway)}"' in client.get(_achievement(other)).content.decode()


def test_draft_pathway_is_not_listed_on_micro_credential_pages(client, pathway, statistics):
    pathway.status = Pathway.Status.DRAFT
    pathway.save()
    assert "Stacks into" not in client.get(_achievement(statistics)).content.decode()


def test_catalogue_links_to_the_pathways(client, db):
    assert f'href="{LIST}"' in client.get("/achievements/").content.decode()


def test_any_group_is_labelled_any_1_of(client, pathway, statistics):
    group = PathwayGroup.objects.create(pathway=pathway, rule="any", position=3)
    group.steps.create(achievement=statistics)
    assert "Any 1 of" in client.get(_detail(pathway)).content.decode()
