"""Institution pages: answer a challenge, keep drafts, submit, edit or withdraw until the
deadline, and follow the decisions. Every page checks the proposal belongs to the
organization in the URL (a competitor's proposal is a 404, whatever its uuid)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.challenges import proposal_selectors as selectors
from mixtape_site.challenges import proposals as services
from mixtape_site.challenges.access import can_answer, challenge_is_open
from mixtape_site.challenges.matching import challenges_for
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.challenges.proposal_forms import ADD_MEMBER, ADD_MILESTONE, ProposalEditor
from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization

DRAFT_SAVED = _("Draft saved. Only your institution can see it.")
PROPOSAL_SUBMITTED = _("Proposal submitted. You can still edit or withdraw it until the deadline.")
PROPOSAL_UPDATED = _("Proposal updated.")
PROPOSAL_WITHDRAWN = _("Proposal withdrawn.")
ADD_ACTIONS = (ADD_MILESTONE, ADD_MEMBER)


def _own_proposal(organization: Organization, uuid: Any) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("challenge", "challenge__organization", "funding_program"),
        uuid=uuid,
        organization=organization,
    )


def _refused(request: HttpRequest, organization: Organization, challenge: Challenge, notice: Any):
    context = {"organization": organization, "challenge": challenge, "notice": notice}
    return render(request, "challenges/proposals/refused.html", context, status=409)


def _to_detail(organization: Organization, proposal: Proposal) -> HttpResponse:
    return redirect("challenges:proposal_detail", org=organization.slug, uuid=proposal.uuid)


def _frozen_notice(proposal: Proposal) -> Any:
    if proposal.status in services.EDITABLE_STATUSES:
        return services.DEADLINE_PASSED
    return services.NOT_EDITABLE


def _editor_page(request: HttpRequest, context: dict[str, Any], editor: ProposalEditor):
    invalid = request.method == "POST" and request.POST.get("action") not in ADD_ACTIONS
    context = {**context, "editor": editor, "challenge": editor.challenge}
    return render(
        request, "challenges/proposals/edit.html", context, status=400 if invalid else 200
    )


def _save(request: HttpRequest, editor: ProposalEditor, proposal: Proposal | None, **create: Any):
    """Create or update, then submit when asked; None when the services refused."""
    try:
        if proposal is None:
            proposal = services.proposal_create(
                data=editor.proposal_data(), created_by=request.user, **create
            )
        else:
            services.proposal_update(
                proposal=proposal, data=editor.proposal_data(), actor=request.user
            )
        if request.POST.get("action") == "submit" and proposal.status == Proposal.Status.DRAFT:
            services.proposal_submit(proposal=proposal, actor=request.user)
            messages.success(request, PROPOSAL_SUBMITTED)
        else:
            messages.success(
                request, DRAFT_SAVED if proposal.status == "draft" else PROPOSAL_UPDATED
            )
    except ValidationError as error:
        editor.add_errors(error)
        return None
    return proposal


@member_required()
def proposal_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    proposals = selectors.institution_proposals(organization=organization)
    matching = challenges_for(user=request.user, organization=organization)
    context = {"organization": organization, "proposals": proposals, "matching": matching}
    return render(request, "challenges/proposals/list.html", context)


@member_required()
def proposal_create(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    if not can_answer(organization):
        raise Http404
    challenge = get_object_or_404(Challenge.objects.exclude(status="draft"), uuid=uuid)
    if not challenge_is_open(challenge):
        return _refused(request, organization, challenge, services.CHALLENGE_NOT_OPEN)
    editor = ProposalEditor.blank(challenge, request.user)
    if request.method == "POST":
        editor = ProposalEditor(challenge, request.POST)
        action = request.POST.get("action", "")
        if action in ADD_ACTIONS:
            editor = editor.with_row(action)
        elif editor.is_valid():
            saved = _save(request, editor, None, challenge=challenge, organization=organization)
            if saved is not None:
                return redirect(
                    "challenges:proposal_detail", org=organization.slug, uuid=saved.uuid
                )
    return _editor_page(request, {"organization": organization, "proposal": None}, editor)


@member_required()
def proposal_edit(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    proposal = _own_proposal(organization, uuid)
    if not services.proposal_is_editable(proposal):
        return _refused(request, organization, proposal.challenge, _frozen_notice(proposal))
    editor = ProposalEditor.for_proposal(proposal)
    if request.method == "POST":
        editor = ProposalEditor(proposal.challenge, request.POST)
        action = request.POST.get("action", "")
        if action in ADD_ACTIONS:
            editor = editor.with_row(action)
        elif editor.is_valid() and _save(request, editor, proposal) is not None:
            return _to_detail(organization, proposal)
    return _editor_page(request, {"organization": organization, "proposal": proposal}, editor)


@member_required()
def proposal_detail(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    proposal = _own_proposal(organization, uuid)
    context = {
        "organization": organization,
        "proposal": proposal,
        "challenge": proposal.challenge,
        "editable": services.proposal_is_editable(proposal),
    }
    return render(request, "challenges/proposals/detail.html", context)


@require_POST
@member_required()
def proposal_submit(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    proposal = _own_proposal(organization, uuid)
    try:
        services.proposal_submit(proposal=proposal, actor=request.user)
    except ValidationError as error:
        return _refused(request, organization, proposal.challenge, error.messages[0])
    messages.success(request, PROPOSAL_SUBMITTED)
    return _to_detail(organization, proposal)


@member_required()
def proposal_withdraw(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    proposal = _own_proposal(organization, uuid)
    if request.method == "POST":
        try:
            services.proposal_withdraw(proposal=proposal, actor=request.user)
        except ValidationError as error:
            return _refused(request, organization, proposal.challenge, error.messages[0])
        messages.success(request, PROPOSAL_WITHDRAWN)
        return _to_detail(organization, proposal)
    if not services.proposal_is_editable(proposal):
        return _refused(request, organization, proposal.challenge, _frozen_notice(proposal))
    context = {"organization": organization, "proposal": proposal, "challenge": proposal.challenge}
    return render(request, "challenges/proposals/withdraw.html", context)
