"""The insight dashboard: the whole platform for operators, one partner's own challenges
for its staff. Anyone else gets a 404, so the page's existence leaks nothing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mixtape_site.challenges.insight import PERIODS, RARELY_CREDENTIALED, insight_for, period_start
from mixtape_site.challenges.views_manage import partner_required
from mixtape_site.organizations.models import Organization


def _page(request: HttpRequest, organization: Organization | None) -> HttpResponse:
    period = request.GET.get("period", "all")
    period = period if period in PERIODS else "all"
    insight = insight_for(organization=organization, since=period_start(period))
    return render(request, "challenges/insight.html", {
        "organization": organization, "insight": insight, "period": period,
        "periods": list(PERIODS.items()), "rarely": RARELY_CREDENTIALED,
    })  # fmt: skip


@require_safe
def platform_insight(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    return _page(request, None)


@partner_required
@require_safe
def manage_insight(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _page(request, organization)
