"""Projects: an awarded proposal carried out by an institution's team for a partner.

A project keeps the team (copied from the proposal, then its own), the milestones, its
status and its technology readiness level (TRL) progress. On completion the partner and
the institution each confirm every student's contribution, the partner endorses the
project's micro-credential, and the institution issues it to each confirmed student
through the normal issuing path (``credentials.services.credential_issue``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mixtape_site.achievements.models import Achievement
from mixtape_site.challenges.models import TRL_VALIDATORS, Proposal, TeamMember
from mixtape_site.credentials.models import IssuedCredential


class Project(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", pgettext_lazy("project status", "Completed")
        CANCELLED = "cancelled", pgettext_lazy("project status", "Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="project")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    trl_start = models.PositiveSmallIntegerField(
        _("technology readiness level at the start"), validators=TRL_VALIDATORS
    )
    trl_current = models.PositiveSmallIntegerField(
        _("technology readiness level now"), validators=TRL_VALIDATORS
    )
    outcome = models.TextField(_("what the project delivered"), blank=True)
    # The project's micro-credential (an Achievement of the institution, with the partner
    # as its endorsing partner), set when the project is completed.
    achievement = models.ForeignKey(
        Achievement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("project micro-credential"),
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["status", "started_at"])]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.proposal.title


class ProjectMember(models.Model):
    """Someone on the project team; students get the project micro-credential once both
    sides confirmed their contribution."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=TeamMember.Role.choices)
    program = models.CharField(_("program or department"), max_length=200, blank=True)
    contribution = models.TextField(_("contribution"), blank=True)
    institution_confirmed_at = models.DateTimeField(null=True, blank=True)
    institution_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partner_confirmed_at = models.DateTimeField(null=True, blank=True)
    partner_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    credential = models.OneToOneField(
        IssuedCredential,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_member",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "email"], name="one_project_seat_per_email")
        ]
        verbose_name = _("project member")
        verbose_name_plural = _("project members")

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    due = models.DateField(_("due"), null=True, blank=True)
    deliverable = models.TextField(_("deliverable"), blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ProjectEvent(models.Model):
    """Append-only history of a project: milestones, TRL steps, completion, confirmations,
    the endorsement and each credential issued."""

    class Action(models.TextChoices):
        STARTED = "started", _("Project started")
        MILESTONE_DONE = "milestone_done", _("Milestone done")
        MILESTONE_REOPENED = "milestone_reopened", _("Milestone reopened")
        TRL_CHANGED = "trl_changed", _("Technology readiness level changed")
        MEMBER_ADDED = "member_added", _("Team member added")
        COMPLETED = "completed", _("Project completed")
        CANCELLED = "cancelled", _("Project cancelled")
        INSTITUTION_CONFIRMED = (
            "institution_confirmed",
            _("Contribution confirmed by the institution"),
        )
        PARTNER_CONFIRMED = "partner_confirmed", _("Contribution confirmed by the partner")
        ENDORSED = "endorsed", _("Micro-credential endorsed by the partner")
        CREDENTIAL_ISSUED = "credential_issued", _("Micro-credential issued")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    member = models.ForeignKey(
        ProjectMember, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("project event")
        verbose_name_plural = _("project events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.project}"
