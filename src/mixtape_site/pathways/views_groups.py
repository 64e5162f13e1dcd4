"""Management pages for a draft pathway's requirement groups and equivalences.

Each group, step and equivalence is loaded through its pathway, itself loaded through the
organization (``pathway_or_404``), so an id from another pathway is a 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways import services
from mixtape_site.pathways.forms import EquivalenceForm, GroupForm, add_service_error, group_initial
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup, PathwayStep
from mixtape_site.pathways.views_manage import (
    GET_POST,
    pathway_or_404,
    refuse_if_retired,
    to_detail,
)

GROUP_SAVED = _("The requirement group was saved.")
GROUP_DELETED = _("The requirement group was deleted.")
GROUP_MOVED = _("The requirement group was moved.")
EQUIVALENCE_ADDED = _("The equivalent credential is now accepted.")
EQUIVALENCE_REMOVED = _("The equivalent credential is no longer accepted.")


def _group(pathway: Pathway, group: int) -> PathwayGroup:
    return get_object_or_404(PathwayGroup.objects.prefetch_related("steps"), pk=group,
                             pathway=pathway)  # fmt: skip


@member_required()
@GET_POST
def group_add(request: HttpRequest, organization: Organization, uuid: UUID) -> HttpResponse:
    return _group_form(request, organization, pathway_or_404(organization, uuid), None)


@member_required()
@GET_POST
def group_edit(
    request: HttpRequest, organization: Organization, uuid: UUID, group: int
) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    return _group_form(request, organization, pathway, _group(pathway, group))


def _group_form(
    request: HttpRequest, organization: Organization, pathway: Pathway,
    group: PathwayGroup | None,
) -> HttpResponse:  # fmt: skip
    if refuse_if_retired(request, pathway):
        return to_detail(organization, pathway)
    initial = group_initial(group) if group else None
    form = GroupForm(request.POST or None, pathway=pathway, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_save(pathway=pathway, group=group, **form.group_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, GROUP_SAVED)
            return to_detail(organization, pathway)
    return render(request, "pathways/group_form.html", {
        "organization": organization, "pathway": pathway, "group": group, "form": form,
    }, status=400 if form.is_bound else 200)  # fmt: skip


@member_required()
@require_POST
def group_move(
    request: HttpRequest, organization: Organization, uuid: UUID, group: int
) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    found = _group(pathway, group)
    if not refuse_if_retired(request, pathway):
        offset = -1 if request.POST.get("direction") == "up" else 1
        services.group_move(group=found, offset=offset)
        messages.success(request, GROUP_MOVED)
    return to_detail(organization, pathway)


@member_required()
@GET_POST
def group_delete(
    request: HttpRequest, organization: Organization, uuid: UUID, group: int
) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    found = _group(pathway, group)
    if refuse_if_retired(request, pathway):
        return to_detail(organization, pathway)
    if request.method != "POST":
        return render(request, "pathways/confirm_group_delete.html", {
            "organization": organization, "pathway": pathway, "group": found,
        })  # fmt: skip
    services.group_delete(group=found)
    messages.success(request, GROUP_DELETED)
    return to_detail(organization, pathway)


@member_required()
@GET_POST
def equivalence_add(
    request: HttpRequest, organization: Organization, uuid: UUID, step: int
) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    found = get_object_or_404(
        PathwayStep.objects.select_related("achievement__organization", "group"),
        pk=step, group__pathway=pathway,
    )  # fmt: skip
    if refuse_if_retired(request, pathway):
        return to_detail(organization, pathway)
    form = EquivalenceForm(request.POST or None, step=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.equivalence_add(step=found, **form.equivalence_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, EQUIVALENCE_ADDED)
            return to_detail(organization, pathway)
    return render(request, "pathways/equivalence_form.html", {
        "organization": organization, "pathway": pathway, "step": found, "form": form,
    }, status=400 if form.is_bound else 200)  # fmt: skip


@member_required()
@require_POST
def equivalence_delete(
    request: HttpRequest, organization: Organization, uuid: UUID, equivalence: int
) -> HttpResponse:
    pathway = pathway_or_404(organization, uuid)
    found = get_object_or_404(Equivalence, pk=equivalence, step__group__pathway=pathway)
    if not refuse_if_retired(request, pathway):
        services.equivalence_delete(equivalence=found)
        messages.success(request, EQUIVALENCE_REMOVED)
    return to_detail(organization, pathway)
