"""The catalogue's in-memory search index (one per process; see ``catalogue``).

Each published micro-credential becomes one document — a
:class:`mixtape.skills.Concept` of a small "catalogue framework" whose labels are
its name, description, criteria, learning outcomes and skill labels, in each
language (a missing translation falls back to the other language) — so search
reuses the skills core's normalization, stemming and BM25.

The index is rebuilt when its key changes: the number of published
micro-credentials, the latest ``updated_at`` of any micro-credential and the
highest id (any save through the ORM changes one of them).
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max

from mixtape.skills import SKILL_KINDS, Concept, Framework, load_framework
from mixtape.skills.index import stem_index
from mixtape.skills.rank import bm25
from mixtape.skills.text import stems
from mixtape_site.achievements.models import Achievement
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language


def framework() -> Framework:
    """The skills framework skills and occupations are read from."""
    return load_framework("esco")


@dataclass(frozen=True, slots=True)
class Entry:
    """What search, facets and sorting need to know about one published micro-credential."""

    pk: int
    name: dict[str, str]
    organization: str  # slug
    organization_name: dict[str, str]
    skills: dict[str, Any]  # URI → the name the issuer gave (bilingual)
    occupations: dict[str, int]  # occupation URI → 2 per essential skill, 1 per optional one
    hours: int
    cost: Decimal
    mode: str
    languages: tuple[str, ...]
    noc: tuple[str, ...]
    published_at: datetime | None


@dataclass(frozen=True)
class CatalogueIndex:
    key: tuple[Any, ...]
    entries: dict[int, Entry]  # newest first
    documents: Framework  # one concept per micro-credential, its URI the primary key


_lock = threading.Lock()
_current: list[CatalogueIndex] = []


def catalogue_index() -> CatalogueIndex:
    """The per-process index of published micro-credentials, rebuilt when any changed."""
    stats = Achievement.objects.aggregate(updated=Max("updated_at"), last=Max("id"))
    published = Achievement.objects.filter(status=Achievement.Status.PUBLISHED).count()
    key = (published, stats["updated"], stats["last"])
    with _lock:
        if not _current or _current[0].key != key:
            _current[:] = [_build(key)]
        return _current[0]


def _build(key: tuple[Any, ...]) -> CatalogueIndex:
    fw = framework()
    rows = (
        Achievement.objects.filter(status=Achievement.Status.PUBLISHED)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )
    entries, concepts = {}, {}
    for row in rows:
        entries[row.pk] = _entry(row, fw)
        concepts[str(row.pk)] = _document(row, fw)
    documents = Framework(
        id="catalogue", name="catalogue", version=str(key), attribution="", concepts=concepts
    )
    return CatalogueIndex(key=key, entries=entries, documents=documents)


def _entry(row: Achievement, fw: Framework) -> Entry:
    skills = {
        str(s["url"]): s.get("name") for s in row.skills if isinstance(s, dict) and s.get("url")
    }
    return Entry(
        pk=row.pk,
        name=row.name or {},
        organization=row.organization.slug,
        organization_name=row.organization.name or {},
        skills=skills,
        occupations=_occupations(fw, skills),
        hours=row.hours,
        cost=row.cost,
        mode=row.delivery_mode,
        languages=tuple(row.languages or ()),
        noc=tuple(str(code) for code in row.noc_codes or ()),
        published_at=row.published_at,
    )


def _document(row: Achievement, fw: Framework) -> Concept:
    texts = {tag: list(_texts(row, fw, tag)) for tag in LANGUAGE_TAGS}
    return Concept(
        framework="catalogue",
        uri=str(row.pk),
        code=None,
        kind="skill",
        labels={tag: in_language(row.name, tag) for tag in LANGUAGE_TAGS},
        alt_labels={tag: tuple(t for t in texts[tag] if t) for tag in LANGUAGE_TAGS},
    )


def _texts(row: Achievement, fw: Framework, tag: str) -> Iterator[str]:
    yield in_language(row.name, tag)  # a second time: the name weighs more than the description
    yield in_language(row.description, tag)
    yield in_language(row.criteria, tag)
    for outcome in row.learning_outcomes or ():
        yield in_language(outcome, tag)
    for skill in row.skills or ():
        if isinstance(skill, dict):
            yield in_language(skill.get("name"), tag)
            concept = fw.concepts.get(str(skill.get("url")))
            if concept is not None:
                yield concept.label(tag)


def _occupations(fw: Framework, skills: Iterable[str]) -> dict[str, int]:
    strength: Counter[str] = Counter()
    for skill in skills:
        strength.update(occupations_of_skill(fw).get(skill, {}))
    return dict(strength)


@functools.cache
def occupations_of_skill(fw: Framework) -> dict[str, dict[str, int]]:
    """Skill URI → the occupations it is essential (2) or optional (1) for."""
    found: dict[str, dict[str, int]] = {}
    for weight, relations in ((1, fw.optional), (2, fw.essential)):
        for occupation, skills in relations.items():
            for skill in skills:
                found.setdefault(skill, {})[occupation] = weight
    return found


def text_scores(index: CatalogueIndex, query: str) -> dict[int, float] | None:
    """Primary key → BM25 score of the documents holding every word of ``query``.

    None when the query has no searchable word (empty, or only stop words).
    """
    scores = document_scores(index.documents, query)
    return None if scores is None else {int(uri): score for uri, score in scores.items()}


def document_scores(documents: Framework, query: str) -> dict[str, float] | None:
    """Concept URI → BM25 score of the ``documents`` holding every word of ``query``, in
    English or in French (the better score of the two); None if no word is searchable."""
    scores: dict[str, float] = {}
    searchable = False
    for tag in LANGUAGE_TAGS:
        words = list(dict.fromkeys(stems(query, tag)))
        if not words:
            continue
        searchable = True
        stem_idx = stem_index(documents, tag, SKILL_KINDS)
        postings = [{doc for doc, _ in stem_idx.doc_postings.get(w, ())} for w in words]
        matched = set.intersection(*postings)
        for doc, score in bm25(stem_idx, Counter(words), dict.fromkeys(matched)).items():
            uri = stem_idx.uris[doc]
            scores[uri] = max(score, scores.get(uri, 0.0))
    return scores if searchable else None
