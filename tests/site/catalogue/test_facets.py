"""Facets: counted, combinable, shown as checkboxes, removable; no dead end without results."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from tests.site.catalogue.catalogue_data import DATA_ANALYST, PYTHON, STATISTICS

from mixtape_site.credentials.services import Recipient, credential_issue

CATALOGUE = reverse("achievements:catalogue")


def names(response: Any) -> list[str]:
    return sorted(a.name["en"] for a in response.context["achievements"])


def counts(response: Any, facet: str) -> dict[str, int]:
    found = next(f for f in response.context["result"].facets if f.name == facet)
    return {option.value: option.count for option in found.options}


def test_each_facet_narrows_the_results(client: Any, catalogue: Any) -> None:
    assert names(client.get(CATALOGUE, {"institution": "lakeshore"})) == [
        "Customer Service Excellence",
        "Project Management Essentials",
    ]
    assert names(client.get(CATALOGUE, {"skill": STATISTICS})) == ["Data Analysis with Python"]
    assert names(client.get(CATALOGUE, {"hours": "15"})) == ["Customer Service Excellence"]
    assert names(client.get(CATALOGUE, {"hours": "100+"})) == ["Machine Learning in Practice"]
    assert names(client.get(CATALOGUE, {"cost": "500"})) == ["Databases and SQL"]
    assert names(client.get(CATALOGUE, {"mode": "in_person"})) == ["Project Management Essentials"]
    assert names(client.get(CATALOGUE, {"language": "fr"})) == [
        "Customer Service Excellence",
        "Data Analysis with Python",
        "Machine Learning in Practice",
        "Project Management Essentials",
    ]
    assert names(client.get(CATALOGUE, {"noc": "21223"})) == [
        "Data Analysis with Python",
        "Databases and SQL",
    ]


def test_occupation_facet_uses_the_frameworks_essential_and_optional_skills(
    client: Any, catalogue: Any
) -> None:
    response = client.get(CATALOGUE, {"occupation": DATA_ANALYST})
    # Statistics and big data (essential), data mining (essential), spreadsheets (optional).
    assert names(response) == [
        "Data Analysis with Python",
        "Databases and SQL",
        "Machine Learning in Practice",
    ]
    assert "data analyst" in [a.label for a in response.context["result"].active]


def test_facets_combine_and_values_of_one_facet_are_alternatives(
    client: Any, catalogue: Any
) -> None:
    both_modes = client.get(CATALOGUE, {"mode": ["online", "hybrid"], "skill": PYTHON})
    assert names(both_modes) == ["Data Analysis with Python", "Machine Learning in Practice"]
    narrowed = client.get(CATALOGUE, {"mode": "online", "skill": PYTHON, "cost": "free"})
    assert names(narrowed) == ["Data Analysis with Python"]


def test_counts_say_how_many_results_each_option_would_give(client: Any, catalogue: Any) -> None:
    response = client.get(CATALOGUE, {"q": "data", "mode": "online"})
    assert names(response) == ["Data Analysis with Python", "Machine Learning in Practice"]
    # Other delivery modes count as if ticked too; other facets count within the results.
    assert counts(response, "mode") == {"online": 2, "hybrid": 1}
    assert counts(response, "cost") == {"free": 1, "500+": 1}
    assert counts(response, "institution") == {"northern-college": 2}
    assert counts(response, "skill")[PYTHON] == 2


def test_filters_are_accessible_checkboxes_and_removable(client: Any, catalogue: Any) -> None:
    response = client.get(CATALOGUE, {"q": "data", "mode": "online", "cost": "free"})
    page = response.content.decode()
    assert "<legend>Delivery mode</legend>" in page
    assert 'id="facet-mode-1" name="mode" value="online" checked' in page
    assert '<label for="facet-mode-1">Online' in page
    assert ">Apply</button>" in page
    assert 'href="?q=data&amp;cost=free"' in page  # remove "Online"
    assert 'href="?q=data&amp;mode=online"' in page  # remove "Free"
    assert "Remove filter" in page


def test_no_results_suggests_spellings_filters_to_drop_and_popular_ones(
    client: Any, catalogue: Any, issuer_staff: Any
) -> None:
    credential_issue(
        achievement=catalogue["projects"],
        recipient=Recipient(name="Ana", email="ana@example.org"),
        issued_by=issuer_staff,
    )
    response = client.get(CATALOGUE, {"q": "pyhton", "mode": "in_person"})
    near = response.context["near"]
    page = response.content.decode()
    assert names(response) == []
    assert "No published micro-credential matches your search." in page
    assert [a.label for a in near.spellings] == ["Python (computer programming)"]
    assert "Did you mean" in page and "Python (computer programming)" in page
    assert near.spellings[0].query.filters == {}  # with "In person" it would find nothing
    assert near.relaxed == []  # without "In person", "pyhton" still finds nothing
    assert near.popular[0] == catalogue["projects"]  # awarded most
    assert {a.name["en"] for a in near.similar} >= {"Data Analysis with Python"}


def test_no_results_because_of_a_filter_offers_to_remove_it(client: Any, catalogue: Any) -> None:
    response = client.get(CATALOGUE, {"q": "python", "mode": "in_person"})
    near = response.context["near"]
    assert [(a.label, a.count) for a in near.relaxed] == [("In person", 2)]
    assert 'href="?q=python"' in response.content.decode()
