"""Management pages: an organization's micro-credentials, and partner endorsements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements import services
from mixtape_site.achievements.documents import framework_facts
from mixtape_site.achievements.forms import AchievementForm, EndorsementForm, achievement_initial
from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.achievements.selectors import organization_achievements, partnerships
from mixtape_site.organizations.access import member_required
from mixtape_site.organizations.models import Organization

CREATED = _("The micro-credential was saved as a draft.")
UPDATED = _("Your changes were saved.")
PUBLISHED = _("The micro-credential is published: it is in the catalogue and can be awarded.")
RETIRED = _("The micro-credential is retired: it can no longer be awarded.")
COPIED = _("A new draft was made from this micro-credential.")
ENDORSED = _("Your endorsement was signed and added to the micro-credential.")


def _own(organization: Organization, uuid: str) -> Achievement:
    return get_object_or_404(Achievement, uuid=uuid, organization=organization)


def _to_detail(organization: Organization, achievement: Achievement) -> HttpResponse:
    return redirect("achievements:manage_detail", org=organization.slug, uuid=achievement.uuid)


@member_required()
def manage_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Achievement.Status.values else ""
    achievements = organization_achievements(organization=organization, status=status or None)
    return render(request, "achievements/manage_list.html", {
        "organization": organization, "achievements": achievements, "status": status,
        "statuses": Achievement.Status.choices,
    })  # fmt: skip


@member_required()
def manage_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = AchievementForm(request.POST or None, request.FILES or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        achievement = services.achievement_create(
            organization=organization, data=form.achievement_data(),
            image=form.checked_image, created_by=request.user,
        )  # fmt: skip
        messages.success(request, CREATED)
        return _to_detail(organization, achievement)
    return _form_page(request, organization, form, achievement=None)


@member_required()
def manage_edit(request: HttpRequest, organization: Organization, uuid: str) -> HttpResponse:
    achievement = _own(organization, uuid)
    if achievement.status != Achievement.Status.DRAFT:
        messages.error(request, services.ONLY_DRAFTS_EDITABLE)
        return _to_detail(organization, achievement)
    form = AchievementForm(
        request.POST or None, request.FILES or None, organization=organization,
        initial=achievement_initial(achievement),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        services.achievement_update(
            achievement=achievement, data=form.achievement_data(), image=form.checked_image
        )
        messages.success(request, UPDATED)
        return _to_detail(organization, achievement)
    return _form_page(request, organization, form, achievement=achievement)


def _form_page(
    request: HttpRequest, organization: Organization, form: AchievementForm, *,
    achievement: Achievement | None,
) -> HttpResponse:  # fmt: skip
    status = 400 if form.is_bound else 200
    return render(request, "achievements/form.html", {
        "organization": organization, "form": form, "achievement": achievement,
    }, status=status)  # fmt: skip


@member_required()
def manage_detail(request: HttpRequest, organization: Organization, uuid: str) -> HttpResponse:
    achievement = _own(organization, uuid)
    return render(request, "achievements/manage_detail.html", {
        "organization": organization, "achievement": achievement,
        "facts": framework_facts(achievement),
        "partners": achievement.achievementpartner_set.select_related("organization"),
    })  # fmt: skip


def _transition_view(
    service: Callable[..., Achievement], done: Any, template: str
) -> Callable[..., HttpResponse]:
    @member_required()
    def view(request: HttpRequest, organization: Organization, uuid: str) -> HttpResponse:
        achievement = _own(organization, uuid)
        if request.method != "POST":
            return render(request, template, {
                "organization": organization, "achievement": achievement})  # fmt: skip
        try:
            service(achievement=achievement)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return _to_detail(organization, achievement)

    return view


manage_publish = _transition_view(
    services.achievement_publish, PUBLISHED, "achievements/confirm_publish.html"
)
manage_retire = _transition_view(
    services.achievement_retire, RETIRED, "achievements/confirm_retire.html"
)


@member_required()
def manage_copy(request: HttpRequest, organization: Organization, uuid: str) -> HttpResponse:
    achievement = _own(organization, uuid)  # first, so others' objects 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    copy = services.achievement_copy(achievement=achievement, created_by=request.user)
    messages.success(request, COPIED)
    return redirect("achievements:edit", org=organization.slug, uuid=copy.uuid)


@member_required()
def endorsements(request: HttpRequest, organization: Organization) -> HttpResponse:
    return render(request, "achievements/endorsements.html", {
        "organization": organization, "partnerships": partnerships(partner=organization),
    })  # fmt: skip


@member_required()
def endorse(request: HttpRequest, organization: Organization, uuid: str) -> HttpResponse:
    partner = get_object_or_404(
        AchievementPartner.objects.select_related("achievement__organization"),
        organization=organization, achievement__uuid=uuid,
    )  # fmt: skip
    initial = {f"comment_{tag}": text for tag, text in partner.endorsement_comment.items()}
    form = EndorsementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_endorse(
                partner=partner, comment=form.comment(), endorsed_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ENDORSED)
            return redirect("achievements:endorsements", org=organization.slug)
    return render(request, "achievements/endorse.html", {
        "organization": organization, "partner": partner, "form": form,
    }, status=400 if form.errors else 200)  # fmt: skip
