"""The goal page: a posting or an occupation in, the skills, the gap and the offers out."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from mixtape_site.goals.forms import OccupationChoiceForm, OccupationSearchForm, PostingForm
from mixtape_site.goals.plan import Plan, occupation_plan, posting_plan
from mixtape_site.wallet.profile import held_skill_uris


@require_http_methods(["GET", "HEAD", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    language = (translation.get_language() or "en").split("-")[0]
    posting = PostingForm(request.POST if request.method == "POST" else None)
    search = OccupationSearchForm(request.GET if "occupation_q" in request.GET else None)
    choice = OccupationChoiceForm(request.GET if "occupation" in request.GET else None)
    context: dict[str, Any] = {
        "posting_form": posting,
        "search_form": search,
        "choice_form": choice,
        "occupations": search.occupations(language=language),
        "plan": _plan(request, posting, choice, language),
    }
    return render(request, "goals/plan.html", context)


def _plan(
    request: HttpRequest, posting: PostingForm, choice: OccupationChoiceForm, language: str
) -> Plan | None:
    user = request.user
    if posting.is_bound and posting.is_valid():
        held = held_skill_uris(owner=user) if user.is_authenticated else None
        text, lang = posting.cleaned_data["posting"], posting.cleaned_data["language"] or None
        return posting_plan(text, language=lang, held=held, reader=language)
    if choice.is_bound and choice.is_valid():
        held = held_skill_uris(owner=user) if user.is_authenticated else None
        return occupation_plan(choice.cleaned_data["occupation"], held=held, reader=language)
    return None
