"""Review pages. The partner's staff (under /manage/<org>/challenges/<uuid>/proposals/)
read the proposals they may see, invite reviewers, assign proposals and award; reviewers
(under /review/) declare conflicts of interest and score what is assigned to them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.challenges import proposal_selectors as selectors
from mixtape_site.challenges import review as services
from mixtape_site.challenges.access import (
    can_see_proposal,
    challenge_is_open,
    partner_sees_proposals_now,
)
from mixtape_site.challenges.models import Assignment, Challenge, Proposal
from mixtape_site.challenges.proposal_forms import (
    AssignForm,
    AwardForm,
    ConflictForm,
    InviteForm,
    ScoreForm,
)
from mixtape_site.challenges.services import challenge_close_if_due
from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization

REVIEWER_INVITED = _("Reviewer invited. Assign them proposals below.")
PROPOSAL_ASSIGNED = _("Proposal assigned. The reviewer finds it under “My reviews”.")
AWARDED = _("Challenge awarded. The teams and your staff are being e-mailed.")
CONFLICT_SAVED = _("Declaration saved.")
REVIEW_SAVED = _("Scores saved. Submit the review when it is complete.")
REVIEW_DONE = _("Review submitted. Thank you.")


def _own_challenge(organization: Organization, uuid: Any) -> Challenge:
    challenge = get_object_or_404(Challenge, uuid=uuid, organization=organization)
    if challenge_close_if_due(challenge=challenge):  # record the close before any review step
        challenge.refresh_from_db()
    return challenge


def _proposals_page(
    request: HttpRequest, organization: Organization, challenge: Challenge, **forms: Any
) -> HttpResponse:
    visible = selectors.partner_proposals(user=request.user, challenge=challenge)
    submitted = visible.filter(status=Proposal.Status.SUBMITTED)
    reviewers = services.reviewer_candidates(challenge=challenge)
    criteria = list(challenge.criteria.all())
    context = {
        "organization": organization,
        "challenge": challenge,
        "visible_now": partner_sees_proposals_now(challenge),
        "received": selectors.received_count(challenge=challenge),
        "criteria": criteria,
        "tables": selectors.score_tables(proposals=visible, criteria=criteria),
        "reviewers": reviewers,
        "invite_form": forms.get("invite") or InviteForm(),
        "assign_form": forms.get("assign") or AssignForm(proposals=submitted, reviewers=reviewers),
        "award_form": AwardForm(proposals=submitted),
        "can_award": _can_award(challenge) and submitted.exists(),
    }
    status = 400 if forms else 200
    return render(request, "challenges/review/partner_list.html", context, status=status)


def _can_award(challenge: Challenge) -> bool:
    return challenge.status in (Challenge.Status.OPEN, Challenge.Status.CLOSED) and not (
        challenge_is_open(challenge)
    )


@member_required()
def partner_proposals(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    return _proposals_page(request, organization, _own_challenge(organization, uuid))


@member_required()
def partner_proposal(
    request: HttpRequest, organization: Organization, uuid: Any, proposal: Any
) -> HttpResponse:
    challenge = _own_challenge(organization, uuid)
    visible = selectors.partner_proposals(user=request.user, challenge=challenge)
    row = get_object_or_404(visible, uuid=proposal)
    criteria = list(challenge.criteria.all())
    table = selectors.score_tables(proposals=visible.filter(pk=row.pk), criteria=criteria)[0]
    context = {
        "organization": organization,
        "challenge": challenge,
        "proposal": row,
        "criteria": criteria,
        "table": table,
    }
    return render(request, "challenges/review/partner_detail.html", context)


@require_POST
@member_required()
def reviewer_invite(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    challenge = _own_challenge(organization, uuid)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            email = form.cleaned_data["email"]
            services.reviewer_invite(challenge=challenge, email=email, invited_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, REVIEWER_INVITED)
            return redirect("challenges:partner_proposals", org=organization.slug, uuid=uuid)
    return _proposals_page(request, organization, challenge, invite=form)


@require_POST
@member_required()
def assignment_create(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    challenge = _own_challenge(organization, uuid)
    visible = selectors.partner_proposals(user=request.user, challenge=challenge)
    reviewers = services.reviewer_candidates(challenge=challenge)
    form = AssignForm(request.POST, proposals=visible, reviewers=reviewers)
    if form.is_valid():
        try:
            services.assignment_create(assigned_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, PROPOSAL_ASSIGNED)
            return redirect("challenges:partner_proposals", org=organization.slug, uuid=uuid)
    return _proposals_page(request, organization, challenge, assign=form)


@member_required()
def award(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    """GET: the confirmation page for the proposals ticked; POST with confirm: award."""
    challenge = _own_challenge(organization, uuid)
    visible = selectors.partner_proposals(user=request.user, challenge=challenge)
    submitted = visible.filter(status=Proposal.Status.SUBMITTED)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = AwardForm(data, proposals=submitted)
    if form.is_valid() and request.method == "POST":
        try:
            picked = form.cleaned_data["proposals"]
            services.challenge_award(challenge=challenge, proposals=picked, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, AWARDED)
            return redirect("challenges:partner_proposals", org=organization.slug, uuid=uuid)
    chosen_ids = (
        {p.pk for p in form.cleaned_data.get("proposals", [])} if form.is_valid() else set()
    )
    context = {
        "organization": organization,
        "challenge": challenge,
        "form": form,
        "can_award": _can_award(challenge),
        "others": [p for p in submitted if p.pk not in chosen_ids],
    }
    status = 400 if form.errors else 200
    return render(request, "challenges/review/award.html", context, status=status)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    assignments = selectors.reviewer_assignments(reviewer=request.user)
    return render(request, "challenges/review/list.html", {"assignments": assignments})


def _own_assignment(request: HttpRequest, pk: int) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("proposal__challenge__organization"),
        pk=pk,
        reviewer=request.user,
    )
    if not can_see_proposal(request.user, assignment.proposal):
        raise Http404
    return assignment


def _review_page(request: HttpRequest, assignment: Assignment, **forms: Any) -> HttpResponse:
    proposal = assignment.proposal
    criteria = list(proposal.challenge.criteria.all())
    saved = {s.criterion_id: s for s in assignment.scores.all()}
    initial: dict[str, Any] = {"comment": assignment.comment}
    for criterion_id, score in saved.items():
        initial[f"points_{criterion_id}"] = score.points
        initial[f"comment_{criterion_id}"] = score.comment
    is_open = assignment.submitted_at is None and proposal.status == Proposal.Status.SUBMITTED
    context = {
        "assignment": assignment,
        "proposal": proposal,
        "challenge": proposal.challenge,
        "criteria": criteria,
        "saved": [(c, saved.get(c.pk)) for c in criteria],
        "conflict_form": forms.get("conflict") or ConflictForm(),
        "score_form": forms.get("score") or ScoreForm(initial=initial, criteria=criteria),
        "open": is_open,
        "show_form": is_open and assignment.conflict == Assignment.Conflict.NONE,
    }
    status = 400 if forms else 200
    return render(request, "challenges/review/detail.html", context, status=status)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    if request.method != "POST":
        return _review_page(request, assignment)
    criteria = list(assignment.proposal.challenge.criteria.all())
    form = ScoreForm(request.POST, criteria=criteria)
    if form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.review_save(
                assignment=assignment,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                actor=request.user,
                submit=submit,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, REVIEW_DONE if submit else REVIEW_SAVED)
            return redirect("challenges:review_detail", pk=assignment.pk)
    return _review_page(request, assignment, score=form)


def _add_errors(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@require_POST
@login_required
def review_declare(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.assignment_declare(
                assignment=assignment,
                conflict=form.cleaned_data["conflict"],
                note=form.cleaned_data["conflict_note"],
                actor=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, CONFLICT_SAVED)
            return redirect("challenges:review_detail", pk=assignment.pk)
    return _review_page(request, assignment, conflict=form)
