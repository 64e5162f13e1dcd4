"""Review and award: invited reviewers, assignments, conflicts of interest, scores, awards.

The partner invites reviewers (existing accounts, by e-mail) and assigns them submitted
proposals, or assigns its own staff. A reviewer declares a conflict of interest before
anything else; with a conflict they cannot score. Scores are per published criterion,
0..max_points. The partner awards one or more proposals once the challenge is closed;
the other submitted proposals are not selected, and everyone is e-mailed after commit.
Every step writes the challenge's audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges.access import (
    challenge_is_open,
    is_partner_staff,
    partner_sees_proposals_now,
)
from mixtape_site.challenges.audit import audit_record
from mixtape_site.challenges.emails import award_emails_enqueue
from mixtape_site.challenges.models import (
    Assignment,
    AuditEvent,
    Challenge,
    Criterion,
    Proposal,
    Reviewer,
    Score,
)
from mixtape_site.challenges.services import challenge_close_if_due
from mixtape_site.challenges.signals import proposal_awarded
from mixtape_site.organizations.models import Membership

NO_ACCOUNT = _(
    "No Mixtape account uses this e-mail address. Ask the reviewer to sign up first, "
    "then invite them again."
)
ALREADY_INVITED = _("This person is already a reviewer of this challenge.")
NOT_A_REVIEWER = _("Only an invited reviewer or a member of your organization can review.")
NOT_REVIEWABLE = _("Only submitted proposals can be assigned, once you may see them.")
OWN_INSTITUTION = _("A member of the proposing institution cannot review its proposal.")
ALREADY_ASSIGNED = _("This proposal is already assigned to this reviewer.")
CONFLICT_NOTE_REQUIRED = _("Explain the conflict of interest: the partner sees it.")
CONFLICT_CHOICE_REQUIRED = _("Declare whether you have a conflict of interest.")
DECLARE_FIRST = _("Declare whether you have a conflict of interest first.")
CONFLICT_BLOCKS_SCORING = _("You declared a conflict of interest: you cannot score this proposal.")
REVIEW_SUBMITTED = _("This review is submitted and can no longer change.")
REVIEW_CLOSED = _("This proposal is no longer under review.")
SCORE_OUT_OF_RANGE = _("Give between 0 and %(max)s points.")
SCORE_MISSING = _("Score every criterion before submitting the review.")
AWARD_NOTHING_CHOSEN = _("Choose at least one proposal to award.")
AWARD_TOO_EARLY = _("Proposals can be awarded once the challenge is closed.")
AWARD_ALREADY = _("This challenge has already been awarded.")
AWARD_NOT_SUBMITTED = _("Only submitted proposals of this challenge can be awarded.")


@dataclass(frozen=True, kw_only=True)
class ScoreInput:
    criterion: Criterion
    points: int | None
    comment: str = ""


def reviewer_candidates(*, challenge: Challenge) -> list[Any]:
    """Invited reviewers, then the partner's own staff: who a proposal can go to."""
    invited = [row.user for row in challenge.reviewers.select_related("user").order_by("id")]
    staff = [
        m.user
        for m in Membership.objects.filter(organization=challenge.organization)
        .select_related("user")
        .order_by("user__email")
    ]
    return list({user.pk: user for user in [*invited, *staff]}.values())


@transaction.atomic
def reviewer_invite(*, challenge: Challenge, email: str, invited_by: Any) -> Reviewer:
    challenge_close_if_due(challenge=challenge)
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({"email": NO_ACCOUNT})
    if Reviewer.objects.filter(challenge=challenge, user=user).exists():
        raise ValidationError({"email": ALREADY_INVITED})
    reviewer = Reviewer(challenge=challenge, user=user, invited_by=invited_by)
    reviewer.full_clean()
    reviewer.save()
    audit_record(
        challenge=challenge,
        action=AuditEvent.Action.REVIEWER_INVITED,
        actor=invited_by,
        detail={"reviewer": user.email},
    )
    return reviewer


def _check_assignable(proposal: Proposal, reviewer: Any) -> None:
    challenge = proposal.challenge
    invited = Reviewer.objects.filter(challenge=challenge, user=reviewer).exists()
    if not (invited or is_partner_staff(reviewer, challenge)):
        raise ValidationError(NOT_A_REVIEWER, code="not_reviewer")
    if proposal.status != Proposal.Status.SUBMITTED or not partner_sees_proposals_now(challenge):
        raise ValidationError(NOT_REVIEWABLE, code="not_reviewable")
    if Membership.objects.filter(organization=proposal.organization, user=reviewer).exists():
        raise ValidationError(OWN_INSTITUTION, code="own_institution")
    if Assignment.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ValidationError(ALREADY_ASSIGNED, code="assigned")


@transaction.atomic
def assignment_create(*, proposal: Proposal, reviewer: Any, assigned_by: Any) -> Assignment:
    """Give one submitted proposal to one reviewer (invited, or the partner's staff)."""
    challenge_close_if_due(challenge=proposal.challenge)
    proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
    _check_assignable(proposal, reviewer)
    assignment = Assignment(proposal=proposal, reviewer=reviewer)
    assignment.full_clean()
    assignment.save()
    audit_record(
        challenge=proposal.challenge,
        proposal=proposal,
        action=AuditEvent.Action.ASSIGNED,
        actor=assigned_by,
        detail={"reviewer": reviewer.email},
    )
    return assignment


def _check_open_review(assignment: Assignment) -> None:
    if assignment.submitted_at is not None:
        raise ValidationError(REVIEW_SUBMITTED, code="submitted")
    if assignment.proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(REVIEW_CLOSED, code="closed")


