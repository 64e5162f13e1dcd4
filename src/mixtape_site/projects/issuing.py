"""After completion: both sides confirm each student's contribution, the partner endorses
the project micro-credential, and the institution issues it to every confirmed student
through the normal issuing path (signed, e-mailed, found in the student's wallet).

Every function takes ``now`` so a project can be replayed at past dates; the credential's
issue date is that ``now``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape.model.credential import Evidence
from mixtape_site.achievements.models import AchievementPartner
from mixtape_site.achievements.services import partner_endorse
from mixtape_site.challenges.models import TeamMember
from mixtape_site.credentials.services import Recipient, credential_issue
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.projects.access import Side, acts_for, partner_of
from mixtape_site.projects.events import event_record
from mixtape_site.projects.models import Project, ProjectEvent, ProjectMember
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language

NOT_COMPLETED = _("This can be done once the project is completed.")
INSTITUTION_ONLY = _("Only a member of the institution running the project can do this.")
PARTNER_ONLY = _("Only a member of the partner organization can do this.")
ONLY_STUDENTS = _("Only students' contributions are confirmed for the micro-credential.")
CONTRIBUTION_REQUIRED = _("Describe the student's contribution.")
INSTITUTION_FIRST = _(
    "The institution has not written and confirmed this contribution yet: confirm it once it has."
)
ALREADY_ISSUED = _(
    "The micro-credential is already issued to this student: the contribution can no longer change."
)
ENDORSEMENT_REQUIRED = _("Write the endorsement in English, in French, or both.")
WAITING_INSTITUTION = _("The institution has not confirmed the contribution yet.")
WAITING_PARTNER = _("The partner has not confirmed the contribution yet.")
WAITING_ENDORSEMENT = _("The partner has not endorsed the micro-credential yet.")


@dataclass(frozen=True)
class Waiting:
    member: ProjectMember
    reasons: list[Any]


@dataclass(frozen=True)
class IssueReport:
    issued: list[ProjectMember] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)


def public_url(project: Project) -> str:
    """The project's public page: the evidence every project credential points to."""
    return absolute_url(reverse("projects:public", kwargs={"uuid": project.uuid}))


def partnership(project: Project) -> AchievementPartner | None:
    """The partner's row on the project micro-credential (its endorsement once given)."""
    if project.achievement_id is None:
        return None
    return AchievementPartner.objects.filter(
        achievement_id=project.achievement_id, organization=partner_of(project)
    ).first()


def _locked_member(member: ProjectMember) -> ProjectMember:
    return (
        ProjectMember.objects.select_for_update()
        .select_related("project__proposal__organization", "project__proposal__challenge")
        .get(pk=member.pk)
    )


def _check(project: Project, actor: Any, side: Side) -> None:
    if project.status != Project.Status.COMPLETED:
        raise ValidationError(NOT_COMPLETED, code="not_completed")
    if not acts_for(actor, project, side):
        refusal = INSTITUTION_ONLY if side == Side.INSTITUTION else PARTNER_ONLY
        raise ValidationError(refusal, code="not_allowed")


def _check_student(member: ProjectMember) -> None:
    if member.role != TeamMember.Role.STUDENT:
        raise ValidationError(ONLY_STUDENTS, code="not_student")


@transaction.atomic
def contribution_confirm_institution(
    *, member: ProjectMember, contribution: str, actor: Any, now: datetime | None = None
) -> ProjectMember:
    """The institution writes (or rewrites) a student's contribution and confirms it.
    A rewrite after the partner confirmed asks the partner to confirm the new text."""
    row = _locked_member(member)
    _check(row.project, actor, Side.INSTITUTION)
    _check_student(row)
    if row.credential_id is not None:
        raise ValidationError(ALREADY_ISSUED, code="issued")
    text = contribution.strip()
    if not text:
        raise ValidationError({"contribution": CONTRIBUTION_REQUIRED})
    now = now or timezone.now()
    changed = text != row.contribution
    if changed:
        row.partner_confirmed_at = row.partner_confirmed_by = None
    row.contribution = text
    row.institution_confirmed_at, row.institution_confirmed_by = now, actor
    row.full_clean()
    row.save()
    event_record(
        project=row.project, member=row, action=ProjectEvent.Action.INSTITUTION_CONFIRMED,
        actor=actor, now=now, detail={"name": row.name, "changed": changed},
    )  # fmt: skip
    return row


