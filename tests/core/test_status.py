"""Bitstring Status List: encoding vectors, 1EdTech samples, checks and round trips."""

from __future__ import annotations

import base64
import copy
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixtape.errors import StatusListError
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaRdfc2022, add_proof, verify_proofs
from mixtape.resolve import Resolver
from mixtape.status import (
    MIN_ENTRIES,
    StatusList,
    check_status,
    status_entry,
    status_list_credential,
)

CONFORMANCE = Path(__file__).parent.parent / "conformance"
BSL_SAMPLES = CONFORMANCE / "examples/ob-v3p0/1edtech-validator/bit-string-list"
# "Example BitstringStatusListCredential" in the W3C Bitstring Status List v1.0 spec.
W3C_SPEC_ENCODED_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
LIST_URL = "https://issuer.example/status/1"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def multibase_gzip(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(raw)).decode().rstrip("=")


def test_w3c_spec_example_decodes_to_empty_list_of_minimum_length() -> None:
    status_list = StatusList.decode(W3C_SPEC_ENCODED_LIST)

    assert status_list.length == 131_072
    assert status_list.to_bytes() == bytes(16_384)


def test_1edtech_testlist_has_bit_23_set_and_nothing_else() -> None:
    testlist = load_json(BSL_SAMPLES / "testlist")

    status_list = StatusList.decode(testlist["credentialSubject"]["encodedList"])

    assert status_list.get(23)
    assert not status_list.get(22)
    assert not status_list.get(24)
    assert status_list.to_bytes().count(0) == len(status_list.to_bytes()) - 1


@pytest.mark.parametrize(
    "sample", ["credential-status-revoked.json", "credential-status-revoked-blank-nodes.json"]
)
def test_1edtech_revoked_sample_is_reported_revoked(sample: str) -> None:
    credential = load_json(BSL_SAMPLES / sample)
    testlist = load_json(BSL_SAMPLES / "testlist")

    # The sample's statusListCredential is the raw GitHub URL of the testlist file,
    # but the testlist declares id https://example.com/credentials/status/3.
    result = check_status(credential["credentialStatus"], testlist, require_matching_id=False)

    assert result.error is None
    assert result.is_set
    assert (result.purpose, result.index) == ("revocation", 23)
    assert any("statusListCredential" in warning for warning in result.warnings)
    assert any("string" in warning for warning in result.warnings)  # index is a JSON number


def test_check_refuses_list_whose_id_is_not_the_entry_url_by_default() -> None:
    credential = load_json(BSL_SAMPLES / "credential-status-revoked.json")
    testlist = load_json(BSL_SAMPLES / "testlist")

    result = check_status(credential["credentialStatus"], testlist)

    assert not result.is_set
    assert result.error is not None
    assert "https://example.com/credentials/status/3" in result.error


def test_bits_are_most_significant_first() -> None:
    status_list = StatusList.create()
    status_list.set(0)
    status_list.set(9)

    assert status_list.to_bytes()[:2] == bytes([0b1000_0000, 0b0100_0000])


def test_set_clear_get() -> None:
    status_list = StatusList.create()
    status_list.set(131_071)
    assert status_list.get(131_071)

    status_list.clear(131_071)

    assert not status_list.get(131_071)


def test_create_refuses_lists_below_the_herd_privacy_minimum() -> None:
    with pytest.raises(StatusListError, match="131,072"):
        StatusList.create(length=1024)


def test_get_refuses_index_out_of_range() -> None:
    with pytest.raises(StatusListError, match="outside"):
        StatusList.create().get(MIN_ENTRIES)


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=MIN_ENTRIES * 2 - 1), max_size=200))
def test_encode_decode_round_trip(indices: set[int]) -> None:
    status_list = StatusList.create(length=MIN_ENTRIES * 2)
    for index in indices:
        status_list.set(index)

    decoded = StatusList.decode(status_list.encode())

    assert decoded == status_list
    assert all(decoded.get(index) for index in indices)
    assert int.from_bytes(decoded.to_bytes()).bit_count() == len(indices)


def test_encode_is_multibase_base64url_without_padding() -> None:
    encoded = StatusList.create().encode()

    assert encoded.startswith("u")
    assert "=" not in encoded and "+" not in encoded and "/" not in encoded


@pytest.mark.parametrize(
    ("encoded", "reason"),
    [
        ("z" + W3C_SPEC_ENCODED_LIST[1:], "multibase"),
        ("uH4sI@@@", "base64url"),
        ("uH4sIAAAAAAAAA-3BMQEAAA=", "base64url"),
        ("u" + base64.urlsafe_b64encode(b"not gzip at all").decode().rstrip("="), "GZIP"),
        (W3C_SPEC_ENCODED_LIST[:29], "truncated"),
    ],
)
def test_decode_refuses_malformed_lists(encoded: str, reason: str) -> None:
    with pytest.raises(StatusListError, match=reason):
        StatusList.decode(encoded)


