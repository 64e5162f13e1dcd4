"""Writes: defining, publishing and retiring pathways; awards and the CLR (see awards.py, clr.py).

A pathway's definition is checked twice: early, field by field, when a group is saved (so
the form can point at the field), and as a whole by :func:`definition_problems` before it
is published, or after any change to a published pathway, which must stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways import definitions
from mixtape_site.pathways.awards import (
    award_approve,
    award_decline,
    award_keep,
    awards_check,
)
from mixtape_site.pathways.clr import pathway_clr
from mixtape_site.pathways.definitions import GROUP_COUNT_TOO_HIGH, group_label
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup, PathwayStep
from mixtape_site.pathways.selectors import pathways_with_tree, public_pathways
from mixtape_site.web.bilingual import in_language

__all__ = [
    "award_approve",
    "award_decline",
    "award_keep",
    "awards_check",
    "definition_problems",
    "equivalence_add",
    "equivalence_delete",
    "group_delete",
    "group_move",
    "group_save",
    "pathway_clr",
    "pathway_create",
    "pathway_publish",
    "pathway_retire",
    "pathway_update",
]

EDITABLE_FIELDS = (
    "name", "description", "goal", "approval", "min_hours", "min_credits", "skills",
)  # fmt: skip

GOAL_INVALID = _("The goal must be a published micro-credential of your organization.")
COUNT_REQUIRED = _("Say how many of these micro-credentials are needed.")
GROUP_NEEDS_ACHIEVEMENT = _("Choose at least one micro-credential for this group.")
GOAL_IN_GROUP = _("“%(goal)s” is the goal of this pathway; it cannot also be a step.")
ACHIEVEMENT_UNAVAILABLE = _("“%(name)s” is not a published micro-credential.")
ONLY_DRAFTS_PUBLISHED = _("Only a draft pathway can be published.")
ONLY_PUBLISHED_RETIRED = _("Only a published pathway can be retired.")
EQUIVALENCE_ONE_OF = _(
    "Choose a micro-credential of this platform, or give the achievement id of another "
    "issuer's micro-credential, but not both."
)
EQUIVALENCE_NAME_REQUIRED = _("Give the name of the other issuer's micro-credential.")
EQUIVALENCE_IS_STEP = _("A micro-credential cannot be accepted in place of itself.")
EQUIVALENCE_TWICE = _("This equivalent is already accepted for this step.")
SKILL_INVALID = _("Each skill needs the web address of its definition.")


# --- the pathway ---------------------------------------------------------------------


@transaction.atomic
def pathway_create(
    *, organization: Organization, data: Mapping[str, Any], created_by: Any
) -> Pathway:
    """A new draft pathway of ``organization``; ``data`` holds model fields and ``partners``."""
    pathway = Pathway(organization=organization, created_by=created_by)
    _apply(pathway, data)
    return pathway


@transaction.atomic
def pathway_update(*, pathway: Pathway, data: Mapping[str, Any]) -> Pathway:
    """Change the fields in ``data``; a published pathway must stay valid."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    _apply(pathway, data)
    _still_valid(pathway)
    return pathway


def _apply(pathway: Pathway, data: Mapping[str, Any]) -> None:
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(pathway, name, data[name])
    if "goal" in data:
        _check_goal(pathway.organization, data["goal"])
    if "skills" in data and not all(_is_skill(s) for s in pathway.skills or []):
        raise ValidationError({"skills": SKILL_INVALID})
    pathway.full_clean(exclude=["created_by", "partners"])
    pathway.save()
    if "partners" in data:
        partners = [o for o in data["partners"] if o.pk != pathway.organization_id]
        pathway.partners.set(partners)


def _check_goal(organization: Organization, goal: Achievement | None) -> None:
    if (
        goal is None
        or goal.organization_id != organization.pk
        or goal.status != Achievement.Status.PUBLISHED
    ):
        raise ValidationError({"goal": GOAL_INVALID})


def _is_skill(skill: Any) -> bool:
    return isinstance(skill, dict) and isinstance(skill.get("url"), str) and bool(skill["url"])