@transaction.atomic
def contribution_confirm_partner(
    *, member: ProjectMember, actor: Any, now: datetime | None = None
) -> ProjectMember:
    """The partner confirms the contribution the institution wrote. Confirming twice
    changes nothing."""
    row = _locked_member(member)
    _check(row.project, actor, Side.PARTNER)
    _check_student(row)
    if row.institution_confirmed_at is None or not row.contribution:
        raise ValidationError(INSTITUTION_FIRST, code="institution_first")
    if row.partner_confirmed_at is not None:
        return row
    now = now or timezone.now()
    row.partner_confirmed_at, row.partner_confirmed_by = now, actor
    row.save(update_fields=["partner_confirmed_at", "partner_confirmed_by"])
    event_record(
        project=row.project, member=row, action=ProjectEvent.Action.PARTNER_CONFIRMED,
        actor=actor, now=now, detail={"name": row.name},
    )  # fmt: skip
    return row


@transaction.atomic
def project_endorse(
    *, project: Project, comment: Mapping[str, str], actor: Any, now: datetime | None = None
) -> AchievementPartner:
    """The partner signs its OB 3.0 EndorsementCredential of the project micro-credential
    (embedded in the micro-credential and in every credential issued afterwards)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check(project, actor, Side.PARTNER)
    if not any(comment.get(tag, "").strip() for tag in LANGUAGE_TAGS):
        raise ValidationError({"comment_en": ENDORSEMENT_REQUIRED})
    row = partnership(project)
    if row is None:
        raise ValueError("the project micro-credential has no partner row")  # a bug
    now = now or timezone.now()
    row = partner_endorse(partner=row, comment=comment, endorsed_by=actor, now=now)
    event_record(project=project, action=ProjectEvent.Action.ENDORSED, actor=actor, now=now)
    return row


def waiting_reasons(member: ProjectMember, *, endorsed: bool) -> list[Any]:
    """Why a student cannot receive the micro-credential yet (empty: ready)."""
    reasons = []
    if member.institution_confirmed_at is None:
        reasons.append(WAITING_INSTITUTION)
    if member.partner_confirmed_at is None:
        reasons.append(WAITING_PARTNER)
    if not endorsed:
        reasons.append(WAITING_ENDORSEMENT)
    return reasons


def _recipient(project: Project, member: ProjectMember, now: datetime) -> Recipient:
    challenge = project.proposal.challenge
    evidence = Evidence(
        id=public_url(project),
        name=project.proposal.title,
        narrative=member.contribution,
        description=in_language(challenge.title, project.proposal.language),
    )
    return Recipient(name=member.name, email=member.email, issued_on=now, evidence=(evidence,))


def _issue_one(project: Project, member: ProjectMember, actor: Any, now: datetime) -> bool:
    row = ProjectMember.objects.select_for_update().get(pk=member.pk)
    if row.credential_id is not None:
        return False  # a concurrent request issued it first
    assert project.achievement is not None
    outcome = credential_issue(
        achievement=project.achievement, recipient=_recipient(project, row, now), issued_by=actor
    )
    row.credential = outcome.credential
    row.save(update_fields=["credential"])
    member.credential = outcome.credential
    event_record(
        project=project, member=row, action=ProjectEvent.Action.CREDENTIAL_ISSUED, actor=actor,
        now=now, detail={"name": row.name, "credential": str(outcome.credential.uuid)},
    )  # fmt: skip
    return True


@transaction.atomic
def project_credentials_issue(
    *, project: Project, actor: Any, now: datetime | None = None
) -> IssueReport:
    """Issue the project micro-credential to every student with both confirmations, once
    the partner endorsed it; students who hold it already are skipped."""
    project = Project.objects.select_related(
        "achievement__organization", "proposal__organization", "proposal__challenge__organization"
    ).get(pk=project.pk)
    _check(project, actor, Side.INSTITUTION)
    row = partnership(project)
    endorsed = row is not None and row.endorsement_document is not None
    now = now or timezone.now()
    report = IssueReport()
    students = project.members.filter(role=TeamMember.Role.STUDENT, credential__isnull=True)
    for member in students:
        reasons = waiting_reasons(member, endorsed=endorsed)
        if reasons:
            report.waiting.append(Waiting(member, reasons))
        elif _issue_one(project, member, actor, now):
            report.issued.append(member)
    return report
