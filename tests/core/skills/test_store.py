from __future__ import annotations

from mixtape.skills import Framework, category_of, load_framework

PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
SPREADSHEETS = "http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be"


def test_bundled_esco_has_the_readme_counts(esco: Framework) -> None:
    assert len(esco.of_kind("skill", "knowledge")) == 13_896
    assert len(esco.of_kind("occupation")) == 3_007


def test_relations_are_the_readme_count_less_an_obsolete_occupation(esco: Framework) -> None:
    # 67 of the 123,855 source rows name occupation a9e54177-…, an obsolete ESCO ID.
    pairs = sum(map(len, esco.essential.values())) + sum(map(len, esco.optional.values()))
    assert pairs == 123_855 - 67


def test_french_labels_cover_at_least_98_percent_of_skills(esco: Framework) -> None:
    skills = esco.of_kind("skill", "knowledge")
    assert sum(1 for c in skills if c.labels.get("fr")) / len(skills) >= 0.98


def test_load_framework_is_cached(esco: Framework) -> None:
    assert load_framework("esco") is esco
    assert "European Commission" in esco.attribution


def test_label_falls_back_to_english(esco: Framework) -> None:
    missing = next(c for c in esco.of_kind("skill") if "fr" not in c.labels)
    assert missing.label("fr") == missing.labels["en"]


def test_category_of_a_skill_is_its_pillar_group(esco: Framework) -> None:
    category = category_of(esco, SPREADSHEETS)
    assert category is not None
    assert (category.code, category.labels["en"]) == ("S5", "working with computers")


def test_category_of_knowledge_is_its_isced_field(esco: Framework) -> None:
    category = category_of(esco, PYTHON)
    assert category is not None
    assert category.labels["fr"] == "technologies de l’information et de la communication (tic)"
