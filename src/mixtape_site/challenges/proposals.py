"""Proposals: an institution's answer to a challenge (team, approach, milestones, budget).

A proposal is written as a draft, submitted before the deadline, and may be edited or
withdrawn until the deadline; after it, it is frozen. Only members of an institution
answer, and only while the challenge is open (``access.challenge_is_open``: the deadline
closes a challenge lazily, whatever its stored status).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges.access import can_answer, challenge_is_open
from mixtape_site.challenges.audit import audit_record
from mixtape_site.challenges.models import (
    AuditEvent,
    Challenge,
    FundingProgram,
    Proposal,
    TeamMember,
)
from mixtape_site.organizations.models import Organization

CHALLENGE_NOT_OPEN = _(
    "This challenge is not open for proposals: its deadline has passed or it was closed."
)
NOT_AN_INSTITUTION = _("Only post-secondary institutions can answer a challenge.")
DEADLINE_PASSED = _(
    "The deadline has passed: proposals can no longer be submitted, edited or withdrawn."
)
ALREADY_SUBMITTED = _("This proposal is already submitted.")
NOT_WITHDRAWABLE = _("Only a draft or a submitted proposal can be withdrawn.")
NOT_EDITABLE = _("This proposal can no longer be edited.")
TEAM_NEEDS_LEAD = _("The team needs at least one principal investigator.")
TEAM_EMAIL_TWICE = _("Each team member needs a different e-mail address.")
PROGRAM_NOT_OFFERED = _("This funding program does not apply to this challenge.")
LANGUAGE_NOT_ACCEPTED = _("This challenge does not accept proposals in this language.")

EDITABLE_STATUSES = (Proposal.Status.DRAFT, Proposal.Status.SUBMITTED)


@dataclass(frozen=True, kw_only=True)
class Milestone:
    title: str
    due: date | None
    deliverable: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "due": self.due.isoformat() if self.due else "",
            "deliverable": self.deliverable,
        }


@dataclass(frozen=True, kw_only=True)
class Member:
    name: str
    email: str
    role: str
    program: str = ""


@dataclass(frozen=True, kw_only=True)
class ProposalData:
    """What the institution writes; the services check it against the challenge."""

    title: str
    language: str
    summary: str
    approach: str
    budget: Decimal
    funding_program: FundingProgram | None = None
    milestones: list[Milestone] = field(default_factory=list)
    team: list[Member] = field(default_factory=list)


def proposal_is_editable(proposal: Proposal, now: datetime | None = None) -> bool:
    """Draft or submitted, and the challenge still open: editable and withdrawable."""
    return proposal.status in EDITABLE_STATUSES and challenge_is_open(proposal.challenge, now)


def _check_answerable(challenge: Challenge, organization: Organization, now: datetime) -> None:
    if not can_answer(organization):
        raise ValidationError(NOT_AN_INSTITUTION, code="not_institution")
    if not challenge_is_open(challenge, now):
        raise ValidationError(CHALLENGE_NOT_OPEN, code="not_open")


def _check_data(challenge: Challenge, data: ProposalData) -> None:
    errors: dict[str, Any] = {}
    accepted = (
        ("en", "fr") if challenge.language == Challenge.Language.BOTH else (challenge.language,)
    )
    if data.language not in accepted:
        errors["language"] = LANGUAGE_NOT_ACCEPTED
    program = data.funding_program
    if program is not None and not challenge.funding_programs.filter(pk=program.pk).exists():
        errors["funding_program"] = PROGRAM_NOT_OFFERED
    if not any(member.role == TeamMember.Role.LEAD for member in data.team):
        errors["team"] = TEAM_NEEDS_LEAD
    elif len({m.email.lower() for m in data.team}) != len(data.team):
        errors["team"] = TEAM_EMAIL_TWICE
    if errors:
        raise ValidationError(errors)


def _write(proposal: Proposal, data: ProposalData) -> Proposal:
    proposal.title = data.title
    proposal.language = data.language
    proposal.summary = data.summary
    proposal.approach = data.approach
    proposal.budget = data.budget
    proposal.funding_program = data.funding_program
    proposal.milestones = [milestone.as_json() for milestone in data.milestones]
    proposal.full_clean()
    proposal.save()
    proposal.team.all().delete()
    for member in data.team:
        row = TeamMember(
            proposal=proposal,
            name=member.name,
            email=member.email.lower(),
            role=member.role,
            program=member.program,
        )
        row.full_clean()
        row.save()
    return proposal


@transaction.atomic
def proposal_create(
    *,
    challenge: Challenge,
    organization: Organization,
    created_by: Any,
    data: ProposalData,
    now: datetime | None = None,
) -> Proposal:
    """A draft answer from ``organization`` (an institution) to an open challenge."""
    _check_answerable(challenge, organization, now or timezone.now())
    _check_data(challenge, data)
    proposal = Proposal(challenge=challenge, organization=organization, created_by=created_by)
    return _write(proposal, data)


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, data: ProposalData, actor: Any, now: datetime | None = None
) -> Proposal:
    """Rewrite a draft or submitted proposal while the challenge is open."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in EDITABLE_STATUSES:
        raise ValidationError(NOT_EDITABLE, code="not_editable")
    if not challenge_is_open(proposal.challenge, now):
        raise ValidationError(DEADLINE_PASSED, code="deadline")
    _check_data(proposal.challenge, data)
    _write(proposal, data)
    if proposal.status == Proposal.Status.SUBMITTED:
        # A submitted answer that changes is a decision the partner may need to trace.
        audit_record(
            challenge=proposal.challenge,
            proposal=proposal,
            action=AuditEvent.Action.EDITED,
            actor=actor,
        )
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor: Any, now: datetime | None = None) -> Proposal:
    """Draft → submitted, before the deadline only."""
    now = now or timezone.now()
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == Proposal.Status.SUBMITTED:
        raise ValidationError(ALREADY_SUBMITTED, code="submitted")
    if proposal.status != Proposal.Status.DRAFT:
        raise ValidationError(NOT_EDITABLE, code="not_editable")
    if not challenge_is_open(proposal.challenge, now):
        raise ValidationError(DEADLINE_PASSED, code="deadline")
    if not proposal.team.filter(role=TeamMember.Role.LEAD).exists():
        raise ValidationError(TEAM_NEEDS_LEAD, code="lead")
    proposal.status = Proposal.Status.SUBMITTED
    proposal.submitted_at = now
    proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        challenge=proposal.challenge,
        proposal=proposal,
        action=AuditEvent.Action.SUBMITTED,
        actor=actor,
        detail={"institution": proposal.organization.slug},
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: Any, now: datetime | None = None) -> Proposal:
    """Draft or submitted → withdrawn, before the deadline only."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in EDITABLE_STATUSES:
        raise ValidationError(NOT_WITHDRAWABLE, code="not_withdrawable")
    if not challenge_is_open(proposal.challenge, now):
        raise ValidationError(DEADLINE_PASSED, code="deadline")
    was_submitted = proposal.status == Proposal.Status.SUBMITTED
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    audit_record(
        challenge=proposal.challenge,
        proposal=proposal,
        action=AuditEvent.Action.WITHDRAWN,
        actor=actor,
        detail={"was_submitted": was_submitted},
    )
    return proposal