@transaction.atomic
def assignment_declare(
    *, assignment: Assignment, conflict: str, note: str, actor: Any
) -> Assignment:
    """Declare no conflict, or a conflict with an explanation (then scoring is blocked)."""
    _check_open_review(assignment)
    if conflict not in (Assignment.Conflict.NONE, Assignment.Conflict.CONFLICT):
        raise ValidationError({"conflict": CONFLICT_CHOICE_REQUIRED})
    note = note.strip()
    if conflict == Assignment.Conflict.CONFLICT and not note:
        raise ValidationError({"conflict_note": CONFLICT_NOTE_REQUIRED})
    assignment.conflict = conflict
    assignment.conflict_note = note if conflict == Assignment.Conflict.CONFLICT else ""
    assignment.full_clean()
    assignment.save(update_fields=["conflict", "conflict_note"])
    if conflict == Assignment.Conflict.CONFLICT:
        assignment.scores.all().delete()  # a conflicted reviewer's scores must not count
    audit_record(
        challenge=assignment.proposal.challenge,
        proposal=assignment.proposal,
        action=AuditEvent.Action.CONFLICT_DECLARED,
        actor=actor,
        detail={"conflict": conflict},
    )
    return assignment


def _check_scores(assignment: Assignment, scores: Sequence[ScoreInput], submit: bool) -> None:
    errors: dict[str, Any] = {}
    challenge_id = assignment.proposal.challenge_id
    for score in scores:
        if score.criterion.challenge_id != challenge_id:
            raise ValueError("criterion of another challenge")  # programmer misuse
        key = f"points_{score.criterion.pk}"
        if score.points is None:
            if submit:
                errors[key] = SCORE_MISSING
        elif not 0 <= score.points <= score.criterion.max_points:
            errors[key] = ValidationError(
                SCORE_OUT_OF_RANGE, params={"max": score.criterion.max_points}
            )
    if submit and {s.criterion.pk for s in scores if s.points is not None} != set(
        assignment.proposal.challenge.criteria.values_list("pk", flat=True)
    ):
        errors.setdefault("__all__", SCORE_MISSING)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    scores: Sequence[ScoreInput],
    comment: str,
    actor: Any,
    submit: bool = False,
    now: datetime | None = None,
) -> Assignment:
    """Keep the scores as a draft, or submit them (then the review is read-only)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _check_open_review(assignment)
    if assignment.conflict == Assignment.Conflict.UNDECLARED:
        raise ValidationError(DECLARE_FIRST, code="undeclared")
    if assignment.conflict == Assignment.Conflict.CONFLICT:
        raise ValidationError(CONFLICT_BLOCKS_SCORING, code="conflict")
    _check_scores(assignment, scores, submit)
    for score in scores:
        if score.points is None:
            Score.objects.filter(assignment=assignment, criterion=score.criterion).delete()
            continue
        Score.objects.update_or_create(
            assignment=assignment,
            criterion=score.criterion,
            defaults={"points": score.points, "comment": score.comment.strip()},
        )
    assignment.comment = comment.strip()
    fields = ["comment"]
    if submit:
        assignment.submitted_at = now or timezone.now()
        fields.append("submitted_at")
    assignment.save(update_fields=fields)
    if submit:
        audit_record(
            challenge=assignment.proposal.challenge,
            proposal=assignment.proposal,
            action=AuditEvent.Action.REVIEWED,
            actor=actor,
        )
    return assignment


def _check_awardable(challenge: Challenge, chosen: Sequence[Proposal], now: datetime) -> None:
    if challenge.status == Challenge.Status.AWARDED:
        raise ValidationError(AWARD_ALREADY, code="awarded")
    if challenge.status == Challenge.Status.DRAFT or challenge_is_open(challenge, now):
        raise ValidationError(AWARD_TOO_EARLY, code="too_early")
    if not chosen:
        raise ValidationError(AWARD_NOTHING_CHOSEN, code="empty")
    for proposal in chosen:
        if proposal.challenge_id != challenge.pk or proposal.status != Proposal.Status.SUBMITTED:
            raise ValidationError(AWARD_NOT_SUBMITTED, code="not_submitted")


@transaction.atomic
def challenge_award(
    *,
    challenge: Challenge,
    proposals: Sequence[Proposal],
    actor: Any,
    now: datetime | None = None,
) -> list[Proposal]:
    """Award ``proposals``; every other submitted proposal is not selected. Returns the
    awarded ones. E-mails go out once the transaction commits."""
    now = now or timezone.now()
    challenge_close_if_due(challenge=challenge, now=now)  # the audit shows "closed" first
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    chosen = list(Proposal.objects.filter(pk__in=[p.pk for p in proposals]))
    _check_awardable(challenge, chosen, now)
    chosen_ids = {p.pk for p in chosen}
    for proposal in challenge.proposals.filter(status=Proposal.Status.SUBMITTED).order_by("id"):
        won = proposal.pk in chosen_ids
        proposal.status = Proposal.Status.AWARDED if won else Proposal.Status.NOT_SELECTED
        proposal.decided_at = now
        proposal.save(update_fields=["status", "decided_at", "updated_at"])
        audit_record(
            challenge=challenge,
            proposal=proposal,
            action=AuditEvent.Action.AWARDED if won else AuditEvent.Action.NOT_SELECTED,
            actor=actor,
            detail={"institution": proposal.organization.slug},
        )
        if won:
            proposal_awarded.send(sender=Proposal, proposal=proposal, actor=actor, now=now)
    challenge.status = Challenge.Status.AWARDED
    challenge.awarded_at = now
    challenge.closed_at = challenge.closed_at or now
    challenge.save(update_fields=["status", "awarded_at", "closed_at", "updated_at"])
    transaction.on_commit(lambda: award_emails_enqueue(challenge=challenge))
    return sorted(chosen, key=lambda p: p.pk)
