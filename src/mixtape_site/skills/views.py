"""Public pages: the frameworks, a skill's page, and the autocomplete (HTML and JSON)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from mixtape_site.skills.registry import concept, framework, suggest_index_warm
from mixtape_site.skills.selectors import (
    aligned_achievements,
    concept_details,
    framework_summaries,
    picked_skills,
    skill_search,
)

MAX_QUERY = 100
SUGGEST_CACHE_SECONDS = 300


def _query(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:MAX_QUERY]


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in ("en", "fr") else get_language()


@require_safe
def frameworks_page(request: HttpRequest) -> HttpResponse:
    query = _query(request)
    suggest_index_warm()
    return render(request, "skills/frameworks.html", {
        "summaries": framework_summaries(), "query": query,
        "found": skill_search(query, language=get_language()),
    })  # fmt: skip


@require_safe
def concept_page(request: HttpRequest) -> HttpResponse:
    found = concept(request.GET.get("uri", "").strip())
    owner = framework(found.framework) if found else None
    if found is None or owner is None:
        raise Http404
    return render(request, "skills/concept.html", {
        "details": concept_details(found, owner, language=get_language()),
        "achievements": aligned_achievements(uri=found.uri),
    })  # fmt: skip


@require_safe
def suggest_fragment(request: HttpRequest) -> HttpResponse:
    """Results for a search box (htmx). With ``pick=1``, checkboxes for the achievement
    form, and the ticked ``skills`` come back as its "Selected skills" list (out of band)."""
    query, language = _query(request), _language(request)
    if request.GET.get("pick") != "1":
        found = skill_search(query, language=language)
        return render(request, "skills/_results.html", {"query": query, "found": found})
    selected = picked_skills(request.GET.getlist("skills"), language=language)
    chosen = {skill.uri for skill in selected}
    found = skill_search(query, language=language, limit=10 + len(chosen))
    offered = [skill for skill in found if skill.uri not in chosen][:10]
    return render(request, "skills/_pick_results.html", {
        "query": query, "found": offered, "all_selected": bool(found) and not offered,
        "selected": selected, "swap_selected": True,
    })  # fmt: skip


@require_safe
def suggest_json(request: HttpRequest) -> HttpResponse:
    """``[{uri, label, framework, kind}]``; ``lang`` (en, the default, or fr) picks the
    labels, so the answer depends on the URL alone and shared caches may keep it."""
    language = "fr" if request.GET.get("lang") == "fr" else "en"
    found = skill_search(_query(request), language=language)
    response = JsonResponse(
        [{"uri": s.uri, "label": s.label, "framework": s.framework, "kind": s.kind}
         for s in found],
        safe=False, json_dumps_params={"ensure_ascii": False},
    )  # fmt: skip
    patch_cache_control(response, public=True, max_age=SUGGEST_CACHE_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"
    return response
