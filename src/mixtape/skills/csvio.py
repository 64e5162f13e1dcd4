"""Import another framework (O*NET, NOC, an institution's own) from a simple CSV.

Concepts CSV, UTF-8, one row per concept, with a header::

    uri,code,kind,label_en,label_fr,alt_en,alt_fr,broader

``kind`` is skill, knowledge, occupation or group; ``alt_en``, ``alt_fr`` and
``broader`` (URIs) hold several values separated by ``|``; empty cells are allowed
except ``uri``, ``kind`` and one label. Relations CSV (optional)::

    occupation_uri,skill_uri,relation

with ``relation`` essential or optional. Groups without a broader concept become
the framework's top-level categories.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable

from mixtape.errors import InvalidInputError
from mixtape.skills.model import KINDS, Concept, Framework

COLUMNS = ("uri", "code", "kind", "label_en", "label_fr", "alt_en", "alt_fr", "broader")
RELATION_COLUMNS = ("occupation_uri", "skill_uri", "relation")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _concept(framework_id: str, row: dict[str, str], line: int) -> Concept:
    kind = (row.get("kind") or "").strip()
    labels = {
        lang: row[f"label_{lang}"].strip()
        for lang in ("en", "fr")
        if (row.get(f"label_{lang}") or "").strip()
    }
    if not row.get("uri") or kind not in KINDS or not labels:
        raise InvalidInputError(
            f"line {line}: a concept needs a uri, a kind in {KINDS} and a label"
        )
    alts = {
        lang: _split(row.get(f"alt_{lang}"))
        for lang in ("en", "fr")
        if _split(row.get(f"alt_{lang}"))
    }
    return Concept(
        framework=framework_id,
        uri=row["uri"].strip(),
        code=(row.get("code") or "").strip() or None,
        kind=kind,
        labels=labels,
        alt_labels=alts,
        broader=_split(row.get("broader")),
    )


def _relations(
    rows: Iterable[str], concepts: dict[str, Concept]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    table: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for line, row in enumerate(csv.DictReader(rows), start=2):
        occupation, skill, relation = (row.get(c, "").strip() for c in RELATION_COLUMNS)
        if (
            occupation not in concepts
            or skill not in concepts
            or relation not in ("essential", "optional")
        ):
            raise InvalidInputError(f"relations line {line}: unknown concept or relation")
        table[occupation][relation == "optional"].append(skill)
    return (
        {o: tuple(e) for o, (e, _) in table.items()},
        {o: tuple(p) for o, (_, p) in table.items() if p},
    )


def framework_from_csv(
    concepts: Iterable[str],
    *,
    id: str,
    name: str,
    version: str = "",
    attribution: str = "",
    relations: Iterable[str] | None = None,
    url: str = "",
) -> Framework:
    """A framework from the concepts CSV (and optional relations CSV) described above.

    Args:
        concepts: the concepts CSV as lines, e.g. an open text file or ``text.splitlines()``.
        id: the framework's short id, e.g. ``"noc-2021"``.
        name: its display name.
        version: its version.
        attribution: the sentence the site must show, if the licence asks for one.
        relations: the relations CSV as lines, if any.
        url: where the framework is published.

    Raises:
        InvalidInputError: a row lacks a uri, kind or label, or names an unknown concept.
    """
    table = {}
    for line, row in enumerate(csv.DictReader(concepts), start=2):
        concept = _concept(id, row, line)
        table[concept.uri] = concept
    essential, optional = _relations(relations, table) if relations is not None else ({}, {})
    categories = frozenset(c.uri for c in table.values() if c.kind == "group" and not c.broader)
    return Framework(
        id=id,
        name=name,
        version=version,
        attribution=attribution,
        concepts=table,
        essential=essential,
        optional=optional,
        categories=categories,
        url=url,
    )


def framework_to_csv(framework: Framework) -> list[list[str]]:
    """The concepts as CSV rows, header first: the inverse of :func:`framework_from_csv`."""
    rows = [list(COLUMNS)]
    for c in framework.concepts.values():
        rows.append(
            [
                c.uri,
                c.code or "",
                c.kind,
                c.labels.get("en", ""),
                c.labels.get("fr", ""),
                "|".join(c.alt_labels.get("en", ())),
                "|".join(c.alt_labels.get("fr", ())),
                "|".join(c.broader),
            ]
        )
    return rows
