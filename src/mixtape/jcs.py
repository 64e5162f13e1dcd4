"""RFC 8785 JSON Canonicalization Scheme (JCS), fast for the documents credentials hold.

For most JSON, the standard library already writes the JCS bytes:
``json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)``
escapes exactly the characters JCS escapes (``"``, ``\\``, the C0 controls,
short forms for ``\\b \\f \\n \\r \\t``, lowercase ``\\u00xx`` for the rest) and
writes integers as their digits. It differs from JCS only where

- a number is a float (JCS writes it as ECMAScript's ``Number.toString``) or an
  integer outside ±(2**53 - 1) (which JCS refuses);
- an object's keys would sort differently by UTF-16 code units than by code
  points, which needs a key holding a character at or above U+E000;
- a string holds a lone surrogate (JCS refuses it; UTF-8 cannot encode it);
- a value is not plain JSON (a key that is not a string, a ``Mapping`` that
  is not a ``dict``, a subclass of a JSON type, a cycle, very deep nesting).

:func:`canonical_json` checks for all of these in one walk and hands such
documents to the ``rfc8785`` package, so the bytes (and the errors) are always
``rfc8785.dumps``'s.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

__all__ = ["canonical_json"]

_SAFE_INTEGER = 2**53 - 1
# The first BMP character that sorts after the surrogates in code point order but
# before them in UTF-16 code unit order.
_SORTS_DIFFERENTLY = "\ue000"
# Deeper documents take rfc8785's path, so they fail (or not) exactly as before.
_MAX_DEPTH = 200
_ENCODER = json.JSONEncoder(
    ensure_ascii=False,
    separators=(",", ":"),
    sort_keys=True,
    allow_nan=False,
    # The walk below has already refused cycles (as too deep).
    check_circular=False,
)


class _NotPlain(Exception):
    """The value needs rfc8785's serializer."""


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical form of a JSON value, as UTF-8.

    Returns:
        Exactly ``rfc8785.dumps(value)``.

    Raises:
        rfc8785.CanonicalizationError, TypeError, ValueError: whatever
            ``rfc8785.dumps`` raises for ``value``.
    """
    try:
        _check(value, 0)
        return _ENCODER.encode(value).encode("utf-8")
    except (_NotPlain, UnicodeEncodeError):
        return rfc8785.dumps(value)


def _check(value: Any, depth: int) -> None:
    """Raise :class:`_NotPlain` unless ``json.dumps`` writes ``value`` as JCS does."""
    kind = type(value)
    if kind is dict:
        _check_object(value, depth)
    elif kind is list or kind is tuple:
        _check_array(value, depth)
    elif kind is int:
        if not -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
            raise _NotPlain
    elif kind is not str and kind is not bool and value is not None:
        raise _NotPlain


def _check_object(value: dict[Any, Any], depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise _NotPlain
    for key, item in value.items():
        if type(key) is not str or (not key.isascii() and max(key) >= _SORTS_DIFFERENTLY):
            raise _NotPlain
        if type(item) is not str:
            _check(item, depth + 1)


def _check_array(value: list[Any] | tuple[Any, ...], depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise _NotPlain
    for item in value:
        if type(item) is not str:
            _check(item, depth + 1)
