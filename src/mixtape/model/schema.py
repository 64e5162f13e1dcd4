"""Validate documents against the official Open Badges 3.0 JSON Schemas.

The schemas (Draft 2019-09, 1EdTech build of 2024-07-30) are bundled in
``mixtape/model/schemas``; their ``$id`` and the ``credentialSchema`` URLs that
credentials cite resolve to those files, so nothing is ever fetched.

The single-proof question
-------------------------
That schema build requires ``proof`` to be an array, but VC 2.0 allows a single
proof object, and the 1EdTech validator's own signed samples use one. Mixtape
checks such a document with the proof wrapped in a one-element array and adds a
note to the report instead of an error; the document itself is not changed, so
its signature still verifies. Nothing else is normalised: a string ``type`` on
Evidence, Alignment or ResultDescription is a schema error, as the 1EdTech
validator reports it. Credentials that Mixtape writes always use arrays there,
so they pass the schema untouched.

``format`` keywords (``date-time``) are annotations in Draft 2019-09 and are
not asserted here; the verifier parses the dates itself.

Two engines
-----------
Most documents are valid, and ``jsonschema`` spends about 1.5 ms on one
credential, mostly building a validator per keyword it descends into. So
jsonschema-rs (:mod:`mixtape.model.schema_fast`) answers first; when it finds
the document valid, that is the report. Otherwise ``jsonschema`` checks it and
writes every message, as it always has: the fast engine never decides that a
document is invalid, nor how an error reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Final

from jsonschema import Draft201909Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909

from mixtape.errors import InvalidInputError, SchemaError
from mixtape.model.schema_fast import IsValid, fast_input, fast_validator

SCHEMA_NAMES: Final = ("achievementcredential", "endorsementcredential", "profile")
_CITED_URL: Final = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_{}_schema.json"
_REPR_LIMIT: Final = 60
SINGLE_PROOF_NOTE: Final = (
    "a single proof object was checked as a one-element array: VC 2.0 allows both,"
    " the OB 3.0 JSON Schema (2024-07) requires an array"
)


@dataclass(frozen=True, slots=True)
class SchemaReport:
    """The outcome of a schema check: errors (best match first) and notes."""

    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the document satisfies the schema."""
        return not self.errors


def schema_url(name: str) -> str:
    """The URL a credential's ``credentialSchema`` cites for the schema ``name``."""
    return _CITED_URL.format(name)


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    folder = resources.files("mixtape.model") / "schemas"
    return {
        name: json.loads((folder / f"ob_v3p0_{name}_schema.json").read_text(encoding="utf-8"))
        for name in SCHEMA_NAMES
    }


def _resources() -> list[tuple[str, dict[str, Any]]]:
    # Each schema under its own $id and under the URL credentials cite.
    return [
        (uri, contents)
        for name, contents in _schemas().items()
        for uri in (contents["$id"], schema_url(name))
    ]


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT201909))
        for uri, contents in _resources()
    )


@cache
def _validator(name: str) -> Draft201909Validator:
    if name not in SCHEMA_NAMES:
        raise InvalidInputError(f"unknown schema {name!r}; expected one of {SCHEMA_NAMES}")
    return Draft201909Validator(_schemas()[name], registry=_registry())


@cache
def _fast_validator(name: str) -> IsValid | None:
    return fast_validator(_schemas()[name], resources=_resources())


def schema_check(document: Any, *, schema: str = "achievementcredential") -> SchemaReport:
    """Check ``document`` against an OB 3.0 schema.

    Args:
        document: Parsed JSON.
        schema: ``"achievementcredential"``, ``"endorsementcredential"`` or ``"profile"``.

    Returns:
        A :class:`SchemaReport`; a single ``proof`` object gives a note, not an error.

    Raises:
        InvalidInputError: ``schema`` is not one of the bundled schemas.
    """
    validator = _validator(schema)
    if not isinstance(document, dict):
        return SchemaReport(errors=["document: expected an object"])
    fast = _fast_check(document, schema=schema)
    return fast if fast is not None else _jsonschema_report(document, validator)


