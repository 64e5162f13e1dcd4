"""RDFC-1.0 over quads of N-Quads strings, as the fast path produces them.

The same algorithm as :mod:`mixtape.jsonld.rdfc` (pyld's URDNA2015 with
RDFC-1.0 canonical N-Quads and a work budget), without pyld's per-term
dictionaries. In the common case every blank node has a unique first-degree
hash and labelling stops there; otherwise Hash N-Degree Quads runs, charged
against the same kind of work budget. When the budget runs out this module
does not decide: it raises :class:`~mixtape.jsonld.fast_context.Unsupported`
and the general path (whose exploration order may differ) gives the verdict.
Callers give it a fraction of the general path's budget for that reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from itertools import permutations

from mixtape.jsonld.fast_context import Unsupported
from mixtape.jsonld.fast_rdf import FastQuad

__all__ = ["canonical_nquads_from_terms"]

_CANONICAL_PREFIX = "_:c14n"
_TEMPORARY_PREFIX = "_:b"


def _line(subject: str, predicate: str, obj: str, graph: str) -> str:
    if graph:
        return f"{subject} {predicate} {obj} {graph} .\n"
    return f"{subject} {predicate} {obj} .\n"


def _is_blank(term: str) -> bool:
    return term[:1] == "_"


class _Issuer:
    """RDFC-1.0's identifier issuer (insertion order is issuance order)."""

    __slots__ = ("issued", "prefix")

    def __init__(self, prefix: str, issued: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.issued: dict[str, str] = {} if issued is None else issued

    def get(self, label: str) -> str:
        found = self.issued.get(label)
        if found is None:
            found = self.issued[label] = f"{self.prefix}{len(self.issued)}"
        return found

    def copy(self) -> _Issuer:
        return _Issuer(self.prefix, dict(self.issued))


def _permutations(nodes: list[str]) -> Iterable[tuple[str, ...]]:
    """The orders of a related-hash group worth trying.

    A group repeats one node when all of a node's quads sit in one blank-node
    graph: all its orders are the same, so one is tried (as pyld's generator
    does). pyld's Steinhaus-Johnson-Trotter generator skips some orders of
    groups mixing repeated and distinct nodes, so for those the general path
    decides, to give its answer.
    """
    distinct = len(set(nodes))
    if distinct == 1:
        return (tuple(nodes),)
    if distinct < len(nodes):
        raise Unsupported("related blank nodes both repeat and differ")
    return permutations(sorted(nodes))


def _capped_factorial(n: int, cap: int) -> int:
    total = 1
    for factor in range(2, n + 1):
        total *= factor
        if total >= cap:
            return cap
    return total


class _Canonicalizer:
    def __init__(self, quads: list[FastQuad], max_work: int) -> None:
        self.quads = quads
        self.work_left = max_work
        self.canonical = _Issuer(_CANONICAL_PREFIX)
        self.by_node: dict[str, list[FastQuad]] = {}
        self.first: dict[str, str] = {}
        by_node = self.by_node
        # Terms are "<iri>", "_:label" or '"literal"…'; the graph may be "".
        for quad in quads:
            subject, _predicate, obj, graph = quad
            if subject[0] == "_":
                by_node.setdefault(subject, []).append(quad)
            if obj[0] == "_" and obj != subject:
                by_node.setdefault(obj, []).append(quad)
            if graph and graph[0] == "_" and graph not in {subject, obj}:
                by_node.setdefault(graph, []).append(quad)

    # -- first degree ------------------------------------------------------------

    def first_degree(self, node: str) -> str:
        found = self.first.get(node)
        if found is None:
            lines = []
            for subject, predicate, obj, graph in self.by_node[node]:
                if subject[0] == "_":
                    subject = "_:a" if subject == node else "_:z"  # noqa: PLW2901
                if obj[0] == "_":
                    obj = "_:a" if obj == node else "_:z"  # noqa: PLW2901
                if graph and graph[0] == "_":
                    graph = "_:a" if graph == node else "_:z"  # noqa: PLW2901
                lines.append(_line(subject, predicate, obj, graph))
            lines.sort()
            found = self.first[node] = hashlib.sha256("".join(lines).encode()).hexdigest()
        return found

    # -- n degree ----------------------------------------------------------------

    def spend(self, units: int) -> None:
        self.work_left -= units
        if self.work_left < 0:
            raise Unsupported("work budget exhausted (possible poison graph)")

    def related_hash(self, related: str, quad: FastQuad, issuer: _Issuer, position: str) -> str:
        identifier = self.canonical.issued.get(related) or issuer.issued.get(related)
        if identifier is None:
            identifier = self.first_degree(related)
        text = position + (quad[1] if position != "g" else "") + identifier
        return hashlib.sha256(text.encode()).hexdigest()

    def hash_to_related(self, node: str, issuer: _Issuer) -> dict[str, list[str]]:
        related: dict[str, list[str]] = {}
        for quad in self.by_node[node]:
            for position, term in (("s", quad[0]), ("o", quad[2]), ("g", quad[3])):
                if _is_blank(term) and term != node:
                    found = self.related_hash(term, quad, issuer, position)
                    related.setdefault(found, []).append(term)
        cap = self.work_left + 1
        self.spend(sum(_capped_factorial(len(nodes), cap) for nodes in related.values()))
        return related

    def n_degree(self, node: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        self.spend(1)
        digest = hashlib.sha256()
        for related_hash, nodes in sorted(self.hash_to_related(node, issuer).items()):
            digest.update(related_hash.encode())
            chosen_path = ""
            chosen_issuer: _Issuer | None = None
            for permutation in _permutations(nodes):
                found = self.try_permutation(permutation, issuer, chosen_path)
                if found is not None and (not chosen_path or found[0] < chosen_path):
                    chosen_path, chosen_issuer = found
            digest.update(chosen_path.encode())
            if chosen_issuer is not None:
                issuer = chosen_issuer
        return digest.hexdigest(), issuer

    def try_permutation(
        self, permutation: tuple[str, ...], issuer: _Issuer, chosen_path: str
    ) -> tuple[str, _Issuer] | None:
        """RDFC-1.0 4.8.3 step 5.4: the path of one permutation, or None if pruned."""
        issuer_copy = issuer.copy()
        path = ""
        recursion: list[str] = []
        for related in permutation:
            canonical = self.canonical.issued.get(related)
            if canonical is not None:
                path += canonical
            else:
                if related not in issuer_copy.issued:
                    recursion.append(related)
                path += issuer_copy.get(related)
            if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                return None
        for related in recursion:
            result_hash, issuer_copy = self.n_degree(related, issuer_copy)
            path += issuer_copy.get(related) + "<" + result_hash + ">"
            if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                return None
        return path, issuer_copy

    # -- the algorithm -----------------------------------------------------------

    def label(self) -> None:
        if len(self.by_node) == 1:  # a lone blank node's hash is unique whatever it is
            self.canonical.get(next(iter(self.by_node)))
            return
        by_hash: dict[str, list[str]] = {}
        for node in self.by_node:
            by_hash.setdefault(self.first_degree(node), []).append(node)
        shared = []
        for _hash, nodes in sorted(by_hash.items()):
            if len(nodes) == 1:
                self.canonical.get(nodes[0])
            else:
                shared.append(nodes)
        for nodes in shared:
            results = []
            for node in nodes:
                if node in self.canonical.issued:
                    continue
                issuer = _Issuer(_TEMPORARY_PREFIX)
                issuer.get(node)
                results.append(self.n_degree(node, issuer))
            for _hash, issuer in sorted(results, key=lambda result: result[0]):
                for existing in issuer.issued:
                    self.canonical.get(existing)

    def output(self) -> str:
        labels = self.canonical.issued
        lines = []
        for subject, predicate, obj, graph in self.quads:
            if subject[0] == "_":
                subject = labels[subject]  # noqa: PLW2901
            if obj[0] == "_":
                obj = labels[obj]  # noqa: PLW2901
            if graph:
                if graph[0] == "_":
                    graph = labels[graph]  # noqa: PLW2901
                lines.append(f"{subject} {predicate} {obj} {graph} .\n")
            else:
                lines.append(f"{subject} {predicate} {obj} .\n")
        lines.sort()
        return "".join(lines)


def canonical_nquads_from_terms(quads: list[FastQuad], *, max_work: int) -> str:
    """Canonical N-Quads (RDFC-1.0, SHA-256) of quads in N-Quads term syntax.

    Raises:
        Unsupported: the work budget ran out; let the general path decide.
    """
    canonicalizer = _Canonicalizer(quads, max_work)
    canonicalizer.label()
    return canonicalizer.output()
