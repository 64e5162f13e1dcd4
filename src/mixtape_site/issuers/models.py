"""Issuers' signing keys. Private keys are stored only encrypted (see ``keystore.py``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.organizations.models import Organization


class SigningKey(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="signing_keys"
    )
    public_multibase = models.CharField(max_length=80, unique=True)
    # AES-256-GCM ciphertext of the 32-byte Ed25519 seed; see keystore.py.
    encrypted_private_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.public_multibase[:16]}…"
