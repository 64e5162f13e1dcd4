"""The fast canonicalization path gives pyld's bytes, or hands the document to pyld.

Every JSON-LD document in the conformance data is canonicalized on both paths:
as published, without its proof, and as the proof configuration of each proof
(what eddsa-rdfc-2022 hashes besides the document). Where pyld refuses a
document, the default path must refuse it with the same error, and the fast
path on its own must not accept it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json, load_text

from mixtape.errors import JsonLdError, MixtapeError
from mixtape.jsonld import canonicalize, fast_context
from mixtape.jsonld.fast_context import Unsupported
from mixtape.jsonld.fast_rdfc import canonical_nquads_from_terms

VECTORS = CONFORMANCE / "test-vectors"
EDDSA = VECTORS / "vc-di-eddsa"
CONTEXT = {"p": "urn:ex:p", "next": {"@id": "urn:ex:next", "@type": "@id"}}
VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR201 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"


def _documents() -> Iterator[tuple[str, dict[str, Any]]]:
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


DOCUMENTS = dict(_documents())


def _outcome(document: dict[str, Any], engine: str) -> str | tuple[str, str]:
    try:
        return canonicalize(document, engine=engine)  # type: ignore[arg-type]
    except MixtapeError as error:
        return type(error).__name__, str(error)


def test_the_conformance_data_is_all_there() -> None:
    assert len(DOCUMENTS) > 300


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_fast_path_gives_pyld_answer_for_conformance_document(name: str) -> None:
    document = DOCUMENTS[name]
    expected = _outcome(document, "pyld")

    assert _outcome(document, "auto") == expected
    if isinstance(expected, tuple):  # pyld refuses it: the fast path must not accept it
        with pytest.raises(JsonLdError):
            canonicalize(document, engine="fast")


def _covered_by_fast_path() -> list[str]:
    """Documents the fast path handles on its own: everything pyld accepts but @direction."""
    covered = []
    for name, document in DOCUMENTS.items():
        if "language-direction" in name or name.endswith("presentation-vc-as-string-fail.json"):
            continue
        if not isinstance(_outcome(document, "pyld"), tuple):
            covered.append(name)
    return covered


def test_fast_path_covers_every_valid_conformance_document() -> None:
    covered = _covered_by_fast_path()
    assert len(covered) > 250
    for name in covered:
        assert canonicalize(DOCUMENTS[name], engine="fast") == canonicalize(
            DOCUMENTS[name], engine="pyld"
        ), name


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt"),
        ("eddsa-rdfc-2022/proofConfigDataInt.json", "eddsa-rdfc-2022/proofCanonDataInt.txt"),
    ],
)
def test_fast_path_reproduces_the_w3c_vectors(document: str, expected: str) -> None:
    assert canonicalize(load_json(EDDSA / document), engine="fast") == load_text(EDDSA / expected)


@pytest.mark.parametrize(
    "folder", ["1edtech-ob-v3p0-eddsa-rdfc-2022", "1edtech-clr-v2p0-eddsa-rdfc-2022"]
)
def test_fast_path_reproduces_the_1edtech_vectors(folder: str) -> None:
    unsigned = load_json(VECTORS / folder / "unsigned.json")
    config = {"@context": unsigned["@context"], **load_json(VECTORS / folder / "proofConfig.json")}
    assert canonicalize(unsigned, engine="fast") == load_text(
        VECTORS / folder / "document-canon.nq"
    )
    assert canonicalize(config, engine="fast") == load_text(VECTORS / folder / "proof-canon.nq")


def _clique(size: int) -> dict[str, Any]:
    labels = [f"_:n{index}" for index in range(size)]
    nodes = [{"@id": label, "next": [o for o in labels if o != label]} for label in labels]
    return {"@context": CONTEXT, "@graph": nodes}


def test_poison_graph_runs_out_of_budget_on_the_fast_path_and_pyld_refuses_it() -> None:
    with pytest.raises(JsonLdError, match="not covered by the fast path: work budget"):
        canonicalize(_clique(12), engine="fast")
    with pytest.raises(JsonLdError, match="too complex to canonicalize"):
        canonicalize(_clique(12))


@pytest.mark.parametrize("size", [2, 3, 4, 5])
def test_symmetric_blank_nodes_within_budget_use_n_degree_hashing(size: int) -> None:
    assert canonicalize(_clique(size), engine="fast") == canonicalize(_clique(size), engine="pyld")


def _badge(issuer: Any) -> dict[str, Any]:
    return {
        "@context": [VC2, OB303],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "validFrom": "2010-01-01T00:00:00Z",
        "name": "",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"name": ""}},
        "evidence": [{"type": ["Evidence"], "narrative": ""}],
        "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"},
    }


def test_near_identical_credentials_in_a_clr_are_told_apart_cheaply() -> None:
    """Found by hypothesis: every quad of a proof sits in one blank-node graph, so the
    graph name repeats in the related-hash group; trying each of its (identical)
    orders made this CLR exhaust the budget before pyld's generator was mirrored."""
    issuer = "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002"
    clr = {
        "@context": [VC2, CLR201, OB303],
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": "https://example.edu/a/1",
        "validFrom": "2010-01-01T00:00:00Z",
        "credentialSubject": {
            "type": "ClrSubject",
            "verifiableCredential": [_badge(issuer), _badge({"id": issuer, "name": ""})],
        },
    }
    assert canonicalize(clr, engine="fast") == canonicalize(clr, engine="pyld")


