"""Writes: mixtapes, their tracks (order and notes) and the links that share them."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.mixtapes.models import Mixtape, ShareLink, Track
from mixtape_site.wallet.models import WalletCredential

NOT_YOUR_CREDENTIAL = _("You can only add credentials from your own wallet.")
ALREADY_IN_MIXTAPE = _("This credential is already in the mixtape.")
ORDER_MISMATCH = _("The new order must list every track of the mixtape once.")
EXPIRY_IN_PAST = _("The expiry date must be in the future.")
LINK_ALREADY_REVOKED = _("This link was already withdrawn.")
# 32 random bytes: 256 bits, well over the 128 the links must carry.
TOKEN_BYTES = 32


@transaction.atomic
def mixtape_create(*, owner: Any, title: str, description: str = "") -> Mixtape:
    mixtape = Mixtape(owner=owner, title=title.strip(), description=description.strip())
    mixtape.full_clean()
    mixtape.save()
    return mixtape


@transaction.atomic
def mixtape_update(*, mixtape: Mixtape, title: str, description: str = "") -> Mixtape:
    mixtape.title = title.strip()
    mixtape.description = description.strip()
    mixtape.full_clean()
    mixtape.save()
    return mixtape


@transaction.atomic
def mixtape_delete(*, mixtape: Mixtape) -> None:
    """Delete the mixtape; its tracks and share links go with it, so links stop playing."""
    mixtape.delete()


def _touch(mixtape: Mixtape) -> None:
    Mixtape.objects.filter(pk=mixtape.pk).update(updated_at=timezone.now())


@transaction.atomic
def track_add(*, mixtape: Mixtape, credential: WalletCredential, note: str = "") -> Track:
    """Append ``credential`` to the mixtape; it must be held by the mixtape's owner."""
    if credential.owner_id != mixtape.owner_id:
        raise ValidationError(NOT_YOUR_CREDENTIAL)
    Mixtape.objects.select_for_update().filter(pk=mixtape.pk).first()  # serialise positions
    if mixtape.tracks.filter(credential=credential).exists():
        raise ValidationError(ALREADY_IN_MIXTAPE)
    last = mixtape.tracks.aggregate(last=Max("position"))["last"]
    track = Track(
        mixtape=mixtape,
        credential=credential,
        note=note.strip(),
        position=0 if last is None else last + 1,
    )
    track.full_clean()
    track.save()
    _touch(mixtape)
    return track


@transaction.atomic
def tracks_add(*, mixtape: Mixtape, credentials: Sequence[WalletCredential]) -> list[Track]:
    """Append several credentials in the order given (those already in it are skipped)."""
    present = set(mixtape.tracks.values_list("credential_id", flat=True))
    return [
        track_add(mixtape=mixtape, credential=credential)
        for credential in credentials
        if credential.pk not in present
    ]


@transaction.atomic
def track_remove(*, track: Track) -> None:
    mixtape = track.mixtape
    track.delete()
    _renumber(mixtape)
    _touch(mixtape)


@transaction.atomic
def track_set_note(*, track: Track, note: str) -> Track:
    track.note = note.strip()
    track.full_clean()
    track.save(update_fields=["note"])
    _touch(track.mixtape)
    return track


@transaction.atomic
def track_move(*, track: Track, direction: Literal["up", "down"]) -> None:
    """Swap the track with its neighbour; moving the first up (or last down) does nothing."""
    ids = list(_ordered_ids(track.mixtape))
    index = ids.index(track.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        _apply_order(track.mixtape, ids)


@transaction.atomic
def tracks_reorder(*, mixtape: Mixtape, order: Sequence[int]) -> None:
    """Put the tracks in ``order`` (track ids); it must name each track exactly once."""
    if sorted(order) != sorted(_ordered_ids(mixtape)):
        raise ValidationError(ORDER_MISMATCH)
    _apply_order(mixtape, list(order))


def _ordered_ids(mixtape: Mixtape) -> list[int]:
    return list(
        Track.objects.select_for_update()
        .filter(mixtape=mixtape)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )


def _apply_order(mixtape: Mixtape, ids: list[int]) -> None:
    tracks = {t.pk: t for t in Track.objects.filter(mixtape=mixtape)}
    for position, track_id in enumerate(ids):
        tracks[track_id].position = position
    Track.objects.bulk_update(tracks.values(), ["position"])
    _touch(mixtape)


def _renumber(mixtape: Mixtape) -> None:
    _apply_order(mixtape, _ordered_ids(mixtape))


@transaction.atomic
def share_link_create(
    *, mixtape: Mixtape, label: str = "", expires_at: datetime | None = None
) -> ShareLink:
    """A new unguessable link (256 random bits) that plays the mixtape."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": EXPIRY_IN_PAST})
    link = ShareLink(
        mixtape=mixtape,
        token=secrets.token_urlsafe(TOKEN_BYTES),
        label=label.strip(),
        expires_at=expires_at,
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def share_link_revoke(*, link: ShareLink) -> ShareLink:
    """Withdraw the link for good: it answers 410 Gone from now on."""
    if link.revoked_at is not None:
        raise ValidationError(LINK_ALREADY_REVOKED)
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    return link


def share_link_played(*, link: ShareLink) -> None:
    """Count a play; an atomic update, so concurrent plays are all counted."""
    ShareLink.objects.filter(pk=link.pk).update(
        play_count=F("play_count") + 1, last_played_at=timezone.now()
    )
