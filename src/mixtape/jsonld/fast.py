"""The fast canonicalization path: compiled contexts, JSON to quads, RDFC-1.0.

:func:`fast_canonicalize` either returns exactly what the general (pyld) path
returns for the document, or raises :class:`Unsupported` so that the caller
runs the general path instead. It never raises the errors the general path
reports: a document that is invalid, unsafe, or simply outside what the fast
path models gets the general path's answer, error messages included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mixtape.jsonld.fast_context import OptionsFactory, Unsupported, initial_context
from mixtape.jsonld.fast_rdf import FastQuad, document_quads
from mixtape.jsonld.fast_rdfc import canonical_nquads_from_terms
from mixtape.jsonld.loader import DocumentLoader

__all__ = [
    "MAX_FAST_NESTING",
    "Unsupported",
    "fast_canonicalize",
    "fast_expansion_check",
    "fast_quads",
]

# Malformed input can trip plain Python errors in the walker; the general path
# then explains what is wrong.
_WALK_FAILURES = (RecursionError, TypeError, ValueError, KeyError, AttributeError, IndexError)

#: Objects and arrays nested deeper than this go to the general path. pyld spends
#: more stack per level than the walker on some shapes, so near the recursion
#: limit it can fail ("nested too deeply") where the walker would not; real
#: credentials nest about ten levels.
MAX_FAST_NESTING = 64


def _nests_deeper_than(document: dict[str, Any], limit: int) -> bool:
    """Whether objects and arrays in ``document`` nest more than ``limit`` levels."""
    pending: list[tuple[Any, int]] = [(document, 0)]
    while pending:
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            if isinstance(child, (dict, list)):
                if depth >= limit:
                    return True
                pending.append((child, depth + 1))
    return False


def fast_quads(
    document: Mapping[str, Any], *, loader: DocumentLoader, options: OptionsFactory
) -> list[FastQuad]:
    """The document's quads in N-Quads term syntax (blank node labels arbitrary).

    Raises:
        Unsupported: the document needs the general path.
    """
    initial = initial_context(loader, options)
    data = dict(document)
    if _nests_deeper_than(data, MAX_FAST_NESTING):
        raise Unsupported("nested too deeply for the fast path")
    try:
        return document_quads(data, initial=initial, options=options)
    except _WALK_FAILURES as error:
        raise Unsupported(f"{type(error).__name__} while walking the document") from error


def fast_expansion_check(
    document: Mapping[str, Any], *, loader: DocumentLoader, options: OptionsFactory
) -> None:
    """Return only if pyld's safe-mode expansion of ``document`` succeeds.

    The walk refuses (raises :class:`Unsupported`) whatever safe mode would
    refuse or drop and whatever it does not model, and toRdf starts with the
    very expansion safe mode checks: a document it walks to the end expands
    cleanly. Its quads are not needed here, so no canonicalization runs.

    Raises:
        Unsupported: the general path must decide (and word any problem).
    """
    fast_quads(document, loader=loader, options=options)


def fast_canonicalize(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader,
    options: OptionsFactory,
    max_work: int,
) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, on the fast path.

    Raises:
        Unsupported: the document needs the general path.
    """
    quads = fast_quads(document, loader=loader, options=options)
    return canonical_nquads_from_terms(quads, max_work=max_work)
