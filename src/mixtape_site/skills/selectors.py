"""Reads: framework sizes, a concept's neighbourhood, and what is aligned to a skill."""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from mixtape.skills import SKILL_KINDS, Concept, Framework, category_of
from mixtape_site.achievements.models import Achievement
from mixtape_site.achievements.selectors import published_achievements
from mixtape_site.skills.registry import concept, frameworks, suggestions

SHOWN = 20  # related concepts listed on a concept's page, the rest counted

T = TypeVar("T")
_lock = threading.Lock()
_derived: dict[str, weakref.WeakKeyDictionary[Framework, object]] = defaultdict(
    weakref.WeakKeyDictionary
)


def _once(name: str, framework: Framework, build: Callable[[], T]) -> T:
    """``build()`` computed once per framework object (frameworks hash by identity)."""
    with _lock:
        table = _derived[name]
        if framework not in table:
            table[framework] = build()
        return table[framework]  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class FrameworkSummary:
    framework: Framework
    skills: int
    occupations: int


def framework_summaries() -> list[FrameworkSummary]:
    """Every framework with its number of skills (and knowledge) and occupations."""
    return [
        _once("summary", fw, lambda fw=fw: FrameworkSummary(  # type: ignore[misc]
            fw,
            sum(1 for c in fw.concepts.values() if c.kind in SKILL_KINDS),
            sum(1 for c in fw.concepts.values() if c.kind == "occupation"),
        ))
        for fw in frameworks().values()
    ]  # fmt: skip


def _narrower(framework: Framework) -> dict[str, list[str]]:
    table: dict[str, list[str]] = defaultdict(list)
    for item in framework.concepts.values():
        for uri in item.broader:
            table[uri].append(item.uri)
    return dict(table)


def _needed_by(framework: Framework) -> dict[str, tuple[list[str], list[str]]]:
    table: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for position, relations in enumerate((framework.essential, framework.optional)):
        for occupation, skills in relations.items():
            for skill in skills:
                table[skill][position].append(occupation)
    return dict(table)


@dataclass(frozen=True, slots=True)
class Related:
    """Some concepts (the first :data:`SHOWN`, by label) and how many there are."""

    shown: list[Concept]
    count: int


@dataclass(frozen=True, slots=True)
class ConceptDetails:
    concept: Concept
    framework: Framework
    category: Concept | None
    broader: Related
    narrower: Related
    needed_by_essential: Related  # occupations that need this skill
    needed_by_optional: Related
    essential_skills: Related  # an occupation's own skills
    optional_skills: Related


def concept_details(item: Concept, framework: Framework, *, language: str) -> ConceptDetails:
    """A concept with its category, broader and narrower concepts, the occupations that
    need it (a skill) or the skills it needs (an occupation)."""

    def related(uris: Iterable[str]) -> Related:
        found = _sorted(framework, uris, language)
        return Related(found[:SHOWN], len(found))

    narrower = _once("narrower", framework, lambda: _narrower(framework)).get(item.uri, [])
    essential, optional = _once("needed", framework, lambda: _needed_by(framework)).get(
        item.uri, ([], [])
    )
    return ConceptDetails(
        concept=item,
        framework=framework,
        category=category_of(framework, item.uri),
        broader=related(item.broader),
        narrower=related(narrower),
        needed_by_essential=related(essential),
        needed_by_optional=related(optional),
        essential_skills=related(framework.essential.get(item.uri, ())),
        optional_skills=related(framework.optional.get(item.uri, ())),
    )


def _sorted(framework: Framework, uris: Iterable[str], language: str) -> list[Concept]:
    found = [framework.concepts[u] for u in uris if u in framework.concepts]
    return sorted(found, key=lambda c: c.label(language).casefold())


def aligned_achievements(*, uri: str) -> list[Achievement]:
    """Published micro-credentials aligned to the skill ``uri``, newest first."""
    # A text match on the JSON narrows the rows on SQLite and PostgreSQL alike; the
    # exact comparison then drops near misses (another URI that contains this one).
    candidates = published_achievements().filter(skills__icontains=f'"{uri}"')
    return [a for a in candidates if any(s.get("url") == uri for s in a.skills)]


@dataclass(frozen=True, slots=True)
class PickedSkill:
    uri: str
    label: str
    framework: str
    known: bool


def picked_skills(uris: Iterable[str], *, language: str) -> list[PickedSkill]:
    """Skills as the picker lists them (unknown URIs kept, labelled by their URI)."""
    everything = list(frameworks().values())
    names = {fw.id: fw.name for fw in everything}
    out = []
    for uri in dict.fromkeys(u.strip() for u in uris if u.strip()):
        found = concept(uri, among=everything)
        if found is None:
            out.append(PickedSkill(uri, uri, "", known=False))
        else:
            out.append(PickedSkill(uri, found.label(language), names[found.framework], True))
    return out


@dataclass(frozen=True, slots=True)
class FoundSkill:
    uri: str
    label: str
    matched: str  # the label (maybe the other language's, or an alternative) that matched
    framework: str
    kind: str
    fuzzy: bool


def skill_search(query: str, *, language: str, limit: int = 10) -> list[FoundSkill]:
    """The autocomplete's answers across every framework, best first."""
    if not query.strip():
        return []
    names = {fw.id: fw.name for fw in frameworks().values()}
    return [
        FoundSkill(s.concept.uri, s.label, s.matched, names[s.concept.framework],
                   s.concept.kind, s.fuzzy)
        for s in suggestions(query, language=language, limit=limit)
    ]  # fmt: skip
