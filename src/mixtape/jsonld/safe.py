"""JSON-LD "safe mode": refuse documents the contexts would silently shrink.

JSON-LD drops, without error, properties whose names the contexts do not define
and triples whose subject, predicate, type or object is a relative IRI. A
signature over such a document covers less than the JSON a person reads, which
is how data gets smuggled past a verifier. jsonld.js has a ``safe`` option that
turns those drops into errors; pyld has none, so this processor adds it at the
points where pyld expands keys, ``@id``/``@type`` values and coerced values, with
a final check of every triple as a backstop.

Caller-facing messages name the JSON path (``credentialSubject.foo``), so an
issuer can see which field to fix.
"""

from __future__ import annotations

import re
from typing import Any

from pyld import jsonld

from mixtape.errors import SafeModeError

__all__ = ["SafeJsonLdProcessor"]

_KEYWORDS_ALLOWED_AS_TYPE = frozenset({"@json", "@id", "@vocab", "@none"})
# pyld's own test for an absolute IRI (a scheme, or "_" for blank nodes), so both agree.
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$")


def _is_absolute(value: object) -> bool:
    return isinstance(value, str) and _ABSOLUTE_IRI.match(value) is not None


def _is_keyword(value: object) -> bool:
    return isinstance(value, str) and value in jsonld.KEYWORDS


def _refuse_dropped_property(expanded: str | None) -> None:
    raise SafeModeError(
        f"a property expanding to {expanded!r} is not an absolute IRI and would be "
        "dropped from the signature"
    )


class SafeJsonLdProcessor(jsonld.JsonLdProcessor):  # type: ignore[misc]  # pyld is untyped
    """A pyld processor that raises :class:`SafeModeError` instead of dropping data.

    One instance per operation: it tracks the JSON path being expanded.
    """

    def __init__(self) -> None:
        super().__init__(on_property_dropped=_refuse_dropped_property)
        self._path: list[str] = []

    # -- where the path is tracked -------------------------------------------

    def _expand(  # noqa: PLR0917  # pyld's signature
        self,
        active_ctx: dict[str, Any],
        active_property: str | None,
        element: Any,
        options: dict[str, Any],
        inside_list: bool = False,
        inside_index: bool = False,
        type_scoped_ctx: dict[str, Any] | None = None,
    ) -> Any:
        # Arrays recurse with the same property; count each property once.
        tracked = active_property is not None and not isinstance(element, list)
        if tracked:
            self._path.append(str(active_property))
        try:
            if not isinstance(element, (dict, list)) and element is not None:
                self._refuse_free_floating(active_ctx, active_property, inside_list)
            return super()._expand(
                active_ctx,
                active_property,
                element,
                options,
                inside_list=inside_list,
                inside_index=inside_index,
                type_scoped_ctx=type_scoped_ctx,
            )
        finally:
            if tracked:
                self._path.pop()

    def _where(self, *extra: str) -> str:
        return ".".join([*self._path, *extra]) or "(top level)"

    # -- the checks ----------------------------------------------------------

    def _expand_object(  # noqa: PLR0917  # pyld's signature
        self,
        active_ctx: dict[str, Any],
        active_property: str | None,
        expanded_active_property: str | None,
        element: dict[str, Any],
        expanded_parent: dict[str, Any],
        options: dict[str, Any],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        for key in element:
            if key != "@context":
                self._check_key(active_ctx, key)
        super()._expand_object(
            active_ctx,
            active_property,
            expanded_active_property,
            element,
            expanded_parent,
            options,
            *args,
            **kwargs,
        )
        self._check_node_iris(expanded_parent)

    def _expand_value(
        self,
        active_ctx: dict[str, Any],
        active_property: str | None,
        value: Any,
        options: dict[str, Any],
    ) -> Any:
        expanded = super()._expand_value(active_ctx, active_property, value, options)
        if isinstance(expanded, dict):
            self._check_node_iris(expanded)
        return expanded

    def _check_key(self, active_ctx: dict[str, Any], key: str) -> None:
        expanded = self._expand_iri(active_ctx, key, vocab=True)
        if _is_keyword(expanded):
            return
        if expanded is None or not _is_absolute(expanded):
            raise SafeModeError(
                f'term "{key}" at {self._where(key)} is not defined by the contexts '
                "and would be dropped from the signature"
            )
        if expanded.startswith("_:"):
            raise SafeModeError(
                f'term "{key}" at {self._where(key)} expands to a blank node, which '
                "cannot be a property, and would be dropped from the signature"
            )

    def _check_node_iris(self, node: dict[str, Any]) -> None:
        for identifier in jsonld.JsonLdProcessor.arrayify(node.get("@id", [])):
            if isinstance(identifier, str) and not _is_absolute(identifier):
                raise SafeModeError(
                    f'id "{identifier}" at {self._where("id")} is a relative IRI; '
                    "Mixtape requires absolute IRIs (a relative one would be dropped "
                    "or resolved against an arbitrary base)"
                )
        for type_ in jsonld.JsonLdProcessor.arrayify(node.get("@type", [])):
            if isinstance(type_, str) and not (
                _is_absolute(type_) or type_ in _KEYWORDS_ALLOWED_AS_TYPE
            ):
                raise SafeModeError(
                    f'type "{type_}" at {self._where("type")} is not defined by the '
                    "contexts (it is not an absolute IRI) and would be dropped from "
                    "the signature"
                )

    def _refuse_free_floating(
        self, active_ctx: dict[str, Any], active_property: str | None, inside_list: bool
    ) -> None:
        if inside_list:
            return
        if active_property is None or (
            self._expand_iri(active_ctx, active_property, vocab=True) == "@graph"
        ):
            raise SafeModeError(
                f"a value at {self._where()} is not attached to any node and would be "
                "dropped from the signature"
            )

    # -- backstop: every triple that reaches RDF ------------------------------

    def _graph_to_rdf(
        self, graph: dict[str, dict[str, Any]], issuer: Any, options: dict[str, Any]
    ) -> list[dict[str, Any]]:
        for subject, node in graph.items():
            self._check_triples(subject, node)
        triples: list[dict[str, Any]] = super()._graph_to_rdf(graph, issuer, options)
        return triples

    @staticmethod
    def _check_triples(subject: str, node: dict[str, Any]) -> None:
        if not _is_absolute(subject):
            raise SafeModeError(f'subject "{subject}" is a relative IRI and would be dropped')
        for predicate, objects in node.items():
            if _is_keyword(predicate):
                continue
            if not _is_absolute(predicate) or predicate.startswith("_:"):
                raise SafeModeError(f'property "{predicate}" of "{subject}" would be dropped')
            for item in objects:
                target = item.get("@id") if isinstance(item, dict) else None
                if target is not None and not _is_absolute(target):
                    raise SafeModeError(
                        f'value "{target}" of {predicate} is a relative IRI and would be dropped'
                    )
