"""A learner's progress on pathways, shaped for the pages: groups, totals, skills, next steps.

One wallet read and one evaluation per pathway; the micro-credentials suggested for the
gaps come from the prefetched definition, plus one query for those covering missing skills.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q

from mixtape.pathways import Held, MinTotal, Progress, Skills, evaluate
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways.models import Pathway, PathwayAward, PathwayGroup, PathwayStep
from mixtape_site.pathways.tree import (
    HeldSet,
    counting_toward,
    equivalence_url,
    goal_trees,
    held_of,
    requirement_tree,
)
from mixtape_site.web.bilingual import in_language

MAX_NEXT_STEPS = 6
# How much filling a gap weighs when ranking next steps: a missing step counts most.
STEP_WEIGHT, EQUIVALENT_WEIGHT, TOTAL_WEIGHT = 3, 2, 1


@dataclass(frozen=True)
class StepProgress:
    step: PathwayStep
    done: bool
    held_name: str = ""  # the held credential that meets the step
    via: str = ""  # the equivalent's name when met through an equivalence
    percent: int = 0  # partial progress when the step is another pathway's goal
    nested: Progress | None = None  # that pathway's progress, when not held yet


@dataclass(frozen=True)
class GroupProgress:
    group: PathwayGroup
    progress: Progress
    steps: list[StepProgress]


@dataclass(frozen=True)
class TotalProgress:
    measure: str  # "hours" or "credits"
    required: float
    have: float


@dataclass(frozen=True)
class SkillProgress:
    url: str
    name: str
    covered: bool


@dataclass
class PathwayProgress:
    pathway: Pathway
    progress: Progress
    percent: int
    groups: list[GroupProgress] = field(default_factory=list)
    totals: list[TotalProgress] = field(default_factory=list)
    skills: list[SkillProgress] = field(default_factory=list)
    next_steps: list[Achievement] = field(default_factory=list)
    award: PathwayAward | None = None
    started: bool = False  # a held credential fills a step or a skill

    @property
    def skills_met(self) -> bool:
        return all(skill.covered for skill in self.skills)


def evaluate_pathway(pathway: Pathway, held: Sequence[Held], *, goals: dict[str, Any]) -> Progress:
    """The core evaluation, with the other pathways' goals for nested progress: its own
    goal credential left out, goal credentials adding no hours or credits (``counting_toward``)."""
    own = achievement_url(pathway.goal)
    others = {goal: tree for goal, tree in goals.items() if goal != own}
    counted = counting_toward(own, held, goals={*goals, own})
    return evaluate(requirement_tree(pathway), counted, goals=others)


def progress_of_pathways(
    *, pathways: Sequence[Pathway], all_published: Sequence[Pathway], user: Any
) -> list[PathwayProgress]:
    """Each of ``pathways`` (prefetched) evaluated against the user's wallet."""
    held = held_of(user=user)
    goals = goal_trees(all_published)
    awards = {
        a.pathway_id: a
        for a in PathwayAward.objects.filter(learner=user, pathway__in=pathways).select_related(
            "credential"
        )
    }
    evaluated = [(p, evaluate_pathway(p, held.held, goals=goals)) for p in pathways]
    missing_skills = set().union(*(_missing_skills(root) for _pathway, root in evaluated))
    by_skill = _achievements_with_skills(missing_skills)
    by_goal = {achievement_url(p.goal): p for p in all_published}
    return [
        _shape(pathway, root, held, awards.get(pathway.pk), _Suggestions(by_skill, by_goal))
        for pathway, root in evaluated
    ]


@dataclass(frozen=True)
class _Suggestions:
    """What next steps are picked from besides the pathway's own steps."""

    by_skill: list[Achievement]  # micro-credentials covering missing skills
    by_goal: Mapping[str, Pathway]  # published pathways by goal achievement id


def _shape(
    pathway: Pathway,
    root: Progress,
    held: HeldSet,
    award: PathwayAward | None,
    suggestions: _Suggestions,
) -> PathwayProgress:
    groups = list(pathway.groups.all())
    shaped = PathwayProgress(pathway=pathway, progress=root, percent=root.percent, award=award)
    shaped.groups = [
        _group(group, child, held) for group, child in zip(groups, root.children, strict=False)
    ]
    for child in root.children[len(groups) :]:
        if isinstance(child.requirement, MinTotal):
            shaped.totals.append(_total(child, held))
        elif isinstance(child.requirement, Skills):
            shaped.skills = _skills(pathway, child)
    shaped.started = any(g.progress.fraction > 0 for g in shaped.groups) or any(
        s.covered for s in shaped.skills
    )
    shaped.next_steps = next_steps(
        shaped, held=held, by_skill=suggestions.by_skill, by_goal=suggestions.by_goal
    )
    return shaped


def _group(group: PathwayGroup, progress: Progress, held: HeldSet) -> GroupProgress:
    steps = []
    for step, child in zip(group.steps.all(), progress.children, strict=False):
        row = held.rows.get(child.used[0]) if child.used else None
        steps.append(
            StepProgress(
                step=step,
                done=child.met,
                held_name=row.name if row else "",
                via=_via(step, child, held) if child.met else "",
                percent=child.percent,
                nested=child.children[0] if child.children and not child.met else None,
            )
        )
    return GroupProgress(group=group, progress=progress, steps=steps)


