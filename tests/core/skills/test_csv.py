from __future__ import annotations

import csv
import io

import pytest

from mixtape.errors import InvalidInputError
from mixtape.skills import (
    category_of,
    framework_from_csv,
    framework_to_csv,
    skills_in_text,
    suggest,
)

CONCEPTS = """uri,code,kind,label_en,label_fr,alt_en,alt_fr,broader
urn:x:g,G1,group,Digital skills,Compétences numériques,,,
urn:x:py,,skill,write Python scripts,écrire des scripts Python,Python|scripting,,urn:x:g
urn:x:dev,2174,occupation,software developer,développeur de logiciels,,,
"""
RELATIONS = """occupation_uri,skill_uri,relation
urn:x:dev,urn:x:py,essential
"""


def test_framework_from_csv_reads_concepts_and_relations() -> None:
    framework = framework_from_csv(
        CONCEPTS.splitlines(), id="mine", name="Mine", relations=RELATIONS.splitlines()
    )
    assert framework.concept("urn:x:py").alt_labels == {"en": ("Python", "scripting")}
    assert framework.essential == {"urn:x:dev": ("urn:x:py",)}
    assert framework.categories == frozenset({"urn:x:g"})
    category = category_of(framework, "urn:x:py")
    assert category is not None and category.label("fr") == "Compétences numériques"


def test_framework_csv_round_trip() -> None:
    framework = framework_from_csv(CONCEPTS.splitlines(), id="mine", name="Mine")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(framework_to_csv(framework))
    again = framework_from_csv(out.getvalue().splitlines(), id="mine", name="Mine")
    assert list(again.concepts.values()) == list(framework.concepts.values())


def test_imported_framework_is_searchable() -> None:
    framework = framework_from_csv(CONCEPTS.splitlines(), id="mine", name="Mine")
    assert suggest(framework, "scrits", language="fr")[0].concept.uri == "urn:x:py"
    assert (
        skills_in_text(framework, "Vous écrirez des scripts Python.")[0].concept.uri == "urn:x:py"
    )


def test_framework_from_csv_refuses_a_row_without_kind() -> None:
    with pytest.raises(InvalidInputError, match="line 2"):
        framework_from_csv(["uri,kind,label_en", "urn:x:a,,thing"], id="x", name="X")
