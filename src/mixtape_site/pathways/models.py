"""Pathways: micro-credentials (from any institution) that stack into a goal credential.

A pathway is an all-of list of groups (each all / any / at least N of its steps), plus
optional minimum hours or credits and skills to cover. ``services.requirement_tree`` turns
it into the core library's requirement tree, where the evaluation happens.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Organization
from mixtape_site.web.bilingual import BilingualField, in_language


class Pathway(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    class Approval(models.TextChoices):
        AUTOMATIC = "automatic", _("Issue the goal credential automatically")
        REVIEW = "review", _("Queue it for our approval")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="pathways"
    )
    # Institutions that define the pathway together with the owner; their staff may edit it.
    partners = models.ManyToManyField(
        Organization, blank=True, related_name="partner_pathways", verbose_name=_("partners")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    name = BilingualField(_("name"))
    description = BilingualField(_("description"), blank=True)
    goal = models.ForeignKey(
        Achievement,
        on_delete=models.PROTECT,
        related_name="goal_of_pathways",
        verbose_name=_("goal credential"),
    )
    approval = models.CharField(
        _("when the requirements are met"),
        max_length=20,
        choices=Approval.choices,
        default=Approval.AUTOMATIC,
    )
    min_hours = models.PositiveSmallIntegerField(_("minimum total hours"), null=True, blank=True)
    min_credits = models.DecimalField(
        _("minimum total credits"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # Skills to cover, each by some held credential: [{"url", "name": {"en", "fr"}, …}],
    # the same shape as Achievement.skills.
    skills = models.JSONField(_("skills to cover"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization__slug", "id"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")

    def __str__(self) -> str:
        return in_language(self.name) or str(self.uuid)


class PathwayGroup(models.Model):
    """Requirements that go together: all of the steps, any one, or at least ``count``."""

    class Rule(models.TextChoices):
        ALL = "all", _("All of these")
        ANY = "any", _("Any one of these")
        AT_LEAST = "at_least", _("At least a number of these")

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveSmallIntegerField(default=0)
    name = BilingualField(_("name"), blank=True)
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices, default=Rule.ALL)
    count = models.PositiveSmallIntegerField(_("how many"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("requirement group")
        verbose_name_plural = _("requirement groups")

    def __str__(self) -> str:
        return in_language(self.name) or self.get_rule_display()


class PathwayStep(models.Model):
    """One micro-credential of a group (of any institution on the platform)."""

    group = models.ForeignKey(PathwayGroup, on_delete=models.CASCADE, related_name="steps")
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="pathway_steps"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "achievement"], name="step_once_per_group")
        ]
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")

    def __str__(self) -> str:
        return str(self.achievement)


class Equivalence(models.Model):
    """Another credential accepted in place of a step: one of this platform's achievements,
    or an achievement of an issuer elsewhere, named by its OB 3.0 achievement id."""

    step = models.ForeignKey(PathwayStep, on_delete=models.CASCADE, related_name="equivalences")
    achievement = models.ForeignKey(
        Achievement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equivalent_in",
    )
    achievement_uri = models.URLField(_("achievement id"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    issuer_name = models.CharField(_("issuer"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(achievement__isnull=False) ^ ~models.Q(achievement_uri=""),
                name="equivalence_names_one_achievement",
            )
        ]
        verbose_name = _("equivalence")
        verbose_name_plural = _("equivalences")

    def __str__(self) -> str:
        return str(self.achievement) if self.achievement else self.name or self.achievement_uri


class PathwayAward(models.Model):
    """A learner met a pathway's requirements: the goal credential, once per learner."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ISSUED = "issued", _("Issued")
        DECLINED = "declined", _("Declined")

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="awards")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathway_awards"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    credential = models.ForeignKey(
        IssuedCredential, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The credentials that met the requirements, as they were then:
    # [{"credential_id", "achievement_id", "name", "issuer_name", "wallet_uuid"}].
    contributing = models.JSONField(default=list)
    # Set when a contributing credential is later revoked: the issuer decides what to do.
    needs_review = models.BooleanField(default=False)
    review_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "learner"], name="award_each_pathway_once")
        ]
        verbose_name = _("pathway award")
        verbose_name_plural = _("pathway awards")

    def __str__(self) -> str:
        return f"{self.pathway} – {self.learner}"