def _via(step: PathwayStep, leaf: Progress, held: HeldSet) -> str:
    """The equivalent's name when no held credential is for the step's own achievement."""
    by_id = {h.credential_id: h.achievement_id for h in held.held}
    used_ids = {by_id.get(c, "") for c in leaf.used}
    if achievement_url(step.achievement) in used_ids:
        return ""
    for equivalence in step.equivalences.all():
        if equivalence_url(equivalence) in used_ids:
            return equivalence.name or str(equivalence)
    return ""


def _total(progress: Progress, held: HeldSet) -> TotalProgress:
    requirement = progress.requirement
    assert isinstance(requirement, MinTotal)
    values = {h.credential_id: h.hours if requirement.measure == "hours" else h.credits
              for h in held.held}  # fmt: skip
    have = sum(values.get(c, 0.0) for c in progress.used)
    return TotalProgress(measure=requirement.measure, required=requirement.amount, have=have)


def _skills(pathway: Pathway, progress: Progress) -> list[SkillProgress]:
    missing = set(progress.missing)
    return [
        SkillProgress(url=s["url"], name=in_language(s.get("name")) or s["url"],
                      covered=s["url"] not in missing)
        for s in pathway.skills or [] if isinstance(s, dict) and s.get("url")
    ]  # fmt: skip


def _missing_skills(root: Progress) -> set[str]:
    return {
        skill
        for child in root.children
        if isinstance(child.requirement, Skills)
        for skill in child.missing
    }


def _achievements_with_skills(skills: set[str]) -> list[Achievement]:
    """Published micro-credentials aligned to any of ``skills`` (one query).

    JSON containment is not portable (SQLite), so the stored text is searched for each URL
    and the match confirmed in Python.
    """
    if not skills:
        return []
    condition = reduce(or_, (Q(skills__icontains=url) for url in sorted(skills)))
    found = Achievement.objects.filter(condition, status=Achievement.Status.PUBLISHED)
    return [a for a in found.select_related("organization") if _skill_urls(a) & skills]


def _skill_urls(achievement: Achievement) -> set[str]:
    return {s["url"] for s in achievement.skills or [] if isinstance(s, dict) and s.get("url")}


def next_steps(
    shaped: PathwayProgress,
    *,
    held: HeldSet,
    by_skill: list[Achievement],
    by_goal: Mapping[str, Pathway] | None = None,
) -> list[Achievement]:
    """Published micro-credentials that would fill the gaps, those filling most first.

    Never a pathway's goal credential (``by_goal``, and this pathway's own): a certificate
    is earned through its pathway, not taken as a course, so a step that is one suggests
    the missing micro-credentials of its pathway instead.
    """
    if shaped.progress.met:
        return []
    by_goal = by_goal or {}
    goals = {*by_goal, achievement_url(shaped.pathway.goal)}
    ranking = _Ranking(exclude=held.achievement_ids() | goals)
    _offer_missing_steps(ranking, shaped, by_goal)
    missing = {s.url for s in shaped.skills if not s.covered}
    for achievement in by_skill:
        ranking.offer(achievement, len(_skill_urls(achievement) & missing))
    if any(t.have < t.required for t in shaped.totals):
        for group in shaped.groups:
            for step in group.steps:
                ranking.offer(step.step.achievement, TOTAL_WEIGHT)
    return ranking.best(MAX_NEXT_STEPS)


def _offer_missing_steps(
    ranking: _Ranking, shaped: PathwayProgress, by_goal: Mapping[str, Pathway]
) -> None:
    """The steps of unmet groups not done yet, and their platform equivalents; for a step
    that is another pathway's goal, the missing steps of that pathway."""
    for group in shaped.groups:
        if group.progress.met:
            continue
        for step in (s for s in group.steps if not s.done):
            ranking.offer(step.step.achievement, STEP_WEIGHT)
            for equivalence in step.step.equivalences.all():
                if equivalence.achievement is not None:
                    ranking.offer(equivalence.achievement, EQUIVALENT_WEIGHT)
            other = by_goal.get(achievement_url(step.step.achievement))
            if other is not None and step.nested is not None:
                _offer_nested(ranking, other, step.nested)


def _offer_nested(ranking: _Ranking, pathway: Pathway, root: Progress) -> None:
    """The not yet held steps of the unmet groups of another pathway (one level deep)."""
    for group, progress in zip(pathway.groups.all(), root.children, strict=False):
        if progress.met:
            continue
        for step, leaf in zip(group.steps.all(), progress.children, strict=False):
            if not leaf.met:
                ranking.offer(step.achievement, EQUIVALENT_WEIGHT)


@dataclass
class _Ranking:
    exclude: set[str]
    scores: dict[str, list[Any]] = field(default_factory=dict)  # url -> [score, order, row]

    def offer(self, achievement: Achievement, points: int) -> None:
        if points <= 0 or achievement.status != Achievement.Status.PUBLISHED:
            return
        url = achievement_url(achievement)
        if url in self.exclude:
            return
        entry = self.scores.setdefault(url, [0, len(self.scores), achievement])
        entry[0] += points

    def best(self, limit: int) -> list[Achievement]:
        ranked = sorted(self.scores.values(), key=lambda entry: (-entry[0], entry[1]))
        return [entry[2] for entry in ranked[:limit]]
