"""The learner's data is theirs: export all of it, or delete the account.

The export is a zip: every held credential as received (JSON, or the VC-JWT
as is), the mixtapes with their share links, the profile, and an ``index.html``
to read it all without tools. It is written to a spooled temporary file, so a
large wallet goes to disk rather than filling memory.

Deleting the account removes what is the learner's (wallet, mixtapes, share
links, their key); credentials issued by institutions are the issuer's record
and stay valid for anyone who holds a copy, and the issuer's rows only forget
who claimed them.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from mixtape_site.accounts.models import User
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.mixtapes.models import Mixtape
from mixtape_site.mixtapes.selectors import link_state
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.wallet.models import LearnerKey, WalletCredential
from mixtape_site.wallet.reading import token_of

LAST_ADMIN_OF = _(
    "You are the only admin of %(organizations)s. Make another member an admin there first, "
    "then delete your account."
)
WRONG_PASSWORD = _("This is not your password.")
CONFIRM_WORD = _("DELETE")
WRONG_CONFIRMATION = _("Type %(word)s to confirm.")
# Kept in memory up to this size, then spooled to disk.
SPOOL_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class ExportedCredential:
    path: str
    credential: WalletCredential


def export_filename(*, now: datetime | None = None) -> str:
    return f"mixtape-export-{timezone.localdate(now or timezone.now()).isoformat()}.zip"


def account_export(*, user: User, language: str) -> IO[bytes]:
    """The user's data as a zip, in a file object positioned at its start."""
    credentials = _credential_paths(user)
    paths = {item.credential.pk: item.path for item in credentials}
    mixtapes = [_mixtape_json(m, paths) for m in _mixtapes(user)]
    profile = _profile_json(user)
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for item in credentials:
            zipped.writestr(item.path, _credential_bytes(item.credential))
        zipped.writestr("mixtapes.json", _json_bytes(mixtapes))
        zipped.writestr("profile.json", _json_bytes(profile))
        zipped.writestr("index.html", _index_html(user, credentials, mixtapes, profile, language))
    archive.seek(0)
    return archive


def _credential_paths(user: User) -> list[ExportedCredential]:
    rows = WalletCredential.objects.filter(owner=user).order_by("added_at", "id")
    items = []
    for number, row in enumerate(rows, start=1):
        extension = "jwt" if token_of(row.document) is not None else "json"
        slug = slugify(row.name)[:50] or "credential"
        items.append(ExportedCredential(f"credentials/{number:03d}-{slug}.{extension}", row))
    return items


def _credential_bytes(row: WalletCredential) -> bytes:
    token = token_of(row.document)
    return (token + "\n").encode() if token is not None else _json_bytes(row.document)


def _mixtapes(user: User) -> list[Mixtape]:
    return list(
        Mixtape.objects.filter(owner=user)
        .order_by("created_at", "id")
        .prefetch_related("tracks__credential", "share_links")
    )


def _mixtape_json(mixtape: Mixtape, paths: dict[int, str]) -> dict[str, Any]:
    return {
        "title": mixtape.title,
        "description": mixtape.description,
        "created": _iso(mixtape.created_at),
        "updated": _iso(mixtape.updated_at),
        "tracks": [
            {
                "position": track.position,
                "file": paths.get(track.credential_id, ""),
                "name": track.credential.name,
                "note": track.note,
            }
            for track in mixtape.tracks.all()
        ],
        # The learner's own links, tokens included: they are theirs to keep or revoke.
        "shareLinks": [
            {
                "url": absolute_url(reverse("mixtapes:play", kwargs={"token": link.token})),
                "token": link.token,
                "label": link.label,
                "status": str(link_state(link)),
                "created": _iso(link.created_at),
                "expires": _iso(link.expires_at),
                "revoked": _iso(link.revoked_at),
                "plays": link.play_count,
                "lastPlayed": _iso(link.last_played_at),
            }
            for link in mixtape.share_links.all()
        ],
    }


def _profile_json(user: User) -> dict[str, Any]:
    key = LearnerKey.objects.filter(owner=user).first()
    emails = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    memberships = Membership.objects.filter(user=user).select_related("organization")
    return {
        "email": user.email,
        "emails": [
            {"email": e.email, "verified": e.verified, "primary": e.primary} for e in emails
        ],
        "displayName": user.display_name,
        "preferredLanguage": user.preferred_language,
        "did": f"did:key:{key.public_multibase}" if key else "",
        "joined": _iso(user.date_joined),
        "organizations": [
            {"slug": m.organization.slug, "role": m.role} for m in memberships.order_by("id")
        ],
        "exported": _iso(timezone.now()),
    }


def _index_html(
    user: User,
    credentials: list[ExportedCredential],
    mixtapes: list[dict[str, Any]],
    profile: dict[str, Any],
    language: str,
) -> bytes:
    # Rendered by the template engine: everything the learner or an issuer typed is escaped.
    with translation.override(language):
        html = render_to_string(
            "accounts/export_index.html",
            {
                "user": user,
                "credentials": credentials,
                "mixtapes": mixtapes,
                "profile": profile,
                "language": language,
            },
        )
    return html.encode("utf-8")


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --- deletion -------------------------------------------------------------------


def organizations_needing_admin(*, user: User) -> list[Organization]:
    """The organizations where ``user`` is the only admin: they must hand over first."""
    administered = Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
    alone = []
    for membership in administered.select_related("organization"):
        others = Membership.objects.filter(
            organization_id=membership.organization_id, role=Membership.Role.ADMIN
        ).exclude(user=user)
        if not others.exists():
            alone.append(membership.organization)
    return alone


def account_delete(*, user: User) -> None:
    """Delete the account and everything that is the learner's.

    The database does the rest: wallet rows, mixtapes, tracks, share links, the
    learner key, memberships and e-mail addresses cascade; issued credentials
    keep their document and forget who claimed them (``SET_NULL``).

    Raises:
        ValidationError: the user is the last admin of an organization.
    """
    with transaction.atomic():
        # Lock the user's admin rows so a concurrent demotion of the other admin waits.
        list(Membership.objects.select_for_update().filter(user=user))
        alone = organizations_needing_admin(user=user)
        if alone:
            names = ", ".join(str(organization) for organization in alone)
            raise ValidationError(LAST_ADMIN_OF, params={"organizations": names})
        user.delete()
