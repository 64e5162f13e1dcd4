"""Offline JSON-LD: bundled pinned contexts, safe-mode expansion, RDFC-1.0."""

from mixtape.jsonld.canonical import Engine, canonicalize, expand, safe_check, to_rdf_quads
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
    "Engine",
    "bundled_loader",
    "canonicalize",
    "expand",
    "load_bundle",
    "safe_check",
    "to_rdf_quads",
]
