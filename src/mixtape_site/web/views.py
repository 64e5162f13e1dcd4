"""The home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mixtape_site.web.selectors import latest_micro_credentials, platform_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {"achievements": latest_micro_credentials(), "figures": platform_figures()},
    )
