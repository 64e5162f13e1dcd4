"""The learner's data: export everything, delete the account."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from mixtape_site.accounts.data import (
    account_delete,
    account_export,
    export_filename,
    organizations_needing_admin,
)
from mixtape_site.accounts.forms_data import AccountDeleteForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request: HttpRequest) -> FileResponse:
    language = request.user.preferred_language or get_language() or "en"
    archive = account_export(user=request.user, language=language)
    response = FileResponse(
        archive, as_attachment=True, filename=export_filename(), content_type="application/zip"
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            return redirect("accounts:deleted")
    context = {"form": form, "blocking": organizations_needing_admin(user=request.user)}
    return render(request, "accounts/delete.html", context, status=400 if form.errors else 200)


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")
