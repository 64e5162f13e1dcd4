"""Public pathway pages: the list, one pathway (with the visitor's progress), its diagram."""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from mixtape_site.pathways import selectors
from mixtape_site.pathways.diagram import Diagram, diagram_html, diagram_svg, pathway_diagram
from mixtape_site.pathways.models import Pathway
from mixtape_site.pathways.presenters import pathway_summary, steps_prefetched

SVG_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'"
SVG_MAX_AGE: Final = 3600


@require_safe
def pathway_list(request: HttpRequest) -> HttpResponse:
    summaries = [pathway_summary(pathway) for pathway in selectors.public_pathways()]
    return render(request, "pathways/list.html", {"summaries": summaries})


@require_safe
def pathway_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    pathway = _public(uuid)
    groups = steps_prefetched(pathway)
    progress = None
    if request.user.is_authenticated:
        progress = selectors.pathway_progress(pathway=pathway, user=request.user)
    diagram = _diagram(pathway, groups, progress)
    context: dict[str, Any] = {
        "pathway": pathway,
        "summary": pathway_summary(pathway),
        "groups": groups,
        "progress": progress,
        "diagram": diagram,
        "svg": diagram_html(diagram),
    }
    return render(request, "pathways/detail.html", context)


@require_safe
def pathway_diagram_svg(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The diagram alone, for embedding elsewhere: the same for everyone, so cacheable."""
    pathway = _public(uuid)
    diagram = _diagram(pathway, steps_prefetched(pathway), None)
    language = (translation.get_language() or "en").split("-")[0]
    svg = diagram_svg(diagram, id_prefix="pathway-diagram")
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}'.replace(
        "<svg ", f'<svg xml:lang="{language}" ', 1
    )
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = SVG_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=SVG_MAX_AGE)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def _public(uuid: UUID) -> Pathway:
    try:
        return selectors.pathway_public_get(uuid=uuid)
    except Pathway.DoesNotExist:
        raise Http404 from None


def _diagram(pathway: Pathway, groups: list[Any], progress: Any) -> Diagram:
    beyond = selectors.pathways_of_achievement(achievement=pathway.goal)
    beyond = [other for other in beyond if other.pk != pathway.pk]
    return pathway_diagram(pathway, groups=groups, beyond=beyond, progress=progress)
