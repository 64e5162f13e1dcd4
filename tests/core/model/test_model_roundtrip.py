"""Reading and writing OB 3.0 documents loses nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mixtape.errors import InvalidInputError
from mixtape.model import (
    OB_V3P0_CONTEXT,
    VC_V2_CONTEXT,
    Achievement,
    AchievementCredential,
    AchievementSubject,
    Criteria,
    EndorsementCredential,
    Profile,
    schema_errors,
)

EXAMPLES = Path(__file__).parents[2] / "conformance" / "examples" / "ob-v3p0"
SPEC_EXAMPLES = sorted((EXAMPLES / "1edtech-spec").glob("*.json"))
VALIDATOR_SAMPLES = sorted((EXAMPLES / "1edtech-validator").rglob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _credential_class(
    document: dict[str, Any],
) -> type[AchievementCredential | EndorsementCredential]:
    types = document.get("type", [])
    return EndorsementCredential if "EndorsementCredential" in types else AchievementCredential


@pytest.mark.parametrize("path", SPEC_EXAMPLES + VALIDATOR_SAMPLES, ids=lambda p: p.name)
def test_every_conformance_example_round_trips(path: Path) -> None:
    document = _load(path)
    model = _credential_class(document).from_json(document)
    assert model.to_json() == document


def test_signed_sample_fields_are_typed() -> None:
    credential = AchievementCredential.from_json(_load(EXAMPLES / "1edtech-validator/simple.json"))
    assert isinstance(credential.issuer, Profile)
    assert credential.issuer.name == "Example Corp"
    subject = credential.credential_subject
    assert subject is not None and subject.achievement is not None
    assert subject.achievement.name == "Teamwork"
    assert subject.achievement.criteria is not None
    assert subject.achievement.criteria.narrative is not None


def test_full_example_keeps_alignment_and_results() -> None:
    credential = AchievementCredential.from_json(
        _load(EXAMPLES / "1edtech-spec/fullOpenBadge.json")
    )
    achievement = credential.credential_subject.achievement  # type: ignore[union-attr]
    assert achievement is not None and achievement.alignment and achievement.result_description
    assert all(alignment.target_url for alignment in achievement.alignment)
    assert credential.endorsement and credential.endorsement[0].credential_subject is not None


def test_unknown_extension_properties_are_kept() -> None:
    document = _load(EXAMPLES / "1edtech-validator/simple.json")
    document["credentialSubject"]["achievement"]["ext:badgeLevel"] = {"level": 3}
    model = AchievementCredential.from_json(document)
    assert model.credential_subject.achievement.extra == {"ext:badgeLevel": {"level": 3}}  # type: ignore[union-attr]
    assert model.to_json() == document


def test_single_object_evidence_stays_a_single_object() -> None:
    document = _load(EXAMPLES / "1edtech-validator/simple.json")
    document["evidence"] = {"id": "https://example.org/work", "type": ["Evidence"]}
    model = AchievementCredential.from_json(document)
    assert model.evidence is not None and len(model.evidence) == 1
    assert model.to_json() == document


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["credentialSubject"]["achievement"].__setitem__("criteria", "x"),
            "credentialSubject.achievement.criteria: expected an object",
        ),
        (
            lambda d: d["credentialSubject"].__setitem__("result", [{"type": ["Result"]}, 5]),
            "credentialSubject.result[1]: expected an object",
        ),
        (lambda d: d.__setitem__("issuer", 42), "issuer: expected a string or an object"),
        (
            lambda d: d["credentialSubject"]["achievement"].__setitem__("creditsAvailable", "1"),
            "credentialSubject.achievement.creditsAvailable: expected a number",
        ),
    ],
)
def test_wrong_json_types_name_their_location(mutate: Any, message: str) -> None:
    document = _load(EXAMPLES / "1edtech-validator/simple.json")
    mutate(document)
    with pytest.raises(InvalidInputError, match=f"^{re.escape(message)}$"):
        AchievementCredential.from_json(document)


def test_a_new_credential_has_the_contexts_in_order_and_passes_the_schema() -> None:
    credential = AchievementCredential(
        id="urn:uuid:5b1c1f0e-0000-4000-8000-000000000001",
        issuer=Profile(id="https://example.edu/issuer", name="Example College"),
        valid_from="2026-01-01T00:00:00Z",
        credential_subject=AchievementSubject(
            id="did:example:learner",
            achievement=Achievement(
                id="https://example.edu/achievements/1",
                name="Teamwork",
                description="Works well in a team.",
                criteria=Criteria(narrative="Nominated by peers."),
            ),
        ),
    )
    document = credential.to_json()
    assert document["@context"] == [VC_V2_CONTEXT, OB_V3P0_CONTEXT]
    assert "description" not in document  # None is omitted
    assert schema_errors(document) == []
    assert AchievementCredential.from_json(document) == credential
