"""The partner's management pages for its challenges.

Every view goes through ``partner_required`` (``member_required`` plus: the organization
posts challenges; institutions get a refusal page) and loads the challenge through
``challenge_or_404``, which only finds the organization's own challenges.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mixtape_site.challenges import selectors, services
from mixtape_site.challenges.access import can_post, effective_status
from mixtape_site.challenges.forms import (
    TRL_LEVELS,
    AttachmentForm,
    ChallengeForm,
    CriterionForm,
    challenge_initial,
    criterion_initial,
)
from mixtape_site.challenges.matching import institutions_for
from mixtape_site.challenges.matching_people import people_for
from mixtape_site.challenges.models import Challenge
from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.forms import add_service_error

CREATED = _("The challenge was saved as a draft. Add its review criteria, then open it.")
UPDATED = _("Your changes were saved.")
OPENED = _("The challenge is open: it is listed publicly and institutions can answer.")
CLOSED = _("The challenge is closed: no more proposals can be submitted.")
NOT_OPENED = _("The challenge was not opened:")
CRITERION_SAVED = _("The criterion was saved.")
CRITERION_REMOVED = _("The criterion was removed.")
ATTACHMENT_ADDED = _("The file was attached.")
ATTACHMENT_REMOVED = _("The attachment was removed.")

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def kind_required(
    allowed: Callable[[Organization], bool], refusal: str
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """``member_required``, then the ``refusal`` page (403) for organizations of the
    wrong kind (an institution on the partner's pages, a partner on a funder's)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @member_required()
        @wraps(view)
        def wrapper(
            request: HttpRequest, organization: Organization, **kwargs: Any
        ) -> HttpResponse:
            if not allowed(organization):
                return render(request, refusal, {"organization": organization}, status=403)
            return view(request, organization, **kwargs)

        return wrapper

    return decorate


# Institutions answer challenges rather than post them.
partner_required = kind_required(can_post, "challenges/not_a_partner.html")


def challenge_or_404(organization: Organization, uuid: UUID) -> Challenge:
    challenge = selectors.challenge_of(organization=organization, uuid=uuid)
    if challenge is None:
        raise Http404
    services.challenge_close_if_due(challenge=challenge)
    return challenge


def to_detail(organization: Organization, challenge: Challenge) -> HttpResponse:
    return redirect("challenges:manage_detail", org=organization.slug, uuid=challenge.uuid)


def changed_labels(detail: dict[str, Any]) -> list[Any]:
    """The edited fields' names, as the form labels them."""
    fields = Challenge._meta.get_fields()
    names = {f.name: f.verbose_name for f in fields if hasattr(f, "verbose_name")}
    return [names.get(field, field) for field in (detail.get("changes") or {})]


def _refused(request: HttpRequest, error: ValidationError, prefix: Any = None) -> None:
    for message in error.messages:
        messages.error(request, f"{prefix} {message}" if prefix else message)


@partner_required
@require_safe
def manage_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    challenges = list(selectors.organization_challenges(organization=organization))
    return render(request, "challenges/manage_list.html", {
        "organization": organization,
        "rows": [(c, effective_status(c)) for c in challenges],
        "counts": selectors.status_counts(challenges),
    })  # fmt: skip


@partner_required
@GET_POST
def manage_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(
                organization=organization, data=form.challenge_data(), created_by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, CREATED)
            return to_detail(organization, challenge)
    return _form_page(request, organization, form, challenge=None)


