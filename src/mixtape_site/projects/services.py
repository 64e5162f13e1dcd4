"""Running a project: start (on award), milestones, TRL steps, the team, completion and
cancellation. The institution runs it; a completed or cancelled project is frozen.

Confirmations, the partner's endorsement and issuing are in ``issuing.py``. Every function
takes ``now`` so that a project can be replayed at past dates (the demo does).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.achievements.services import achievement_create, achievement_publish
from mixtape_site.challenges.models import Challenge, Proposal, TeamMember
from mixtape_site.projects.access import Side, acts_for, partner_of
from mixtape_site.projects.events import event_record
from mixtape_site.projects.models import Milestone, Project, ProjectEvent, ProjectMember
from mixtape_site.web.bilingual import in_language

PROJECT_FROZEN = _("This project is completed or cancelled: it can no longer change.")
INSTITUTION_ONLY = _("Only a member of the institution running the project can do this.")
TRL_RANGE = _("Choose a technology readiness level from 1 to 9.")
OUTCOME_REQUIRED = _("Describe what the project delivered.")
HOURS_RANGE = _("Give between 5 and 300 hours of learning.")
REASON_REQUIRED = _("Give a reason: it is kept in the project's history.")
NAME_REQUIRED = _("Enter the team member's name.")
EMAIL_INVALID = _("Enter a valid e-mail address.")
EMAIL_TAKEN = _("Someone on the team already uses this e-mail address.")
ROLE_INVALID = _("Choose one of the listed roles.")
MILESTONE_ALREADY_DONE = _("This milestone is already done.")
MILESTONE_NOT_DONE = _("This milestone is not done yet.")

HOURS_MIN, HOURS_MAX, HOURS_DEFAULT = 5, 300, 40
# Stored bilingual content (not interface text): the micro-credential holds both languages
# whatever the language of the person completing the project.
ACHIEVEMENT_NAME: Final = {"en": "Applied project: %(title)s", "fr": "Projet appliqué: %(title)s"}
ACHIEVEMENT_CRITERIA: Final = {
    "en": "Contributed to the applied project “%(title)s” for %(partner)s. The student's "
    "contribution was confirmed by the partner and by the institution.",
    "fr": "A contribué au projet appliqué « %(title)s » pour %(partner)s. La contribution de "
    "l'étudiante ou de l'étudiant a été confirmée par le partenaire et par l'établissement.",
}
CHALLENGE_LANGUAGES: Final = {
    Challenge.Language.EN: ["en"],
    Challenge.Language.FR: ["fr"],
    Challenge.Language.BOTH: ["en", "fr"],
}


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _locked(project: Project) -> Project:
    return (
        Project.objects.select_for_update()
        .select_related("proposal__organization", "proposal__challenge__organization")
        .get(pk=project.pk)
    )


def _check_running(project: Project, actor: Any) -> None:
    if project.status != Project.Status.ACTIVE:
        raise ValidationError(PROJECT_FROZEN, code="frozen")
    if not acts_for(actor, project, Side.INSTITUTION):
        raise ValidationError(INSTITUTION_ONLY, code="not_allowed")


def _trl(value: Any) -> int:
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = 0
    if not 1 <= level <= 9:
        raise ValidationError({"trl": TRL_RANGE})
    return level


def _due(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None  # a proposal's free-form date must not block the award


@transaction.atomic
def project_start(*, proposal: Proposal, actor: Any, now: datetime | None = None) -> Project:
    """The project of an awarded proposal: its team and milestones copied. Idempotent."""
    existing = Project.objects.filter(proposal=proposal).first()
    if existing is not None:
        return existing
    now = _now(now)
    level = proposal.challenge.trl_min
    project = Project(proposal=proposal, trl_start=level, trl_current=level, started_at=now)
    project.full_clean()
    project.save()
    for person in proposal.team.all():
        member = ProjectMember(
            project=project, user=person.user, name=person.name, email=person.email.lower(),
            role=person.role, program=person.program,
        )  # fmt: skip
        member.full_clean()
        member.save()
    for position, item in enumerate(proposal.milestones or []):
        if not str(item.get("title", "")).strip():
            continue
        milestone = Milestone(
            project=project, position=position, title=str(item["title"]).strip()[:200],
            due=_due(item.get("due")), deliverable=str(item.get("deliverable", "")),
        )  # fmt: skip
        milestone.full_clean()
        milestone.save()
    event_record(project=project, action=ProjectEvent.Action.STARTED, actor=actor, now=now)
    return project


def _milestone_set(milestone: Milestone, *, done: bool, actor: Any, now: datetime | None) -> None:
    project = _locked(milestone.project)
    _check_running(project, actor)
    row = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if done and row.done_at is not None:
        raise ValidationError(MILESTONE_ALREADY_DONE, code="done")
    if not done and row.done_at is None:
        raise ValidationError(MILESTONE_NOT_DONE, code="not_done")
    now = _now(now)
    row.done_at = now if done else None
    row.save(update_fields=["done_at"])
    milestone.done_at = row.done_at
    action = ProjectEvent.Action.MILESTONE_DONE if done else ProjectEvent.Action.MILESTONE_REOPENED
    event_record(project=project, action=action, actor=actor, now=now, detail={"title": row.title})


@transaction.atomic
def milestone_done(*, milestone: Milestone, actor: Any, now: datetime | None = None) -> Milestone:
    _milestone_set(milestone, done=True, actor=actor, now=now)
    return milestone


@transaction.atomic
def milestone_reopen(*, milestone: Milestone, actor: Any, now: datetime | None = None) -> Milestone:
    _milestone_set(milestone, done=False, actor=actor, now=now)
    return milestone


@transaction.atomic
def project_trl_set(
    *, project: Project, trl: Any, actor: Any, now: datetime | None = None
) -> Project:
    """Record a step in technology readiness (1–9); the same level changes nothing."""
    row = _locked(project)
    _check_running(row, actor)
    level = _trl(trl)
    if level != row.trl_current:
        event_record(
            project=row, action=ProjectEvent.Action.TRL_CHANGED, actor=actor, now=_now(now),
            detail={"from": row.trl_current, "to": level},
        )  # fmt: skip
        row.trl_current = level
        row.save(update_fields=["trl_current", "updated_at"])
    project.trl_current = level
    return project


def _member_clean(project: Project, name: str, email: str, role: str) -> tuple[str, str]:
    errors: dict[str, Any] = {}
    name, email = name.strip(), email.strip().lower()
    if not name:
        errors["name"] = NAME_REQUIRED
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = EMAIL_INVALID
    if "email" not in errors and project.members.filter(email__iexact=email).exists():
        errors["email"] = EMAIL_TAKEN
    if role not in TeamMember.Role.values:
        errors["role"] = ROLE_INVALID
    if errors:
        raise ValidationError(errors)
    return name, email


@transaction.atomic
def project_member_add(
    *, project: Project, name: str, email: str, role: str, program: str = "", actor: Any,
    now: datetime | None = None,
) -> ProjectMember:  # fmt: skip
    """Someone joins the team while the project runs (e.g. a student hired mid-way)."""
    row = _locked(project)
    _check_running(row, actor)
    name, email = _member_clean(row, name, email, role)
    member = ProjectMember(project=row, name=name, email=email, role=role, program=program.strip())
    member.full_clean()
    member.save()
    event_record(
        project=row, member=member, action=ProjectEvent.Action.MEMBER_ADDED, actor=actor,
        now=_now(now), detail={"name": name, "role": role},
    )  # fmt: skip
    return member


def _completion_clean(outcome: str, trl: Any, hours: Any) -> tuple[str, int, int]:
    errors: dict[str, Any] = {}
    outcome = outcome.strip()
    if not outcome:
        errors["outcome"] = OUTCOME_REQUIRED
    try:
        level = _trl(trl)
    except ValidationError as error:
        errors.update(error.message_dict)
        level = 0
    try:
        hours = int(hours)
    except (TypeError, ValueError):
        hours = 0
    if not HOURS_MIN <= hours <= HOURS_MAX:
        errors["hours"] = HOURS_RANGE
    if errors:
        raise ValidationError(errors)
    return outcome, level, hours


def _bilingual(templates: dict[str, str], **values: dict[str, str]) -> dict[str, str]:
    """Fill each language's template with that language's value (or the other one)."""
    out = {}
    for tag, template in templates.items():
        filled = {key: value.get(tag) or in_language(value, tag) for key, value in values.items()}
        out[tag] = template % filled
    return out


def project_achievement_data(project: Project, hours: int) -> dict[str, Any]:
    """The project micro-credential: the challenge's problem and skills, work-integrated."""
    challenge = project.proposal.challenge
    partner = partner_of(project)
    title = {tag: text for tag, text in challenge.title.items() if text}
    return {
        "name": _bilingual(ACHIEVEMENT_NAME, title=title),
        "description": challenge.problem,
        "criteria": _bilingual(ACHIEVEMENT_CRITERIA, title=title, partner=partner.name),
        "skills": challenge.skills,
        "hours": hours,
        "delivery_mode": Achievement.DeliveryMode.WORK_INTEGRATED,
        "languages": CHALLENGE_LANGUAGES.get(challenge.language, ["en", "fr"]),
        "partners": [partner],
    }


