"""Short descriptions become schema-valid, bilingual OpenBadgeCredentials."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mixtape.errors import InvalidInputError
from mixtape.model import (
    OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
    AchievementCredential,
    credential_from_description,
    description_from_text,
    schema_errors,
)

SAMPLE = Path(__file__).parents[3] / "examples" / "describe" / "python-basics.yaml"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ISSUER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


def _sample() -> dict[str, Any]:
    description = description_from_text(SAMPLE.read_text(encoding="utf-8"))
    description["issuer"]["id"] = ISSUER
    return description


def test_the_signer_supplies_the_issuer_id_the_sample_leaves_out() -> None:
    description = description_from_text(SAMPLE.read_text(encoding="utf-8"))
    credential = credential_from_description(description, now=NOW, issuer_id=ISSUER)
    assert credential["issuer"]["id"] == ISSUER
    with pytest.raises(InvalidInputError, match=r"description\.issuer: 'id' is required"):
        credential_from_description(description, now=NOW)


def test_sample_description_gives_a_schema_valid_bilingual_credential() -> None:
    credential = credential_from_description(_sample(), now=NOW)
    assert schema_errors(credential) == []
    assert credential["id"].startswith("urn:uuid:")
    assert credential["credentialSchema"][0]["id"] == OB_ACHIEVEMENT_CREDENTIAL_SCHEMA
    assert credential["validFrom"] == "2026-01-01T00:00:00Z"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["nameMap"] == {"en": "Python basics", "fr": "Bases de Python"}
    assert "fr" in achievement["criteria"]["narrativeMap"]
    assert achievement["alignment"][0]["targetFramework"] == "ESCO"
    assert credential["issuer"]["nameMap"]["fr"] == "Collège Exemple"


def test_email_recipient_is_hashed_with_the_given_salt() -> None:
    description = _sample() | {"recipient": {"email": " Learner@Example.org "}}
    credential = credential_from_description(description, now=NOW, salt="s4lt")
    (identity,) = credential["credentialSubject"]["identifier"]
    expected = hashlib.sha256(b"learner@example.orgs4lt").hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    model = AchievementCredential.from_json(credential)
    assert model.credential_subject.identifier[0].matches("learner@example.org")  # type: ignore[union-attr,index]


def test_did_recipient_and_default_valid_from() -> None:
    description = _sample() | {"recipient": {"id": "did:example:learner"}}
    del description["validFrom"]
    credential = credential_from_description(description, now=NOW)
    assert credential["credentialSubject"]["id"] == "did:example:learner"
    assert "identifier" not in credential["credentialSubject"]
    assert credential["validFrom"] == "2026-03-01T12:00:00Z"


def test_result_is_included() -> None:
    description = _sample() | {"result": [{"value": "A", "status": "Completed"}]}
    credential = credential_from_description(description, now=NOW)
    assert credential["credentialSubject"]["result"] == [
        {"type": ["Result"], "value": "A", "status": "Completed"}
    ]
    assert schema_errors(credential) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"recipient": {}}, "description.recipient: give an email or an id"),
        ({"colour": "red"}, "description: unknown key 'colour'"),
        ({"achievement": {"id": "https://x"}}, "description.achievement: 'criteria' is required"),
        ({"issuer": {"name": "No id"}}, "description.issuer: 'id' is required"),
        ({"validFrom": "yesterday"}, "description.validFrom: expected an ISO 8601 date-time"),
        ({"issuer": "did:key:z6Mk"}, "description.issuer: expected a mapping"),
    ],
)
def test_bad_descriptions_give_one_clear_line(change: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)) as raised:
        credential_from_description(_sample() | change, now=NOW)
    assert "\n" not in str(raised.value)


def test_bad_alignment_names_its_position() -> None:
    description = _sample()
    description["achievement"]["alignments"] = [{"targetName": "Python"}]
    with pytest.raises(InvalidInputError, match=r"alignments\[0\]: 'targetUrl' is required"):
        credential_from_description(description, now=NOW)


def test_text_that_is_not_yaml_mapping_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="description: expected a mapping"):
        description_from_text("- just\n- a list\n")
