"""Compiled JSON-LD contexts for the fast canonicalization path.

Context processing itself is pyld's (so protected terms, ``@propagate``,
type- and property-scoped contexts and every error mean exactly what they mean
on the general path); what this module adds is memory. Each active context is
wrapped once in a :class:`CompiledContext` that remembers how its terms, types
and IRIs expand, and each context transition (a document's ``@context``, a
type-scoped or a property-scoped context) is computed once and cached by the
context it starts from and the context value applied.

Anything the fast path does not model raises :class:`Unsupported`; the caller
then hands the whole document to the general path, which gives the answer (or
the error) the document deserves.

The caches are shared by every thread. Context processing runs under one lock
(pyld stamps ids on contexts as it goes); lookups after that are plain dict
reads. Inline contexts come from untrusted documents, so every cache is bounded.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pyld import jsonld

from mixtape.jsonld.loader import DocumentLoader

__all__ = [
    "GRAPH",
    "JSON",
    "LANGUAGE",
    "LIST",
    "PLAIN",
    "CompiledContext",
    "KeyPlan",
    "PropertyPlan",
    "Term",
    "Unsupported",
    "context_key",
    "initial_context",
    "is_absolute",
]

#: pyld's options for one operation (document loader, context resolver, …).
OptionsFactory = Callable[[], dict[str, Any]]

# Transitions from any context to another, oldest forgotten first. Hostile input
# can carry ever-new inline contexts; this bounds what they can pin in memory.
_MAX_TRANSITIONS = 1024
# Per context: expansions of keys, types, key sets seen in documents. Contexts a
# document defines inline (rather than by URL) get a much smaller memory.
_MAX_MEMO = 4096
_MAX_MEMO_INLINE = 64
# Objects with more keys than this are expanded afresh each time.
_MAX_PLAN_KEYS = 64
# pyld's own test for an absolute IRI, as in safe.py.
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$")
_KEYWORD_LIKE = re.compile(r"^@[a-zA-Z]+$")
_SUPPORTED_CONTAINERS = frozenset(
    {
        frozenset(),
        frozenset({"@set"}),
        frozenset({"@list"}),
        frozenset({"@graph"}),
        frozenset({"@graph", "@set"}),
        frozenset({"@language"}),
        frozenset({"@language", "@set"}),
    }
)

_KINDS = {(True, False): "p", (True, True): "po", (False, False): "", (False, True): "o"}

_lock = threading.RLock()
_processor = jsonld.JsonLdProcessor()
_tokens = itertools.count(1)
_transitions: dict[tuple[int, str, str], CompiledContext] = {}
_url_list_keys: dict[tuple[str, ...], str] = {}
_initial: weakref.WeakKeyDictionary[DocumentLoader, CompiledContext] = weakref.WeakKeyDictionary()


class Unsupported(Exception):
    """The fast path does not model this document; use the general path."""


def is_absolute(value: str) -> bool:
    """pyld's absolute-IRI test (blank node identifiers count)."""
    return _ABSOLUTE_IRI.match(value) is not None


def context_key(value: Any) -> str:
    """A hashable, exact key for a context value (URL, object, array or null)."""
    if isinstance(value, str):
        return "s" + value
    if type(value) is list and all(type(url) is str for url in value):
        # Most documents name the same few lists of context URLs: remember their keys.
        urls = tuple(value)
        found = _url_list_keys.get(urls)
        if found is None:
            found = "j" + json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            with _lock:
                if len(_url_list_keys) >= _MAX_TRANSITIONS:
                    del _url_list_keys[next(iter(_url_list_keys))]
                _url_list_keys[urls] = found
        return found
    try:
        return "j" + json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise Unsupported("context is not plain JSON") from error


@dataclass(frozen=True, slots=True)
class Term:
    """What a key means in one active context (pyld's view, precomputed)."""

    iri: str | None
    container: frozenset[str]
    coercion: Any
    language: Any
    scoped: Any
    scoped_key: str | None


@dataclass(frozen=True, slots=True)
class KeyPlan:
    """How the keys of one object expand here (``@context`` left out), sorted by key.

    ``problem`` says why the object cannot be expanded in this context (a key
    safe mode would refuse, colliding keywords); a plan is still useful to find
    the ``@type`` keys before type-scoped contexts apply.
    """

    items: tuple[tuple[str, str], ...]
    type_keys: tuple[str, ...]
    keywords: frozenset[str]
    problem: str | None

    def checked(self) -> KeyPlan:
        """This plan, if the object expands cleanly.

        Raises:
            Unsupported: with :attr:`problem`.
        """
        if self.problem is not None:
            raise Unsupported(self.problem)
        return self


def _key_problem(key: str, iri: str | None, keywords: set[str]) -> str | None:
    if iri is None:
        return f"term {key!r} is not defined"
    if iri.startswith("@"):
        if iri not in jsonld.KEYWORDS:
            return f"term {key!r} expands to {iri!r}"
        if iri in keywords and iri != "@type":
            return "colliding keywords"
        keywords.add(iri)
    elif not is_absolute(iri) or iri.startswith("_:"):
        return f"term {key!r} does not expand to an absolute IRI"
    return None


