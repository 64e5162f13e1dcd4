"""Issued credentials, the status lists that revoke or suspend them, and the audit trail."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.issuers.models import SigningKey
from mixtape_site.organizations.models import Organization


class StatusList(models.Model):
    """One Bitstring Status List of an issuer, served as a signed credential."""

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("Revocation")
        SUSPENSION = "suspension", _("Suspension")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="status_lists"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    length = models.PositiveIntegerField(default=131072)
    next_index = models.PositiveIntegerField(default=0)
    bits = models.BinaryField()
    # The signed BitstringStatusListCredential, re-signed on every change.
    document = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.purpose} {self.uuid}"


class IssuedCredential(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="issued_credentials"
    )
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="issued_credentials"
    )
    recipient_name = models.CharField(_("recipient name"), max_length=200)
    recipient_email = models.EmailField(_("recipient e-mail"))
    identity_salt = models.CharField(max_length=64)
    issued_on = models.DateTimeField(_("issue date"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    result = models.CharField(_("result or grade"), max_length=100, blank=True)
    evidence_url = models.URLField(_("evidence URL"), blank=True, max_length=500)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    # sha256 of (achievement, e-mail, external id, issue date): issuing twice is a no-op.
    dedupe_key = models.CharField(max_length=64)
    document = models.JSONField()
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.ACTIVE)
    revocation_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    revocation_index = models.PositiveIntegerField()
    suspension_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    suspension_index = models.PositiveIntegerField()
    claim_token = models.CharField(max_length=64, unique=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_credentials",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        "bulk.BulkIssue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credentials",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "dedupe_key"], name="issue_each_award_once"
            ),
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"], name="one_revocation_slot"
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"], name="one_suspension_slot"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "state"]),
            # The award list: an issuer's newest first, read a page at a time.
            models.Index(
                fields=["organization", "-created_at", "-id"], name="credential_newest_first"
            ),
            # The wallet finds the awards waiting for a learner's verified e-mails.
            models.Index(fields=["recipient_email"], name="credential_recipient_email"),
        ]
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")

    def __str__(self) -> str:
        return f"{self.recipient_name} – {self.achievement}"


class StatusChange(models.Model):
    """The audit trail: every revocation, suspension and reinstatement, with its reason."""

    class Action(models.TextChoices):
        REVOKE = "revoke", _("Revoked")
        SUSPEND = "suspend", _("Suspended")
        REINSTATE = "reinstate", _("Reinstated")

    credential = models.ForeignKey(
        IssuedCredential, on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
