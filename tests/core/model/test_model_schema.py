"""Validation against the official OB 3.0 JSON Schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mixtape.errors import InvalidInputError, SchemaError
from mixtape.model import schema_check, schema_errors, validate

CONFORMANCE = Path(__file__).parents[2] / "conformance"
EXAMPLES = CONFORMANCE / "examples"
SAMPLES = EXAMPLES / "ob-v3p0" / "1edtech-validator"
EXPECTATIONS = json.loads((EXAMPLES / "EXPECTATIONS-1edtech-validator.json").read_text())["files"]


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _schema_for(document: dict[str, Any]) -> str:
    types = document.get("type", [])
    return "endorsementcredential" if "EndorsementCredential" in types else "achievementcredential"


def _only_proof_errors(check: str) -> bool:
    # "N error(s): a; b; c": the OB schema result computed for the conformance data.
    count, _, listed = check.partition(" error(s): ")
    return int(count) == listed.count("proof: {")


SCHEMA_CHECKED = sorted(
    name for name, entry in EXPECTATIONS.items()
    if name.startswith("ob-v3p0/") and entry.get("ob_json_schema_check") is not None
)  # fmt: skip


@pytest.mark.parametrize("name", SCHEMA_CHECKED)
def test_schema_outcome_matches_the_conformance_expectations(name: str) -> None:
    expected = EXPECTATIONS[name]["ob_json_schema_check"]
    document = _load(EXAMPLES / name)
    report = schema_check(document, schema=_schema_for(document))
    single_proof = isinstance(document.get("proof"), dict)
    expected_ok = expected == "pass" or _only_proof_errors(expected)
    assert report.ok is expected_ok, report.errors
    assert bool(report.notes) is single_proof


@pytest.mark.parametrize(
    ("sample", "expected_error"),
    [
        ("simple-err-credential-subject-type.json", "credentialSubject.type: "),
        (
            "simple-err-credential-subject-identifier-type.json",
            "credentialSubject.identifier[0].type: ",
        ),
        ("simple-err-credential-subject-profile-type.json", "credentialSubject.source.type: "),
        ("simple-err-credential-subject-result-type.json", "credentialSubject.result[1].type: "),
        ("simple-err-evidence-type.json", "evidence[0].type: "),
        ("simple-err-issuer-type.json", "issuer.type: "),
        ("simple-err-issuer-parentorg-type.json", "issuer.parentOrg.type: "),
        ("simple-err-issuer-otheridentifier-type.json", "issuer.otherIdentifier[1].type: "),
        ("simple-err-issuer.json", "document: 'issuer' is a required property"),
        ("simple-err-type.json", "type: "),
        ("simple-err-context.json", "@context: "),
    ],
)
def test_each_error_sample_reports_the_faulty_path(sample: str, expected_error: str) -> None:
    errors = schema_errors(_load(SAMPLES / sample))
    assert any(error.startswith(expected_error) for error in errors), errors
    assert len(errors) == len(set(errors))


def test_shallowest_error_comes_first() -> None:
    errors = schema_errors(_load(SAMPLES / "simple-err-issuer.json"))
    assert errors[0] == "document: 'issuer' is a required property"


def test_result_description_type_sample_names_every_string_type() -> None:
    errors = schema_errors(
        _load(SAMPLES / "simple-err-credential-subject-achievement-result-description-type.json")
    )
    assert (
        "credentialSubject.achievement.resultDescription[0].type:"
        " 'ResultDescription' is not of type 'array'" in errors
    )


def test_long_values_are_shortened_in_messages() -> None:
    errors = schema_errors(_load(SAMPLES / "simple-err-issuer-type.json"))
    assert all(len(error) < 200 for error in errors)


def test_validate_raises_schema_error_with_all_messages() -> None:
    with pytest.raises(SchemaError) as raised:
        validate(_load(SAMPLES / "simple-err-evidence-type.json"))
    assert raised.value.errors[:2] == [
        "evidence[0].type: 'Evidence' is not of type 'array'",
        "evidence[1].type: 'InvalidEvidence' is not of type 'array'",
    ]


def test_single_proof_is_a_note_and_the_document_is_untouched() -> None:
    document = _load(SAMPLES / "simple-err-proof-method.json")
    before = json.dumps(document, sort_keys=True)
    report = schema_check(document)
    assert report.ok
    assert report.notes and report.notes[0].startswith("proof: ")
    assert json.dumps(document, sort_keys=True) == before


def test_profile_and_endorsement_schemas_are_available() -> None:
    document = _load(SAMPLES / "simple.json")
    assert schema_errors(document["issuer"], schema="profile") == []
    endorsement = _load(EXAMPLES / "ob-v3p0/1edtech-spec/endorsement.json")
    assert schema_errors(endorsement, schema="endorsementcredential") == []


def test_unknown_schema_name_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="unknown schema"):
        schema_errors({}, schema="clrcredential")


def test_non_object_document_is_an_error_not_a_crash() -> None:
    assert schema_errors([1, 2]) == ["document: expected an object"]
