"""Catalogue search in English and French: accent-insensitive, stemmed, ranked; sorting, paging."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from tests.site.catalogue.catalogue_data import make_achievement

from mixtape_site.achievements.catalogue_index import catalogue_index
from mixtape_site.achievements.services import achievement_retire

CATALOGUE = reverse("achievements:catalogue")


def names(response: Any, language: str = "en") -> list[str]:
    return [a.name[language] for a in response.context["achievements"]]


def test_search_without_accents_finds_french_text(client: Any, catalogue: Any) -> None:
    found = names(client.get(CATALOGUE, {"q": "donnees"}))
    assert "Data Analysis with Python" in found and "Databases and SQL" in found
    assert "Secret Draft on Data" not in found  # drafts are never public


def test_search_is_stemmed_in_french_and_english(client: Any, catalogue: Any) -> None:
    assert names(client.get(CATALOGUE, {"q": "analyses"})) == ["Data Analysis with Python"]
    assert names(client.get(CATALOGUE, {"q": "analysing"})) == ["Data Analysis with Python"]
    assert names(client.get(CATALOGUE, {"q": "gestion de projet"})) == [
        "Project Management Essentials"
    ]


def test_every_word_must_match_and_best_match_comes_first(client: Any, catalogue: Any) -> None:
    assert names(client.get(CATALOGUE, {"q": "python"})) == [
        "Data Analysis with Python",  # Python in its name and its description
        "Machine Learning in Practice",
    ]
    assert names(client.get(CATALOGUE, {"q": "python welding"})) == []


def test_search_reads_skill_labels_of_the_framework(client: Any, catalogue: Any) -> None:
    # "exploration de données" is ESCO's French label of the SQL course's "data mining" skill.
    assert names(client.get(CATALOGUE, {"q": "exploration"})) == ["Databases and SQL"]


def test_index_follows_changes_to_the_catalogue(client: Any, catalogue: Any, college: Any) -> None:
    assert names(client.get(CATALOGUE, {"q": "cybersecurity"})) == []
    make_achievement(college, name=("Cybersecurity Basics", "Cybersécurité de base"))
    assert names(client.get(CATALOGUE, {"q": "cybersécurité"})) == ["Cybersecurity Basics"]
    achievement_retire(achievement=catalogue["sql"])
    assert "Databases and SQL" not in names(client.get(CATALOGUE))
    assert len(catalogue_index().entries) == 5


def test_sorts_by_newest_name_hours_and_cost(client: Any, catalogue: Any) -> None:
    assert names(client.get(CATALOGUE))[0] == "Machine Learning in Practice"  # newest
    assert names(client.get(CATALOGUE, {"sort": "name"})) == sorted(
        names(client.get(CATALOGUE)), key=str.casefold
    )
    by_hours = client.get(CATALOGUE, {"sort": "hours"}).context["achievements"]
    assert [a.hours for a in by_hours] == [12, 30, 40, 60, 120]
    by_cost = client.get(CATALOGUE, {"sort": "cost"}).context["achievements"]
    assert [int(a.cost) for a in by_cost] == [0, 0, 350, 900, 1200]


def test_french_page_sorts_and_labels_in_french(client: Any, catalogue: Any) -> None:
    client.cookies["django_language"] = "fr"
    response = client.get(CATALOGUE, {"sort": "name"})
    page = response.content.decode()
    assert names(response, "fr")[0] == "Analyse de données avec Python"
    assert '<html lang="fr"' in page
    assert "statistiques" in page and "Polytechnique Lakeshore" in page  # facet labels


def test_unknown_sort_and_filter_values_are_ignored(client: Any, catalogue: Any) -> None:
    response = client.get(CATALOGUE, {"sort": "evil", "hours": "9999", "mode": "<script>"})
    assert response.status_code == 200
    assert len(names(response)) == 5
    assert "<script>" not in response.content.decode()


def test_pages_of_twenty_with_an_accessible_navigation(client: Any, college: Any) -> None:
    for n in range(25):
        make_achievement(college, name=(f"Course {n:02}", f"Cours {n:02}"), age_days=n)
    first = client.get(CATALOGUE, {"q": "course"})
    second = client.get(CATALOGUE, {"q": "course", "page": 2})
    assert len(names(first)) == 20 and names(second) == [f"Course {n}" for n in range(20, 25)]
    page = second.content.decode()
    assert "25 micro-credentials" in page
    assert 'aria-current="page"' in page and "?q=course&amp;page=1" in page
    assert names(client.get(CATALOGUE, {"q": "course", "page": "99"})) == names(second)


def test_empty_catalogue_answers_every_search(client: Any, db: None) -> None:
    assert "No micro-credential has been published yet." in client.get(CATALOGUE).content.decode()
    response = client.get(CATALOGUE, {"q": "pyhton", "sort": "relevance", "mode": "online"})
    assert response.status_code == 200 and names(response) == []
    assert response.context["near"].popular == []
