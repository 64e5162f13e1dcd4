"""canonicalize() reproduces the published RDFC-1.0 test vectors byte for byte."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import ContextNotBundledError, JsonLdError, SafeModeError
from mixtape.jsonld import canonicalize, expand, to_rdf_quads

VECTORS = CONFORMANCE / "test-vectors"
EDDSA = VECTORS / "vc-di-eddsa"
W3C_FIXTURES = CONFORMANCE / "w3c-test-suites/vc-data-model-2.0/input"
VALIDATOR_EXPECTATIONS = CONFORMANCE / "examples/EXPECTATIONS-1edtech-validator.json"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _without_proof(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "proof"}


def test_w3c_eddsa_rdfc_document_vector() -> None:
    canonical = canonicalize(load_json(EDDSA / "unsigned.json"))
    assert canonical == _text(EDDSA / "eddsa-rdfc-2022/canonDocDataInt.txt")


def test_w3c_eddsa_rdfc_proof_configuration_vector() -> None:
    canonical = canonicalize(load_json(EDDSA / "eddsa-rdfc-2022/proofConfigDataInt.json"))
    assert canonical == _text(EDDSA / "eddsa-rdfc-2022/proofCanonDataInt.txt")


def test_w3c_signed_vector_without_proof_is_the_unsigned_document() -> None:
    signed = load_json(EDDSA / "eddsa-rdfc-2022/signedDataInt.json")
    assert canonicalize(_without_proof(signed)) == _text(
        EDDSA / "eddsa-rdfc-2022/canonDocDataInt.txt"
    )


def test_w3c_employment_vector_needs_a_context_that_is_not_bundled() -> None:
    with pytest.raises(ContextNotBundledError, match="citizenship"):
        canonicalize(load_json(EDDSA / "employmentAuth.json"))


@pytest.mark.parametrize(
    "folder", ["1edtech-ob-v3p0-eddsa-rdfc-2022", "1edtech-clr-v2p0-eddsa-rdfc-2022"]
)
def test_1edtech_vectors(folder: str) -> None:
    unsigned = load_json(VECTORS / folder / "unsigned.json")
    # The 1EdTech proof configuration is canonicalized with the document's contexts.
    proof_config = {
        "@context": unsigned["@context"],
        **load_json(VECTORS / folder / "proofConfig.json"),
    }

    assert canonicalize(unsigned) == _text(VECTORS / folder / "document-canon.nq")
    assert canonicalize(proof_config) == _text(VECTORS / folder / "proof-canon.nq")


def test_proof_configuration_without_contexts_is_refused_not_emptied() -> None:
    """Without contexts every term would be dropped and the proof would sign nothing."""
    proof_config = load_json(VECTORS / "1edtech-ob-v3p0-eddsa-rdfc-2022/proofConfig.json")
    with pytest.raises(SafeModeError):
        canonicalize(proof_config)
    assert canonicalize(proof_config, safe=False) == ""


def _w3c_ok_fixtures() -> list[Path]:
    return sorted(path for path in W3C_FIXTURES.rglob("*-ok.json"))


@pytest.mark.parametrize("path", _w3c_ok_fixtures(), ids=lambda path: path.name)
def test_valid_w3c_fixtures_canonicalize_in_safe_mode(path: Path) -> None:
    canonical = canonicalize(_without_proof(load_json(path)))
    assert canonical.endswith(" .\n")


def _validator_samples_signed_with_bundled_contexts() -> list[str]:
    """1EdTech samples whose signature the conformance data records as valid."""
    files = load_json(VALIDATOR_EXPECTATIONS)["files"]
    return sorted(
        name
        for name, expectation in files.items()
        if name.endswith(".json")
        and any(":VALID" in check for check in expectation.get("offline_signature_check") or [])
    )


@pytest.mark.parametrize("name", _validator_samples_signed_with_bundled_contexts())
def test_valid_1edtech_samples_canonicalize_in_safe_mode(name: str) -> None:
    assert canonicalize(_without_proof(load_json(CONFORMANCE / "examples" / name)))


@pytest.mark.parametrize(
    "path",
    sorted((CONFORMANCE / "examples/ob-v3p0/1edtech-spec").glob("*.json")),
    ids=lambda path: path.name,
)
def test_1edtech_spec_examples_canonicalize_in_safe_mode(path: Path) -> None:
    assert canonicalize(_without_proof(load_json(path)))


def test_legacy_ed25519_2020_context_is_bundled_for_vc11_samples() -> None:
    sample = load_json(CONFORMANCE / "examples/ob-v3p0/1edtech-validator/simple_v1.json")
    assert canonicalize(sample).endswith(" .\n")


def test_invalid_json_ld_raises_json_ld_error_with_the_reason() -> None:
    redefined = load_json(W3C_FIXTURES / "credential-redef-type-fail.json")
    with pytest.raises(JsonLdError, match="protected term"):
        canonicalize(redefined)


def test_malformed_context_raises_json_ld_error() -> None:
    with pytest.raises(JsonLdError):
        canonicalize({"@context": 42, "id": "urn:x"})


def test_expand_uses_bundled_contexts() -> None:
    expanded = expand(load_json(EDDSA / "unsigned.json"))
    assert expanded[0]["@type"] == [
        "https://www.w3.org/2018/credentials#VerifiableCredential",
        "https://www.w3.org/ns/credentials/examples#AlumniCredential",
    ]


def test_to_rdf_quads_and_canonicalize_describe_the_same_statements() -> None:
    unsigned = load_json(EDDSA / "unsigned.json")
    canonical_lines = _text(EDDSA / "eddsa-rdfc-2022/canonDocDataInt.txt").splitlines()
    assert len(to_rdf_quads(unsigned)) == len(canonical_lines)


def test_concurrent_canonicalization_gives_the_vector_in_every_thread() -> None:
    """Web servers canonicalize from many threads; pyld's caches must not collide."""
    unsigned = load_json(EDDSA / "unsigned.json")
    expected = _text(EDDSA / "eddsa-rdfc-2022/canonDocDataInt.txt")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: canonicalize(unsigned), range(32)))
    assert results == [expected] * 32
