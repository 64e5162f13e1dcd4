"""The catalogue as open data: JSON-LD (OB 3.0 Achievements) and CSV, filters applied."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.urls import reverse
from tests.site.catalogue.catalogue_data import DATA_ANALYSIS, PYTHON

from mixtape.model.credential import OB_V3P0_CONTEXT

JSONLD = reverse("achievements:catalogue_jsonld")
CSV = reverse("achievements:catalogue_csv")


def test_urls_are_stable_and_linked_from_the_catalogue(client: Any, catalogue: Any) -> None:
    assert (JSONLD, CSV) == ("/achievements.jsonld", "/achievements.csv")
    page = client.get(reverse("achievements:catalogue"), {"mode": "online"}).content.decode()
    assert 'href="/achievements.jsonld?mode=online"' in page
    assert 'href="/achievements.csv?mode=online"' in page


def test_jsonld_lists_ob3_achievements_of_the_filtered_catalogue(
    client: Any, catalogue: Any
) -> None:
    response = client.get(JSONLD, {"skill": PYTHON, "sort": "name"})
    document = json.loads(response.content)
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert OB_V3P0_CONTEXT in document["@context"]
    graph = document["@graph"]
    assert [a["name"] for a in graph] == [
        "Data Analysis with Python",
        "Machine Learning in Practice",
    ]
    first = graph[0]
    assert "Achievement" in first["type"]
    assert first["achievementType"] == "MicroCredential"
    assert first["nameMap"]["fr"] == "Analyse de données avec Python"
    assert first["id"].endswith(f"/achievements/{catalogue['analysis'].uuid}")
    assert DATA_ANALYSIS in [a["targetUrl"] for a in first["alignment"]]
    assert all("@context" not in a for a in graph)


def test_empty_jsonld_still_names_its_vocabulary(client: Any, catalogue: Any) -> None:
    document = json.loads(client.get(JSONLD, {"q": "welding"}).content)
    assert document["@graph"] == [] and OB_V3P0_CONTEXT in document["@context"]


def test_csv_has_one_row_per_micro_credential_with_framework_fields(
    client: Any, catalogue: Any
) -> None:
    response = client.get(CSV, {"institution": "northern-college", "sort": "hours"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    assert [r["name_en"] for r in rows] == [
        "Databases and SQL",
        "Data Analysis with Python",
        "Machine Learning in Practice",
    ]
    sql = rows[0]
    assert sql["hours"] == "30" and sql["cost_cad"] == "350.00"
    assert sql["delivery_mode"] == "hybrid" and sql["languages"] == "en"
    assert sql["noc_codes"] == "21223" and sql["issuer"] == "Northern College"
    assert sql["id"].endswith(f"/achievements/{catalogue['sql'].uuid}")
    analysis = rows[1]
    assert analysis["skills"].split("|")[:2] == [DATA_ANALYSIS, PYTHON]
    assert analysis["name_fr"] == "Analyse de données avec Python"


def test_csv_defuses_spreadsheet_formulas(client: Any, catalogue: Any) -> None:
    analysis = catalogue["analysis"]
    analysis.name = {"en": '=HYPERLINK("http://evil")', "fr": "Analyse"}
    analysis.save()
    rows = list(csv.DictReader(io.StringIO(client.get(CSV).content.decode("utf-8"))))
    assert '\'=HYPERLINK("http://evil")' in [r["name_en"] for r in rows]
