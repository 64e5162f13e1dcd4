"""The registry: the bundled ESCO plus the frameworks operators imported, always current."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mixtape_site.skills import registry
from mixtape_site.skills.services import FRAMEWORK_ID_RESERVED, framework_import

from .conftest import NOC, OWN, OWN_SKILLS_CSV, PYTHON


def test_registry_holds_esco_first_then_imported_frameworks(noc, own_skills):
    everything = registry.frameworks()
    assert list(everything) == ["esco", "noc2021", "northern-skills"]
    assert everything["esco"].version == "1.1.1"
    assert everything["noc2021"].concepts[f"{NOC}21211"].labels == {
        "en": "Data scientists", "fr": "Scientifiques des données"
    }  # fmt: skip
    assert registry.framework("noc2021").attribution.startswith("Adapted from Statistics Canada")
    assert registry.framework("nothing") is None


def test_concept_is_found_in_whichever_framework_holds_it(noc, own_skills):
    assert registry.concept(PYTHON).framework == "esco"
    assert registry.concept(f"{NOC}13110").code == "13110"
    assert registry.concept(f"{OWN}d1").labels["fr"] == "Configurer un routeur domestique"
    assert registry.concept("https://nowhere.example/skill") is None


def test_reimporting_a_framework_replaces_it_everywhere(own_skills):
    assert registry.concept(f"{OWN}d2") is not None
    framework_import(
        id="northern-skills", name="Northern College skills (2026)",
        concepts_csv=OWN_SKILLS_CSV.replace("Wireless standards", "Wi-Fi standards"),
    )  # fmt: skip
    assert registry.framework("northern-skills").name == "Northern College skills (2026)"
    assert registry.concept(f"{OWN}d2").labels["en"] == "Wi-Fi standards"
    assert registry.framework("northern-skills").essential == {}  # no relations this time


def test_deleted_framework_leaves_the_registry(own_skills):
    own_skills.delete()
    assert registry.concept(f"{OWN}d1") is None
    assert list(registry.frameworks()) == ["esco"]


def test_the_bundled_esco_cannot_be_replaced(db):
    with pytest.raises(ValidationError) as error:
        framework_import(id="esco", name="Fake", concepts_csv=OWN_SKILLS_CSV)
    assert error.value.message_dict["id"] == [str(FRAMEWORK_ID_RESERVED)]
    assert registry.concept(PYTHON).labels["en"] == "Python (computer programming)"


def test_a_framework_broken_behind_the_services_back_is_left_out(own_skills, noc, caplog):
    type(own_skills).objects.filter(pk=own_skills.pk).update(
        concepts_csv="uri,kind,label_en\nhttps://x.example/1,nonsense,X\n",
        imported_at=own_skills.imported_at.replace(year=2000),
    )
    with caplog.at_level("ERROR", logger="mixtape_site.skills.registry"):
        assert list(registry.frameworks()) == ["esco", "noc2021"]
    assert "northern-skills cannot be read" in caplog.text
