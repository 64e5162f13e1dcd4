"""Offline JSON-LD: bundled pinned contexts, safe-mode expansion, RDFC-1.0."""

from mixtape.jsonld.canonical import canonicalize, expand, to_rdf_quads
from mixtape.jsonld.loader import (
    CONTEXT_URLS,
    ContextBundle,
    DocumentLoader,
    bundled_loader,
    load_bundle,
)

__all__ = [
    "CONTEXT_URLS",
    "ContextBundle",
    "DocumentLoader",
    "bundled_loader",
    "canonicalize",
    "expand",
    "load_bundle",
    "to_rdf_quads",
]
