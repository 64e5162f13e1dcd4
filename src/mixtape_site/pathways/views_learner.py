"""The learner's own pathway record: a signed Comprehensive Learner Record to download."""

from __future__ import annotations

import json
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from mixtape_site.pathways import selectors, services
from mixtape_site.pathways.models import Pathway
from mixtape_site.web.bilingual import in_language


@login_required
@require_safe
def pathway_clr(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The signed-in learner's CLR for the pathway; only ever their own (request.user)."""
    try:
        pathway = selectors.pathway_public_get(uuid=uuid)
    except Pathway.DoesNotExist:
        raise Http404 from None
    progress = selectors.pathway_progress(pathway=pathway, user=request.user)
    started = progress.award is not None or any(
        step.done for group in progress.groups for step in group.steps
    )
    if not started:  # nothing of theirs counts here: there is no record to give
        raise Http404
    try:
        document = services.pathway_clr(pathway=pathway, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wallet:list")
    name = slugify(in_language(pathway.name))[:60] or "pathway"
    body = json.dumps(document, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learner-record-{name}.json"'
    response["Cache-Control"] = "private, no-store"
    return response
