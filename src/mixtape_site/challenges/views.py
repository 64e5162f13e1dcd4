"""Public pages: the searchable listing, a challenge's page, its attachments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from mixtape_site.challenges import selectors
from mixtape_site.challenges.access import challenge_is_open, effective_status, is_partner_staff
from mixtape_site.challenges.facets import facet_options
from mixtape_site.challenges.forms import TRL_LEVELS, SearchForm
from mixtape_site.challenges.matching import institutions_for
from mixtape_site.challenges.models import Challenge
from mixtape_site.challenges.search import challenge_search

PER_PAGE = 20


@require_safe
def challenge_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    values = form.values() if form.is_bound else {}
    sort = values.get("sort") or ("relevance" if values.get("q") else "deadline")
    result = challenge_search(q=values.get("q", ""), filters=values, sort=sort)
    page = Paginator(result.pks, PER_PAGE).get_page(request.GET.get("page"))
    rows = Challenge.objects.select_related("organization").in_bulk(list(page.object_list))
    challenges = [rows[pk] for pk in page.object_list if pk in rows]
    for challenge in challenges:
        challenge.status_now = effective_status(challenge)  # type: ignore[attr-defined]
    return render(request, "challenges/list.html", {
        "form": form, "page": page, "challenges": challenges, "count": len(result.pks),
        "facets": facet_options(result.facet_counts, values), "values": values,
        "sort": sort, "query": _query_without_page(request),
    })  # fmt: skip


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def answer_links(user: Any, challenge: Challenge) -> list[tuple[Any, str]]:
    """(institution, proposal form URL) for each institution the user may answer for, while
    the challenge is open and the proposal pages exist."""
    if not challenge_is_open(challenge):
        return []
    links = []
    for institution in selectors.answering_institutions(user=user):
        try:
            url = reverse("challenges:proposal_create",
                          kwargs={"org": institution.slug, "uuid": challenge.uuid})  # fmt: skip
        except NoReverseMatch:
            return []
        links.append((institution, url))
    return links


@require_safe
def challenge_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    challenge = selectors.challenge_visible(user=request.user, uuid=uuid)
    if challenge is None:
        raise Http404
    return render(request, "challenges/detail.html", {
        "challenge": challenge, "status": effective_status(challenge),
        "awarded": selectors.awarded_proposals(challenge=challenge),
        "disciplines": selectors.discipline_labels(challenge),
        "answer_links": answer_links(request.user, challenge),
        "is_staff": is_partner_staff(request.user, challenge),
        "trl_levels": [(n, TRL_LEVELS[n]) for n in range(challenge.trl_min, challenge.trl_max + 1)],
        "matches": institutions_for(challenge=challenge),
    })  # fmt: skip


@require_safe
def attachment_download(request: HttpRequest, uuid: UUID, attachment: int) -> FileResponse:
    challenge = selectors.challenge_visible(user=request.user, uuid=uuid)
    if challenge is None:
        raise Http404
    row = challenge.attachments.filter(pk=attachment).first()
    if row is None:
        raise Http404
    response = FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.name, content_type=row.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if challenge.status == "draft" else "public"
    return response