def definition_problems(*, pathway: Pathway) -> list[str]:
    """Everything that keeps ``pathway`` from being published, as translated messages."""
    fresh = pathways_with_tree().get(pk=pathway.pk)
    return definitions.definition_problems(pathway=fresh, published=list(public_pathways()))


def _still_valid(pathway: Pathway) -> None:
    """Refuse (and roll back) a change that would leave a published pathway invalid."""
    if pathway.status == Pathway.Status.PUBLISHED:
        messages = definition_problems(pathway=pathway)
        if messages:
            raise ValidationError(messages)


@transaction.atomic
def pathway_publish(*, pathway: Pathway) -> Pathway:
    """Draft → published, if the definition has no problem (else every problem is listed)."""
    row = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if row.status != Pathway.Status.DRAFT:
        raise ValidationError(ONLY_DRAFTS_PUBLISHED, code="illegal_transition")
    messages = definition_problems(pathway=row)
    if messages:
        raise ValidationError(messages, code="invalid_definition")
    row.status = Pathway.Status.PUBLISHED
    row.published_at = timezone.now()
    row.save(update_fields=["status", "published_at", "updated_at"])
    return row


@transaction.atomic
def pathway_retire(*, pathway: Pathway) -> Pathway:
    """Published → retired: no new awards; awards given stay, its page still shows."""
    row = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if row.status != Pathway.Status.PUBLISHED:
        raise ValidationError(ONLY_PUBLISHED_RETIRED, code="illegal_transition")
    row.status = Pathway.Status.RETIRED
    row.save(update_fields=["status", "updated_at"])
    return row


# --- groups and steps ------------------------------------------------------------------


@transaction.atomic
def group_save(
    *,
    pathway: Pathway,
    group: PathwayGroup | None = None,
    name: Mapping[str, str],
    rule: str,
    count: int | None,
    achievements: list[Achievement],
) -> PathwayGroup:
    """Create a group, or replace a group's steps (steps kept keep their equivalences)."""
    chosen = list(dict.fromkeys(achievements))  # each once, in the order given
    names = {tag: text.strip() for tag, text in dict(name).items() if text and text.strip()}
    _check_group(pathway, group, names=names, rule=rule, count=count, chosen=chosen)
    if group is None:
        last = pathway.groups.aggregate(last=Max("position"))["last"]
        group = PathwayGroup(pathway=pathway, position=0 if last is None else last + 1)
    elif group.pathway_id != pathway.pk:
        raise ValueError("the group belongs to another pathway")
    group.name = names
    group.rule = rule
    group.count = count if rule == PathwayGroup.Rule.AT_LEAST else None
    group.full_clean(exclude=["pathway"])
    group.save()
    _replace_steps(group, chosen)
    _still_valid(pathway)
    return group


def _check_group(
    pathway: Pathway,
    group: PathwayGroup | None,
    *,
    names: dict[str, str],
    rule: str,
    count: int | None,
    chosen: list[Achievement],
) -> None:
    if not chosen:
        raise ValidationError({"achievements": GROUP_NEEDS_ACHIEVEMENT})
    if rule == PathwayGroup.Rule.AT_LEAST:
        if not count or count < 1:
            raise ValidationError({"count": COUNT_REQUIRED})
        if count > len(chosen):
            number = group.position + 1 if group else pathway.groups.count() + 1
            label = group_label(PathwayGroup(name=names), number)
            message = GROUP_COUNT_TOO_HIGH % {"group": label, "count": count, "total": len(chosen)}
            raise ValidationError({"count": message})
    for achievement in chosen:
        if achievement.pk == pathway.goal_id:
            goal = in_language(pathway.goal.name)
            raise ValidationError({"achievements": GOAL_IN_GROUP % {"goal": goal}})
        if not _selectable(pathway, achievement):
            name = in_language(achievement.name)
            raise ValidationError({"achievements": ACHIEVEMENT_UNAVAILABLE % {"name": name}})


