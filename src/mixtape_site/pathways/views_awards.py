"""The awards queue: goal credentials waiting for approval, and awards to review because a
contributing credential was revoked. Only the owning institution's awards are found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways import selectors, services
from mixtape_site.pathways.forms import DeclineForm, add_service_error
from mixtape_site.pathways.models import PathwayAward
from mixtape_site.pathways.views_manage import GET_POST

APPROVED = _("The goal credential was issued to the learner.")
DECLINED = _("The award was declined; the learner will see your reason.")
KEPT = _("The goal credential is kept as it is.")


def _award(organization: Organization, award: int) -> PathwayAward:
    queryset = selectors.awards_to_decide(organization=organization)
    return get_object_or_404(queryset, pk=award)


def _to_queue(organization: Organization) -> HttpResponse:
    return redirect("pathways:awards", org=organization.slug)


@member_required()
@require_http_methods(["GET", "HEAD"])
def awards(request: HttpRequest, organization: Organization) -> HttpResponse:
    queue = selectors.awards_to_decide(organization=organization).select_related(
        "pathway", "learner", "credential"
    )
    return render(request, "pathways/awards.html", {
        "organization": organization,
        "pending": [a for a in queue if a.state == PathwayAward.State.PENDING],
        "flagged": [a for a in queue if a.needs_review and a.state != PathwayAward.State.PENDING],
    })  # fmt: skip


@member_required()
@require_POST
def award_approve(request: HttpRequest, organization: Organization, award: int) -> HttpResponse:
    found = _award(organization, award)
    try:
        services.award_approve(award=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, APPROVED)
    return _to_queue(organization)


@member_required()
@require_POST
def award_keep(request: HttpRequest, organization: Organization, award: int) -> HttpResponse:
    found = _award(organization, award)
    try:
        services.award_keep(award=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, KEPT)
    return _to_queue(organization)


@member_required()
@GET_POST
def award_decline(request: HttpRequest, organization: Organization, award: int) -> HttpResponse:
    found = _award(organization, award)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reason = form.cleaned_data["reason"]
            services.award_decline(award=found, actor=request.user, reason=reason)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, DECLINED)
            return _to_queue(organization)
    return render(request, "pathways/award_decline.html", {
        "organization": organization, "award": found, "form": form,
    }, status=400 if form.is_bound else 200)  # fmt: skip
