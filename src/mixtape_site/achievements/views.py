"""Public pages: the catalogue, a micro-credential (HTML or OB 3.0 JSON) and its image."""

from __future__ import annotations

from typing import Final

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.cache import patch_cache_control

from mixtape_site.achievements.catalogue import (
    PAGE_SIZE,
    SORTS,
    CatalogueQuery,
    catalogue_search,
    near_matches,
    results_page,
)
from mixtape_site.achievements.documents import achievement_document, framework_facts
from mixtape_site.achievements.images import CONTENT_TYPES, default_badge_svg
from mixtape_site.achievements.models import Achievement
from mixtape_site.achievements.opendata import catalogue_csv as catalogue_csv_text
from mixtape_site.achievements.opendata import catalogue_jsonld as catalogue_jsonld_document
from mixtape_site.organizations.models import Membership
from mixtape_site.web.bilingual import in_language
from mixtape_site.web.negotiation import json_document, negotiated

IMAGE_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'"
IMAGE_MAX_AGE: Final = 3600
EXPORT_MAX_AGE: Final = 900


def catalogue(request: HttpRequest) -> HttpResponse:
    query = CatalogueQuery.from_params(request.GET)
    language = reader_language()
    result = catalogue_search(query, language=language)
    page = Paginator(result.pks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "result": result,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number),
        "achievements": results_page(list(page.object_list)),
        "near": None if result.pks else near_matches(result, language=language),
        "sorts": SORTS,
    }
    return render(request, "achievements/catalogue.html", context)


def catalogue_jsonld(request: HttpRequest) -> HttpResponse:
    """The (filtered) catalogue as JSON-LD, for registries: cacheable, open to any origin."""
    achievements = _exported(request)
    return json_document(
        catalogue_jsonld_document(achievements),
        content_type="application/ld+json",
        max_age=EXPORT_MAX_AGE,
    )


def catalogue_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        catalogue_csv_text(_exported(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="micro-credentials.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=EXPORT_MAX_AGE)
    return response


def _exported(request: HttpRequest) -> list[Achievement]:
    query = CatalogueQuery.from_params(request.GET)
    return results_page(catalogue_search(query, language=reader_language()).pks)


def reader_language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def detail(request: HttpRequest, uuid: str) -> HttpResponse:
    achievement = get_object_or_404(
        Achievement.objects.select_related("organization").exclude(status=Achievement.Status.DRAFT),
        uuid=uuid,
    )
    context = {
        "achievement": achievement,
        "facts": framework_facts(achievement),
        "partners": achievement.achievementpartner_set.select_related("organization"),
    }
    return negotiated(
        request,
        html=lambda: render(request, "achievements/detail.html", context),
        document=lambda: achievement_document(achievement),
    )


def image(request: HttpRequest, uuid: str) -> HttpResponse:
    """The badge image, served so that an SVG can never run anything in our origin."""
    achievement = get_object_or_404(Achievement.objects.select_related("organization"), uuid=uuid)
    is_draft = achievement.status == Achievement.Status.DRAFT
    if is_draft and not _is_member(request, achievement):
        raise Http404
    if achievement.image:
        with achievement.image.open("rb") as stored:
            content = stored.read()
        extension = achievement.image.name.rsplit(".", 1)[-1].lower()
        content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    else:
        primary = achievement.organization.primary_language
        content = default_badge_svg(in_language(achievement.name, primary))
        content_type = CONTENT_TYPES["svg"]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Security-Policy"] = IMAGE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    # Drafts change and are not public: only the member's own browser may keep them.
    visibility = {"private": True} if is_draft else {"public": True}
    patch_cache_control(response, max_age=IMAGE_MAX_AGE, **visibility)
    return response


def _is_member(request: HttpRequest, achievement: Achievement) -> bool:
    return bool(
        request.user.is_authenticated
        and Membership.objects.filter(
            user=request.user, organization=achievement.organization
        ).exists()
    )
