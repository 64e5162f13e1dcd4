"""JSON-LD straight to RDF quads, for documents the fast path models.

This follows pyld's expansion and toRdf algorithms step for step (the order in
which type-scoped contexts revert, property-scoped contexts apply, values are
coerced and duplicates merge) but writes quads as it goes instead of building
the expanded document and the node map. Blank node labels differ from pyld's;
the quads are the same up to blank node renaming, which canonicalization
removes.

Quads are tuples of N-Quads terms: ``("<iri>" | "_:b0", "<iri>", object, graph)``
where the graph is ``""`` for the default graph and literals are already in
canonical N-Quads form.

Whatever pyld would refuse in safe mode, drop, or treat in a way not modelled
here raises :class:`~mixtape.jsonld.fast_context.Unsupported`.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

from pyld import jsonld

from mixtape.jsonld.fast_context import (
    JSON,
    LANGUAGE,
    LIST,
    PLAIN,
    CompiledContext,
    KeyPlan,
    OptionsFactory,
    PropertyPlan,
    Term,
    Unsupported,
    context_key,
    is_absolute,
)
from mixtape.jsonld.rdfc import escape_literal

__all__ = ["FastQuad", "document_quads"]

#: ``(subject, predicate, object, graph)``, each in N-Quads syntax; graph ``""`` is default.
FastQuad = tuple[str, str, str, str]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = f"<{_RDF}type>"
_RDF_FIRST = f"<{_RDF}first>"
_RDF_REST = f"<{_RDF}rest>"
_RDF_NIL = f"<{_RDF}nil>"
_RDF_JSON = f"{_RDF}JSON"
_XSD_STRING = f"{_XSD}string"
_XSD_BOOLEAN = f"{_XSD}boolean"
_XSD_INTEGER = f"{_XSD}integer"
_XSD_DOUBLE = f"{_XSD}double"
_NOT_DATATYPES = frozenset({None, "@id", "@vocab", "@none"})
_VALUE_KEYS = frozenset({"@value", "@type", "@language"})
_DOUBLE_EXPONENT = re.compile(r"(\d)0*E\+?(-)?0*(\d)")
_LIMIT_DOUBLE = 1e21
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')
# Objects with more keys are not remembered by the context they are entered in.
_MAX_REMEMBERED_KEYS = 64

# An object term plus what makes it a duplicate for pyld's node map (None: never).
_Object = tuple[str, Any]
# On entering an object: active context, context for @type values, key expansions.
_State = tuple[CompiledContext, CompiledContext, KeyPlan]


def _double(value: float) -> str:
    """pyld's canonical lexical form of an xsd:double."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Unsupported("non-finite number")
    try:
        text = f"{value:1.15E}"
    except OverflowError as error:
        raise Unsupported("number out of range") from error
    return _DOUBLE_EXPONENT.sub(r"\1E\2\3", text)


def _escape(lexical: str) -> str:
    return escape_literal(lexical) if _NEEDS_ESCAPE.search(lexical) else lexical


def _typed(lexical: str, datatype: str) -> str:
    escaped = _escape(lexical)
    if datatype == _XSD_STRING:
        return f'"{escaped}"'
    return f'"{escaped}"^^<{datatype}>'


def literal(value: Any, datatype: str | None, language: str | None) -> _Object:
    """An RDF literal as pyld's toRdf writes a value object, with its merge key."""
    key = ("v", type(value) is bool, value, datatype, language)
    if type(value) is str and datatype != _XSD_DOUBLE:  # the common case, first
        escaped = escape_literal(value) if _NEEDS_ESCAPE.search(value) else value
        if language is not None:
            return f'"{escaped}"@{language}', key
        if datatype is None or datatype == _XSD_STRING:
            return f'"{escaped}"', key
        return f'"{escaped}"^^<{datatype}>', key
    return _other_literal(value, datatype, language), key


def _other_literal(value: Any, datatype: str | None, language: str | None) -> str:
    """Booleans, numbers, and anything on which pyld does something unusual."""
    if isinstance(value, bool):
        return _typed("true" if value else "false", datatype or _XSD_BOOLEAN)
    if isinstance(value, float) and not value.is_integer():
        return _typed(_double(value), datatype or _XSD_DOUBLE)
    if datatype == _XSD_DOUBLE:  # pyld reformats such strings and integers: leave it to pyld
        raise Unsupported("xsd:double value that is not a JSON float")
    if isinstance(value, (int, float)):
        if abs(value) >= _LIMIT_DOUBLE:
            return _typed(_double(value), datatype or _XSD_DOUBLE)
        return _typed(str(int(value)), datatype or _XSD_INTEGER)
    if not isinstance(value, str):
        raise Unsupported(f"value of type {type(value).__name__}")
    if language is not None:
        raise Unsupported("language-tagged xsd:double")
    return _typed(value, datatype or _XSD_STRING)


