"""Organizations (institutions, employers and other partners) and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.web.bilingual import BilingualField, in_language


class Organization(models.Model):
    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Post-secondary institution")
        EMPLOYER = "employer", _("Employer")
        PARTNER = "partner", _("Community or public partner")
        FUNDER = "funder", _("Funder")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = BilingualField(_("name"))
    description = BilingualField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    primary_language = models.CharField(
        _("primary language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return in_language(self.name)


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Organization admin")
        ISSUER = "issuer", _("Issuer staff")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_user")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"
