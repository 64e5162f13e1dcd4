"""The public listing's search: words (EN/FR, accent-insensitive, stemmed, BM25 through
``catalogue_index.document_scores``) and facets (partner, skill, TRL level, deadline
window, funding program, kind).

Each public challenge becomes one document of a small framework, rebuilt per process when
any challenge changed. The deadline window is computed at query time, never stored, so the
lazy closing rule holds without a rebuild.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from django.db.models import Count, Max
from django.utils import timezone

from mixtape.skills import Concept, Framework
from mixtape_site.achievements.catalogue_index import document_scores
from mixtape_site.challenges.models import Challenge
from mixtape_site.challenges.selectors import public_challenges
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language

OPEN_NOW, CLOSING_SOON, CLOSED = "open", "closing", "closed"
CLOSING_WINDOW: Final = timedelta(days=30)
RELEVANCE, DEADLINE, NEWEST = "relevance", "deadline", "newest"
FACETS: Final = ("partner", "skill", "trl", "deadline", "program", "kind")


@dataclass(frozen=True, slots=True)
class Entry:
    pk: int
    partner: str
    skills: frozenset[str]
    trl_min: int
    trl_max: int
    deadline: datetime
    status: str
    programs: frozenset[str]
    kind: str
    opened_at: datetime | None

    def window(self, now: datetime) -> set[str]:
        """The deadline windows this challenge is in right now."""
        if self.status != Challenge.Status.OPEN or self.deadline <= now:
            return {CLOSED}
        return {OPEN_NOW, CLOSING_SOON} if self.deadline <= now + CLOSING_WINDOW else {OPEN_NOW}


@dataclass(frozen=True)
class ChallengeIndex:
    key: tuple[Any, ...]
    entries: dict[int, Entry]
    documents: Framework


_lock = threading.Lock()
_current: list[ChallengeIndex] = []


def challenge_index() -> ChallengeIndex:
    stats = Challenge.objects.aggregate(
        count=Count("pk"), updated=Max("updated_at"), last=Max("id")
    )
    key = tuple(stats.values())
    with _lock:
        if not _current or _current[0].key != key:
            _current[:] = [_build(key)]
        return _current[0]


def _build(key: tuple[Any, ...]) -> ChallengeIndex:
    rows = public_challenges().select_related("organization").prefetch_related("funding_programs")
    entries, concepts = {}, {}
    for row in rows:
        entries[row.pk] = Entry(
            pk=row.pk, partner=row.organization.slug,
            skills=frozenset(str(s["url"]) for s in row.skills if isinstance(s, dict)
                             and s.get("url")),
            trl_min=row.trl_min, trl_max=row.trl_max, deadline=row.deadline,
            status=row.status, programs=frozenset(p.slug for p in row.funding_programs.all()),
            kind=row.kind, opened_at=row.opened_at or row.created_at,
        )  # fmt: skip
        concepts[str(row.pk)] = _document(row)
    documents = Framework(
        id="challenges", name="challenges", version=str(key), attribution="", concepts=concepts
    )
    return ChallengeIndex(key=key, entries=entries, documents=documents)


def _document(row: Challenge) -> Concept:
    return Concept(
        framework="challenges", uri=str(row.pk), code=None, kind="skill",
        labels={tag: in_language(row.title, tag) for tag in LANGUAGE_TAGS},
        alt_labels={tag: tuple(t for t in _texts(row, tag) if t) for tag in LANGUAGE_TAGS},
    )  # fmt: skip


def _texts(row: Challenge, tag: str) -> Iterator[str]:
    yield in_language(row.title, tag)  # a second time: the title weighs more
    yield in_language(row.problem, tag)
    yield in_language(row.outcomes, tag)
    yield in_language(row.organization.name, tag)
    for skill in row.skills or ():
        if isinstance(skill, dict):
            yield in_language(skill.get("name"), tag)


# --- the search --------------------------------------------------------------

Filters = Mapping[str, str]


def _tests(filters: Filters, now: datetime) -> dict[str, Callable[[Entry], bool]]:
    tests: dict[str, Callable[[Entry], bool]] = {}
    if filters.get("partner"):
        tests["partner"] = lambda e: e.partner == filters["partner"]
    if filters.get("skill"):
        tests["skill"] = lambda e: filters["skill"] in e.skills
    if filters.get("trl"):
        tests["trl"] = lambda e: e.trl_min <= int(filters["trl"]) <= e.trl_max
    if filters.get("deadline"):
        tests["deadline"] = lambda e: filters["deadline"] in e.window(now)
    if filters.get("program"):
        tests["program"] = lambda e: filters["program"] in e.programs
    if filters.get("kind"):
        tests["kind"] = lambda e: e.kind == filters["kind"]
    return tests


@dataclass(frozen=True)
class SearchResult:
    pks: list[int]  # in display order
    facet_counts: dict[str, Counter[str]]  # facet → value → matches with the other filters


def _values(entry: Entry, facet: str, now: datetime) -> Iterator[str]:
    if facet == "trl":
        yield from (str(level) for level in range(entry.trl_min, entry.trl_max + 1))
    elif facet == "deadline":
        yield from entry.window(now)
    elif facet == "skill":
        yield from entry.skills
    elif facet == "program":
        yield from entry.programs
    else:
        yield entry.partner if facet == "partner" else entry.kind


def challenge_search(
    *, q: str = "", filters: Filters, sort: str = DEADLINE, now: datetime | None = None
) -> SearchResult:
    """Public challenges matching every word of ``q`` and every filter, with facet counts."""
    now = now or timezone.now()
    index = challenge_index()
    scores = document_scores(index.documents, q) if q.strip() else None
    pool = [e for e in index.entries.values() if scores is None or str(e.pk) in scores]
    tests = _tests(filters, now)
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    found = []
    for entry in pool:
        failed = [name for name, test in tests.items() if not test(entry)]
        if not failed:
            found.append(entry)
        for facet in FACETS:  # a facet counts what its other filters let through
            if not failed or failed == [facet]:
                counts[facet].update(_values(entry, facet, now))
    found.sort(key=_sort_key(sort, now, scores))
    return SearchResult([e.pk for e in found], counts)


def _sort_key(
    sort: str, now: datetime, scores: dict[str, float] | None
) -> Callable[[Entry], tuple[Any, ...]]:
    def key(entry: Entry) -> tuple[Any, ...]:
        if sort == NEWEST:
            return (-(entry.opened_at or now).timestamp(), entry.pk)
        if sort == RELEVANCE and scores is not None:
            return (-scores[str(entry.pk)], entry.pk)
        # Open ones first, soonest deadline first; then the closed, most recent first.
        closed = CLOSED in entry.window(now)
        when = -entry.deadline.timestamp() if closed else entry.deadline.timestamp()
        return (closed, when, entry.pk)

    return key
