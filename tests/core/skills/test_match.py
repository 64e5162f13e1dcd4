from __future__ import annotations

from typing import Any

import pytest

from mixtape.skills import (
    Framework,
    UnknownConceptError,
    detect_language,
    occupation_skills,
    skill_gap,
    skills_in_text,
)

WEB_DEVELOPER = "http://data.europa.eu/esco/occupation/c40a2919-48a9-40ea-b506-1f34f693496d"


def _top(esco: Framework, posting: dict[str, Any], n: int) -> set[str]:
    return {m.concept.labels["en"] for m in skills_in_text(esco, posting["text"], limit=n)}


def test_skills_in_an_english_posting(esco: Framework, postings: dict[str, Any]) -> None:
    top = _top(esco, postings["en-truck-driver"], 5)
    assert {
        "road traffic laws",
        "supervise loading of cargo",
        "supervise unloading of cargo",
    } <= top


def test_skills_in_a_french_posting(esco: Framework, postings: dict[str, Any]) -> None:
    top = _top(esco, postings["fr-electricien"], 5)
    assert {
        "install electric switches",
        "install electricity sockets",
        "electrical wiring plans",
    } <= top


def test_language_is_detected_from_stop_words(postings: dict[str, Any]) -> None:
    assert {p["language"] for p in postings.values()} == {"en", "fr"}
    assert all(detect_language(p["text"]) == p["language"] for p in postings.values())


def test_occupation_skills_of_web_developer(esco: Framework) -> None:
    skills = occupation_skills(esco, WEB_DEVELOPER)
    assert "web programming" in {c.labels["en"] for c in skills.essential}
    assert "JavaScript" in {c.labels["en"] for c in skills.optional}
    assert len(skills.essential) == len(esco.essential[WEB_DEVELOPER])


def test_occupation_skills_refuses_an_unknown_uri(esco: Framework) -> None:
    with pytest.raises(UnknownConceptError):
        occupation_skills(esco, "http://example.org/nothing")


def test_skill_gap_counts_a_narrower_skill_as_covering_the_broader(esco: Framework) -> None:
    narrower = next(
        c for c in esco.of_kind("skill") if any(esco.concepts[b].kind == "skill" for b in c.broader)
    )
    broader = next(b for b in narrower.broader if esco.concepts[b].kind == "skill")
    gap = skill_gap(esco, [broader, narrower.uri], {narrower.uri})
    assert gap.covered == (broader, narrower.uri)
    assert gap.covered_by[broader] == narrower.uri
    reverse = skill_gap(esco, [narrower.uri], {broader})
    assert reverse.missing == (narrower.uri,)
