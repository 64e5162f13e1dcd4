"""The append-only audit trail of a challenge: every transition and decision."""

from __future__ import annotations

from typing import Any

from mixtape_site.challenges.models import AuditEvent, Challenge, Proposal


def actor_label_for(actor: Any) -> str:
    """A label that survives the account's deletion (the FK is SET_NULL)."""
    if actor is None:
        return "system"
    return str(getattr(actor, "email", "") or actor)


def audit_record(
    *,
    challenge: Challenge,
    action: str,
    actor: Any,
    proposal: Proposal | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event; ``actor`` None means the platform itself (e.g. the closing task)."""
    event = AuditEvent(
        challenge=challenge,
        proposal=proposal,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label_for(actor),
        detail=detail or {},
    )
    event.full_clean(exclude=["actor"])  # None is the platform itself
    event.save()
    return event