@transaction.atomic
def project_complete(
    *, project: Project, outcome: str, trl: Any, hours: Any = HOURS_DEFAULT, actor: Any,
    now: datetime | None = None,
) -> Project:  # fmt: skip
    """Active → completed: the outcome and final TRL are recorded, and the institution's
    project micro-credential is created and published with the partner as its partner."""
    row = _locked(project)
    _check_running(row, actor)
    outcome, level, hours = _completion_clean(outcome, trl, hours)
    now = _now(now)
    achievement = achievement_create(
        organization=row.proposal.organization,
        data=project_achievement_data(row, hours),
        image=None,
        created_by=actor,
    )
    achievement = achievement_publish(achievement=achievement, now=now)
    if level != row.trl_current:
        event_record(
            project=row, action=ProjectEvent.Action.TRL_CHANGED, actor=actor, now=now,
            detail={"from": row.trl_current, "to": level},
        )  # fmt: skip
    row.status, row.outcome, row.trl_current = Project.Status.COMPLETED, outcome, level
    row.completed_at, row.achievement = now, achievement
    row.full_clean()
    row.save()
    event_record(
        project=row, action=ProjectEvent.Action.COMPLETED, actor=actor, now=now,
        detail={"achievement": str(achievement.uuid), "hours": hours},
    )  # fmt: skip
    return row


@transaction.atomic
def project_cancel(
    *, project: Project, reason: str, actor: Any, now: datetime | None = None
) -> Project:
    """Active → cancelled, with the reason in the history; no micro-credential."""
    row = _locked(project)
    _check_running(row, actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    now = _now(now)
    row.status = Project.Status.CANCELLED
    row.save(update_fields=["status", "updated_at"])
    event_record(
        project=row, action=ProjectEvent.Action.CANCELLED, actor=actor, now=now,
        detail={"reason": reason},
    )  # fmt: skip
    return row
