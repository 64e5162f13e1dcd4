"""`safe_check` gives `expand(safe=True)`'s verdict, with or without the fast path.

Every conformance document (with and without its proof, and each proof's
configuration) and a set of adversarial documents get the same outcome, error
type and message included, on the default engine and on pyld alone; and the
fast path never clears a document pyld refuses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import JsonLdError, MixtapeError
from mixtape.jsonld import expand, safe_check
from mixtape.jsonld.canonical import ENGINE_VARIABLE
from mixtape.jsonld.fast import MAX_FAST_NESTING

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"
VECTOR = CONFORMANCE / "test-vectors/1edtech-ob-v3p0-eddsa-rdfc-2022/unsigned.json"


def _conformance() -> Iterator[tuple[str, Any]]:
    for path in sorted(CONFORMANCE.rglob("*.json*")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue
        if not isinstance(document, dict) or path.name == "index.json":
            continue
        name = str(path.relative_to(CONFORMANCE))
        yield name, document
        proofs = document.get("proof")
        if proofs is None:
            continue
        yield f"{name} without proof", {k: v for k, v in document.items() if k != "proof"}
        for index, proof in enumerate(proofs if isinstance(proofs, list) else [proofs]):
            if isinstance(proof, dict) and "@context" in document:
                config = {k: v for k, v in proof.items() if k != "proofValue"}
                yield f"{name} proof {index}", {**config, "@context": document["@context"]}


def _vector(**changes: Any) -> dict[str, Any]:
    return {**load_json(VECTOR), **changes}


def _subject(**changes: Any) -> dict[str, Any]:
    return {**load_json(VECTOR)["credentialSubject"], **changes}


def _nested(levels: int, *, arrays: bool) -> dict[str, Any]:
    inner: dict[str, Any] = {"bar": "x"}
    for _ in range(levels):
        inner = {"foo": [inner] if arrays else inner}
    context = {"foo": "https://example.org/foo", "bar": "https://example.org/bar"}
    return {
        "@context": [VC2, context],
        "type": ["VerifiableCredential"],
        "credentialSubject": inner,
    }


ADVERSARIAL: dict[str, Any] = {
    "vector": _vector(),
    "undefined term": _vector(credentialSubject=_subject(foo="smuggled")),
    "undefined term deep in an array": _vector(
        credentialSubject=_subject(
            achievement={
                **_subject()["achievement"],
                "criteria": {"narrative": "x", "secret": 1},
            }
        )
    ),
    "relative id": _vector(id="credentials/3527"),
    "relative subject id": _vector(credentialSubject=_subject(id="#me")),
    "relative issuer": _vector(issuer="issuer-1"),
    "undefined type": _vector(type=["VerifiableCredential", "SecretBadge"]),
    "undefined nested type": _vector(credentialSubject={"id": "did:example:me", "type": ["X"]}),
    "absolute term and type": _vector(
        type=["VerifiableCredential", "OpenBadgeCredential", "https://example.org/ns#Extra"],
        credentialSubject=_subject(**{"https://example.org/ns#note": "kept"}),
    ),
    "blank node id": _vector(credentialSubject=_subject(id="_:subject")),
    "vocab": {
        **_vector(credentialSubject=_subject(favourite="blue")),
        "@context": [VC2, OB303, EXAMPLES],
    },
    "keyword lookalike": _vector(**{"@secret": "x"}),
    "blank node property": {"@context": {"p": "_:p"}, "@id": "urn:x", "p": "value"},
    "relative datatype": {
        "@context": {"p": "urn:ex:p"},
        "@id": "urn:x",
        "p": {"@value": "v", "@type": "relative-type"},
    },
    "free-floating value": {
        "@context": {"p": "urn:ex:p"},
        "@graph": ["loose", {"@id": "urn:x", "p": 1}],
    },
    "unknown context": _vector(**{"@context": [VC2, "https://example.org/unknown.jsonld"]}),
    "protected term redefined": _vector(**{"@context": [VC2, OB303, {"name": "urn:ex:name"}]}),
    "inline context": _vector(
        **{"@context": [VC2, OB303, {"extra": "urn:ex:extra"}]},
        credentialSubject=_subject(extra="kept"),
    ),
    "direction": _vector(name={"@value": "x", "@direction": "rtl"}),
    "reverse": {"@context": {"p": {"@reverse": "urn:ex:p"}}, "@id": "urn:x", "p": {"@id": "urn:y"}},
    "index map": {
        "@context": {"p": {"@id": "urn:ex:p", "@container": "@index"}},
        "@id": "urn:x",
        "p": {"a": {"@id": "urn:y"}},
    },
    "id that is not a string": _vector(id=42),
    "type that is not a string": _vector(type=["VerifiableCredential", 7]),
    "null values": _vector(name=None, credentialSubject=_subject(id=None)),
    "array in an array": _vector(name=[["a"]]),
    "a number for a date": _vector(validFrom=2024),
    "nested at the limit": _nested(MAX_FAST_NESTING // 2 - 2, arrays=True),
    "nested past the limit": _nested(MAX_FAST_NESTING, arrays=False),
    "nested too deeply for pyld": _nested(400, arrays=True),
    "empty": {},
}
CASES = dict(_conformance()) | {f"adversarial: {k}": v for k, v in ADVERSARIAL.items()}


def _outcome(document: Any, engine: str) -> str | tuple[str, str]:
    try:
        safe_check(document, engine=engine)  # type: ignore[arg-type]
    except MixtapeError as error:
        return type(error).__name__, str(error)
    return "clean"


def test_the_cases_are_all_there() -> None:
    assert len(CASES) > 330


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_path_gives_pyld_verdict(name: str) -> None:
    document = CASES[name]
    expected = _outcome(document, "pyld")

    assert _outcome(document, "auto") == expected
    if expected != "clean":  # pyld refuses it: the fast path must not clear it
        with pytest.raises(JsonLdError):
            safe_check(document, engine="fast")


@pytest.mark.parametrize("name", sorted(CASES))
def test_pyld_engine_is_expand_in_safe_mode(name: str) -> None:
    document = CASES[name]
    try:
        expand(document, safe=True)
        expected: str | tuple[str, str] = "clean"
    except MixtapeError as error:
        expected = type(error).__name__, str(error)
    assert _outcome(document, "pyld") == expected


def test_the_fast_path_clears_the_common_documents_on_its_own() -> None:
    for name in ("vector", "absolute term and type", "inline context", "nested at the limit"):
        safe_check(ADVERSARIAL[name], engine="fast")


def test_deep_documents_go_to_pyld() -> None:
    with pytest.raises(JsonLdError, match="nested too deeply for the fast path"):
        safe_check(ADVERSARIAL["nested past the limit"], engine="fast")
    assert _outcome(ADVERSARIAL["nested too deeply for pyld"], "auto") == (
        "JsonLdError",
        "JSON-LD processing failed: the document is nested too deeply",
    )


def test_the_environment_variable_forces_pyld(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "pyld")
    calls: list[object] = []
    monkeypatch.setattr(
        "mixtape.jsonld.canonical.fast_expansion_check", lambda *a, **k: calls.append(a)
    )
    safe_check(ADVERSARIAL["vector"])
    assert calls == []
    monkeypatch.delenv(ENGINE_VARIABLE)
    safe_check(ADVERSARIAL["vector"])
    assert len(calls) == 1


def test_unknown_engine_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown expansion engine"):
        safe_check(ADVERSARIAL["vector"], engine="quick")  # type: ignore[arg-type]
