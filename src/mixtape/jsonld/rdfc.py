"""RDF Dataset Canonicalization (RDFC-1.0) over pyld's URDNA2015 machinery.

pyld implements URDNA2015, which RDFC-1.0 standardised. Two things differ and
are fixed here without patching pyld:

* Canonical N-Quads (RDFC-1.0 section 4.3 / RDF 1.2 N-Quads): besides ``"``,
  ``\\``, ``\\n``, ``\\r``, the characters U+0008, U+0009 and U+000C use ECHAR
  (``\\b``, ``\\t``, ``\\f``) and every other C0 control and U+007F uses
  ``\\u00XX`` with upper-case hex. pyld writes those raw. The serialisation is
  hashed as well, so this changes blank-node labels too, not just the output.
* Poison graphs: RDFC-1.0 asks implementations to bound the work of the Hash
  N-Degree Quads algorithm, which is factorial in the worst case. A budget of
  calls and permutations turns a hostile document into a ``JsonLdError``.
"""

from __future__ import annotations

from typing import Any

from pyld.canon import URDNA2015
from pyld.identifier_issuer import IdentifierIssuer

from mixtape.errors import JsonLdError

__all__ = [
    "DEFAULT_MAX_WORK",
    "Quad",
    "canonical_nquads",
    "dataset_quads",
    "escape_literal",
    "serialize_quad",
]

#: One RDF quad as pyld represents it: ``{"subject", "predicate", "object", "name"?}``,
#: each term ``{"type": "IRI" | "blank node" | "literal", "value", ...}``.
Quad = dict[str, dict[str, str]]

#: Hash N-Degree Quads calls plus permutations examined before giving up. Real
#: credentials need a handful; a symmetric graph of 10 blank nodes needs millions.
DEFAULT_MAX_WORK = 20_000

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPES = str.maketrans(
    {chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)} | _ECHAR,
)
_COMPONENTS = ("subject", "object", "name")


def escape_literal(value: str) -> str:
    """Escape a literal's lexical form as canonical N-Quads requires."""
    return value.translate(_ESCAPES)


def _term(term: dict[str, str]) -> str:
    if term["type"] == "IRI":
        return f"<{term['value']}>"
    if term["type"] == "blank node":
        return term["value"]
    literal = f'"{escape_literal(term["value"])}"'
    datatype = term.get("datatype", _XSD_STRING)
    if datatype == _RDF_LANGSTRING:
        return f"{literal}@{term['language']}"
    if datatype != _XSD_STRING:
        return f"{literal}^^<{datatype}>"
    return literal


def serialize_quad(quad: Quad) -> str:
    """One canonical N-Quads line, newline included."""
    parts = [_term(quad["subject"]), _term(quad["predicate"]), _term(quad["object"])]
    if "name" in quad:
        parts.append(_term(quad["name"]))
    return " ".join(parts) + " .\n"