class _Site(NamedTuple):
    """Where a property's values go: subject, predicate (N-Quads) and graph."""

    subject: str
    predicate: str
    graph: str

    def at(self, obj: _Object) -> tuple[str, str, _Object, str]:
        return self.subject, self.predicate, obj, self.graph


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


class _Writer:
    """Walks one document, appending its quads."""

    def __init__(self, options: OptionsFactory) -> None:
        self.options = options
        self.quads: list[FastQuad] = []
        self._seen: set[tuple[str, str, str, Any]] = set()
        self._labels: dict[str, str] = {}
        self._count = 0
        self._json: dict[tuple[str, str, str], list[Any]] = {}

    # -- output ----------------------------------------------------------------

    def blank(self, label: str | None = None) -> str:
        if label is not None:
            found = self._labels.get(label)
            if found is not None:
                return found
        self._count += 1
        fresh = f"_:b{self._count}"
        if label is not None:
            self._labels[label] = fresh
        return fresh

    def node_term(self, iri: str) -> str:
        return self.blank(iri) if iri.startswith("_:") else f"<{iri}>"

    def emit(self, subject: str, predicate: str, obj: _Object, graph: str) -> None:
        term, key = obj
        if key is not None:
            merge_key = (graph, subject, predicate, key)
            if merge_key in self._seen:
                return
            self._seen.add(merge_key)
        self.quads.append((subject, predicate, term, graph))

    # -- context steps ---------------------------------------------------------

    def enter(self, ctx: CompiledContext, prop: str | None, element: dict[str, Any]) -> _State:
        """pyld's context steps on entering an object: revert, scope, local, types.

        Returns the active context, the one ``@type`` values expand against, and
        how the object's keys expand in the active context.
        """
        keys = tuple(element)
        if "@context" in element:
            active = ctx.entry(prop, True, self.options)
            local = element["@context"]
            inline = not all(isinstance(url, str) for url in _as_list(local))
            active = active.apply(local, context_key(local), options=self.options, inline=inline)
            plan = active.plan(keys)
        else:
            # Without a local context, where an object starts depends only on its keys.
            arrival = ctx.arrivals.get((prop, keys))
            if arrival is None:
                active = ctx.entry(prop, self._reverts(ctx, element), self.options)
                arrival = active, active.plan(keys)
                if len(ctx.arrivals) < ctx.limit and len(keys) <= _MAX_REMEMBERED_KEYS:
                    ctx.arrivals[prop, keys] = arrival
            active, plan = arrival
        type_keys = plan.type_keys
        if not type_keys:
            return active, active, plan.checked()
        if len(type_keys) > 1:
            raise Unsupported("several keys for @type")
        types = _as_list(element[type_keys[0]])
        names = tuple(sorted(value for value in types if isinstance(value, str)))
        typed = active.typed(names, self.options)
        return typed, active, typed.plan(keys).checked()

    @staticmethod
    def _reverts(ctx: CompiledContext, element: dict[str, Any]) -> bool:
        if ctx.previous is None or len(element) > 2 or "@context" in element:
            return True
        for key in sorted(element):
            expanded = ctx.term(key).iri
            if expanded == "@value":
                return False
            if expanded == "@id" and len(element) == 1:
                return False
        return True

    # -- objects -------------------------------------------------------------------

    def value(
        self,
        ctx: CompiledContext,
        prop: str,
        item: Any,
        graph: str,
        *,
        inside_list: bool = False,
    ) -> _Object | None:
        """The object one property value denotes (writing any quads it brings)."""
        if item is None:
            return None
        if isinstance(item, dict):
            return self.element(ctx, prop, item, graph, inside_list=inside_list)
        if isinstance(item, list):
            raise Unsupported("array inside an array")
        return self.scalar(ctx, ctx.term(prop), item)

    def scalar(self, ctx: CompiledContext, term: Term, item: Any) -> _Object:
        """pyld's value expansion (``term`` defines the key in ``ctx``), then toRdf's."""
        if term.iri is None or term.iri.startswith("@"):
            raise Unsupported("value of a keyword")
        coercion = term.coercion
        if isinstance(item, str) and coercion in {"@id", "@vocab"}:
            iri = ctx.expand_id(item) if coercion == "@id" else ctx.expand_type(item)
            node = self.node_term(iri)
            return node, ("@id", node)
        if coercion == "@json":
            raise Unsupported("@json coercion inside a scoped context")
        if coercion in _NOT_DATATYPES:
            language = term.language if isinstance(item, str) else None
            if language is not None and not isinstance(language, str):
                raise Unsupported("language is not a string")
            return literal(item, None, language)
        if not isinstance(coercion, str) or not is_absolute(coercion):
            raise Unsupported("datatype is not an absolute IRI")
        return literal(item, coercion, None)

    def element(
        self,
        ctx: CompiledContext,
        prop: str | None,
        element: dict[str, Any],
        graph: str,
        *,
        inside_list: bool = False,
    ) -> _Object | None:
        """An object as a property value (or a top-level node when ``prop`` is None)."""
        state = self.enter(ctx, prop, element)
        return self.entered(ctx, prop, element, graph, state=state, inside_list=inside_list)

    def entered(
        self,
        ctx: CompiledContext,
        prop: str | None,
        element: dict[str, Any],
        graph: str,
        *,
        state: _State,
        inside_list: bool,
    ) -> _Object | None:
        """:meth:`element` once the contexts are set and the keys expanded."""
        active, type_base, plan = state
        if "@value" in plan.keywords:
            if prop is None or ctx.term(prop).iri == "@graph":
                raise Unsupported("free-floating value")
            return self.value_object(element, plan, type_base)
        if "@list" in plan.keywords:
            if inside_list or prop is None or len(plan.items) != 1:
                raise Unsupported("list object in this position")
            key = plan.items[0][0]
            return self.rdf_list(active, prop, _as_list(element[key]), graph)
        subject = self.node(active, type_base, element, plan, graph)
        return subject, ("@id", subject)

    def value_object(
        self, element: dict[str, Any], plan: KeyPlan, type_base: CompiledContext
    ) -> _Object | None:
        fields = {iri: element[key] for key, iri in plan.items}
        if len(fields) != len(plan.items) or not set(fields) <= _VALUE_KEYS:
            raise Unsupported("value object with other keys")
        value = fields["@value"]
        datatype = fields.get("@type")
        language = fields.get("@language")
        if value is None or isinstance(value, (dict, list)):
            raise Unsupported("null or structured @value")
        if datatype is not None:
            if language is not None or not isinstance(datatype, str):
                raise Unsupported("value object @type")
            datatype = type_base.expand_type(datatype)
        if language is not None:
            if not isinstance(language, str) or not isinstance(value, str):
                raise Unsupported("language-tagged non-string")
            language = language.lower()
        return literal(value, datatype, language)

    def rdf_list(self, ctx: CompiledContext, prop: str, items: list[Any], graph: str) -> _Object:
        objects = [
            found
            for item in items
            if (found := self.value(ctx, prop, item, graph, inside_list=True)) is not None
        ]
        if not objects:
            return _RDF_NIL, None
        head = node = self.blank()
        for index, obj in enumerate(objects):
            self.emit(node, _RDF_FIRST, (obj[0], None), graph)
            following = self.blank() if index + 1 < len(objects) else _RDF_NIL
            self.emit(node, _RDF_REST, (following, None), graph)
            node = following
        return head, None

    # -- nodes ---------------------------------------------------------------------

    def node(
        self,
        active: CompiledContext,
        type_base: CompiledContext,
        element: dict[str, Any],
        plan: KeyPlan,
        graph: str,
    ) -> str:
        subject = self.subject(active, element, plan)
        for key, iri in plan.items:
            if iri == "@id":
                continue
            if iri == "@type":
                for type_ in _as_list(element[key]):
                    if not isinstance(type_, str):
                        raise Unsupported("@type value that is not a string")
                    expanded_type = type_base.expand_type(type_)
                    # pyld merges @type apart from an explicit rdf:type property.
                    merge = ("@type", expanded_type)
                    self.emit(subject, _RDF_TYPE, (f"<{expanded_type}>", merge), graph)
                continue
            if iri.startswith("@"):
                raise Unsupported(f"{iri} in a node object")
            self.property(active, key, element[key], subject, graph)
        return subject

    def subject(self, active: CompiledContext, element: dict[str, Any], plan: KeyPlan) -> str:
        if "@id" not in plan.keywords:
            return self.blank()
        for key, iri in plan.items:
            if iri == "@id":
                identifier = element[key]
                if not isinstance(identifier, str):
                    raise Unsupported("@id is not a string")
                return self.node_term(active.expand_id(identifier))
        return self.blank()

    def property(
        self, active: CompiledContext, key: str, value: Any, subject: str, graph: str
    ) -> None:
        """One key of a node object: its values, through the term's container."""
        plan = active.property_plan(key, self.options)
        mode = plan.mode
        if mode == PLAIN or (mode == LANGUAGE and not isinstance(value, dict)):
            self.plain(plan, key, value, subject, graph)
        else:
            self.container(plan, key, value, _Site(subject, plan.predicate, graph))

    def plain(self, plan: PropertyPlan, key: str, value: Any, subject: str, graph: str) -> None:
        """Values of a property without a container that changes how they read."""
        value_ctx, value_term, predicate = plan.value_ctx, plan.value_term, plan.predicate
        for item in value if isinstance(value, list) else (value,):
            if item is None:
                continue
            if isinstance(item, dict):
                found = self.element(value_ctx, key, item, graph)
            elif isinstance(item, list):
                raise Unsupported("array inside an array")
            else:
                found = self.scalar(value_ctx, value_term, item)
            if found is not None:
                self.emit(subject, predicate, found, graph)

    def container(self, plan: PropertyPlan, key: str, value: Any, site: _Site) -> None:
        """Values of a property with a language, list or graph container, or @json."""
        mode = plan.mode
        if mode == LANGUAGE:
            for obj in self.language_map(plan.value_ctx, value):
                self.emit(*site.at(obj))
        elif mode == JSON:
            self.json_literal(site, value)
        elif mode == LIST:
            self.list_container(plan.value_ctx, key, value, site)
        else:
            for item in _as_list(value):
                self.graph_item(plan.value_ctx, key, item, site)

    def list_container(self, ctx: CompiledContext, key: str, value: Any, site: _Site) -> None:
        if isinstance(value, dict):
            raise Unsupported("object in a list container")
        if value is not None:
            self.emit(*site.at(self.rdf_list(ctx, key, _as_list(value), site.graph)))

    def graph_item(self, ctx: CompiledContext, key: str, item: Any, site: _Site) -> None:
        """One value of a ``@graph`` container: a node in a graph of its own."""
        if item is None:
            return
        if not isinstance(item, (dict, str)):
            raise Unsupported("graph container value that is not a node")
        name = self.blank()
        found = self.value(ctx, key, item, name)
        if found is None or found[1] is None or found[1][0] != "@id":
            raise Unsupported("graph container value that is not a node")
        self.emit(*site.at((name, ("@id", name))))

    def language_map(self, ctx: CompiledContext, value: dict[str, Any]) -> list[_Object]:
        objects = []
        for language, texts in sorted(value.items()):
            tag = None if ctx.term(language).iri == "@none" else language.lower()
            for text in _as_list(texts):
                if text is None:
                    continue
                if not isinstance(text, str):
                    raise Unsupported("language map value that is not a string")
                objects.append(literal(text, None, tag))
        return objects

    def json_literal(self, site: _Site, value: Any) -> None:
        try:
            text = jsonld.canonicalize(value).decode("utf-8")
        except Exception as error:  # the general path says what is wrong with it
            raise Unsupported("cannot canonicalize @json value") from error
        earlier = self._json.setdefault((site.graph, site.subject, site.predicate), [])
        for previous_value, previous_text in earlier:
            if previous_value == value:  # pyld merges these; only the text tells if it matters
                if previous_text != text:
                    raise Unsupported("@json values pyld would merge")
                return
        earlier.append((value, text))
        self.emit(*site.at((_typed(text, _RDF_JSON), None)))

    # -- the document --------------------------------------------------------------

    def top(self, initial: CompiledContext, document: dict[str, Any]) -> None:
        state = self.enter(initial, None, document)
        active, _type_base, plan = state
        graph_keys = [key for key, iri in plan.items if iri == "@graph"]
        if not graph_keys:
            self.entered(initial, None, document, "", state=state, inside_list=False)
            return
        if len(plan.items) != 1:
            raise Unsupported("top-level @graph beside other keys")
        key = graph_keys[0]
        for item in _as_list(document[key]):
            if not isinstance(item, dict):
                raise Unsupported("free-floating value in @graph")
            obj = self.element(active, key, item, "")
            if obj is None or obj[1] is None or obj[1][0] != "@id":
                raise Unsupported("free-floating value in @graph")


def document_quads(
    document: dict[str, Any], *, initial: CompiledContext, options: OptionsFactory
) -> list[FastQuad]:
    """The quads pyld's toRdf gives for ``document`` (up to blank node labels).

    Raises:
        Unsupported: the document needs the general path.
    """
    if not isinstance(document, dict):
        raise Unsupported("document is not an object")
    writer = _Writer(options)
    writer.top(initial, document)
    return writer.quads