def jsonschema_check(document: Any, *, schema: str = "achievementcredential") -> SchemaReport:
    """:func:`schema_check` on the ``jsonschema`` engine alone, for comparing the engines."""
    validator = _validator(schema)
    if not isinstance(document, dict):
        return SchemaReport(errors=["document: expected an object"])
    return _jsonschema_report(document, validator)


def _jsonschema_report(document: dict[str, Any], validator: Draft201909Validator) -> SchemaReport:
    normalised, notes = _proofs_as_arrays(document, path="")
    return SchemaReport(errors=_messages(validator.iter_errors(normalised)), notes=notes)


def _fast_check(document: dict[str, Any], *, schema: str) -> SchemaReport | None:
    # A report only when jsonschema-rs finds the document valid; None means "ask jsonschema".
    is_valid = _fast_validator(schema)
    prepared = fast_input(document) if is_valid is not None else None
    if is_valid is None or prepared is None:
        return None
    checked, proofs = prepared
    try:
        valid = is_valid(checked)
    except ValueError:  # a value jsonschema-rs cannot read: jsonschema decides
        return None
    return SchemaReport(notes=[f"{p}: {SINGLE_PROOF_NOTE}" for p in proofs]) if valid else None


def schema_errors(document: Any, *, schema: str = "achievementcredential") -> list[str]:
    """The schema errors of ``document``, best match first, without duplicates.

    Each message starts with the location, e.g.
    ``credentialSubject.type: ['Foo'] does not contain items matching …``.
    """
    return schema_check(document, schema=schema).errors


def validate(document: Any, *, schema: str = "achievementcredential") -> None:
    """Raise when ``document`` does not satisfy the schema.

    Raises:
        SchemaError: with every message in ``errors``.
    """
    errors = schema_errors(document, schema=schema)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise SchemaError(f"not a valid OB 3.0 {schema}: {errors[0]}{more}", errors)


def _proofs_as_arrays(node: Any, *, path: str) -> tuple[Any, list[str]]:
    if isinstance(node, list):
        items = [_proofs_as_arrays(item, path=f"{path}[{i}]") for i, item in enumerate(node)]
        return [item for item, _ in items], [note for _, notes in items for note in notes]
    if not isinstance(node, dict):
        return node, []
    result: dict[str, Any] = {}
    notes: list[str] = []
    for key, value in node.items():
        location = f"{path}.{key}" if path else key
        if key == "proof" and isinstance(value, dict) and "@context" in node:
            result[key] = [value]
            notes.append(f"{location}: {SINGLE_PROOF_NOTE}")
            continue
        result[key], inner = _proofs_as_arrays(value, path=location)
        notes += inner
    return result, notes


def _messages(errors: Iterator[ValidationError]) -> list[str]:
    # Each top-level failure is reduced to its most relevant leaf (best_match
    # descends into oneOf/anyOf), then the most relevant comes first.
    leaves = sorted((best_match([error]) for error in errors), key=_rank)
    messages: list[str] = []
    for leaf in leaves:
        message = _message(leaf)
        if message not in messages:
            messages.append(message)
    return messages


def _rank(error: ValidationError) -> tuple[int, bool, list[str]]:
    # jsonschema's own order: shallower first, then oneOf/anyOf (weak) last,
    # then document order; paths compared as text since they mix int and str.
    weak = error.validator in ("anyOf", "oneOf")
    return len(error.absolute_path), weak, [str(part) for part in error.absolute_path]


def _message(error: ValidationError) -> str:
    location = _location(error)
    text = error.message
    full = repr(error.instance)
    if len(full) > _REPR_LIMIT and text.startswith(full):
        text = _short(error.instance) + text[len(full) :]
    return f"{location}: {text}"


def _location(error: ValidationError) -> str:
    location = ""
    for part in error.absolute_path:
        location += f"[{part}]" if isinstance(part, int) else (f".{part}" if location else part)
    return location or "document"


def _short(instance: Any) -> str:
    if isinstance(instance, dict):
        return "the object" + (
            f" {instance['id']!r}" if isinstance(instance.get("id"), str) else ""
        )
    return repr(instance)[: _REPR_LIMIT - 1] + "…"