class _Rdfc10(URDNA2015):  # type: ignore[misc]  # pyld ships no type hints
    """pyld's URDNA2015 steps with canonical N-Quads and a work budget."""

    def __init__(self, *, max_work: int) -> None:
        super().__init__()
        self.hash_to_blank_nodes: dict[str, list[str]] = {}
        self._work_left = max_work

    def _spend(self, units: int) -> None:
        self._work_left -= units
        if self._work_left < 0:
            raise JsonLdError(
                "document is too complex to canonicalize: its blank nodes are so "
                "symmetric that RDFC-1.0 would need excessive work (possible poison graph)"
            )

    def hash_n_degree_quads(self, id_: str, issuer: IdentifierIssuer) -> dict[str, Any]:
        self._spend(1)
        result: dict[str, Any] = super().hash_n_degree_quads(id_, issuer)
        return result

    def create_hash_to_related(self, id_: str, issuer: IdentifierIssuer) -> dict[str, list[str]]:
        related: dict[str, list[str]] = super().create_hash_to_related(id_, issuer)
        # Every permutation of each group is tried next; charge for them up front
        # (capped, as the factorial itself can be astronomically large).
        cap = self._work_left + 1
        self._spend(sum(_capped_factorial(len(nodes), cap) for nodes in related.values()))
        return related

    def hash_first_degree_quads(self, id_: str) -> str:
        info = self.blank_node_info[id_]
        if "hash" not in info:
            lines = sorted(
                serialize_quad(_with_reference_labels(quad, id_)) for quad in info["quads"]
            )
            info["hash"] = self.hash_nquads(lines)
        cached: str = info["hash"]
        return cached

    def run(self, quads: list[Quad]) -> str:
        self._index(quads)
        self._issue_unique_hashes()
        self._issue_shared_hashes()
        return "".join(sorted(serialize_quad(self._relabel(quad)) for quad in quads))

    def _index(self, quads: list[Quad]) -> None:
        for quad in quads:
            # Once per distinct blank node: a self-loop (_:a p _:a) is one quad of _:a,
            # as in RDFC-1.0 and rdf-canonize; pyld would hash it twice.
            labels = {quad[key]["value"] for key in _COMPONENTS if _is_blank(quad.get(key))}
            for label in sorted(labels):
                self.blank_node_info.setdefault(label, {"quads": []})["quads"].append(quad)

    def _issue_unique_hashes(self) -> None:
        """RDFC-1.0 steps 3-5: label blank nodes whose first-degree hash is unique."""
        pending = set(self.blank_node_info)
        progressed = True
        while progressed:
            progressed = False
            self.hash_to_blank_nodes = {}
            for id_ in pending:
                first_degree = self.hash_first_degree_quads(id_)
                self.hash_to_blank_nodes.setdefault(first_degree, []).append(id_)
            for hash_, ids in sorted(self.hash_to_blank_nodes.items()):
                if len(ids) == 1:
                    self.canonical_issuer.get_id(ids[0])
                    pending.remove(ids[0])
                    del self.hash_to_blank_nodes[hash_]
                    progressed = True

    def _issue_shared_hashes(self) -> None:
        """RDFC-1.0 step 6: break ties with the Hash N-Degree Quads algorithm."""
        for _hash, ids in sorted(self.hash_to_blank_nodes.items()):
            paths = []
            for id_ in ids:
                if self.canonical_issuer.has_id(id_):
                    continue
                issuer = IdentifierIssuer("_:b")
                issuer.get_id(id_)
                paths.append(self.hash_n_degree_quads(id_, issuer))
            for result in sorted(paths, key=lambda path: str(path["hash"])):
                for existing in result["issuer"].order:
                    self.canonical_issuer.get_id(existing)

    def _relabel(self, quad: Quad) -> Quad:
        relabelled = dict(quad)
        for key in _COMPONENTS:
            term = quad.get(key)
            if term is not None and term["type"] == "blank node":
                relabelled[key] = {**term, "value": self.canonical_issuer.get_id(term["value"])}
        return relabelled


def _is_blank(term: dict[str, str] | None) -> bool:
    return term is not None and term["type"] == "blank node"


def _with_reference_labels(quad: Quad, reference: str) -> Quad:
    """Hash First Degree Quads: the reference node becomes ``_:a``, others ``_:z``."""
    relabelled = dict(quad)
    for key in _COMPONENTS:
        term = quad.get(key)
        if term is not None and term["type"] == "blank node":
            label = "_:a" if term["value"] == reference else "_:z"
            relabelled[key] = {**term, "value": label}
    return relabelled


def _capped_factorial(n: int, cap: int) -> int:
    total = 1
    for factor in range(2, n + 1):
        total *= factor
        if total >= cap:
            return cap
    return total


def dataset_quads(dataset: dict[str, list[dict[str, Any]]]) -> list[Quad]:
    """Flatten pyld's ``{graph name: [triples]}`` dataset into quads."""
    quads: list[Quad] = []
    for graph_name, triples in dataset.items():
        for triple in triples:
            quad = dict(triple)
            if graph_name != "@default":
                kind = "blank node" if graph_name.startswith("_:") else "IRI"
                quad["name"] = {"type": kind, "value": graph_name}
            quads.append(quad)
    return quads


def canonical_nquads(quads: list[Quad], *, max_work: int = DEFAULT_MAX_WORK) -> str:
    """Canonicalize quads with RDFC-1.0 (SHA-256) into canonical N-Quads.

    Raises:
        JsonLdError: the blank-node structure needs more than ``max_work`` steps.
    """
    return str(_Rdfc10(max_work=max_work).run(quads))
