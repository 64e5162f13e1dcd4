"""Issuer pages: award a credential, find credentials, revoke/suspend/reinstate, audit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials import selectors, services
from mixtape_site.credentials.forms import AwardForm, CredentialFilterForm, StatusChangeForm
from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization

PAGE_SIZE = 50
AWARD_ISSUED = _("Credential issued. The recipient has been e-mailed a link to claim it.")
AWARD_ALREADY_ISSUED = _(
    "This person already received this credential on that date: nothing was issued twice."
)
STATUS_CHANGED = {
    "revoke": _("The credential is revoked. Verifiers now refuse it."),
    "suspend": _("The credential is suspended. Verifiers refuse it until it is reinstated."),
    "reinstate": _("The credential is reinstated. It verifies again."),
}
_SERVICES = {
    "revoke": services.credential_revoke,
    "suspend": services.credential_suspend,
    "reinstate": services.credential_reinstate,
}


@member_required()
def award(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    achievement = get_object_or_404(Achievement, uuid=uuid, organization=organization)
    form = AwardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.credential_issue(
                achievement=achievement, recipient=form.recipient(), issued_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            notice = AWARD_ISSUED if outcome.created else AWARD_ALREADY_ISSUED
            (messages.success if outcome.created else messages.info)(request, notice)
            return redirect(
                "credentials:detail", org=organization.slug, uuid=outcome.credential.uuid
            )
    status = 400 if form.is_bound else 200
    context = {"organization": organization, "achievement": achievement, "form": form}
    return render(request, "credentials/manage/award.html", context, status=status)


@member_required()
def credential_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    achievements = selectors.achievements_of(organization=organization)
    filters = CredentialFilterForm(request.GET or None, achievements=achievements)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    credentials = selectors.credential_list(
        organization=organization,
        query=chosen.get("q", ""),
        achievement=chosen.get("achievement"),
        state=chosen.get("state", ""),
    )
    # A search pages without counting (see SearchPage); the full list counts up to a cap.
    paginate = selectors.credential_search_page if chosen.get("q") else selectors.credential_page
    page = paginate(credentials=credentials, number=request.GET.get("page"), size=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organization": organization,
        "filters": filters,
        "page": page,
        "counts": selectors.credential_counts(organization=organization),
        "count_cap": selectors.COUNT_CAP,
        "query_string": query.urlencode(),
    }
    return render(request, "credentials/manage/list.html", context)


def _credential(organization: Organization, uuid: Any) -> Any:
    credential = selectors.credential_of(organization=organization, uuid=uuid)
    if credential is None:
        raise Http404
    return credential


ACTIONS_BY_STATE = {
    "active": ("suspend", "revoke"),
    "suspended": ("reinstate", "revoke"),
    "revoked": (),
}


def _detail_page(
    request: HttpRequest,
    organization: Organization,
    credential: Any,
    bound: StatusChangeForm | None = None,
) -> HttpResponse:
    actions = ACTIONS_BY_STATE.get(credential.state, ())
    forms = [
        (action, bound if bound and bound.prefix == action else StatusChangeForm(prefix=action))
        for action in actions
    ]
    context = {
        "organization": organization,
        "credential": credential,
        "history": selectors.status_history(credential=credential),
        "status_forms": forms,
        "public_path": f"/credentials/{credential.uuid}",
    }
    return render(request, "credentials/manage/detail.html", context, status=400 if bound else 200)


@member_required()
def credential_detail(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    return _detail_page(request, organization, _credential(organization, uuid))


@require_POST
@member_required()
def credential_status_change(
    request: HttpRequest, organization: Organization, uuid: Any
) -> HttpResponse:
    credential = _credential(organization, uuid)
    action = request.POST.get("action", "")
    if action not in _SERVICES:
        return HttpResponseBadRequest()
    form = StatusChangeForm(request.POST, prefix=action)
    if form.is_valid():
        try:
            _SERVICES[action](
                credential=credential, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, STATUS_CHANGED[action])
            return redirect("credentials:detail", org=organization.slug, uuid=credential.uuid)
    return _detail_page(request, organization, credential, form)


@member_required()
def audit(request: HttpRequest, organization: Organization) -> HttpResponse:
    changes = selectors.status_changes_of(organization=organization)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "credentials/manage/audit.html", {"organization": organization, "page": page}
    )
