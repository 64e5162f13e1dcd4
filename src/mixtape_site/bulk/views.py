"""Bulk issuing pages: upload, preview and confirm, progress, history."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mixtape_site.achievements.models import Achievement
from mixtape_site.bulk import selectors, services
from mixtape_site.bulk.csvparse import COLUMN_LABELS, COLUMNS
from mixtape_site.bulk.forms import BulkUploadForm
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization

PREVIEW_ROWS = 50
# htmx stops polling when a response has this status.
HTMX_STOP_POLLING = 286


@member_required()
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    achievement = get_object_or_404(Achievement, uuid=uuid, organization=organization)
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            bulk = services.bulk_preview_create(
                organization=organization,
                achievement=achievement,
                uploaded_file=form.cleaned_data["file"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("bulk:detail", org=organization.slug, uuid=bulk.uuid)
    context = {"organization": organization, "achievement": achievement, "form": form}
    return render(request, "bulk/upload.html", context)


@member_required()
@require_GET
def template_csv(request: HttpRequest, organization: Organization) -> HttpResponse:
    # The byte-order mark makes Excel open the file as UTF-8 (accented names intact).
    response = HttpResponse("\ufeff" + ",".join(COLUMNS) + "\r\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mixtape-recipients.csv"'
    return response


@member_required()
@require_GET
def detail(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    bulk = selectors.bulk_get_or_404(organization=organization, uuid=uuid)
    previewing = bulk.state == BulkIssue.State.PREVIEW
    context = {
        **_progress_context(organization, bulk),
        "preview_rows": (
            selectors.bulk_first_rows(bulk=bulk, count=PREVIEW_ROWS) if previewing else []
        ),
        # Messages in the uploader's language, as stored; the column name in the reader's.
        "row_errors": [(e, COLUMN_LABELS.get(e["field"], e["field"])) for e in bulk.row_errors],
        "same_file_done": selectors.bulk_same_file_done(bulk=bulk) if previewing else None,
    }
    return render(request, "bulk/detail.html", context)


@member_required()
@require_GET
def progress(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    bulk = selectors.bulk_get_or_404(organization=organization, uuid=uuid)
    response = render(request, "bulk/_progress.html", _progress_context(organization, bulk))
    if bulk.state not in selectors.ACTIVE_STATES:
        response.status_code = HTMX_STOP_POLLING
    return response


@member_required()
@require_POST
def confirm(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    bulk = selectors.bulk_get_or_404(organization=organization, uuid=uuid)
    _try(request, services.bulk_confirm, bulk=bulk, confirmed_by=request.user)
    return redirect("bulk:detail", org=organization.slug, uuid=bulk.uuid)


@member_required()
@require_POST
def resume(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    bulk = selectors.bulk_get_or_404(organization=organization, uuid=uuid)
    _try(request, services.bulk_resume, bulk=bulk, resumed_by=request.user)
    return redirect("bulk:detail", org=organization.slug, uuid=bulk.uuid)


@member_required()
@require_POST
def cancel(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    bulk = selectors.bulk_get_or_404(organization=organization, uuid=uuid)
    if not _try(request, services.bulk_cancel, bulk=bulk):
        return redirect("bulk:detail", org=organization.slug, uuid=bulk.uuid)
    return redirect("bulk:upload", org=organization.slug, uuid=bulk.achievement.uuid)


@member_required()
@require_GET
def bulk_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    uploads = selectors.bulk_list(organization=organization)
    return render(request, "bulk/list.html", {"organization": organization, "uploads": uploads})


def _try(request: HttpRequest, service: Callable[..., object], **kwargs: object) -> bool:
    """Call a state-changing service; a refusal becomes an error message, not a 500."""
    try:
        service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


def _progress_context(organization: Organization, bulk: BulkIssue) -> dict[str, object]:
    return {
        "organization": organization,
        "bulk": bulk,
        "active": bulk.state in selectors.ACTIVE_STATES,
        "credentials_url": _credentials_url(organization, bulk),
    }


def _credentials_url(organization: Organization, bulk: BulkIssue) -> str:
    # The credentials list (another app) filters by batch with ?batch=<uuid>.
    base = reverse("credentials:list", kwargs={"org": organization.slug})
    return f"{base}?{urlencode({'batch': bulk.uuid})}"
