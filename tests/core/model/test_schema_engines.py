"""jsonschema-rs and jsonschema give every document the same schema verdict.

``schema_check`` asks jsonschema-rs first and trusts only its "valid"; anything
else goes to ``jsonschema``, which writes every message. That is sound only if
jsonschema-rs never calls valid what ``jsonschema`` calls invalid, on the class
of documents ``fast_input`` lets through. Checked here over every 1EdTech OB 3.0
/ CLR 2.0 example (each credential, each credential embedded in it, each
profile, against all three schemas) and over mutated credentials: both
verdicts, the document each engine sees, and the whole report against the
``jsonschema`` engine alone.
"""

from __future__ import annotations

import copy
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from tests.support import CONFORMANCE, load_json

from mixtape.errors import MixtapeError
from mixtape.inputs import read_credential
from mixtape.model.schema import (
    SCHEMA_NAMES,
    SINGLE_PROOF_NOTE,
    _fast_validator,
    _proofs_as_arrays,
    _validator,
    jsonschema_check,
    schema_check,
)
from mixtape.model.schema_fast import MAX_DEPTH, fast_input
from mixtape.values import as_list

EXAMPLES = CONFORMANCE / "examples"
EXAMPLE_FILES = sorted(
    p
    for p in EXAMPLES.rglob("*")
    if p.is_file() and p.suffix in {".json", ".jwt", ".svg", ".1ob"}
    if not p.name.startswith("EXPECTATIONS")
)
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _fast_verdict(document: dict[str, Any], schema: str) -> bool | None:
    """jsonschema-rs's verdict, or None when the document is not given to it."""
    is_valid = _fast_validator(schema)
    assert is_valid is not None, f"jsonschema-rs cannot load {schema}"
    prepared = fast_input(document)
    if prepared is None:
        return None
    checked, proofs = prepared
    # The fast engine sees exactly the document jsonschema checks, with the same notes.
    normalised, notes = _proofs_as_arrays(document, path="")
    assert checked == normalised
    assert [f"{p}: {SINGLE_PROOF_NOTE}" for p in proofs] == notes
    return is_valid(checked)


def _reference_verdict(document: dict[str, Any], schema: str) -> bool:
    return bool(_validator(schema).is_valid(_proofs_as_arrays(document, path="")[0]))


def _assert_engines_agree(document: dict[str, Any], schema: str) -> bool | None:
    """Same verdict from both engines, same report as jsonschema alone; the fast verdict."""
    fast = _fast_verdict(document, schema)
    if fast is not None:
        assert fast is _reference_verdict(document, schema), (schema, document)
    assert schema_check(document, schema=schema) == jsonschema_check(document, schema=schema)
    return fast


# --- the conformance examples ------------------------------------------------------


def _documents(credential: Any) -> list[dict[str, Any]]:
    """The credential, every credential embedded in it and every profile, outermost first."""
    found: list[dict[str, Any]] = []
    pending = [credential]
    while pending:
        node = pending.pop(0)
        if isinstance(node, dict):
            if node is credential or "@context" in node or "Profile" in as_list(node.get("type")):
                found.append(node)
            pending += list(node.values())
        elif isinstance(node, list):
            pending += node
    return found


def _example_documents(path: Path) -> list[dict[str, Any]]:
    try:
        credential = read_credential(path.read_bytes())
    except MixtapeError:
        return []
    return _documents(credential)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
@pytest.mark.parametrize("schema", SCHEMA_NAMES)
def test_examples_get_the_same_verdict_and_report_from_both_engines(
    path: Path, schema: str
) -> None:
    for document in _example_documents(path):
        _assert_engines_agree(document, schema)


def test_the_examples_reach_both_verdicts_on_the_fast_engine() -> None:
    verdicts = [
        _fast_verdict(document, schema)
        for path in EXAMPLE_FILES
        for document in _example_documents(path)
        for schema in SCHEMA_NAMES
    ]
    assert verdicts.count(True) >= 40
    assert verdicts.count(False) >= 100
    assert verdicts.count(None) == 0  # every example is plain JSON the fast engine may take


