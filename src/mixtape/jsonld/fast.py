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

__all__ = ["Unsupported", "fast_canonicalize", "fast_quads"]

# Malformed input can trip plain Python errors in the walker; the general path
# then explains what is wrong.
_WALK_FAILURES = (RecursionError, TypeError, ValueError, KeyError, AttributeError, IndexError)


def fast_quads(
    document: Mapping[str, Any], *, loader: DocumentLoader, options: OptionsFactory
) -> list[FastQuad]:
    """The document's quads in N-Quads term syntax (blank node labels arbitrary).

    Raises:
        Unsupported: the document needs the general path.
    """
    initial = initial_context(loader, options)
    try:
        return document_quads(dict(document), initial=initial, options=options)
    except _WALK_FAILURES as error:
        raise Unsupported(f"{type(error).__name__} while walking the document") from error


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