def _selectable(pathway: Pathway, achievement: Achievement) -> bool:
    """Published micro-credentials of anyone; drafts only of the institutions defining it
    (another institution's drafts are private to it)."""
    if achievement.status == Achievement.Status.PUBLISHED:
        return True
    if achievement.status == Achievement.Status.RETIRED:
        return False
    definers = {pathway.organization_id, *pathway.partners.values_list("pk", flat=True)}
    return achievement.organization_id in definers


def _replace_steps(group: PathwayGroup, chosen: list[Achievement]) -> None:
    wanted = {achievement.pk for achievement in chosen}
    group.steps.exclude(achievement_id__in=wanted).delete()
    existing = {step.achievement_id: step for step in group.steps.all()}
    for position, achievement in enumerate(chosen):
        step = existing.get(achievement.pk) or PathwayStep(group=group, achievement=achievement)
        step.position = position
        step.full_clean(exclude=["group", "achievement"], validate_constraints=False)
        step.save()


@transaction.atomic
def group_delete(*, group: PathwayGroup) -> None:
    pathway = group.pathway
    group.delete()
    _renumber(pathway)
    _still_valid(pathway)


@transaction.atomic
def group_move(*, group: PathwayGroup, offset: int) -> None:
    """Move the group ``offset`` places (negative: up), within the pathway's groups."""
    groups = list(PathwayGroup.objects.select_for_update().filter(pathway_id=group.pathway_id))
    index = next(i for i, g in enumerate(groups) if g.pk == group.pk)
    target = max(0, min(len(groups) - 1, index + offset))
    groups.insert(target, groups.pop(index))
    _renumber(group.pathway, groups)


def _renumber(pathway: Pathway, groups: Iterable[PathwayGroup] | None = None) -> None:
    ordered = list(groups if groups is not None else pathway.groups.order_by("position", "id"))
    for position, group in enumerate(ordered):
        if group.position != position:
            group.position = position
            group.save(update_fields=["position"])


# --- equivalences ---------------------------------------------------------------------


@transaction.atomic
def equivalence_add(
    *,
    step: PathwayStep,
    achievement: Achievement | None = None,
    achievement_uri: str = "",
    name: str = "",
    issuer_name: str = "",
) -> Equivalence:
    """Accept another credential in place of ``step``: a platform achievement, or another
    issuer's achievement named by its id (then its name is required, for the pages)."""
    uri, name, issuer_name = achievement_uri.strip(), name.strip(), issuer_name.strip()
    if (achievement is None) == (not uri):
        raise ValidationError({"achievement": EQUIVALENCE_ONE_OF})
    if achievement is None and not name:
        raise ValidationError({"name": EQUIVALENCE_NAME_REQUIRED})
    pathway = step.group.pathway
    if achievement is not None:
        _check_equivalent(pathway, step, achievement)
    elif uri == achievement_url(step.achievement):
        raise ValidationError({"achievement_uri": EQUIVALENCE_IS_STEP})
    if _already_accepted(step, achievement, uri):
        raise ValidationError(EQUIVALENCE_TWICE)
    equivalence = Equivalence(
        step=step, achievement=achievement, achievement_uri=uri, name=name, issuer_name=issuer_name
    )
    equivalence.full_clean(exclude=["step", "achievement"])
    equivalence.save()
    _still_valid(pathway)
    return equivalence


def _check_equivalent(pathway: Pathway, step: PathwayStep, achievement: Achievement) -> None:
    if achievement.pk == step.achievement_id:
        raise ValidationError({"achievement": EQUIVALENCE_IS_STEP})
    if achievement.pk == pathway.goal_id:
        goal = in_language(pathway.goal.name)
        raise ValidationError({"achievement": GOAL_IN_GROUP % {"goal": goal}})
    if not _selectable(pathway, achievement):
        name = in_language(achievement.name)
        raise ValidationError({"achievement": ACHIEVEMENT_UNAVAILABLE % {"name": name}})


def _already_accepted(step: PathwayStep, achievement: Achievement | None, uri: str) -> bool:
    if achievement is not None:
        return step.equivalences.filter(achievement=achievement).exists()
    return step.equivalences.filter(achievement_uri=uri).exists()


@transaction.atomic
def equivalence_delete(*, equivalence: Equivalence) -> None:
    equivalence.delete()
