"""JSON-LD expansion and RDFC-1.0 canonicalization, offline.

Everything that turns a JSON-LD document into the bytes a Data Integrity proof
signs goes through :func:`canonicalize`, so the implementation behind it (pyld
today) can be replaced without touching the proof suites.

pyld keeps a process-wide cache of resolved contexts keyed by URL. Mixtape never
uses it: each call gets a resolver whose cache belongs to the document loader
(and to the current thread), so two loaders serving different bytes for the same
URL can never see each other's contexts.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Mapping
from typing import Any, Literal

from pyld import jsonld
from pyld.context_resolver import ContextResolver

from mixtape.errors import JsonLdError, MixtapeError
from mixtape.jsonld.fast import Unsupported, fast_canonicalize, fast_expansion_check
from mixtape.jsonld.loader import DocumentLoader, bundled_loader
from mixtape.jsonld.rdfc import DEFAULT_MAX_WORK, Quad, canonical_nquads, dataset_quads
from mixtape.jsonld.safe import SafeJsonLdProcessor

__all__ = ["ENGINE_VARIABLE", "Engine", "canonicalize", "expand", "safe_check", "to_rdf_quads"]

#: Which canonicalization path to run: ``"auto"`` (fast path, general path for
#: whatever it does not cover), ``"fast"`` (fast path or ``JsonLdError``) or
#: ``"pyld"`` (the general path only). Both paths give the same bytes.
Engine = Literal["auto", "fast", "pyld"]

_ENGINES: tuple[Engine, ...] = ("auto", "fast", "pyld")
#: Environment variable naming the default engine (``pyld`` runs everything on the
#: general path, for comparisons); read at each call.
ENGINE_VARIABLE = "MIXTAPE_JSONLD_ENGINE"

# Inline contexts are cached by content too; bound the cache so hostile input
# carrying ever-new inline contexts cannot grow it without limit.
_RESOLVED_CONTEXTS_PER_LOADER = 256

_per_thread = threading.local()


class _BoundedCache(dict[str, Any]):
    """A dict that forgets its oldest entry when full (all pyld's resolver needs)."""

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self and len(self) >= _RESOLVED_CONTEXTS_PER_LOADER:
            del self[next(iter(self))]
        super().__setitem__(key, value)


def _resolved_cache(loader: DocumentLoader) -> _BoundedCache:
    """This thread's resolved-context cache for ``loader``.

    Per thread because pyld's resolved contexts hold unsynchronised LRU caches.
    """
    caches: weakref.WeakKeyDictionary[DocumentLoader, _BoundedCache] | None
    caches = getattr(_per_thread, "caches", None)
    if caches is None:
        caches = _per_thread.caches = weakref.WeakKeyDictionary()
    try:
        cache = caches.get(loader)
        if cache is None:
            cache = caches[loader] = _BoundedCache()
    except TypeError:  # a loader that cannot be weakly referenced: cache per call only
        return _BoundedCache()
    return cache


def _cached_by_url(loader: DocumentLoader) -> DocumentLoader:
    """Tag loaded contexts as static so the resolver may reuse them across calls."""

    def load(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        return {**loader(url, options), "tag": "static"}

    return load


def _options(loader: DocumentLoader) -> dict[str, Any]:
    tagged = _cached_by_url(loader)
    return {
        "documentLoader": tagged,
        "contextResolver": ContextResolver(_resolved_cache(loader), tagged),
        "processingMode": "json-ld-1.1",
        # No document base: pyld would otherwise resolve relative IRIs against
        # http://example.org/base/, signing IRIs nobody wrote. Left relative, they
        # are refused in safe mode and dropped (as jsonld.js does) otherwise.
        "base": None,
    }


def _processor(*, safe: bool) -> jsonld.JsonLdProcessor:
    return SafeJsonLdProcessor() if safe else jsonld.JsonLdProcessor()


# pyld reports invalid input mostly as its JsonLdError, but some malformed
# documents reach plain Python errors inside it; all mean "cannot process".
_PROCESSING_FAILURES = (
    jsonld.JsonLdError,
    MixtapeError,
    RecursionError,
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
)


def _translate(error: BaseException) -> MixtapeError:
    """Surface our own error if pyld wrapped it; otherwise describe pyld's failure.

    pyld wraps errors in generic ones ("Could not expand input…"), so the
    innermost message is the one that says what is wrong.
    """
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and cause not in chain:
        if isinstance(cause, MixtapeError):
            return cause
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(link, RecursionError) for link in chain):
        return JsonLdError("JSON-LD processing failed: the document is nested too deeply")
    innermost = chain[-1]
    message = str(innermost.args[0]) if innermost.args else ""
    if not isinstance(innermost, jsonld.JsonLdError):  # pyld tripped over malformed input
        message = f"{type(innermost).__name__} {message}".strip()
    code = getattr(innermost, "code", None)
    return JsonLdError(f"JSON-LD processing failed: {message}" + (f" ({code})" if code else ""))


def expand(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader = bundled_loader,
    safe: bool = True,
) -> list[Any]:
    """Expand a JSON-LD document using only bundled (or injected) contexts.

    Args:
        document: the JSON-LD document.
        loader: document loader for ``@context`` URLs.
        safe: refuse terms the contexts would drop and relative IRIs.

    Returns:
        The expanded document (a list of node objects).

    Raises:
        ContextNotBundledError: a context URL is unknown to ``loader``.
        SafeModeError: ``safe`` and the document would lose data.
        JsonLdError: the document is not valid JSON-LD.
    """
    try:
        expanded: list[Any] = _processor(safe=safe).expand(dict(document), _options(loader))
    except _PROCESSING_FAILURES as error:
        raise _translate(error) from error
    return expanded


def _engine(engine: Engine | None, *, purpose: str) -> Engine:
    chosen = engine or os.environ.get(ENGINE_VARIABLE, "auto")
    if chosen not in _ENGINES:
        raise ValueError(f"unknown {purpose} engine {chosen!r}")
    return chosen


def safe_check(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader = bundled_loader,
    engine: Engine | None = None,
) -> None:
    """Check that ``document`` expands in safe mode: what :func:`expand` would raise, or nothing.

    Most documents under the bundled contexts are proven clean by the fast path
    without running pyld; any other document, and any that has a problem, is
    expanded by pyld, so the errors (and their messages) are exactly
    :func:`expand`'s.

    Args:
        document: the JSON-LD document.
        loader: document loader for ``@context`` URLs.
        engine: see :data:`Engine` (``"pyld"`` always expands with pyld); default
            ``"auto"`` (or ``MIXTAPE_JSONLD_ENGINE``).

    Raises:
        The same errors as :func:`expand` with ``safe=True``; with ``engine="fast"``,
        also ``JsonLdError`` for a document the fast path does not cover.
    """
    chosen = _engine(engine, purpose="expansion")
    if chosen != "pyld":
        try:
            fast_expansion_check(document, loader=loader, options=lambda: _options(loader))
            return
        except Unsupported as unsupported:
            if chosen == "fast":
                raise JsonLdError(f"not covered by the fast path: {unsupported}") from unsupported
    expand(document, loader=loader, safe=True)


def to_rdf_quads(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader = bundled_loader,
    safe: bool = True,
) -> list[Quad]:
    """The RDF quads a JSON-LD document denotes (blank nodes not yet canonical).

    Raises:
        The same errors as :func:`expand`.
    """
    try:
        dataset = _processor(safe=safe).to_rdf(dict(document), _options(loader))
    except _PROCESSING_FAILURES as error:
        raise _translate(error) from error
    return dataset_quads(dataset)


def canonicalize(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader = bundled_loader,
    safe: bool = True,
    engine: Engine | None = None,
) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document: what eddsa-rdfc-2022 hashes.

    Args:
        document: the JSON-LD document (a credential without its proof, or a
            proof configuration).
        loader: document loader for ``@context`` URLs; never the network.
        safe: refuse documents the contexts would silently shrink (undefined
            terms, relative ``@id``/``@type``); keep it on for signing and verifying.
        engine: see :data:`Engine`; default ``"auto"`` (or ``MIXTAPE_JSONLD_ENGINE``).

    Returns:
        Canonical N-Quads, one quad per line, each ending in ``\\n``.

    Raises:
        ContextNotBundledError: a context URL is unknown to ``loader``.
        SafeModeError: ``safe`` and the document would lose data.
        JsonLdError: invalid JSON-LD, or too complex to canonicalize (poison graph);
            with ``engine="fast"``, also a document the fast path does not cover.
    """
    chosen = _engine(engine, purpose="canonicalization")
    if chosen != "pyld":
        try:
            # The fast path refuses whatever safe mode would refuse or drop, so
            # what it accepts canonicalizes the same with or without ``safe``.
            # Its budget is a quarter of the general path's: both count work the same
            # way but may explore in different orders, so a document needing much
            # work goes to the general path, whose verdict on it then stands.
            return fast_canonicalize(
                document,
                loader=loader,
                options=lambda: _options(loader),
                max_work=DEFAULT_MAX_WORK // 4,
            )
        except Unsupported as unsupported:
            if chosen == "fast":
                raise JsonLdError(f"not covered by the fast path: {unsupported}") from unsupported
    quads = to_rdf_quads(document, loader=loader, safe=safe)
    return canonical_nquads(quads, max_work=DEFAULT_MAX_WORK)
