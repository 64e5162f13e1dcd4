"""The autocomplete: typo-tolerant, bilingual, across frameworks, as HTML and as JSON."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from .conftest import OWN, PYTHON


def test_a_typo_still_finds_python(client, db):
    response = client.get(reverse("skills:suggest"), {"q": "pyhton"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Python (computer programming)" in page
    assert f"uri={PYTHON.replace(':', '%3A').replace('/', '%2F')}" in page  # a link to its page


def test_french_query_shows_french_labels(client, db):
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("skills:suggest"), {"q": "programmation pyt"}).content.decode()
    assert "Python (programmation informatique)" in page


def test_no_match_says_so_instead_of_an_empty_box(client, db):
    page = client.get(reverse("skills:suggest"), {"q": "zzqxw"}).content.decode()
    assert escape("No skill matches “zzqxw”") in page


def test_json_lists_uri_label_framework_and_kind_and_may_be_cached(client, db):
    response = client.get(reverse("skills:suggest_json"), {"q": "pyhton", "lang": "fr"})
    assert response["Content-Type"] == "application/json"
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response.json()[0] == {
        "uri": PYTHON, "label": "Python (programmation informatique)",
        "framework": "ESCO", "kind": "knowledge",
    }  # fmt: skip


def test_json_includes_imported_skills_and_is_empty_without_a_query(client, own_skills):
    found = client.get(reverse("skills:suggest_json"), {"q": "router"}).json()
    assert {"uri": f"{OWN}d1", "label": "Configure a home router",
            "framework": "Northern College skills", "kind": "skill"} in found  # fmt: skip
    assert client.get(reverse("skills:suggest_json"), {"q": " "}).json() == []


def test_picker_results_are_checkboxes_and_ticked_skills_move_to_selected(client, db):
    response = client.get(reverse("skills:suggest"), {
        "q": "programming", "pick": "1", "skills": [PYTHON], "lang": "en",
    })  # fmt: skip
    page = response.content.decode()
    results, selected = page.split('<fieldset id="skill-selected"')
    assert 'type="checkbox" name="skills"' in results
    assert PYTHON not in results  # already selected: not offered twice
    assert 'hx-swap-oob="true"' in selected
    assert f'value="{PYTHON}" id="skill-selected-1" checked' in selected
    assert "Python (computer programming)" in selected


def test_picker_says_when_every_match_is_already_selected(client, db):
    page = client.get(reverse("skills:suggest"), {
        "q": "python", "pick": "1", "skills": [PYTHON],
    }).content.decode()  # fmt: skip
    assert escape("Every skill that matches “python” is already selected.") in page
