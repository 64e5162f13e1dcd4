"""Read-only helpers for the pathway pages: labels, totals and choice lists.

The selectors (``selectors.py``) own the queries the contract names; these are the small
extras only the pages need, and they never write.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup
from mixtape_site.web.bilingual import in_language

RULE_ALL = _("All of")
RULE_ANY = _("Any 1 of")
RULE_AT_LEAST = _("At least %(count)s of")
MEASURE_HOURS = _("At least %(amount)s hours in total")
MEASURE_CREDITS = _("At least %(amount)s credits in total")


def rule_label(group: PathwayGroup) -> str:
    """ "All of", "Any 1 of" or "At least 2 of", in the active language."""
    if group.rule == PathwayGroup.Rule.ANY:
        return str(RULE_ANY)
    if group.rule == PathwayGroup.Rule.AT_LEAST:
        return str(RULE_AT_LEAST) % {"count": group.count or 1}
    return str(RULE_ALL)


def group_heading(group: PathwayGroup) -> str:
    """The rule, then the group's own name when it has one: "All of: Core"."""
    name = in_language(group.name)
    return f"{rule_label(group)}: {name}" if name else rule_label(group)


def total_label(measure: str, amount: object) -> str:
    template = MEASURE_HOURS if measure == "hours" else MEASURE_CREDITS
    return str(template) % {"amount": _number(amount)}


def _number(value: object) -> str:
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def equivalence_name(equivalence: Equivalence) -> str:
    """An equivalent's name with its issuer: "Intro to SQL (Southern College)"."""
    if equivalence.achievement_id is not None:
        achievement = equivalence.achievement
        assert achievement is not None
        return f"{in_language(achievement.name)} ({achievement.organization})"
    name = equivalence.name or equivalence.achievement_uri
    return f"{name} ({equivalence.issuer_name})" if equivalence.issuer_name else name


@dataclass(frozen=True, slots=True)
class PathwaySummary:
    """What the list shows about a pathway: its institutions, size and least hours."""

    pathway: Pathway
    institutions: list[Organization]
    credentials: int
    hours: int


def pathway_summary(pathway: Pathway) -> PathwaySummary:
    steps = [(group, list(group.steps.all())) for group in pathway.groups.all()]
    institutions = {pathway.organization_id: pathway.organization}
    for _group, group_steps in steps:
        for step in group_steps:
            institutions.setdefault(step.achievement.organization_id, step.achievement.organization)
    distinct = {step.achievement_id for _group, group_steps in steps for step in group_steps}
    return PathwaySummary(
        pathway=pathway,
        institutions=list(institutions.values()),
        credentials=len(distinct),
        hours=max(least_hours(steps), pathway.min_hours or 0),
    )


def least_hours(groups: Iterable[tuple[PathwayGroup, list]]) -> int:  # type: ignore[type-arg]
    """The fewest hours of learning that meet every group (the cheapest choice in each)."""
    total = 0
    for group, steps in groups:
        hours = sorted(step.achievement.hours or 0 for step in steps)
        if group.rule == PathwayGroup.Rule.ANY:
            total += hours[0] if hours else 0
        elif group.rule == PathwayGroup.Rule.AT_LEAST:
            total += sum(hours[: group.count or 1])
        else:
            total += sum(hours)
    return total


def steps_prefetched(pathway: Pathway) -> list[PathwayGroup]:
    """The groups with their steps and equivalences: the selectors' prefetch when the
    pathway came from them (``pathways_with_tree``), else loaded here."""
    if "groups" in getattr(pathway, "_prefetched_objects_cache", {}):
        return list(pathway.groups.all())
    return list(
        pathway.groups.prefetch_related(
            "steps__achievement__organization",
            "steps__equivalences__achievement__organization",
        )
    )


def choosable_achievements() -> QuerySet[Achievement]:
    """Every institution's published micro-credentials, institution by institution."""
    return (
        Achievement.objects.filter(status=Achievement.Status.PUBLISHED)
        .select_related("organization")
        .order_by("organization__slug", "id")
    )


def by_institution(
    achievements: Iterable[Achievement],
) -> list[tuple[Organization, list[Achievement]]]:
    """``achievements`` (ordered by institution) grouped under their institution."""
    return [
        (organization, list(items))
        for organization, items in groupby(achievements, key=lambda a: a.organization)
    ]


def goal_of(*, achievement: Achievement) -> list[Pathway]:
    """Published pathways that lead to ``achievement``."""
    return list(
        Pathway.objects.filter(status=Pathway.Status.PUBLISHED, goal=achievement).select_related(
            "organization"
        )
    )
