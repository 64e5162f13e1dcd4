"""Reads: pathways for the public pages and the management pages, and learners' progress."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import (
    Equivalence,
    Pathway,
    PathwayAward,
    PathwayGroup,
    PathwayStep,
)
from mixtape_site.pathways.progress import PathwayProgress, progress_of_pathways

__all__ = [
    "PathwayProgress",
    "awards_of_learner",
    "awards_to_decide",
    "learner_pathways",
    "organization_pathways",
    "pathway_of",
    "pathway_progress",
    "pathway_public_get",
    "pathways_of_achievement",
    "pathways_with_tree",
    "public_pathways",
]

VISIBLE = (Pathway.Status.PUBLISHED, Pathway.Status.RETIRED)


def pathways_with_tree() -> QuerySet[Pathway]:
    """Pathways with everything ``tree.requirement_tree`` and the pages read, prefetched."""
    equivalences = Equivalence.objects.select_related("achievement__organization").order_by("id")
    steps = PathwayStep.objects.select_related("achievement__organization").prefetch_related(
        Prefetch("equivalences", queryset=equivalences)
    )
    groups = PathwayGroup.objects.prefetch_related(Prefetch("steps", queryset=steps))
    return Pathway.objects.select_related("organization", "goal__organization").prefetch_related(
        Prefetch("groups", queryset=groups), "partners"
    )


def public_pathways() -> QuerySet[Pathway]:
    return pathways_with_tree().filter(status=Pathway.Status.PUBLISHED)


def pathway_public_get(*, uuid: Any) -> Pathway:
    """A published or retired pathway. Raises Pathway.DoesNotExist (drafts are private)."""
    return pathways_with_tree().get(uuid=uuid, status__in=VISIBLE)


def organization_pathways(*, organization: Organization) -> QuerySet[Pathway]:
    """The pathways the organization owns or defines with the owner, owned first."""
    return (
        pathways_with_tree()
        .filter(Q(organization=organization) | Q(partners=organization))
        .distinct()
    )


def pathway_of(*, organization: Organization, uuid: Any) -> Pathway | None:
    """The pathway if ``organization`` owns it or is a partner in it, else None."""
    return organization_pathways(organization=organization).filter(uuid=uuid).first()


def pathways_of_achievement(*, achievement: Achievement) -> list[Pathway]:
    """The published pathways ``achievement`` stacks into, as a step or an equivalent."""
    return list(
        public_pathways()
        .filter(
            Q(groups__steps__achievement=achievement)
            | Q(groups__steps__equivalences__achievement=achievement)
        )
        .distinct()
    )


def learner_pathways(*, user: Any) -> list[PathwayProgress]:
    """The published pathways the learner has started or been awarded, most advanced first."""
    pathways = list(public_pathways())
    awarded = set(PathwayAward.objects.filter(learner=user).values_list("pathway_id", flat=True))
    progresses = progress_of_pathways(pathways=pathways, all_published=pathways, user=user)
    started = [p for p in progresses if p.started or p.pathway.pk in awarded]
    return sorted(started, key=lambda p: (-p.progress.fraction, p.pathway.pk))


def pathway_progress(*, pathway: Pathway, user: Any) -> PathwayProgress:
    """How far ``user`` is on ``pathway`` (any status: a retired one still shows)."""
    published = list(public_pathways())
    pathway = pathways_with_tree().get(pk=pathway.pk)
    return progress_of_pathways(pathways=[pathway], all_published=published, user=user)[0]


def awards_to_decide(*, organization: Organization) -> QuerySet[PathwayAward]:
    """Awards waiting for the owner's approval or review, oldest first."""
    return (
        PathwayAward.objects.filter(pathway__organization=organization)
        .filter(Q(state=PathwayAward.State.PENDING) | Q(needs_review=True))
        .select_related("pathway__goal", "learner", "credential")
        .order_by("created_at", "id")
    )


def awards_of_learner(*, user: Any) -> QuerySet[PathwayAward]:
    return PathwayAward.objects.filter(learner=user).select_related("pathway", "credential")
