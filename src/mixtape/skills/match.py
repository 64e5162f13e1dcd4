"""From a job posting or an occupation to skills, and from skills held to the gap.

Coverage rule of :func:`skill_gap`: a target skill is covered when it is held, or
when a *narrower* skill of it is held (ESCO's broader links between skills go from
a specialisation to the general skill: "manage musical staff" → "manage staff";
whoever shows the specialisation shows the general skill). Holding a broader skill
does not cover a narrower one, and groups never cover anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mixtape.skills.index import cached
from mixtape.skills.model import SKILL_KINDS, Concept, Framework
from mixtape.skills.search import Match, ranked_matches


@dataclass(frozen=True, slots=True)
class OccupationSkills:
    """An occupation and its skills (ESCO: essential and optional), in the framework's order."""

    occupation: Concept
    essential: tuple[Concept, ...]
    optional: tuple[Concept, ...]


@dataclass(frozen=True, slots=True)
class SkillGap:
    """Target skills split into covered and missing; ``covered_by`` names the held skill."""

    covered: tuple[str, ...]
    missing: tuple[str, ...]
    covered_by: dict[str, str]


def skills_in_text(
    framework: Framework, text: str, *, language: str | None = None, limit: int = 20
) -> list[Match]:
    """The skills and knowledge a text (e.g. a job posting) asks for, best first.

    Args:
        framework: the framework whose skills are searched.
        text: the posting, in English or French.
        language: ``"en"`` or ``"fr"``; detected from the text when None.
        limit: the most skills returned.
    """
    return ranked_matches(framework, text, language, limit, SKILL_KINDS)


def occupation_skills(framework: Framework, occupation_uri: str) -> OccupationSkills:
    """The essential and optional skills of an occupation.

    Raises:
        UnknownConceptError: the framework has no concept with this URI.
    """
    occupation = framework.concept(occupation_uri)
    return OccupationSkills(
        occupation=occupation,
        essential=tuple(framework.concepts[u] for u in framework.essential.get(occupation_uri, ())),
        optional=tuple(framework.concepts[u] for u in framework.optional.get(occupation_uri, ())),
    )


def _skill_ancestors(framework: Framework, uri: str) -> set[str]:
    """The broader skills of a skill, transitively (groups excluded)."""
    found: set[str] = set()
    stack = [uri]
    while stack:
        concept = framework.concepts.get(stack.pop())
        for broader in concept.broader if concept else ():
            parent = framework.concepts.get(broader)
            if parent and parent.kind in SKILL_KINDS and broader not in found:
                found.add(broader)
                stack.append(broader)
    return found


def skill_gap(framework: Framework, target: Iterable[str], held: Iterable[str]) -> SkillGap:
    """Which target skills the held skills cover (see the module's coverage rule).

    Returns:
        A :class:`SkillGap` keeping the order of ``target``.
    """
    held_set = set(held)
    covered_by: dict[str, str] = {uri: uri for uri in held_set}
    for uri in sorted(held_set):
        for ancestor in _skill_ancestors(framework, uri):
            covered_by.setdefault(ancestor, uri)
    targets = list(dict.fromkeys(target))
    return SkillGap(
        covered=tuple(u for u in targets if u in covered_by),
        missing=tuple(u for u in targets if u not in covered_by),
        covered_by={u: covered_by[u] for u in targets if u in covered_by},
    )


def category_of(framework: Framework, uri: str) -> Concept | None:
    """The top-level category (ESCO: a pillar group such as S1 or an ISCED-F field) of a concept.

    The nearest category up the broader links wins; None when there is none.

    Raises:
        UnknownConceptError: the framework has no concept with this URI.
    """
    framework.concept(uri)
    found = cached("categories", framework, uri, lambda: _nearest_category(framework, uri))
    return framework.concepts[found] if found else None


def _nearest_category(framework: Framework, uri: str) -> str | None:
    level, seen = [uri], {uri}
    while level:
        for candidate in level:
            if candidate in framework.categories:
                return candidate
        level = [
            b
            for u in level
            if u in framework.concepts
            for b in framework.concepts[u].broader
            if b not in seen
        ]
        seen.update(level)
    return None