def test_decode_refuses_gzip_bomb() -> None:
    bomb = multibase_gzip(bytes(17 * 1024 * 1024))
    assert len(bomb) < 40_000

    with pytest.raises(StatusListError, match="refused"):
        StatusList.decode(bomb)


def revocation_list(*indices: int) -> dict[str, Any]:
    status_list = StatusList.create()
    for index in indices:
        status_list.set(index)
    return status_list_credential(
        id=LIST_URL,
        issuer="did:example:issuer",
        purpose="revocation",
        status_list=status_list,
        valid_from=NOW,
    )


def test_status_list_credential_shape() -> None:
    credential = revocation_list(7)

    assert credential["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert credential["validFrom"] == "2026-01-01T00:00:00Z"
    subject = credential["credentialSubject"]
    assert subject["id"] == f"{LIST_URL}#list"
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert StatusList.decode(subject["encodedList"]).get(7)


def test_status_entry_shape() -> None:
    entry = status_entry(list_credential_id=LIST_URL, index=94567, purpose="revocation")

    assert entry == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }


def test_w3c_test_suite_credential_with_entry_is_revoked_then_not() -> None:
    credential = load_json(CONFORMANCE / "w3c-test-suites/vc-bitstring-status-list/validVc.json")
    credential["credentialStatus"] = status_entry(
        list_credential_id=LIST_URL, index=42, purpose="revocation"
    )

    revoked = check_status(credential["credentialStatus"], revocation_list(42))
    fine = check_status(credential["credentialStatus"], revocation_list(41, 43))

    assert (revoked.is_set, revoked.error, revoked.warnings) == (True, None, [])
    assert (fine.is_set, fine.error) == (False, None)


def test_check_reports_purpose_mismatch() -> None:
    entry = status_entry(list_credential_id=LIST_URL, index=1, purpose="suspension")

    result = check_status(entry, revocation_list(1))

    assert result.error is not None and "suspension" in result.error
    assert not result.is_set


def test_check_reports_index_out_of_range() -> None:
    entry = status_entry(list_credential_id=LIST_URL, index=MIN_ENTRIES, purpose="revocation")

    result = check_status(entry, revocation_list())

    assert result.error is not None and "outside" in result.error


def test_check_reports_list_shorter_than_minimum() -> None:
    short = revocation_list()
    short["credentialSubject"]["encodedList"] = multibase_gzip(bytes(1024))
    entry = status_entry(list_credential_id=LIST_URL, index=3, purpose="revocation")

    result = check_status(entry, short)

    assert result.error is not None and "minimum" in result.error
    assert check_status(entry, short, minimum_entries=8192).error is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry, _: entry.update(type="StatusList2021Entry"),
        lambda entry, _: entry.update(statusListIndex="-1"),
        lambda entry, _: entry.update(statusListIndex="twelve"),
        lambda entry, _: entry.pop("statusListCredential"),
        lambda _, lst: lst.update(type=["VerifiableCredential"]),
        lambda _, lst: lst["credentialSubject"].update(encodedList="zNotMultibase"),
        lambda _, lst: lst["credentialSubject"].pop("encodedList"),
        lambda _, lst: lst.update(credentialSubject="nope"),
    ],
)
def test_check_never_raises_on_bad_entry_or_list(damage: Any) -> None:
    entry = status_entry(list_credential_id=LIST_URL, index=5, purpose="revocation")
    list_credential = copy.deepcopy(revocation_list(5))
    damage(entry, list_credential)

    result = check_status(entry, list_credential)

    assert result.error is not None
    assert not result.is_set


def test_check_reads_multi_bit_message_status() -> None:
    messages = {0: "pending_review", 1: "accepted", 2: "rejected", 3: "undefined"}
    entry = status_entry(
        list_credential_id=LIST_URL,
        index=492,
        purpose="message",
        status_size=2,
        status_messages=messages,
    )
    status_list = StatusList.create(length=MIN_ENTRIES * 2)
    status_list.set_value(492, 2, size=2)
    list_credential = status_list_credential(
        id=LIST_URL,
        issuer="did:example:issuer",
        purpose="message",
        status_list=status_list,
        valid_from=NOW,
    )

    result = check_status(entry, list_credential)

    assert entry["statusMessage"][2] == {"status": "0x2", "message": "rejected"}
    assert (result.error, result.status, result.message) == (None, 2, "rejected")
    assert status_list.get(984) and not status_list.get(985)


def test_signed_status_list_credential_verifies_and_tampering_is_caught() -> None:
    key = Ed25519Key.generate()
    unsigned = status_list_credential(
        id=LIST_URL,
        issuer=key.did_key,
        purpose="revocation",
        status_list=StatusList.create(),
        valid_from=NOW,
    )
    signed = add_proof(
        unsigned,
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        created=NOW,
    )
    revoked = StatusList.create()
    revoked.set(42)
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["encodedList"] = revoked.encode()

    def verified(document: dict[str, Any]) -> bool:
        results = verify_proofs(document, suites=[EddsaRdfc2022()], resolver=Resolver())
        return all(result.verified for result in results) and len(results) == 1

    assert verified(signed)
    assert not verified(tampered)
