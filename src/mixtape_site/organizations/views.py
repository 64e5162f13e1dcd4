"""Issuer dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization


@member_required()
def dashboard(request: HttpRequest, organization: Organization) -> HttpResponse:
    return render(request, "organizations/dashboard.html", {"organization": organization})
