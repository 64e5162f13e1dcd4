"""English + French texts: OB 3.0 schema-valid and language-tagged in JSON-LD."""

from __future__ import annotations

import pytest

from mixtape.errors import InvalidInputError
from mixtape.model import (
    LANGUAGE_MAP_CONTEXT,
    Achievement,
    AchievementCredential,
    AchievementSubject,
    Criteria,
    Profile,
    schema_errors,
    text_in,
)


def _bilingual_credential() -> AchievementCredential:
    return AchievementCredential(
        id="urn:uuid:5b1c1f0e-0000-4000-8000-000000000002",
        issuer=Profile(
            id="https://example.edu/issuer",
            name={"en": "Example College", "fr": "Collège Exemple"},
        ),
        valid_from="2026-01-01T00:00:00Z",
        credential_subject=AchievementSubject(
            id="did:example:learner",
            achievement=Achievement(
                id="https://example.edu/achievements/py101",
                name={"en": "Python basics", "fr": "Bases de Python"},
                description={"en": "Writes small programs.", "fr": "Écrit de petits programmes."},
                criteria=Criteria(
                    narrative={"en": "Pass the project.", "fr": "Réussir le projet."}
                ),
            ),
        ),
    )


def test_bilingual_achievement_round_trips() -> None:
    credential = _bilingual_credential()
    document = credential.to_json()
    assert AchievementCredential.from_json(document) == credential
    assert AchievementCredential.from_json(document).to_json() == document


def test_bilingual_credential_passes_the_ob_schema_with_the_primary_language_as_string() -> None:
    document = _bilingual_credential().to_json()
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "Python basics"
    assert achievement["nameMap"] == {"en": "Python basics", "fr": "Bases de Python"}
    assert document["@context"][2] == LANGUAGE_MAP_CONTEXT
    assert schema_errors(document) == []


def test_bilingual_credential_canonicalizes_with_language_tagged_literals() -> None:
    jsonld = pytest.importorskip("mixtape.jsonld")
    nquads = jsonld.canonicalize(_bilingual_credential().to_json(), safe=True)
    for literal in (
        '"Python basics"@en',
        '"Bases de Python"@fr',
        '"Collège Exemple"@fr',
        '"Réussir le projet."@fr',
        '"Écrit de petits programmes."@fr',
    ):
        assert literal in nquads


def test_vc2_language_value_objects_are_read_as_a_language_map() -> None:
    profile = Profile.from_json(
        {
            "id": "https://example.edu/issuer",
            "type": ["Profile"],
            "name": [
                {"@value": "Example College", "@language": "en"},
                {"@value": "Collège Exemple", "@language": "fr"},
            ],
        }
    )
    assert profile.name == {"en": "Example College", "fr": "Collège Exemple"}


def test_text_in_falls_back_to_the_primary_language() -> None:
    text = {"en": "Python basics", "fr": "Bases de Python"}
    assert text_in(text, language="fr") == "Bases de Python"
    assert text_in(text, language="de") == "Python basics"
    assert text_in("Teamwork", language="fr") == "Teamwork"


def test_malformed_language_map_is_refused_with_its_location() -> None:
    with pytest.raises(InvalidInputError, match=r"^achievement\.nameMap: expected a language map"):
        AchievementSubject.from_json(
            {"type": ["AchievementSubject"], "achievement": {"name": "x", "nameMap": {"en": 1}}}
        )
