"""The learner's wallet: every credential they hold, from this platform or anywhere."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.credentials.models import IssuedCredential


class WalletCredential(models.Model):
    class Source(models.TextChoices):
        CLAIMED = "claimed", _("Claimed from a Mixtape issuer")
        IMPORTED = "imported", _("Imported")

    class Format(models.TextChoices):
        OB3_JSON = "ob3-json", _("Open Badges 3.0 (JSON)")
        VC_JWT = "vc-jwt", _("Verifiable credential (JWT)")
        BAKED_PNG = "baked-png", _("Badge image (PNG)")
        BAKED_SVG = "baked-svg", _("Badge image (SVG)")
        OB2 = "ob2", _("Open Badges 2.0 assertion")

    class Status(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        REVOKED = "revoked", _("Revoked")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")
        UNKNOWN_ISSUER = "unknown_issuer", _("Unknown issuer")
        FAILED = "failed", _("Failed")
        UNCHECKED = "unchecked", _("Not checked yet")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    format = models.CharField(max_length=20, choices=Format.choices)
    issued_credential = models.ForeignKey(
        IssuedCredential, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The credential as received: a JSON object, or {"jwt": "<compact JWS>"} for VC-JWT.
    document = models.JSONField()
    # sha256 of the canonical JSON (or the JWT): the same credential is held once.
    content_hash = models.CharField(max_length=64)
    # Summary fields read from the document, for listing, search and filters.
    name = models.CharField(max_length=300, blank=True)
    issuer_id = models.CharField(max_length=500, blank=True)
    issuer_name = models.CharField(max_length=300, blank=True)
    issued_on = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    # The OB 3.0 achievement id (credentialSubject.achievement.id), for pathways.
    achievement_id = models.CharField(max_length=500, blank=True, db_index=True)
    # [{"url": …, "name": …, "framework": …}] from the achievement's alignments.
    skills = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNCHECKED)
    status_checked_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "content_hash"], name="hold_each_once")
        ]
        verbose_name = _("wallet credential")
        verbose_name_plural = _("wallet credentials")

    def __str__(self) -> str:
        return self.name or str(self.uuid)


class LearnerKey(models.Model):
    """The learner's did:key, used to sign presentations; stored only encrypted."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_key"
    )
    public_multibase = models.CharField(max_length=80, unique=True)
    encrypted_private_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learner key")
        verbose_name_plural = _("learner keys")

    def __str__(self) -> str:
        return f"did:key:{self.public_multibase}"
