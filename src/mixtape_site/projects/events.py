"""The append-only history of a project: every step, who took it, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mixtape_site.challenges.audit import actor_label_for
from mixtape_site.projects.models import Project, ProjectEvent, ProjectMember


def event_record(
    *,
    project: Project,
    action: str,
    actor: Any,
    now: datetime,
    member: ProjectMember | None = None,
    detail: dict[str, Any] | None = None,
) -> ProjectEvent:
    """Append one event; ``now`` is given so a replayed project keeps its own dates."""
    event = ProjectEvent(
        project=project,
        member=member,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label_for(actor),
        detail=detail or {},
        created_at=now,
    )
    event.full_clean(exclude=["actor"])  # None is the platform itself
    event.save()
    return event
