"""Management pages: an institution's pathways, their definition, publishing and retiring.

Every view goes through ``member_required`` and loads the pathway through ``pathway_of``,
which only finds pathways the organization owns or co-defines: anyone else gets a 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways import selectors, services
from mixtape_site.pathways.diagram import diagram_html, pathway_diagram
from mixtape_site.pathways.forms import PathwayForm, add_service_error, pathway_initial
from mixtape_site.pathways.models import Pathway
from mixtape_site.pathways.presenters import steps_prefetched

CREATED = _("The pathway was saved as a draft. Now add its requirement groups.")
UPDATED = _("Your changes were saved.")
PUBLISHED = _("The pathway is published: learners can see it and follow their progress.")
RETIRED = _("The pathway is retired: no goal credential will be awarded through it any more.")
NOT_PUBLISHED = _("The pathway was not published:")
RETIRED_UNCHANGED = _("A retired pathway can no longer be changed.")

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def pathway_or_404(organization: Organization, uuid: UUID) -> Pathway:
    pathway = selectors.pathway_of(organization=organization, uuid=uuid)
    if pathway is None:
        raise Http404
    return pathway


def to_detail(organization: Organization, pathway: Pathway) -> HttpResponse:
    return redirect("pathways:manage_detail", org=organization.slug, uuid=pathway.uuid)


def refuse_if_retired(request: HttpRequest, pathway: Pathway) -> bool:
    """True (with a message) when the pathway is retired. Drafts and published pathways
    can change; the services refuse a change that would leave a published one invalid."""
    if pathway.status != Pathway.Status.RETIRED:
        return False
    messages.error(request, RETIRED_UNCHANGED)
    return True


@member_required()
@require_http_methods(["GET", "HEAD"])
def manage_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    pathways = selectors.organization_pathways(organization=organization).select_related(
        "organization", "goal"
    )
    awaiting = selectors.awards_to_decide(organization=organization).count()
    return render(request, "pathways/manage_list.html", {
        "organization": organization, "pathways": pathways, "awaiting": awaiting,
    })  # fmt: skip


@member_required()
@GET_POST
def manage_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = PathwayForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            pathway = services.pathway_create(
                organization=organization, data=form.pathway_data(), created_by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, CREATED)
            return to_detail(organization, pathway)
    return _form_page(request, organization, form, pathway=None)


@member_required()
@GET_POST
def manage_edit(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    if refuse_if_retired(request, pathway):
        return to_detail(organization, pathway)
    form = PathwayForm(
        request.POST or None, organization=pathway.organization, initial=pathway_initial(pathway)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pathway_update(pathway=pathway, data=form.pathway_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, UPDATED)
            return to_detail(organization, pathway)
    return _form_page(request, organization, form, pathway=pathway)


def _form_page(
    request: HttpRequest, organization: Organization, form: PathwayForm, *,
    pathway: Pathway | None,
) -> HttpResponse:  # fmt: skip
    return render(request, "pathways/form.html", {
        "organization": organization, "form": form, "pathway": pathway,
    }, status=400 if form.is_bound else 200)  # fmt: skip


@member_required()
@require_http_methods(["GET", "HEAD"])
def manage_detail(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    return render(request, "pathways/manage_detail.html", _detail_context(organization, pathway))


def _detail_context(organization: Organization, pathway: Pathway) -> dict[str, Any]:
    groups = steps_prefetched(pathway)
    editable = pathway.status != Pathway.Status.RETIRED
    diagram = pathway_diagram(pathway, groups=groups)
    return {
        "organization": organization,
        "pathway": pathway,
        "groups": groups,
        "editable": editable,
        "problems": services.definition_problems(pathway=pathway) if editable else [],
        "diagram": diagram,
        "svg": diagram_html(diagram),
    }


@member_required()
@GET_POST
def manage_publish(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    if request.method != "POST":
        problems = services.definition_problems(pathway=pathway)
        return render(request, "pathways/confirm_publish.html", {
            "organization": organization, "pathway": pathway, "problems": problems,
        })  # fmt: skip
    try:
        services.pathway_publish(pathway=pathway)
    except ValidationError as error:
        messages.error(request, NOT_PUBLISHED)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, PUBLISHED)
    return to_detail(organization, pathway)


@member_required()
@GET_POST
def manage_retire(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    if request.method != "POST":
        return render(request, "pathways/confirm_retire.html", {
            "organization": organization, "pathway": pathway,
        })  # fmt: skip
    try:
        services.pathway_retire(pathway=pathway)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, RETIRED)
    return to_detail(organization, pathway)
