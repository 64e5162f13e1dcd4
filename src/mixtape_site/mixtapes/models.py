"""Mixtapes: collections of a learner's credentials, shared through revocable links."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mixtape_site.wallet.models import WalletCredential


class Mixtape(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mixtapes"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("mixtape")
        verbose_name_plural = _("mixtapes")

    def __str__(self) -> str:
        return self.title


class Track(models.Model):
    """One credential in a mixtape, in the learner's order, with an optional note."""

    mixtape = models.ForeignKey(Mixtape, on_delete=models.CASCADE, related_name="tracks")
    credential = models.ForeignKey(
        WalletCredential, on_delete=models.CASCADE, related_name="tracks"
    )
    position = models.PositiveIntegerField(default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mixtape", "credential"], name="one_track_each")
        ]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")


class ShareLink(models.Model):
    """An unguessable link that plays the mixtape, until it expires or is revoked."""

    mixtape = models.ForeignKey(Mixtape, on_delete=models.CASCADE, related_name="share_links")
    # secrets.token_urlsafe(32): 256 bits. Kept readable so the learner can copy the
    # link (or its QR code) again later; revoking it is how a link is withdrawn.
    token = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_played_at = models.DateTimeField(null=True, blank=True)
    play_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
