"""Writes for challenges: create, edit, open, close, criteria and attachments.

Every transition writes an audit event. The lazy closing rule: a challenge past its
deadline is closed wherever it is read (``access.effective_status``); the services below
persist that first (``challenge_close_if_due``) whenever they touch a challenge, and the
``challenges_close_due`` command/task persists it for the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, Final, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges.access import can_post, deadline_passed
from mixtape_site.challenges.attachments import checked_upload
from mixtape_site.challenges.audit import audit_record
from mixtape_site.challenges.models import Attachment, AuditEvent, Challenge, Criterion
from mixtape_site.organizations.models import Organization

NOT_A_POSTING_ORGANIZATION = _(
    "Only partners, employers and funders post challenges; institutions answer them."
)
TITLE_BOTH_LANGUAGES = _("Give the title in English and in French before opening.")
PROBLEM_REQUIRED = _("Describe the problem in English or in French before opening.")
OUTCOMES_REQUIRED = _("Describe the desired outcomes in English or in French before opening.")
DEADLINE_IN_PAST = _("The deadline has passed: choose a deadline in the future.")
CRITERION_REQUIRED = _("Add at least one review criterion before opening.")
TRL_ORDER = _("The lowest TRL cannot be higher than the highest TRL.")
NOT_A_DRAFT = _("Only a draft can be opened.")
NOT_OPEN = _("Only an open challenge can be closed early.")
FROZEN = _("This challenge is closed: it can no longer be changed.")
LAST_CRITERION = _("An open challenge keeps at least one review criterion.")
TOO_MANY_ATTACHMENTS = _("A challenge has at most %(limit)s attachments.")

MAX_ATTACHMENTS: Final = 5
EDITABLE_FIELDS: Final = (
    "kind", "title", "problem", "outcomes", "skills", "disciplines", "trl_min", "trl_max",
    "starts_on", "ends_on", "budget", "language", "deadline", "proposals_visible",
)  # fmt: skip


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def challenge_close_if_due(*, challenge: Challenge, now: datetime | None = None) -> bool:
    """Persist the lazy rule: an open challenge past its deadline becomes closed (audited)."""
    if challenge.status != Challenge.Status.OPEN or not deadline_passed(challenge, now):
        return False
    with transaction.atomic():
        # Re-read under lock: the command and a page may race to close the same challenge.
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if locked.status != Challenge.Status.OPEN:
            challenge.refresh_from_db()
            return False
        _transition(locked, Challenge.Status.CLOSED, "closed_at", _now(now))
        audit_record(challenge=locked, action=AuditEvent.Action.CLOSED, actor=None,
                     detail={"reason": "deadline"})  # fmt: skip
    challenge.refresh_from_db()
    return True


def challenges_close_due(*, now: datetime | None = None) -> int:
    """Close every open challenge whose deadline passed; the number closed."""
    due = Challenge.objects.filter(status=Challenge.Status.OPEN, deadline__lte=_now(now))
    return sum(challenge_close_if_due(challenge=c, now=now) for c in due)


P = ParamSpec("P")
R = TypeVar("R")


def _closing_first(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` atomically, after persisting the lazy closing rule in its own
    transaction: a refusal (rolled back) must not undo the closing it found due."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        row: Any = kwargs.get("challenge") or kwargs.get("criterion") or kwargs.get("attachment")
        challenge = row if isinstance(row, Challenge) else row.challenge
        challenge_close_if_due(challenge=challenge, now=kwargs.get("now"))  # type: ignore[arg-type]
        with transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


def _transition(challenge: Challenge, status: str, stamp: str, now: datetime) -> None:
    challenge.status = status
    setattr(challenge, stamp, now)
    challenge.full_clean()
    challenge.save()


def _apply(challenge: Challenge, data: dict[str, Any]) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(challenge, field, data[field])
    if challenge.trl_min > challenge.trl_max:
        raise ValidationError({"trl_min": TRL_ORDER})
    challenge.full_clean()
    challenge.save()
    if "funding_programs" in data:
        challenge.funding_programs.set(data["funding_programs"])
        # A relation change leaves updated_at alone; the search index keys on it.
        Challenge.objects.filter(pk=challenge.pk).update(updated_at=timezone.now())


@transaction.atomic
def challenge_create(
    *, organization: Organization, data: dict[str, Any], created_by: Any
) -> Challenge:
    """A draft challenge of a partner, employer or funder."""
    if not can_post(organization):
        raise ValidationError(NOT_A_POSTING_ORGANIZATION)
    challenge = Challenge(organization=organization, created_by=created_by)
    _apply(challenge, data)
    audit_record(challenge=challenge, action=AuditEvent.Action.CREATED, actor=created_by)
    return challenge


def _snapshot(challenge: Challenge) -> dict[str, Any]:
    values = {field: getattr(challenge, field) for field in EDITABLE_FIELDS}
    values["funding_programs"] = sorted(p.slug for p in challenge.funding_programs.all())
    return values


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, (str, int, list, dict, type(None))) else str(value)


@_closing_first
def challenge_update(
    *, challenge: Challenge, data: dict[str, Any], actor: Any, now: datetime | None = None
) -> list[str]:
    """Edit a draft or open challenge; the changed fields (with before/after) are audited."""
    if challenge.status not in (Challenge.Status.DRAFT, Challenge.Status.OPEN):
        raise ValidationError(FROZEN)
    if challenge.status == Challenge.Status.OPEN and data.get("deadline", challenge.deadline) <= (
        _now(now)
    ):
        raise ValidationError({"deadline": DEADLINE_IN_PAST})
    before = _snapshot(challenge)
    _apply(challenge, data)
    after = _snapshot(challenge)
    changed = [field for field in after if before[field] != after[field]]
    if changed:
        detail = {f: {"from": _jsonable(before[f]), "to": _jsonable(after[f])} for f in changed}
        audit_record(challenge=challenge, action=AuditEvent.Action.EDITED, actor=actor,
                     detail={"changes": detail})  # fmt: skip
    return changed


def open_problems(challenge: Challenge, now: datetime | None = None) -> list[Any]:
    """Why the challenge cannot be opened yet (empty when it can)."""
    problems = []
    if not all((challenge.title or {}).get(tag, "").strip() for tag in ("en", "fr")):
        problems.append(TITLE_BOTH_LANGUAGES)
    for field, message in (("problem", PROBLEM_REQUIRED), ("outcomes", OUTCOMES_REQUIRED)):
        if not any(str(v).strip() for v in (getattr(challenge, field) or {}).values()):
            problems.append(message)
    if deadline_passed(challenge, now):
        problems.append(DEADLINE_IN_PAST)
    if not challenge.criteria.exists():
        problems.append(CRITERION_REQUIRED)
    if challenge.trl_min > challenge.trl_max:
        problems.append(TRL_ORDER)
    return problems


@transaction.atomic
def challenge_open(*, challenge: Challenge, actor: Any, now: datetime | None = None) -> None:
    """Publish a draft: it appears in the public listing and institutions may answer."""
    if challenge.status != Challenge.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    problems = open_problems(challenge, now)
    if problems:
        raise ValidationError(problems)
    _transition(challenge, Challenge.Status.OPEN, "opened_at", _now(now))
    audit_record(challenge=challenge, action=AuditEvent.Action.OPENED, actor=actor)


@_closing_first
def challenge_close(*, challenge: Challenge, actor: Any, now: datetime | None = None) -> None:
    """Close an open challenge before its deadline: no more proposals (a challenge past its
    deadline was closed by the deadline already: nothing to do)."""
    if challenge.status == Challenge.Status.CLOSED and deadline_passed(challenge, now):
        return
    if challenge.status != Challenge.Status.OPEN:
        raise ValidationError(NOT_OPEN)
    _transition(challenge, Challenge.Status.CLOSED, "closed_at", _now(now))
    audit_record(challenge=challenge, action=AuditEvent.Action.CLOSED, actor=actor,
                 detail={"reason": "early"})  # fmt: skip


# --- criteria ----------------------------------------------------------------


def _changeable(challenge: Challenge, now: datetime | None = None) -> None:
    if challenge.status not in (Challenge.Status.DRAFT, Challenge.Status.OPEN):
        raise ValidationError(FROZEN)


def _audit_edit(challenge: Challenge, actor: Any, change: str, **detail: Any) -> None:
    if challenge.status != Challenge.Status.DRAFT:  # drafts are nobody's business yet
        audit_record(challenge=challenge, action=AuditEvent.Action.EDITED, actor=actor,
                     detail={"change": change, **detail})  # fmt: skip


@_closing_first
def criterion_save(
    *, challenge: Challenge, data: dict[str, Any], actor: Any,
    criterion: Criterion | None = None, now: datetime | None = None,
) -> Criterion:  # fmt: skip
    """Add a criterion (at the end) or change one; ``data``: name, description, max_points."""
    _changeable(challenge, now)
    if criterion is None:
        last = challenge.criteria.order_by("-position").first()
        criterion = Criterion(challenge=challenge, position=last.position + 1 if last else 0)
    for field in ("name", "description", "max_points"):
        setattr(criterion, field, data[field])
    criterion.full_clean()
    criterion.save()
    _audit_edit(challenge, actor, "criterion_saved", name=criterion.name)
    return criterion


@_closing_first
def criterion_remove(*, criterion: Criterion, actor: Any, now: datetime | None = None) -> None:
    challenge = criterion.challenge
    _changeable(challenge, now)
    if challenge.status == Challenge.Status.OPEN and challenge.criteria.count() <= 1:
        raise ValidationError(LAST_CRITERION)
    _audit_edit(challenge, actor, "criterion_removed", name=criterion.name)
    criterion.delete()


@_closing_first
def criterion_move(
    *, criterion: Criterion, up: bool, actor: Any, now: datetime | None = None
) -> None:
    """Swap the criterion with its neighbour; positions are renumbered 0..n-1."""
    challenge = criterion.challenge
    _changeable(challenge, now)
    order = list(challenge.criteria.order_by("position", "id"))
    at = next(i for i, c in enumerate(order) if c.pk == criterion.pk)
    other = at - 1 if up else at + 1
    if 0 <= other < len(order):
        order[at], order[other] = order[other], order[at]
    for position, row in enumerate(order):
        if row.position != position:
            Criterion.objects.filter(pk=row.pk).update(position=position)
    _audit_edit(challenge, actor, "criterion_moved", name=criterion.name)


# --- attachments -------------------------------------------------------------


@_closing_first
def attachment_add(
    *, challenge: Challenge, upload: UploadedFile, actor: Any, now: datetime | None = None
) -> Attachment:
    """Store a checked upload (type sniffed from its content, size capped)."""
    _changeable(challenge, now)
    if challenge.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(TOO_MANY_ATTACHMENTS, params={"limit": MAX_ATTACHMENTS})
    checked = checked_upload(upload)
    attachment = Attachment(
        challenge=challenge, name=checked.name, content_type=checked.content_type,
        size=checked.size,
    )  # fmt: skip
    attachment.file.save(checked.stored_name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    _audit_edit(challenge, actor, "attachment_added", attachment=checked.name)
    return attachment


@_closing_first
def attachment_remove(*, attachment: Attachment, actor: Any, now: datetime | None = None) -> None:
    challenge = attachment.challenge
    _changeable(challenge, now)
    _audit_edit(challenge, actor, "attachment_removed", attachment=attachment.name)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
