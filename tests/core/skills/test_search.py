from __future__ import annotations

from mixtape.skills import Framework, find_occupations, suggest
from mixtape.skills.text import normalize

PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_suggest_corrects_a_typo(esco: Framework) -> None:
    found = suggest(esco, "pyhton", language="en")
    assert found[0].concept.uri == PYTHON
    assert found[0].fuzzy


def test_suggest_finds_french_labels_and_shows_them(esco: Framework) -> None:
    found = suggest(esco, "programmation Python", language="fr")
    assert found[0].concept.uri == PYTHON
    assert found[0].label == "Python (programmation informatique)"


def test_suggest_ignores_accents(esco: Framework) -> None:
    found = suggest(esco, "credit", language="fr", limit=5)
    assert found
    assert "crédit" in found[0].matched
    assert all("credit" in normalize(s.matched) for s in found)


def test_suggest_prefers_whole_label_prefixes(esco: Framework) -> None:
    assert suggest(esco, "comptab", language="fr")[0].label == "comptabilité"


def test_suggest_of_nothing_is_empty(esco: Framework) -> None:
    assert suggest(esco, "  ", language="en") == []


def test_find_occupations_in_french(esco: Framework) -> None:
    found = find_occupations(esco, "développeur web", language="fr")
    assert found[0].concept.labels["en"] == "web developer"