def test_every_bundled_schema_loads_in_jsonschema_rs() -> None:
    assert all(_fast_validator(name) is not None for name in SCHEMA_NAMES)


# --- where the engines differ: never given to jsonschema-rs ------------------------


def _sample() -> dict[str, Any]:
    document: dict[str, Any] = load_json(EXAMPLES / "ob-v3p0/1edtech-validator/simple.json")
    return document


def _with(change: str) -> dict[str, Any]:
    document = _sample()
    subject = document["credentialSubject"]
    if change == "trailing newline":
        document["@context"][1] = OB_CONTEXT + "\n"
    elif change == "arabic-indic digit":
        document["@context"][1] = OB_CONTEXT.replace("3.0.3", "3.\u0663.3")
    elif change == "lone surrogate":
        document["name"] = "Badge \ud800"
    elif change == "tuple":
        document["type"] = tuple(document["type"])
    elif change == "nan":
        subject["score"] = float("nan")
    elif change == "infinity":
        subject["score"] = float("inf")
    elif change == "bytes":
        subject["score"] = b"A"
    elif change == "dict subclass":
        document["credentialSubject"] = OrderedDict(subject)
    elif change == "str subclass":
        document["name"] = type("Name", (str,), {})("Badge")
    elif change == "deep":
        subject["nested"] = json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    return document


OUTSIDE = [
    "trailing newline",
    "arabic-indic digit",
    "lone surrogate",
    "tuple",
    "nan",
    "infinity",
    "bytes",
    "dict subclass",
    "str subclass",
    "deep",
]


@pytest.mark.parametrize("change", OUTSIDE)
def test_documents_outside_the_plain_class_go_to_jsonschema_alone(change: str) -> None:
    document = _with(change)
    assert fast_input(document) is None
    assert schema_check(document) == jsonschema_check(document)


@pytest.mark.parametrize("change", ["trailing newline", "arabic-indic digit", "tuple"])
def test_the_engines_would_disagree_on_the_screened_classes(change: str) -> None:
    """Why the screen exists: given these, jsonschema-rs alone would change a verdict."""
    document = _proofs_as_arrays(_with(change), path="")[0]
    is_valid = _fast_validator("achievementcredential")
    assert is_valid is not None
    assert is_valid(document) is not _reference_verdict(document, "achievementcredential")


def test_a_key_that_is_not_a_string_goes_to_jsonschema() -> None:
    document = _sample()
    document["credentialSubject"][1] = "one"
    assert schema_check(document) == jsonschema_check(document)


def test_formats_are_not_asserted_by_either_engine() -> None:
    document = _sample() | {"validFrom": "yesterday", "validUntil": "2024-13-45T99:00:00Z"}
    assert _assert_engines_agree(document, "achievementcredential") is True
    assert schema_check(document).ok


def test_single_proofs_are_wrapped_only_along_their_way() -> None:
    document = load_json(EXAMPLES / "ob-v3p0/1edtech-validator/simple-err-proof-method.json")
    before = json.dumps(document, sort_keys=True)
    prepared = fast_input(document)
    assert prepared is not None
    checked, proofs = prepared
    assert proofs == ["proof"]
    assert checked["proof"] == [document["proof"]]
    assert checked["credentialSubject"] is document["credentialSubject"]
    assert json.dumps(document, sort_keys=True) == before


# --- mutated credentials ------------------------------------------------------------

