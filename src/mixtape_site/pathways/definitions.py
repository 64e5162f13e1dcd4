"""What is wrong with a pathway definition, in words an issuer can act on.

The core's ``problems`` finds cycles, empty groups, impossible counts, retired and repeated
micro-credentials; this module adds what only the platform knows (drafts) and names the
group and the micro-credential in each message.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from mixtape.pathways import Problem, problems
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways.models import Pathway, PathwayGroup
from mixtape_site.pathways.tree import goal_trees, requirement_tree
from mixtape_site.web.bilingual import in_language

GROUP_NAMED = _("Group “%(name)s”")
GROUP_NUMBERED = _("Group %(number)s")
NO_REQUIREMENT = _("The pathway has no requirement.")
GROUP_EMPTY = _("%(group)s has no micro-credential.")
GROUP_COUNT_TOO_HIGH = _("%(group)s asks for %(count)s of %(total)s micro-credentials.")
GROUP_COUNT_TOO_LOW = _("%(group)s must ask for at least 1 micro-credential.")
TOTAL_NOT_POSITIVE = _("The minimum total must be more than zero.")
SKILLS_EMPTY = _("The list of skills to cover is empty.")
STEP_RETIRED = _("%(group)s: “%(name)s” is retired; choose a current micro-credential.")
STEP_DRAFT = _(
    "%(group)s: “%(name)s” is not published yet; publish it or choose another micro-credential."
)
STEP_TWICE = _("%(group)s lists “%(name)s” twice.")
GOAL_AS_STEP = _("%(group)s: “%(goal)s” is the goal of this pathway; it cannot also be a step.")
STEP_CYCLE = _("“%(goal)s” would require itself: a step leads back to the goal through “%(name)s”.")


def group_label(group: PathwayGroup, number: int) -> str:
    name = in_language(group.name)
    return str(GROUP_NAMED % {"name": name} if name else GROUP_NUMBERED % {"number": number})


def definition_problems(*, pathway: Pathway, published: list[Pathway]) -> list[str]:
    """Translated messages for everything wrong with ``pathway`` (prefetched rows);
    ``published`` are the platform's published pathways, for cycles through them."""
    tree = requirement_tree(pathway)
    groups = list(pathway.groups.all())
    names = _names(pathway, published)
    retired = {url for url, a in _step_achievements(pathway) if a.status == "retired"}
    found = problems(
        tree,
        goal=achievement_url(pathway.goal),
        retired=retired,
        goals=goal_trees(published, but=pathway),
    )
    messages = [_message(problem, groups, names, pathway) for problem in found]
    messages += _drafts(groups)
    return list(dict.fromkeys(messages))  # the same sentence once


def _message(
    problem: Problem, groups: list[PathwayGroup], names: dict[str, str], pathway: Pathway
) -> str:
    path = problem.path
    group = groups[path[0]] if path and path[0] < len(groups) else None
    context = {
        "group": group_label(group, path[0] + 1) if group is not None else "",
        "name": names.get(problem.subject, problem.subject),
        "goal": in_language(pathway.goal.name),
        "count": group.count or 0 if group is not None else 0,
        "total": len(group.steps.all()) if group is not None else 0,
    }
    return str(_template(problem, group, achievement_url(pathway.goal)) % context)


def _template(problem: Problem, group: PathwayGroup | None, goal_id: str) -> Any:
    code = problem.code
    if code == "empty":
        if not problem.path:
            return NO_REQUIREMENT
        return GROUP_EMPTY if group is not None else SKILLS_EMPTY
    if code == "count":
        return GROUP_COUNT_TOO_LOW if group is None or not group.count else GROUP_COUNT_TOO_HIGH
    if code == "cycle":
        return GOAL_AS_STEP if problem.subject == goal_id else STEP_CYCLE
    return {"amount": TOTAL_NOT_POSITIVE, "retired": STEP_RETIRED, "duplicate": STEP_TWICE}[code]


def _drafts(groups: list[PathwayGroup]) -> list[str]:
    """Drafts may change before they are published: a pathway cannot rest on them."""
    messages = []
    for number, group in enumerate(groups, start=1):
        for step in group.steps.all():
            candidates = [step.achievement]
            candidates += [e.achievement for e in step.equivalences.all() if e.achievement]
            for achievement in candidates:
                if achievement.status == Achievement.Status.DRAFT:
                    label = group_label(group, number)
                    name = in_language(achievement.name)
                    messages.append(str(STEP_DRAFT % {"group": label, "name": name}))
    return messages


def _step_achievements(pathway: Pathway) -> list[tuple[str, Achievement]]:
    return [
        (achievement_url(step.achievement), step.achievement)
        for group in pathway.groups.all()
        for step in group.steps.all()
    ]


def _names(pathway: Pathway, published: list[Pathway]) -> dict[str, str]:
    """Achievement ids → names, for every achievement the messages may mention."""
    names = {achievement_url(p.goal): in_language(p.goal.name) for p in [*published, pathway]}
    for group in pathway.groups.all():
        for step in group.steps.all():
            names[achievement_url(step.achievement)] = in_language(step.achievement.name)
            for equivalence in step.equivalences.all():
                label = str(equivalence)
                if equivalence.achievement is not None:
                    names[achievement_url(equivalence.achievement)] = label
                else:
                    names[equivalence.achievement_uri] = label
    return names
