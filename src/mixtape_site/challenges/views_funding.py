"""Funding programs: a funder's own list and form, and each program's public page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from mixtape_site.challenges import funding
from mixtape_site.challenges.forms import FundingProgramForm, funding_program_initial
from mixtape_site.challenges.models import FundingProgram
from mixtape_site.challenges.views_manage import kind_required
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.forms import add_service_error

PROGRAM_SAVED = _("The funding program was saved.")


funder_required = kind_required(
    lambda organization: organization.kind == Organization.Kind.FUNDER,
    "challenges/funding/not_a_funder.html",
)


@require_safe
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(FundingProgram.objects.select_related("funder"), slug=slug)
    challenges = funding.funded_challenges(program=program)
    return render(request, "challenges/funding/detail.html",
                  {"program": program, "challenges": challenges})  # fmt: skip


@require_safe
@funder_required
def program_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    programs = funding.funding_programs_of(funder=organization)
    return render(request, "challenges/funding/list.html",
                  {"organization": organization, "programs": programs})  # fmt: skip


@require_http_methods(["GET", "HEAD", "POST"])
@funder_required
def program_edit(
    request: HttpRequest, organization: Organization, slug: str | None = None
) -> HttpResponse:
    program = None
    if slug is not None:
        program = funding.funding_programs_of(funder=organization).filter(slug=slug).first()
        if program is None:
            raise Http404
    initial = funding_program_initial(program) if program else None
    form = FundingProgramForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            funding.funding_program_save(funder=organization, data=form.program_data(),
                                         program=program)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, PROGRAM_SAVED)
            return redirect("challenges:funding_list", org=organization.slug)
    return render(request, "challenges/funding/form.html", {
        "organization": organization, "form": form, "program": program,
    }, status=400 if form.is_bound else 200)  # fmt: skip