def _make_plan(ctx: CompiledContext, keys: tuple[str, ...]) -> KeyPlan:
    items = []
    keywords: set[str] = set()
    problem = None
    for key in sorted(keys):
        if key == "@context":
            continue
        iri = ctx.term(key).iri
        problem = problem or _key_problem(key, iri, keywords)
        items.append((key, iri or ""))
    type_keys = tuple(key for key, iri in items if iri == "@type")
    return KeyPlan(tuple(items), type_keys, frozenset(keywords), problem)


#: How a property's value is read (see :class:`PropertyPlan`).
PLAIN, LANGUAGE, JSON, LIST, GRAPH = range(5)


@dataclass(frozen=True, slots=True)
class PropertyPlan:
    """A node key in one context: its predicate, how its value reads, and where.

    ``value_ctx`` is the context its values expand in (the property-scoped one
    if the term has one) and ``value_term`` the key's definition there, which
    is what coerces scalar values.
    """

    predicate: str
    mode: int
    value_ctx: CompiledContext
    value_term: Term


def _mode(term: Term) -> int:
    container = term.container
    if "@language" in container:
        return LANGUAGE
    if term.coercion == "@json":
        if container:
            raise Unsupported("@json in a container")
        return JSON
    if "@list" in container:
        return LIST
    if "@graph" in container:
        return GRAPH
    return PLAIN


def _get(raw: dict[str, Any], key: str, entry: str) -> Any:
    return jsonld.JsonLdProcessor.get_context_value(raw, key, entry)


def _make_term(raw: dict[str, Any], key: str) -> Term:
    mapping = raw["mappings"].get(key)
    if mapping is not None and (
        mapping.get("reverse") or "@nest" in mapping or "@index" in mapping
    ):
        raise Unsupported(f"term {key} uses @reverse, @nest or @index")
    if _get(raw, key, "@direction") is not None:
        raise Unsupported("base direction")
    declared = _get(raw, key, "@container")
    container = frozenset(() if declared is None else jsonld.JsonLdProcessor.arrayify(declared))
    if container not in _SUPPORTED_CONTAINERS:
        raise Unsupported(f"container {sorted(container)}")
    scoped = _get(raw, key, "@context")
    return Term(
        iri=_processor._expand_iri(raw, key, vocab=True),
        container=container,
        coercion=_get(raw, key, "@type"),
        language=_get(raw, key, "@language"),
        scoped=scoped,
        scoped_key=None if scoped is None else context_key(scoped),
    )


