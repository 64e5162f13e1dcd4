"""The catalogue finds pathways too: same words, same languages, institution and skill facets."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.site.pathways.conftest import achievement_make, pathway_make

from mixtape_site.achievements.catalogue_pathways import PATHWAY_CARDS
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import Pathway, PathwayGroup

CATALOGUE = reverse("achievements:catalogue")
SQL = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"


def _organization(slug: str, name: str) -> Organization:
    return Organization.objects.create(
        slug=slug,
        name={"en": name, "fr": name},
        kind=Organization.Kind.INSTITUTION,
        url=f"https://{slug}.example",
        email=f"registrar@{slug}.example",
    )


def _pathway(organization: Organization, name: tuple[str, str], **fields: Any) -> Pathway:
    goal = achievement_make(organization=organization, name=f"Certificate: {name[0]}")
    step = achievement_make(organization=organization, name="Spreadsheet Basics", hours=12)
    pathway = pathway_make(
        organization=organization,
        goal=goal,
        groups=[("", PathwayGroup.Rule.ALL, None, [step])],
        name=name[0],
        **fields,
    )
    pathway.name = {"en": name[0], "fr": name[1]}
    pathway.description = {"en": "", "fr": ""}
    pathway.save()
    return pathway


@pytest.fixture
def analytics(college: Organization) -> Pathway:
    return _pathway(college, ("Data Analytics", "Analytique des données"))


@pytest.fixture
def carpentry(db: None) -> Pathway:
    return _pathway(_organization("woodworks", "Woodworks Institute"), ("Carpentry", "Menuiserie"))


def found(client: Any, **params: Any) -> list[str]:
    """The English names of the pathways the catalogue shows for ``params``."""
    response = client.get(CATALOGUE, params)
    return [s.pathway.name["en"] for s in response.context["result"].pathways.summaries]


@pytest.mark.parametrize("words", ["analytics", "data analytics", "Analytics DATA"])
def test_english_search_finds_the_published_pathway(client, analytics, carpentry, words):
    assert found(client, q=words) == ["Data Analytics"]


@pytest.mark.parametrize("words", ["analytique", "données", "donnees", "DONNÉES analytiques"])
def test_french_search_is_stemmed_and_accent_insensitive(client, analytics, carpentry, words):
    assert found(client, q=words) == ["Data Analytics"]


def test_search_also_reads_the_goal_and_the_steps(client, analytics, carpentry):
    assert set(found(client, q="spreadsheet basics")) == {"Carpentry", "Data Analytics"}
    assert found(client, q="certificate carpentry") == ["Carpentry"]


def test_pathway_card_names_its_goal_institutions_size_and_hours(client, analytics):
    page = client.get(CATALOGUE, {"q": "analytics"}).content.decode()
    assert f'href="{reverse("pathways:detail", kwargs={"uuid": analytics.uuid})}"' in page
    assert "Certificate: Data Analytics" in page and "Northern College" in page
    assert "From 12 hours" in page


def test_pathway_name_shows_in_the_readers_language(client, analytics):
    page = client.get(CATALOGUE, {"q": "analytics"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Analytique des données" in page


def test_unfiltered_first_page_shows_the_pathways(client, analytics, carpentry):
    assert set(found(client)) == {"Data Analytics", "Carpentry"}


def test_search_without_a_matching_pathway_shows_no_block(client, analytics):
    response = client.get(CATALOGUE, {"q": "welding"})
    assert response.context["result"].pathways.count == 0
    assert 'id="catalogue-pathways-title"' not in response.content.decode()


def test_draft_and_retired_pathways_never_show(client, college):
    _pathway(college, ("Analytics Draft", "Brouillon"), status=Pathway.Status.DRAFT)
    _pathway(college, ("Analytics Retired", "Retiré"), status=Pathway.Status.RETIRED)
    assert found(client, q="analytics") == []
    assert found(client) == []


def test_institution_facet_keeps_pathways_it_owns_or_co_defines(client, college, analytics):
    partnered = _pathway(_organization("southern", "Southern College"), ("Data Science", "Science"))
    partnered.partners.add(college)
    _pathway(_organization("eastern", "Eastern College"), ("Data Engineering", "Génie"))
    assert set(found(client, institution="northern-college")) == {"Data Analytics", "Data Science"}
    assert found(client, institution="eastern") == ["Data Engineering"]


def test_skill_facet_keeps_pathways_whose_steps_teach_the_skill(client, college, analytics):
    goal = achievement_make(organization=college, name="Certificate in Databases")
    step = achievement_make(
        organization=college,
        name="Querying with SQL",
        skills=[{"url": SQL, "name": {"en": "SQL", "fr": "SQL"}}],
    )
    pathway_make(
        organization=college,
        goal=goal,
        groups=[("", PathwayGroup.Rule.ALL, None, [step])],
        name="Databases",
    )
    assert found(client, skill=SQL) == ["Databases"]


def test_filters_pathways_lack_hide_the_pathway_block(client, analytics):
    assert found(client, cost="free") == []


def test_a_newly_published_pathway_is_found_at_once(client, college, analytics):
    assert found(client, q="menuiserie") == []
    draft = _pathway(college, ("Carpentry", "Menuiserie"), status=Pathway.Status.DRAFT)
    assert found(client, q="menuiserie") == []
    draft.status = Pathway.Status.PUBLISHED
    draft.save()
    assert found(client, q="menuiserie") == ["Carpentry"]


def _queries(client: Any) -> int:
    client.get(CATALOGUE, {"q": "analytics"})  # (re)builds the indexes
    with CaptureQueriesContext(connection) as queries:
        client.get(CATALOGUE, {"q": "analytics"})
    return len(queries)


def test_more_pathways_cost_no_more_queries(client, college, analytics):
    before = _queries(client)
    for number in range(6):
        _pathway(college, (f"Analytics {number}", f"Analytique {number}"))
    assert _queries(client) == before
    assert len(found(client, q="analytics")) == PATHWAY_CARDS
