"""Reads: a learner's mixtapes (theirs only), the links that play them, the player."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mixtape_site.mixtapes.models import Mixtape, ShareLink, Track
from mixtape_site.mixtapes.playback import Playback, play
from mixtape_site.wallet.models import WalletCredential

__all__ = [
    "LINK_GONE",
    "LinkState",
    "Playback",
    "link_state",
    "mixtape_get",
    "mixtapes_of",
    "play",
    "share_link_find",
    "share_link_get",
    "share_link_playable",
    "track_get",
    "wallet_candidates",
]

# One message for expired and withdrawn alike: the visitor learns no more than that.
LINK_GONE = _("This link has expired or was withdrawn.")


class LinkState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


LINK_STATE_LABELS: dict[LinkState, Promise] = {
    LinkState.ACTIVE: _("Active"),
    LinkState.EXPIRED: _("Expired"),
    LinkState.WITHDRAWN: _("Withdrawn"),
}


def mixtapes_of(*, owner: Any) -> QuerySet[Mixtape]:
    return Mixtape.objects.filter(owner=owner).annotate(track_count=Count("tracks"))


def mixtape_get(*, owner: Any, uuid: UUID) -> Mixtape:
    """The owner's mixtape; anyone else's is a 404, exactly like one that doesn't exist."""
    return get_object_or_404(Mixtape, owner=owner, uuid=uuid)


def track_get(*, mixtape: Mixtape, track_id: int) -> Track:
    return get_object_or_404(Track, mixtape=mixtape, pk=track_id)


def share_link_get(*, mixtape: Mixtape, link_id: int) -> ShareLink:
    return get_object_or_404(ShareLink, mixtape=mixtape, pk=link_id)


def wallet_candidates(*, mixtape: Mixtape) -> QuerySet[WalletCredential]:
    """The owner's wallet credentials not yet in the mixtape."""
    return WalletCredential.objects.filter(owner=mixtape.owner_id).exclude(tracks__mixtape=mixtape)


def link_state(link: ShareLink, *, now: datetime | None = None) -> LinkState:
    if link.revoked_at is not None:
        return LinkState.WITHDRAWN
    if link.expires_at is not None and link.expires_at <= (now or timezone.now()):
        return LinkState.EXPIRED
    return LinkState.ACTIVE


def share_link_find(*, token: str) -> ShareLink | None:
    """The link with ``token`` in any state (the player answers 410 for dead ones)."""
    if not token or len(token) > 64:
        return None
    return ShareLink.objects.select_related("mixtape").filter(token=token).first()


def share_link_playable(*, token: str) -> ShareLink | None:
    """The link if it plays now; None if unknown, expired or withdrawn.

    The lookup goes through the unique index on ``token``, so timing says nothing
    about how much of a guess was right.
    """
    link = share_link_find(token=token)
    if link is None or link_state(link) is not LinkState.ACTIVE:
        return None
    return link
