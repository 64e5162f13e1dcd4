"""Realistic OB 3.0 documents shared by the interop tests and the benchmark."""

from __future__ import annotations

from typing import Any

from mixtape.model.text import LANGUAGE_MAP_CONTEXT

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
VALID_FROM = "2024-09-01T08:00:00Z"


def _bilingual(prop: str, english: str, french: str, *, value_objects: bool) -> dict[str, Any]:
    # Mixtape writes `name` + `nameMap`; VC 2.0 §11.1 writes value objects.
    # Both must survive canonicalization identically on both sides.
    if value_objects:
        return {
            prop: [{"@value": english, "@language": "en"}, {"@value": french, "@language": "fr"}]
        }
    return {prop: english, f"{prop}Map": {"en": english, "fr": french}}


def achievement_credential(*, issuer: str, value_objects: bool = False) -> dict[str, Any]:
    """A bilingual AchievementCredential with alignment, result and evidence."""
    achievement = {
        "id": "https://issuer.example/achievements/python-basics",
        "type": ["Achievement"],
        "achievementType": "Course",
        **_bilingual(
            "name", "Python basics", "Bases de Python – niveau 1", value_objects=value_objects
        ),
        **_bilingual(
            "description",
            "Writes small programs with functions and tests.",
            "Écrit de petits programmes avec des fonctions et des tests.",
            value_objects=value_objects,
        ),
        "criteria": _bilingual(
            "narrative",
            "Pass the final project.",
            "Réussir le projet final.",
            value_objects=value_objects,
        ),
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": "Programming fundamentals",
                "targetUrl": "https://framework.example/skills/prog-101",
                "targetFramework": "Example Skills Framework",
                "targetType": "ceasn:Competency",
            }
        ],
        "resultDescription": [
            {
                "id": "urn:uuid:2f1d3ab0-6c1d-4d7e-9a55-8f0c7c6f6a01",
                "type": ["ResultDescription"],
                "name": "Final grade",
                "resultType": "LetterGrade",
                "allowedValue": ["A", "B", "C", "D"],
            }
        ],
    }
    context: list[Any] = [VC2, OB3] if value_objects else [VC2, OB3, LANGUAGE_MAP_CONTEXT]
    return {
        "@context": context,
        "id": "urn:uuid:7b4c2b8e-2a63-4a0b-9c1e-3f0e9d4b5a10",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer,
            "type": ["Profile"],
            "name": "Université Exemple / Example University",
        },
        "validFrom": VALID_FROM,
        "name": "Python basics",
        "credentialSubject": {
            "id": "did:example:learner-0042",
            "type": ["AchievementSubject"],
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": "urn:uuid:2f1d3ab0-6c1d-4d7e-9a55-8f0c7c6f6a01",
                    "value": "A",
                }
            ],
        },
        "evidence": [
            {
                "id": "https://learner.example/projects/final",
                "type": ["Evidence"],
                "name": "Final project repository",
                "narrative": "Élève : a écrit un analyseur CSV avec 95 % de couverture.",
            }
        ],
    }


def endorsement_credential(*, issuer: str, endorsed: str) -> dict[str, Any]:
    """An EndorsementCredential about `endorsed` (an achievement or a profile)."""
    return {
        "@context": [VC2, OB3],
        "id": "urn:uuid:0c5d8f3e-5e2b-4f7c-8d7a-1b9e2c3d4f50",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "issuer": {
            "id": issuer,
            "type": ["Profile"],
            "name": "Ordre des ingénieurs / Engineering Board",
        },
        "validFrom": VALID_FROM,
        "name": "Endorsement of Python basics",
        "credentialSubject": {
            "id": endorsed,
            "type": ["EndorsementSubject"],
            "endorsementComment": "Programme conforme au référentiel / meets the framework.",
        },
    }
