"""Bitstring Status Lists: slots for new credentials, bits that revoke or suspend them.

Each organization has one open list per purpose (revocation, suspension) of
131,072 entries (16 KB, the spec's minimum for herd privacy). New credentials
get a *random* free index, so a list's bits reveal nothing about issue order.
The published list is a signed ``BitstringStatusListCredential`` kept in
``StatusList.document`` and re-signed in the same transaction as every change,
so the database and what verifiers read never disagree.
"""

from __future__ import annotations

import random
import secrets
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mixtape import StatusList as Bitstring
from mixtape import status_list_credential
from mixtape_site.credentials.models import IssuedCredential, StatusList
from mixtape_site.issuers.identity import absolute_url, organization_did
from mixtape_site.issuers.services import document_sign
from mixtape_site.organizations.models import Organization

LIST_LENGTH = 131_072
# Random probes before falling back to listing the used indexes (only matters
# when a list is nearly full: at 50 % use, 16 probes all miss once in 65,536).
RANDOM_PROBES = 16
_RANDOM = random.SystemRandom()


def status_list_url(status_list: StatusList) -> str:
    """The public URL of the list; credentials' status entries point here."""
    return absolute_url(reverse("credentials:status_list", kwargs={"uuid": status_list.uuid}))


def status_slot_allocate(*, organization: Organization, purpose: str) -> tuple[StatusList, int]:
    """A free index in the organization's open list for ``purpose`` (a new list when full).

    Must run inside the transaction that saves the credential using the slot:
    the list row stays locked until then, so two issuers never get the same index
    (and the unique constraints on the credential would refuse it anyway).
    """
    with transaction.atomic():
        status_list = _open_list(organization=organization, purpose=purpose)
        index = _random_free_index(status_list)
        if index is None:  # every slot taken: this list is closed for good
            status_list.next_index = status_list.length
            status_list.save(update_fields=["next_index", "updated_at"])
            return status_slot_allocate(organization=organization, purpose=purpose)
        status_list.next_index += 1
        status_list.save(update_fields=["next_index", "updated_at"])
        return status_list, index


def status_slots_allocate(
    *, organization: Organization, purpose: str, count: int
) -> list[tuple[StatusList, int]]:
    """``count`` distinct random free slots for a batch, rolling over to new lists as they fill.

    One UPDATE per list touched. Like ``status_slot_allocate``, it must run inside the
    transaction that saves the credentials: the list rows stay locked until then.
    """
    slots: list[tuple[StatusList, int]] = []
    with transaction.atomic():
        while len(slots) < count:
            status_list = _open_list(organization=organization, purpose=purpose)
            indexes = _random_free_indexes(status_list, count - len(slots))
            # A list that could not give every slot asked for is full: closed for good.
            full = len(indexes) < count - len(slots)
            status_list.next_index = (
                status_list.length if full else status_list.next_index + len(indexes)
            )
            status_list.save(update_fields=["next_index", "updated_at"])
            slots.extend((status_list, index) for index in indexes)
    return slots


def _random_free_indexes(status_list: StatusList, wanted: int) -> list[int]:
    """Up to ``wanted`` random free indexes of a locked list (all of them when fewer)."""
    left = status_list.length - status_list.next_index
    if left >= 4 * wanted:
        picked = _sparse_pick(status_list, wanted)
        if picked is not None:
            return picked
    taken = set(_used_indexes(status_list))
    free = [index for index in range(status_list.length) if index not in taken]
    return _RANDOM.sample(free, min(wanted, len(free)))


def _sparse_pick(status_list: StatusList, wanted: int) -> list[int] | None:
    # Mostly empty list: draw random candidates and ask which are taken, so the cost
    # follows the batch, not the list's fill (reading 100,000 used indexes per chunk
    # would make big batches quadratic). None when the draws keep missing.
    used = _used_indexes(status_list)
    picked: dict[int, None] = {}  # insertion-ordered: the draw order, random
    for _ in range(RANDOM_PROBES):
        candidates = [_RANDOM.randrange(status_list.length) for _ in range(2 * wanted)]
        taken = set(used.filter(**{f"{status_list.purpose}_index__in": set(candidates)}))
        for index in candidates:
            if index not in taken and index not in picked:
                picked[index] = None
                if len(picked) == wanted:
                    return list(picked)
    return None


def _open_list(*, organization: Organization, purpose: str) -> StatusList:
    current = _locked_open_list(organization=organization, purpose=purpose)
    if current is not None:
        return current
    # Lock the organization so that two first issues do not open two lists.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    current = _locked_open_list(organization=organization, purpose=purpose)
    return current or status_list_create(organization=organization, purpose=purpose)


def _locked_open_list(*, organization: Organization, purpose: str) -> StatusList | None:
    candidate = (
        StatusList.objects.filter(organization=organization, purpose=purpose)
        .order_by("-id")
        .values_list("pk", flat=True)
        .first()
    )
    if candidate is None:
        return None
    status_list = StatusList.objects.select_for_update().get(pk=candidate)
    return status_list if status_list.next_index < status_list.length else None


def status_list_create(*, organization: Organization, purpose: str) -> StatusList:
    """A new, empty, signed list."""
    status_list = StatusList(
        organization=organization,
        purpose=purpose,
        length=LIST_LENGTH,
        bits=bytes(LIST_LENGTH // 8),
    )
    status_list.full_clean(exclude=["bits"])
    status_list.save()
    _sign(status_list)
    return status_list


def _used_indexes(status_list: StatusList) -> Any:
    if status_list.purpose == StatusList.Purpose.REVOCATION:
        return IssuedCredential.objects.filter(revocation_list=status_list).values_list(
            "revocation_index", flat=True
        )
    return IssuedCredential.objects.filter(suspension_list=status_list).values_list(
        "suspension_index", flat=True
    )


def _random_free_index(status_list: StatusList) -> int | None:
    used = _used_indexes(status_list)
    for _ in range(RANDOM_PROBES):
        index = secrets.randbelow(status_list.length)
        if not used.filter(**{f"{status_list.purpose}_index": index}).exists():
            return index
    taken = set(used)
    free = status_list.length - len(taken)
    if free <= 0:
        return None
    # The n-th free index for a random n: uniform over the free slots.
    target = secrets.randbelow(free)
    for index in range(status_list.length):
        if index not in taken:
            if target == 0:
                return index
            target -= 1
    return None  # pragma: no cover - unreachable: free > 0


def status_bit_set(*, status_list: StatusList, index: int, value: bool) -> None:
    """Set or clear one bit and re-sign the published list, atomically."""
    with transaction.atomic():
        locked = StatusList.objects.select_for_update().get(pk=status_list.pk)
        bits = Bitstring(bytes(locked.bits))
        bits.set(index, value)
        locked.bits = bits.to_bytes()
        _sign(locked)


def status_bit_get(*, status_list: StatusList, index: int) -> bool:
    return Bitstring(bytes(status_list.bits)).get(index)


def _sign(status_list: StatusList) -> None:
    unsigned = status_list_credential(
        id=status_list_url(status_list),
        issuer=organization_did(status_list.organization),
        purpose=status_list.purpose,
        status_list=Bitstring(bytes(status_list.bits)),
        valid_from=timezone.now(),
    )
    status_list.document, _ = document_sign(
        organization=status_list.organization, document=unsigned
    )
    status_list.save(update_fields=["bits", "document", "updated_at"])


def status_list_document(status_list: StatusList) -> dict[str, Any]:
    """The signed ``BitstringStatusListCredential`` (signed now if it never was)."""
    if status_list.document is None:
        _sign(status_list)
    return status_list.document  # type: ignore[return-value]