def test_groups_mixing_repeated_and_distinct_nodes_are_left_to_pyld() -> None:
    """pyld's permutation generator skips some orders of such groups; its answer stands."""
    quads = [
        (node, predicate, literal, graph)
        for node in ("_:n", "_:m")
        for predicate, literal in (("<urn:ex:p>", '"a0"'), ("<urn:ex:q>", '"b"'))
        for graph in ("_:g1", "_:g2")
    ]
    with pytest.raises(Unsupported, match="repeat and differ"):
        canonical_nquads_from_terms(quads, max_work=20_000)


def test_documents_pyld_refuses_in_safe_mode_get_the_same_error() -> None:
    document = {"@context": CONTEXT, "@id": "urn:x", "p": "v", "undefined": 1}
    assert _outcome(document, "auto") == _outcome(document, "pyld")
    assert _outcome(document, "auto")[0] == "SafeModeError"


def test_unsafe_mode_still_gets_pyld_answer_for_documents_the_fast_path_refuses() -> None:
    document = {"@context": CONTEXT, "@id": "urn:x", "p": "v", "undefined": 1}
    assert canonicalize(document, safe=False) == '<urn:x> <urn:ex:p> "v" .\n'


def test_unknown_engine_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown canonicalization engine"):
        canonicalize({}, engine="turbo")  # type: ignore[arg-type]


def test_concurrent_fast_canonicalization_matches_serial() -> None:
    names = _covered_by_fast_path()[:40]
    expected = [canonicalize(DOCUMENTS[name], engine="pyld") for name in names]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(lambda name: canonicalize(DOCUMENTS[name], engine="fast"), names * 4)
        )
    assert results == expected * 4


def test_hostile_inline_contexts_do_not_grow_the_caches_without_limit() -> None:
    limit = fast_context._MAX_TRANSITIONS
    for index in range(limit + 200):
        document = {"@context": {"p": f"urn:ex:p{index}"}, "@id": "urn:x", "p": "v"}
        assert canonicalize(document, engine="fast") == f'<urn:x> <urn:ex:p{index}> "v" .\n'
    assert len(fast_context._transitions) <= limit


def test_nothing_cached_with_one_loader_leaks_into_another(tmp_path: Path) -> None:
    """Compiled contexts belong to the loader that served them (see the loader tests)."""
    other = {"@context": {"@vocab": "urn:other#"}}
    url = "https://www.w3.org/ns/credentials/examples/v2"

    def loader(requested: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"contextUrl": None, "documentUrl": requested, "document": other}

    document = {"@context": [url], "@id": "urn:x", "favourite": "blue"}
    assert "<https://www.w3.org/ns/credentials/examples#favourite>" in canonicalize(document)
    assert canonicalize(document, loader=loader, engine="fast") == (
        '<urn:x> <urn:other#favourite> "blue" .\n'
    )
