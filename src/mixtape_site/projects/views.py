"""Project pages: the public page (the credentials' evidence), an organization's projects,
and one project's management page with the POST actions each side may take.

Every management view loads the project through ``access.project_of`` (404 unless the
organization in the URL is its institution or its partner); every action checks the side
(403 for the other side or a read-only operator); the services check again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from mixtape_site.organizations.models import Organization
from mixtape_site.projects import forms as project_forms
from mixtape_site.projects import issuing, selectors, services
from mixtape_site.projects.access import (
    Side,
    project_of,
    project_viewer_required,
    require_side,
    side_of,
)
from mixtape_site.projects.models import Project

DONE = {
    "trl": _("Technology readiness level updated."),
    "member": _("Team member added."),
    "complete": _("Project completed. Its micro-credential is published."),
    "cancel": _("Project cancelled."),
    "contribution": _("Contribution confirmed by the institution."),
    "partner": _("Contribution confirmed by the partner."),
    "endorse": _("Micro-credential endorsed."),
    "milestone_done": _("Milestone marked done."),
    "milestone_reopen": _("Milestone reopened."),
}
ISSUED = ngettext_lazy(
    "Micro-credential issued to %(count)s student.",
    "Micro-credential issued to %(count)s students.",
    "count",
)
NOTHING_ISSUED = _("Nothing was issued: no student is ready yet. See who is waiting and why.")

Run = Callable[[Project, dict[str, Any]], Any]


def _load(request: HttpRequest, organization: Organization, uuid: Any) -> Project:
    project = project_of(organization, uuid)
    request.project_side = side_of(project, organization)  # type: ignore[attr-defined]
    return project


def _page(
    request: HttpRequest, organization: Organization, project: Project, status: int = 200,
    **bound: forms.Form,
) -> HttpResponse:  # fmt: skip
    page = selectors.project_page(project=project)
    contribution = bound.pop("contribution", None)
    students = [
        (row, contribution if contribution and contribution.prefix == f"m{row.member.pk}"
         else project_forms.ContributionForm(
             prefix=f"m{row.member.pk}", initial={"contribution": row.member.contribution}))
        for row in page.students
    ]  # fmt: skip
    blank = {
        "trl": project_forms.TrlForm(initial={"trl": project.trl_current}),
        "member": project_forms.MemberForm(),
        "complete": project_forms.CompleteForm(initial={"trl": project.trl_current}),
        "cancel": project_forms.CancelForm(),
        "endorse": project_forms.EndorseForm(),
    }
    context = {
        "organization": organization, "project": project, "page": page, "students": students,
        "side": getattr(request, "project_side", None), "can_act": request.can_act,  # type: ignore[attr-defined]
        "forms": {**blank, **bound}, "trl_max": selectors.TRL_MAX,
    }  # fmt: skip
    return render(request, "projects/detail.html", context, status=status)


def _to_page(organization: Organization, project: Project, anchor: str = "") -> HttpResponse:
    response = redirect("projects:manage_detail", org=organization.slug, uuid=project.uuid)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def _act(
    request: HttpRequest, organization: Organization, uuid: Any, *, side: Side, key: str,
    form: forms.Form, run: Run, anchor: str,
) -> HttpResponse:  # fmt: skip
    """Validate ``form``, run the service; a refusal re-renders the page with the typed values."""
    project = _load(request, organization, uuid)
    require_side(request, side)
    if form.is_valid():
        try:
            run(project, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DONE[key])
            return _to_page(organization, project, anchor)
    return _page(request, organization, project, status=400, **{key: form})


def _button(
    request: HttpRequest, organization: Organization, uuid: Any, *, side: Side, key: str,
    run: Callable[[Project], Any], anchor: str,
) -> HttpResponse:  # fmt: skip
    """An action without input: a refusal is shown as a message on the page."""
    project = _load(request, organization, uuid)
    require_side(request, side)
    try:
        run(project)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[key])
    return _to_page(organization, project, anchor)


def project_public(request: HttpRequest, uuid: Any) -> HttpResponse:
    project = selectors.public_project(uuid=uuid)
    context = {"project": project, "milestones": list(project.milestones.all())}
    return render(request, "projects/public.html", context)


@project_viewer_required
def manage_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    projects = selectors.organization_projects(organization=organization)
    context = {"organization": organization, "projects": projects}
    return render(request, "projects/list.html", context)


@project_viewer_required
def manage_detail(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    return _page(request, organization, _load(request, organization, uuid))


@require_POST
@project_viewer_required
def milestone_toggle(
    request: HttpRequest, organization: Organization, uuid: Any, milestone: int, done: bool
) -> HttpResponse:
    def run(project: Project) -> Any:
        row = get_object_or_404(project.milestones, pk=milestone)
        service = services.milestone_done if done else services.milestone_reopen
        return service(milestone=row, actor=request.user)

    key = "milestone_done" if done else "milestone_reopen"
    return _button(request, organization, uuid, side=Side.INSTITUTION, key=key, run=run,
                   anchor="milestones")  # fmt: skip


@require_POST
@project_viewer_required
def trl_set(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    def run(project: Project, data: dict[str, Any]) -> Any:
        return services.project_trl_set(project=project, trl=data["trl"], actor=request.user)

    form = project_forms.TrlForm(request.POST)
    return _act(request, organization, uuid, side=Side.INSTITUTION, key="trl", form=form,
                run=run, anchor="progress")  # fmt: skip


@require_POST
@project_viewer_required
def member_add(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    def run(project: Project, data: dict[str, Any]) -> Any:
        return services.project_member_add(project=project, actor=request.user, **data)

    form = project_forms.MemberForm(request.POST)
    return _act(request, organization, uuid, side=Side.INSTITUTION, key="member", form=form,
                run=run, anchor="team")  # fmt: skip


@require_POST
@project_viewer_required
def complete(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    def run(project: Project, data: dict[str, Any]) -> Any:
        return services.project_complete(project=project, actor=request.user, **data)

    form = project_forms.CompleteForm(request.POST)
    return _act(request, organization, uuid, side=Side.INSTITUTION, key="complete", form=form,
                run=run, anchor="completion")  # fmt: skip


@require_POST
@project_viewer_required
def cancel(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    def run(project: Project, data: dict[str, Any]) -> Any:
        return services.project_cancel(project=project, reason=data["reason"], actor=request.user)

    form = project_forms.CancelForm(request.POST)
    return _act(request, organization, uuid, side=Side.INSTITUTION, key="cancel", form=form,
                run=run, anchor="completion")  # fmt: skip


@require_POST
@project_viewer_required
def contribution(
    request: HttpRequest, organization: Organization, uuid: Any, member: int
) -> HttpResponse:
    def run(project: Project, data: dict[str, Any]) -> Any:
        row = get_object_or_404(project.members, pk=member)
        return issuing.contribution_confirm_institution(
            member=row, contribution=data["contribution"], actor=request.user
        )

    form = project_forms.ContributionForm(request.POST, prefix=f"m{member}")
    return _act(request, organization, uuid, side=Side.INSTITUTION, key="contribution",
                form=form, run=run, anchor="contributions")  # fmt: skip


@require_POST
@project_viewer_required
def contribution_partner(
    request: HttpRequest, organization: Organization, uuid: Any, member: int
) -> HttpResponse:
    def run(project: Project) -> Any:
        row = get_object_or_404(project.members, pk=member)
        return issuing.contribution_confirm_partner(member=row, actor=request.user)

    return _button(request, organization, uuid, side=Side.PARTNER, key="partner", run=run,
                   anchor="contributions")  # fmt: skip


@require_POST
@project_viewer_required
def endorse(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    def run(project: Project, data: dict[str, Any]) -> Any:
        comment = {"en": data["comment_en"], "fr": data["comment_fr"]}
        return issuing.project_endorse(project=project, comment=comment, actor=request.user)

    form = project_forms.EndorseForm(request.POST)
    return _act(request, organization, uuid, side=Side.PARTNER, key="endorse", form=form,
                run=run, anchor="endorsement")  # fmt: skip


@require_POST
@project_viewer_required
def issue(request: HttpRequest, organization: Organization, uuid: Any) -> HttpResponse:
    project = _load(request, organization, uuid)
    require_side(request, Side.INSTITUTION)
    try:
        report = issuing.project_credentials_issue(project=project, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if report.issued:
            messages.success(request, ISSUED % {"count": len(report.issued)})
        else:
            messages.warning(request, NOTHING_ISSUED)
    return _to_page(organization, project, "contributions")
