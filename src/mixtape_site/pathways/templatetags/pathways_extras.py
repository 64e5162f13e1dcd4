"""Pathways on other apps' pages, and small labels for the pathway templates.

Tags rather than view context so that the achievement, wallet and goal pages' views stay
as they are: ``{% stacks_into achievement %}``, ``{% my_pathways %}`` (the request user's
own progress only) and ``{% offers_pathways plan %}``.
"""

from __future__ import annotations

from typing import Any

from django import template

from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways import presenters, selectors
from mixtape_site.pathways.diagram import Mark, mark_label
from mixtape_site.pathways.models import Equivalence, PathwayGroup

register = template.Library()


@register.filter
def group_heading(group: PathwayGroup) -> str:
    return presenters.group_heading(group)


@register.filter
def equivalence_name(equivalence: Equivalence) -> str:
    return presenters.equivalence_name(equivalence)


@register.filter(name="mark_label")
def mark_label_filter(mark: Mark) -> str:
    return mark_label(mark)


@register.simple_tag
def total_label(measure: str, amount: Any) -> str:
    return presenters.total_label(measure, amount)


@register.inclusion_tag("pathways/_stacks_into.html")
def stacks_into(achievement: Achievement) -> dict[str, Any]:
    return {
        "achievement": achievement,
        "pathways": selectors.pathways_of_achievement(achievement=achievement),
        "goal_of": presenters.goal_of(achievement=achievement),
    }


@register.inclusion_tag("pathways/_wallet.html", takes_context=True)
def my_pathways(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    progresses = selectors.learner_pathways(user=user) if user.is_authenticated else []
    return {"progresses": progresses, "request": context["request"]}


@register.inclusion_tag("pathways/_goal_pathways.html")
def offers_pathways(plan: Any) -> dict[str, Any]:
    """The goal ``plan``'s pathways, ranked by how much of the gap they cover."""
    return {"items": plan.pathways}
