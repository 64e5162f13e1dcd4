"""The fast validity check behind :mod:`mixtape.model.schema`, with jsonschema-rs.

jsonschema-rs (Rust) tells whether a credential satisfies the OB 3.0 schema a few
hundred times faster than the ``jsonschema`` package, but its messages are its
own. So it is only ever trusted to say "valid": when it says "invalid", cannot
load a schema, or is handed a document outside the class below, ``schema.py``
runs ``jsonschema`` exactly as before, and every message comes from there.

Where the two engines are trusted to agree (tests/core/model/test_schema_engines.py
compares their verdicts over the conformance examples and mutated credentials):

- documents at most ``MAX_DEPTH`` levels deep (a credential has fewer than ten),
  so neither engine's recursion is ever the limit;
- plain JSON values only, exact types: ``dict``, ``list``, ``str``, ``int``,
  finite ``float``, ``bool``, ``None``. jsonschema-rs reads a tuple as an array
  where ``jsonschema`` does not, and NaN has no JSON form. (It refuses a key
  that is not a string with ``ValueError``: ``jsonschema`` decides then.)
- strings that the schemas' ``pattern`` regexes read alike. jsonschema-rs
  follows ECMA 262: its ``$`` does not match before a final newline and its
  ``\\d`` is ``[0-9]``, where Python's also takes any Unicode decimal digit; a
  lone surrogate has no UTF-8 form for Rust.
- ``format`` is an annotation in both (``validate_formats=False``), as in
  ``jsonschema``'s ``Draft201909Validator`` without a format checker.

The document the fast engine sees has each single ``proof`` object of a
credential wrapped in a one-element array, as ``schema.py`` checks it; only the
objects on the way to such a proof are copied.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any, Final

import jsonschema_rs

# Characters the two regex engines may read differently (see the module docstring).
_UNCERTAIN: Final = re.compile(r"[\ud800-\udfff]|(?![0-9])\d|\n\Z")
_EXACT: Final = frozenset({int, bool, type(None)})
MAX_DEPTH: Final = 64

IsValid = Callable[[Any], bool]
# The way from the document to a node, innermost step first: (key, (key, (…, None))).
_Trail = tuple[str | int, "_Trail"] | None


def fast_validator(
    schema: dict[str, Any], *, resources: Iterable[tuple[str, dict[str, Any]]]
) -> IsValid | None:
    """A jsonschema-rs validity check for ``schema``, or None when it cannot load it.

    Args:
        schema: A Draft 2019-09 schema.
        resources: ``(uri, schema)`` pairs its ``$ref`` may reach; nothing is fetched.
    """
    try:
        validator = jsonschema_rs.Draft201909Validator(
            schema,
            validate_formats=False,
            registry=jsonschema_rs.Registry(list(resources), retriever=_never_fetch),
            offline=True,
        )
    except (ValueError, jsonschema_rs.ReferencingError):
        return None
    return validator.is_valid


def fast_input(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]] | None:
    """``document`` as the fast engine checks it, and where single proofs were wrapped.

    Returns:
        The document with each credential's single ``proof`` object in a
        one-element array and the location of each such proof (``proof``,
        ``credentialSubject.proof``…), in document order; or None when the
        document is outside the class the fast engine is trusted with.
    """
    proofs: list[_Trail] = []
    if type(document) is not dict or not _plain(document, None, proofs, 0):
        return None
    paths = [_unwind(trail) for trail in proofs]
    checked = document
    for path in paths:
        checked = _wrapped(checked, path)
    return checked, [_location(path) for path in paths]


def _plain(
    node: dict[Any, Any] | list[Any], trail: _Trail, proofs: list[_Trail], depth: int
) -> bool:
    # True when every value below is plain JSON both engines read alike; records
    # the trail of each single proof object of a credential on the way. Written
    # flat, scalars inline: it visits every value of every credential verified.
    if depth >= MAX_DEPTH:
        return False
    is_object = type(node) is dict
    entries = node.items() if is_object else enumerate(node)  # type: ignore[union-attr]
    for key, value in entries:
        kind = type(value)
        if kind is str:
            if (value.endswith("\n") or not value.isascii()) and _UNCERTAIN.search(value):
                return False
        elif kind is dict or kind is list:
            inner = proofs
            if is_object and key == "proof" and kind is dict and "@context" in node:
                proofs.append((key, trail))
                inner = []  # checked as is inside its new array: nothing below is wrapped
            if not _plain(value, (key, trail), inner, depth + 1):
                return False
        elif not _plain_scalar(value):
            return False
    return True


def _plain_scalar(value: Any) -> bool:
    kind = type(value)
    return kind in _EXACT or (kind is float and math.isfinite(value))


def _unwind(trail: _Trail) -> list[str | int]:
    path: list[str | int] = []
    while trail is not None:
        key, trail = trail
        path.append(key)
    return path[::-1]


def _wrapped(node: Any, path: list[str | int]) -> Any:
    # A copy of the objects and arrays along `path`, the value at its end in a one-element array.
    copy: Any = dict(node) if type(node) is dict else list(node)
    key, rest = path[0], path[1:]
    copy[key] = _wrapped(node[key], rest) if rest else [node[key]]
    return copy


def _location(parts: Iterable[str | int]) -> str:
    location = ""
    for part in parts:
        location += f"[{part}]" if isinstance(part, int) else (f".{part}" if location else part)
    return location


def _never_fetch(uri: str) -> Any:
    raise ValueError(f"not bundled, not fetched: {uri}")