class CompiledContext:
    """One pyld active context plus memoised expansions and transitions."""

    __slots__ = (
        "_entries",
        "_plans",
        "_properties",
        "_terms",
        "_typed",
        "_types",
        "arrivals",
        "limit",
        "previous",
        "raw",
        "token",
    )

    def __init__(
        self, raw: dict[str, Any], previous: CompiledContext | None, *, limit: int = _MAX_MEMO
    ) -> None:
        if "@base" in raw or "@direction" in raw:
            raise Unsupported("@base or a default base direction")
        self.raw = raw
        self.previous = previous
        self.token = next(_tokens)
        self.limit = limit
        self._terms: dict[str, Term] = {}
        self._types: dict[str, str] = {}
        self._plans: dict[tuple[str, ...], KeyPlan] = {}
        self._properties: dict[str, PropertyPlan] = {}
        self._entries: dict[tuple[str | None, bool], CompiledContext] = {}
        self._typed: dict[tuple[str, ...], CompiledContext] = {}
        #: For objects without ``@context`` entered here under a property with
        #: these keys: the context they start in and how their keys expand there.
        self.arrivals: dict[tuple[str | None, tuple[str, ...]], tuple[CompiledContext, KeyPlan]]
        self.arrivals = {}

    # -- expansion -------------------------------------------------------------

    def term(self, key: str) -> Term:
        """The definition of ``key`` here (undefined keys too: they may expand)."""
        found = self._terms.get(key)
        if found is None:
            found = _make_term(self.raw, key)
            if len(self._terms) < self.limit:
                self._terms[key] = found
        return found

    def plan(self, keys: tuple[str, ...]) -> KeyPlan:
        """How an object with these keys (in this order) expands here."""
        found = self._plans.get(keys)
        if found is None:
            found = _make_plan(self, keys)
            if len(self._plans) < self.limit and len(keys) <= _MAX_PLAN_KEYS:
                self._plans[keys] = found
        return found

    def property_plan(self, key: str, options: OptionsFactory) -> PropertyPlan:
        """How values of ``key`` (a property of a node in this context) are read."""
        found = self._properties.get(key)
        if found is None:
            term = self.term(key)
            value_ctx = self.scoped(term, options)
            found = PropertyPlan(f"<{term.iri}>", _mode(term), value_ctx, value_ctx.term(key))
            if len(self._properties) < self.limit:
                self._properties[key] = found
        return found

    def scoped(self, term: Term, options: OptionsFactory) -> CompiledContext:
        """This context with ``term``'s property-scoped context applied, if it has one."""
        if term.scoped is None or term.scoped_key is None:
            return self
        return self.apply(term.scoped, term.scoped_key, options=options, override_protected=True)

    def entry(self, prop: str | None, reverts: bool, options: OptionsFactory) -> CompiledContext:
        """The context an object under ``prop`` starts in: reverted, then property-scoped."""
        found = self._entries.get((prop, reverts))
        if found is None:
            found = self.revert() if reverts else self
            if prop is not None:
                found = found.scoped(self.term(prop), options)
            if len(self._entries) < self.limit:
                self._entries[prop, reverts] = found
        return found

    def typed(self, types: tuple[str, ...], options: OptionsFactory) -> CompiledContext:
        """This context with the type-scoped contexts of ``types`` applied, in order."""
        found = self._typed.get(types)
        if found is None:
            found = self
            for type_ in types:
                definition = self.term(type_)
                if definition.scoped is not None and definition.scoped is not False:
                    found = found.apply(
                        definition.scoped,
                        definition.scoped_key or "",
                        options=options,
                        propagate=False,
                    )
            if len(self._typed) < self.limit:
                self._typed[types] = found
        return found

    def expand_type(self, value: str) -> str:
        """A ``@type`` value as an absolute IRI (vocabulary-relative)."""
        found = self._types.get(value)
        if found is None:
            expanded = _processor._expand_iri(self.raw, value, vocab=True, base=None)
            if not isinstance(expanded, str) or not is_absolute(expanded):
                raise Unsupported(f"type {value!r} is not an absolute IRI")
            if expanded.startswith("_:"):
                raise Unsupported("blank node type")
            found = expanded
            if len(self._types) < self.limit:
                self._types[value] = found
        return found

    def expand_id(self, value: str) -> str:
        """An ``@id`` value (document-relative, no base) as an absolute IRI or blank node.

        Not memoised: identifiers are mostly unique to their document.
        """
        colon = value.find(":")
        if colon > 0:
            mapping = self.raw["mappings"].get(value[:colon])
            if (mapping is None or not mapping.get("_prefix")) and is_absolute(value):
                return value  # what pyld's expansion returns for it, without the detour
        expanded = _processor._expand_iri(self.raw, value, base=None)
        if not isinstance(expanded, str) or not is_absolute(expanded):
            raise Unsupported(f"id {value!r} is not an absolute IRI")
        return expanded

    # -- transitions -----------------------------------------------------------

    def revert(self) -> CompiledContext:
        """The context before non-propagated (type-scoped) contexts applied."""
        return self.previous if self.previous is not None else self

    def apply(
        self,
        local: Any,
        key: str,
        *,
        options: OptionsFactory,
        propagate: bool = True,
        override_protected: bool = False,
        inline: bool = False,
    ) -> CompiledContext:
        """This context with ``local`` applied (``key`` is its :func:`context_key`).

        ``inline`` marks a context a document defines itself (not by URL): the
        result remembers less, as hostile input can make such contexts at will.
        """
        cache_key = (self.token, _KINDS[propagate, override_protected], key)
        found = _transitions.get(cache_key)
        if found is not None:
            return found
        with _lock:
            found = _transitions.get(cache_key)
            if found is None:
                limit = min(self.limit, _MAX_MEMO_INLINE) if inline else self.limit
                found = self._process(local, options(), propagate, override_protected, limit)
                if len(_transitions) >= _MAX_TRANSITIONS:
                    del _transitions[next(iter(_transitions))]
                _transitions[cache_key] = found
        return found

    def _process(  # internal, mirrors pyld's arguments
        self,
        local: Any,
        options: dict[str, Any],
        propagate: bool,
        override_protected: bool,
        limit: int,
    ) -> CompiledContext:
        try:
            raw = _processor._process_context(
                self.raw,
                local,
                options,
                override_protected=override_protected,
                propagate=propagate,
            )
        except Exception as error:  # any failure: the general path reports it
            raise Unsupported("context processing failed") from error
        return CompiledContext(raw, self._find_previous(raw.get("previousContext")), limit=limit)

    def _find_previous(self, raw_previous: Any) -> CompiledContext | None:
        if raw_previous is None:
            return None
        candidate: CompiledContext | None = self
        while candidate is not None:
            if candidate.raw is raw_previous:
                return candidate
            candidate = candidate.previous
        raise Unsupported("previous context of unknown origin")


def initial_context(loader: DocumentLoader, options: OptionsFactory) -> CompiledContext:
    """The empty active context for documents read with ``loader``.

    Raises:
        Unsupported: ``loader`` cannot be weakly referenced (nothing to cache by).
    """
    try:
        found = _initial.get(loader)
    except TypeError as error:
        raise Unsupported("loader cannot be cached by") from error
    if found is None:
        with _lock:
            found = _initial.get(loader)
            if found is None:
                raw = _processor._get_initial_context(options())
                found = _initial[loader] = CompiledContext(raw, None)
    return found
