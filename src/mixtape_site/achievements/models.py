"""Micro-credential definitions (OB 3.0 Achievements) with Ontario's framework fields."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.organizations.models import Organization
from mixtape_site.web.bilingual import BilingualField, in_language


class Achievement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    class DeliveryMode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")
        WORK_INTEGRATED = "work_integrated", _("Work-integrated")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="achievements"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    name = BilingualField(_("name"))
    description = BilingualField(_("description"))
    criteria = BilingualField(_("criteria"))
    learning_outcomes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    assessment = BilingualField(_("summative assessment"), blank=True)
    assessment_evidence = BilingualField(_("what demonstrates it"), blank=True)
    # [{"url": ESCO URI, "name": {"en": …, "fr": …}, "framework": "ESCO", "code": …}]
    skills = models.JSONField(_("skills"), default=list, blank=True)
    hours = models.PositiveSmallIntegerField(
        _("hours of learning"), validators=[MinValueValidator(5), MaxValueValidator(300)]
    )
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices
    )
    languages = models.JSONField(_("languages of instruction"), default=list)
    cost = models.DecimalField(
        _("cost (CAD)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    cip_code = models.CharField(_("CIP code"), max_length=7, blank=True)
    noc_codes = models.JSONField(_("NOC codes"), default=list, blank=True)
    credit_value = models.DecimalField(
        _("credit value"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity period (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    image = models.FileField(_("image"), upload_to="achievements/", blank=True)
    partners = models.ManyToManyField(
        Organization, through="AchievementPartner", related_name="partnered_achievements"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("micro-credential")
        verbose_name_plural = _("micro-credentials")

    def __str__(self) -> str:
        return in_language(self.name)


class AchievementPartner(models.Model):
    """An employer partner of a micro-credential, and its endorsement once given."""

    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT)
    endorsement_comment = BilingualField(_("endorsement"), blank=True)
    endorsed_at = models.DateTimeField(null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The signed OB 3.0 EndorsementCredential, embedded in the Achievement.
    endorsement_document = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "organization"], name="one_partnership_per_org"
            )
        ]
        verbose_name = _("partner employer")
        verbose_name_plural = _("partner employers")
