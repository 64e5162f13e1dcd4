"""The public verifier: anyone pastes or uploads a credential and reads the report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from mixtape_site.verifier.forms import VerifyForm
from mixtape_site.verifier.reports import document_check


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    bound = request.method == "POST"
    form = VerifyForm(request.POST if bound else None, request.FILES if bound else None)
    result = None
    if bound and form.is_valid():
        data = form.cleaned_data
        result = document_check(
            data["document"], challenge=data["challenge"], domain=data["domain"]
        )
    response = render(request, "verifier/verify.html", {"form": form, "result": result})
    add_never_cache_headers(response)  # a report is true only at the moment it is made
    return response
