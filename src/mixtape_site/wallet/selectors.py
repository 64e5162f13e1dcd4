"""Reads of the learner's wallet: always filtered by its owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import verified_emails
from mixtape_site.wallet import ob2
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import RecipientMatch, credential_json, vc_recipient

SORTS = {
    "recent": ("-added_at", "-id"),
    "issued": (F("issued_on").desc(nulls_last=True), "-id"),
    "name": (Lower("name"), "id"),
}


def wallet_list(
    *,
    owner: Any,
    q: str = "",
    issuer: str = "",
    skill: str = "",
    status: str = "",
    tag: str = "",
    sort: str = "recent",
) -> QuerySet[WalletCredential]:
    """The owner's credentials, searched (name, issuer), filtered and sorted.

    Each row comes with the issuer's record of a platform credential (its state decides
    whether a cached status still holds), without that record's copy of the document.
    """
    rows = (
        WalletCredential.objects.filter(owner=owner)
        .select_related("issued_credential")
        .defer("issued_credential__document")
    )
    if q.strip():
        words = q.strip()
        rows = rows.filter(
            Q(name__icontains=words)
            | Q(issuer_name__icontains=words)
            | Q(issuer_id__icontains=words)
        )
    if issuer:
        rows = rows.filter(issuer_id=issuer)
    if status:
        rows = rows.filter(status=status)
    if skill or tag:
        # JSON "contains" is not portable (SQLite); a wallet is small enough to scan.
        keep = [
            pk
            for pk, skills, tags in rows.values_list("pk", "skills", "tags")
            if (not skill or any(skill_key(s) == skill for s in skills or []))
            and (not tag or tag in (tags or []))
        ]
        rows = rows.filter(pk__in=keep)
    return rows.order_by(*SORTS.get(sort, SORTS["recent"]))


def skill_key(skill: Any) -> str:
    """A skill's identity for filtering: its URL, else its name."""
    if not isinstance(skill, dict):
        return ""
    return str(skill.get("url") or skill.get("name") or "")


@dataclass(frozen=True)
class FilterOptions:
    issuers: list[tuple[str, str]]  # (issuer id, label)
    skills: list[tuple[str, str]]  # (skill key, label)
    tags: list[str]


def wallet_filter_options(*, owner: Any) -> FilterOptions:
    """The issuers, skills and tags found in the owner's wallet, for the filter menus."""
    issuers: dict[str, str] = {}
    skills: dict[str, str] = {}
    tags: set[str] = set()
    for issuer_id, issuer_name, held_skills, held_tags in WalletCredential.objects.filter(
        owner=owner
    ).values_list("issuer_id", "issuer_name", "skills", "tags"):
        if issuer_id:
            issuers.setdefault(issuer_id, issuer_name or issuer_id)
        for skill in held_skills or []:
            if key := skill_key(skill):
                skills.setdefault(key, str(skill.get("name") or key))
        tags.update(held_tags or [])
    return FilterOptions(
        issuers=sorted(issuers.items(), key=lambda item: item[1].lower()),
        skills=sorted(skills.items(), key=lambda item: item[1].lower()),
        tags=sorted(tags),
    )


def wallet_get(*, owner: Any, uuid: Any) -> WalletCredential:
    """One of the owner's credentials; 404 for anyone else's (ids are never enough)."""
    rows = WalletCredential.objects.select_related("issued_credential")
    return get_object_or_404(rows, owner=owner, uuid=uuid)


def discovered_credentials(*, user: Any) -> QuerySet[IssuedCredential]:
    """This platform's credentials awarded to the user's verified e-mails, still unclaimed."""
    held = WalletCredential.objects.filter(owner=user, issued_credential__isnull=False)
    return (
        IssuedCredential.objects.filter(
            recipient_email__in=verified_emails(user), claimed_by__isnull=True
        )
        .exclude(state=IssuedCredential.State.REVOKED)
        .exclude(pk__in=held.values("issued_credential"))
        .select_related("achievement", "organization")
        .order_by("-issued_on", "-id")
    )


def discovered_get(*, user: Any, uuid: Any) -> IssuedCredential:
    return get_object_or_404(discovered_credentials(user=user), uuid=uuid)


def wallet_recipient(*, credential: WalletCredential, user: Any) -> RecipientMatch:
    """Whether the credential names the user (their verified e-mails or DID), nobody, or another."""
    emails, did = verified_emails(user), learner_did(user=user)
    try:
        document = credential_json(credential.document)
    except Exception:
        return RecipientMatch.UNKNOWN
    if credential.format == WalletCredential.Format.OB2:
        return ob2.recipient(document, emails=emails, did=did)
    return vc_recipient(document, emails=emails, did=did)
