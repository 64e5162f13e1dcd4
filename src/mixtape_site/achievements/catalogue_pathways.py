"""Pathways in the catalogue: a second kind of result, searched like the micro-credentials.

Each published pathway becomes one document of a small "pathway framework" (its name
twice, description, goal credential's name and its steps' names, in each language), so
the search is the catalogue's own: accent-insensitive, stemmed in English and French,
every query word required, BM25 ranking (``catalogue_index.document_scores``).

Of the catalogue's facets only two describe a pathway: the institution (the owner or a
partner that defines it) and the skill (taught by a step, or one the pathway asks to
cover). A search filtered by any other facet (hours, cost, mode…) shows no pathway.

The index is per process and rebuilt when its key changes, as the catalogue's is: it
reads the published pathways, their steps and the micro-credentials' names, so its key
follows all three.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q

from mixtape.skills import Concept, Framework
from mixtape_site.achievements.catalogue_index import document_scores
from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways.models import Pathway, PathwayStep
from mixtape_site.pathways.presenters import PathwaySummary, pathway_summary
from mixtape_site.pathways.selectors import pathways_with_tree, public_pathways
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language

PATHWAY_CARDS = 4  # pathways shown above the micro-credentials: a short block, not a list
PATHWAY_FACETS = frozenset({"institution", "skill"})


@dataclass(frozen=True, slots=True)
class PathwayEntry:
    """What search and the facets need to know about one published pathway."""

    pk: int
    institutions: frozenset[str]  # slugs of the owner and the partners
    skills: frozenset[str]  # URIs taught by a step or asked by the pathway itself
    step_skills: frozenset[str]  # URIs taught by a step (what a learner gains)
    published_at: datetime | None


@dataclass(frozen=True)
class PathwayIndex:
    key: tuple[Any, ...]
    entries: dict[int, PathwayEntry]  # newest first
    documents: Framework  # one concept per pathway, its URI the primary key


_lock = threading.Lock()
_current: list[PathwayIndex] = []


def pathway_index() -> PathwayIndex:
    """The per-process index of published pathways, rebuilt when any of its sources changed."""
    key = _key()
    with _lock:
        if not _current or _current[0].key != key:
            _current[:] = [_build(key)]
        return _current[0]


def _key() -> tuple[Any, ...]:
    # A save of a pathway (partners included) moves its updated_at; steps have no timestamp,
    # so their count and highest id stand in; the names come from the micro-credentials.
    published = Q(status=Pathway.Status.PUBLISHED)
    pathways = Pathway.objects.aggregate(
        published=Count("pk", filter=published), updated=Max("updated_at"), last=Max("id")
    )
    steps = PathwayStep.objects.aggregate(count=Count("pk"), last=Max("id"))
    achievements = Achievement.objects.aggregate(updated=Max("updated_at"), last=Max("id"))
    return (*pathways.values(), *steps.values(), *achievements.values())


def _build(key: tuple[Any, ...]) -> PathwayIndex:
    rows = public_pathways().order_by("-published_at", "-id")
    entries, concepts = {}, {}
    for row in rows:
        entries[row.pk] = _entry(row)
        concepts[str(row.pk)] = _document(row)
    documents = Framework(
        id="catalogue-pathways",
        name="pathways",
        version=str(key),
        attribution="",
        concepts=concepts,
    )
    return PathwayIndex(key=key, entries=entries, documents=documents)


def _steps(row: Pathway) -> Iterator[Achievement]:
    for group in row.groups.all():
        for step in group.steps.all():
            yield step.achievement


def _skill_uris(skills: Any) -> set[str]:
    return {str(s["url"]) for s in skills or () if isinstance(s, dict) and s.get("url")}


def _entry(row: Pathway) -> PathwayEntry:
    taught = set().union(*(_skill_uris(a.skills) for a in _steps(row)))
    return PathwayEntry(
        pk=row.pk,
        institutions=frozenset({row.organization.slug, *(p.slug for p in row.partners.all())}),
        skills=frozenset(taught | _skill_uris(row.skills)),
        step_skills=frozenset(taught),
        published_at=row.published_at,
    )


def _document(row: Pathway) -> Concept:
    return Concept(
        framework="catalogue-pathways",
        uri=str(row.pk),
        code=None,
        kind="skill",
        labels={tag: in_language(row.name, tag) for tag in LANGUAGE_TAGS},
        alt_labels={tag: tuple(t for t in _texts(row, tag) if t) for tag in LANGUAGE_TAGS},
    )


def _texts(row: Pathway, tag: str) -> Iterator[str]:
    yield in_language(row.name, tag)  # a second time: the name weighs more than the rest
    yield in_language(row.description, tag)
    yield in_language(row.goal.name, tag)
    for achievement in _steps(row):
        yield in_language(achievement.name, tag)


# --- the search --------------------------------------------------------------


@dataclass(frozen=True)
class PathwayResults:
    """The pathways a catalogue search finds: how many, and the first few to show."""

    count: int
    summaries: list[PathwaySummary]


def pathway_search(
    *, q: str, filters: Mapping[str, tuple[str, ...]], limit: int = PATHWAY_CARDS
) -> PathwayResults:
    """Published pathways matching the catalogue's words and its institution/skill filters:
    best match first (newest first without words)."""
    if set(filters) - PATHWAY_FACETS:
        return PathwayResults(0, [])
    index = pathway_index()
    scores = document_scores(index.documents, q) if q else None
    found = [
        entry
        for entry in index.entries.values()
        if (scores is None or str(entry.pk) in scores) and _passes(entry, filters)
    ]
    if scores is not None:
        found.sort(key=lambda entry: -scores[str(entry.pk)])  # stable: newest first on ties
    return PathwayResults(len(found), summaries_of([entry.pk for entry in found[:limit]]))


def _passes(entry: PathwayEntry, filters: Mapping[str, tuple[str, ...]]) -> bool:
    institutions, skills = filters.get("institution"), filters.get("skill")
    return (not institutions or not entry.institutions.isdisjoint(institutions)) and (
        not skills or not entry.skills.isdisjoint(skills)
    )


def summaries_of(pks: list[int]) -> list[PathwaySummary]:
    """The cards of these published pathways, in the order of ``pks`` (one prefetch)."""
    rows = pathways_with_tree().filter(status=Pathway.Status.PUBLISHED).in_bulk(pks)
    return [pathway_summary(rows[pk]) for pk in pks if pk in rows]