@partner_required
@GET_POST
def manage_edit(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    form = ChallengeForm(request.POST or None, initial=challenge_initial(challenge))
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(
                challenge=challenge, data=form.challenge_data(), actor=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, UPDATED)
            return to_detail(organization, challenge)
    return _form_page(request, organization, form, challenge=challenge)


def _form_page(
    request: HttpRequest, organization: Organization, form: ChallengeForm, *,
    challenge: Challenge | None,
) -> HttpResponse:  # fmt: skip
    return render(request, "challenges/form.html", {
        "organization": organization, "form": form, "challenge": challenge,
        "trl_levels": list(TRL_LEVELS.items()),
    }, status=400 if form.is_bound else 200)  # fmt: skip


@partner_required
@require_safe
def manage_detail(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    return _detail_page(request, organization, challenge, AttachmentForm())


def _detail_page(
    request: HttpRequest, organization: Organization, challenge: Challenge,
    attachment_form: AttachmentForm, status: int = 200,
) -> HttpResponse:  # fmt: skip
    return render(request, "challenges/manage_detail.html", {
        "organization": organization, "challenge": challenge,
        "status": effective_status(challenge), "problems": services.open_problems(challenge),
        "attachment_form": attachment_form, "max_attachments": services.MAX_ATTACHMENTS,
        "disciplines": selectors.discipline_labels(challenge),
        "proposals_url": _optional_url("challenges:partner_proposals", organization, challenge),
        "matches": institutions_for(challenge=challenge),
        "people": people_for(challenge=challenge),
    }, status=status)  # fmt: skip


def _optional_url(name: str, organization: Organization, challenge: Challenge) -> str | None:
    """A link to helper pages that may not exist yet (proposals, review)."""
    try:
        return reverse(name, kwargs={"org": organization.slug, "uuid": challenge.uuid})
    except NoReverseMatch:
        return None


@partner_required
@require_POST
def manage_open(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    try:
        services.challenge_open(challenge=challenge, actor=request.user)
    except ValidationError as error:
        _refused(request, error, NOT_OPENED)
    else:
        messages.success(request, OPENED)
    return to_detail(organization, challenge)


@partner_required
@GET_POST
def manage_close(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    if request.method != "POST":
        return render(request, "challenges/confirm_close.html",
                      {"organization": organization, "challenge": challenge})  # fmt: skip
    try:
        services.challenge_close(challenge=challenge, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, CLOSED)
    return to_detail(organization, challenge)


@partner_required
@require_safe
def manage_audit(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    rows = challenge.audit.select_related("proposal").order_by("-created_at", "-id")
    events = [(event, changed_labels(event.detail)) for event in rows]
    context = {"organization": organization, "challenge": challenge, "events": events}
    return render(request, "challenges/audit.html", context)


# --- criteria ----------------------------------------------------------------


@partner_required
@GET_POST
def criterion_edit(
    request: HttpRequest, organization: Organization, uuid: UUID, criterion: int | None = None
) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    row = None
    if criterion is not None:
        row = challenge.criteria.filter(pk=criterion).first()
        if row is None:
            raise Http404
    initial = criterion_initial(row) if row else None
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_save(challenge=challenge, data=form.criterion_data(),
                                    actor=request.user, criterion=row)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, CRITERION_SAVED)
            return to_detail(organization, challenge)
    return render(request, "challenges/criterion_form.html", {
        "organization": organization, "challenge": challenge, "form": form, "criterion": row,
    }, status=400 if form.is_bound else 200)  # fmt: skip


@partner_required
@require_POST
def criterion_delete(
    request: HttpRequest, organization: Organization, uuid: UUID, criterion: int
) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    row = challenge.criteria.filter(pk=criterion).first()
    if row is None:
        raise Http404
    try:
        services.criterion_remove(criterion=row, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, CRITERION_REMOVED)
    return to_detail(organization, challenge)


@partner_required
@require_POST
def criterion_move(
    request: HttpRequest, organization: Organization, uuid: UUID, criterion: int
) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    row = challenge.criteria.filter(pk=criterion).first()
    if row is None:
        raise Http404
    try:
        services.criterion_move(criterion=row, up=request.POST.get("direction") == "up",
                                actor=request.user)  # fmt: skip
    except ValidationError as error:
        _refused(request, error)
    return to_detail(organization, challenge)


# --- attachments -------------------------------------------------------------


@partner_required
@require_POST
def attachment_upload(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(challenge=challenge, upload=form.cleaned_data["file"],
                                    actor=request.user)  # fmt: skip
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, ATTACHMENT_ADDED)
            return to_detail(organization, challenge)
    return _detail_page(request, organization, challenge, form, status=400)


@partner_required
@require_POST
def attachment_delete(
    request: HttpRequest, organization: Organization, uuid: UUID, attachment: int
) -> HttpResponse:
    challenge = challenge_or_404(organization, uuid)
    row = challenge.attachments.filter(pk=attachment).first()
    if row is None:
        raise Http404
    try:
        services.attachment_remove(attachment=row, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, ATTACHMENT_REMOVED)
    return to_detail(organization, challenge)
