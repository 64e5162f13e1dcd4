"""From a goal to a plan: the skills a job asks for, the gap, the micro-credentials that fill it.

Everything is offline and in memory: the skills framework (ESCO) and its
lexical matcher from ``mixtape.skills``, and the catalogue's index of published
micro-credentials. A learner's skills are those of their *verified* wallet
credentials; :func:`mixtape.skills.skill_gap` decides coverage (a held narrower
skill covers the broader one), for the learner, for each micro-credential and for each
pathway (the skills its steps teach).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mixtape.skills import (
    Concept,
    Framework,
    detect_language,
    load_framework,
    occupation_skills,
    skill_gap,
    skills_in_text,
)
from mixtape_site.achievements.catalogue import results_page
from mixtape_site.achievements.catalogue_index import Entry, catalogue_index
from mixtape_site.achievements.catalogue_pathways import pathway_index, summaries_of
from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways.models import Pathway
from mixtape_site.pathways.presenters import PathwaySummary
from mixtape_site.web.bilingual import in_language

POSTING_SKILLS = 15  # the skills a posting asks for, best first
OFFERS = 10
PATHWAYS = 5


@dataclass(frozen=True)
class TargetSkill:
    concept: Concept
    label: str  # in the reader's language
    essential: bool | None  # an occupation's essential or optional skill; None for a posting
    covered_by: Concept | None  # the held skill that covers it (signed-in learners)


@dataclass(frozen=True)
class Offer:
    achievement: Achievement
    covers: tuple[Concept, ...]  # the missing skills it covers
    labels: tuple[str, ...]  # their labels, in the reader's language


@dataclass(frozen=True)
class PathwayOffer:
    summary: PathwaySummary  # the pathway, its institutions and least hours
    covers: tuple[Concept, ...]  # the missing skills its steps teach
    labels: tuple[str, ...]  # their labels, in the reader's language

    @property
    def pathway(self) -> Pathway:
        return self.summary.pathway


@dataclass(frozen=True)
class Plan:
    occupation: Concept | None
    occupation_label: str
    language: str  # the language the posting was read in
    skills: tuple[TargetSkill, ...]
    signed_in: bool
    offers: tuple[Offer, ...]
    pathways: tuple[PathwayOffer, ...] = ()

    @property
    def covered(self) -> tuple[TargetSkill, ...]:
        return tuple(s for s in self.skills if s.covered_by is not None)

    @property
    def missing(self) -> tuple[TargetSkill, ...]:
        return tuple(s for s in self.skills if s.covered_by is None)


def framework() -> Framework:
    return load_framework("esco")


def posting_plan(text: str, *, language: str | None, held: set[str] | None, reader: str) -> Plan:
    """The plan for a job posting (``language`` None: detected from the text); labels are
    in the ``reader``'s language."""
    lang = language or detect_language(text)
    found = skills_in_text(framework(), text, language=lang, limit=POSTING_SKILLS)
    targets = [(m.concept, None) for m in found]
    return _plan(targets, held=held, language=lang, reader=reader, occupation=None)


def occupation_plan(uri: str, *, held: set[str] | None, reader: str) -> Plan:
    """The plan for an occupation: its essential skills first, then its optional ones.

    Raises:
        UnknownConceptError: the framework has no concept with this URI.
    """
    skills = occupation_skills(framework(), uri)
    targets = [(c, True) for c in skills.essential] + [(c, False) for c in skills.optional]
    return _plan(targets, held=held, language=reader, reader=reader, occupation=skills.occupation)


def _plan(
    targets: list[tuple[Concept, bool | None]],
    *,
    held: set[str] | None,
    language: str,
    reader: str,
    occupation: Concept | None,
) -> Plan:
    fw = framework()
    gap = skill_gap(fw, [c.uri for c, _ in targets], held or ())
    skills = tuple(
        TargetSkill(c, c.label(reader), essential, fw.concepts.get(gap.covered_by.get(c.uri, "")))
        for c, essential in targets
    )
    return Plan(
        occupation=occupation,
        occupation_label=occupation.label(reader) if occupation else "",
        language=language,
        skills=skills,
        signed_in=held is not None,
        offers=offers_for(gap.missing, language=reader),
        pathways=pathways_for(gap.missing, language=reader),
    )


def offers_for(missing: Iterable[str], *, language: str, limit: int = OFFERS) -> tuple[Offer, ...]:
    """Published micro-credentials covering missing skills: most skills first, then the
    fewest hours, the lowest cost, the name."""
    fw, missing = framework(), list(missing)
    if not missing:
        return ()
    ranked: list[tuple[Any, Entry, tuple[str, ...]]] = []
    for entry in catalogue_index().entries.values():
        covers = skill_gap(fw, missing, entry.skills).covered
        if covers:
            name = in_language(entry.name, language).casefold()
            ranked.append(((-len(covers), entry.hours, entry.cost, name, entry.pk), entry, covers))
    ranked.sort(key=lambda item: item[0])
    best = ranked[:limit]
    achievements = {a.pk: a for a in results_page([entry.pk for _, entry, _ in best])}
    return tuple(
        Offer(
            achievements[entry.pk],
            tuple(fw.concepts[u] for u in covers),
            tuple(fw.concepts[u].label(language) for u in covers),
        )
        for _, entry, covers in best
        if entry.pk in achievements
    )


def pathways_for(
    missing: Iterable[str], *, language: str, limit: int = PATHWAYS
) -> tuple[PathwayOffer, ...]:
    """Published pathways whose steps teach missing skills: most skills first, then the
    fewest hours (the least a learner must take), the name."""
    fw, missing = framework(), list(missing)
    if not missing:
        return ()
    covering: dict[int, tuple[str, ...]] = {}
    for entry in pathway_index().entries.values():
        if covers := skill_gap(fw, missing, entry.step_skills).covered:
            covering[entry.pk] = covers
    # Hours need the pathways' rows: load only those that can still make the list.
    counts = sorted((len(covers) for covers in covering.values()), reverse=True)
    least = counts[limit - 1] if len(counts) >= limit else 1
    candidates = [pk for pk, covers in covering.items() if len(covers) >= least]
    ranked = sorted(
        summaries_of(candidates),
        key=lambda s: (
            -len(covering[s.pathway.pk]),
            s.hours,
            in_language(s.pathway.name, language).casefold(),
            s.pathway.pk,
        ),
    )
    return tuple(
        PathwayOffer(
            summary,
            tuple(fw.concepts[u] for u in covering[summary.pathway.pk]),
            tuple(fw.concepts[u].label(language) for u in covering[summary.pathway.pk]),
        )
        for summary in ranked[:limit]
    )