STRINGS = st.sampled_from(
    [
        "",
        "Achievement",
        "AchievementSubject",
        "Profile",
        "Evidence",
        "Alignment",
        "IdentityObject",
        "IdentifierEntry",
        "Result",
        "ResultDescription",
        "VerifiableCredential",
        "OpenBadgeCredential",
        "EndorsementCredential",
        "Course",
        "ext:Mystery",
        "ext:",
        "emailAddress",
        "identifier",
        "LetterGrade",
        "https://www.w3.org/ns/credentials/v2",
        OB_CONTEXT,
        OB_CONTEXT.replace("3.0.3", "3.1.0"),
        OB_CONTEXT.replace("-3.0.3", ""),
        OB_CONTEXT.replace("3.0.3", "3.0.3-3.0.4"),
        OB_CONTEXT.replace("3.0.3", "4.0"),
        "https://example.org/things/1",
        "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
        "did:example:learner",
        "not a uri",
        "2024-09-01T08:00:00Z",
        "2024-09-01",
        "2024-13-45T99:00:00Z",
        "yesterday",
        "en",
        "fr-CA",
        "en-Latn-US",
        "eng-419",
        "english",
        "EN",
        "a.b.c",
        "a..c",
        ".b.",
        "eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln",
        "Université d'été",
    ]
) | st.text(max_size=6)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | STRINGS
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "type", "name", "foo"]), inner, max_size=3)
    ),
    max_leaves=6,
)
CHANGES = ("drop", "replace", "string", "wrap", "unwrap", "newline", "digit")


# Every credential and profile in the examples, those embedded in CLRs included.
BASES = [document for path in EXAMPLE_FILES for document in _example_documents(path)]


def _slots(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON value."""
    found: list[tuple[Any, Any]] = []
    pending = [node]
    while pending:
        item = pending.pop()
        entries = item.items() if isinstance(item, dict) else enumerate(item)
        for key, value in entries:
            found.append((item, key))
            if isinstance(value, dict | list):
                pending.append(value)
    return found


def _change(draw: st.DrawFn, container: Any, key: Any, change: str) -> None:
    value = container[key]
    if change == "drop" and isinstance(container, dict):
        del container[key]
    elif change == "replace":
        container[key] = copy.deepcopy(draw(VALUES))
    elif change == "wrap":
        container[key] = [value]
    elif change == "unwrap" and isinstance(value, list) and value:
        container[key] = value[0]
    elif change == "string" and isinstance(value, str):
        container[key] = draw(STRINGS)
    elif change == "newline" and isinstance(value, str):
        container[key] = value + "\n"
    elif change == "digit" and isinstance(value, str):
        container[key] = value.replace("0", "\u0660").replace("3", "\u0663")


def _own_schema(document: dict[str, Any]) -> str:
    types = as_list(document.get("type"))
    if "Profile" in types:
        return "profile"
    return "endorsementcredential" if "EndorsementCredential" in types else "achievementcredential"


VALID_BASES = [d for d in BASES if _reference_verdict(d, _own_schema(d))]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """An example credential or profile with a few changes anywhere, and a schema.

    Mostly the document's own schema, so that many changed documents stay valid.
    """
    document = copy.deepcopy(draw(st.sampled_from(VALID_BASES) | st.sampled_from(BASES)))
    own = _own_schema(document)
    for _ in range(draw(st.integers(0, 3))):
        slots = _slots(document)
        if slots:
            container, key = draw(st.sampled_from(slots))
            _change(draw, container, key, draw(st.sampled_from(CHANGES)))
    return document, draw(st.sampled_from([own, own, *SCHEMA_NAMES]))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_credentials_get_the_same_verdict_and_report(
    case: tuple[dict[str, Any], str],
) -> None:
    document, schema = case
    _assert_engines_agree(document, schema)


def test_the_mutations_reach_both_verdicts_on_the_fast_engine() -> None:
    """The generator is worth its time: changed documents the fast engine passes and fails."""
    settled = settings(database=None, max_examples=2000)

    def changed(case: tuple[dict[str, Any], str]) -> bool:
        return case[0] not in BASES

    find(mutated(), lambda c: changed(c) and _fast_verdict(*c) is True, settings=settled)
    find(mutated(), lambda c: changed(c) and _fast_verdict(*c) is False, settings=settled)
