"""Live verification of the credentials a mixtape plays, with status lists cached.

Every credential is verified by the core on each play. Credentials of one
issuer usually share a status list, so lists are fetched once per play (a
memo) and kept in the Django cache for ``STATUS_LIST_TTL`` seconds across plays:
a 20-track mixtape does not fetch the same list 20 times, and a replayed link
does not hammer issuers. Platform credentials also carry the issuer's own
record (``known_state``), so a revocation here shows at once, cache or not.

The presenters (outcome, check rows) are the credential page's, reused. OB 2.0
assertions have no proof for the core to check: the wallet's status (a check
against the copy the issuer hosts) is used for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mixtape import KeyResolutionError, VerificationReport
from mixtape.errors import InvalidInputError
from mixtape_site.credentials.verification import (
    ROW_STATUS_LABELS,
    CheckRow,
    Outcome,
    check_rows,
    set_statuses,
    verification_outcome,
)
from mixtape_site.credentials.verifying import KeyMemo, platform_verify
from mixtape_site.issuers.resolver import fetch_json, platform_resolver
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import jwt_header, token_of
from mixtape_site.wallet.status import wallet_status

STATUS_LIST_TTL = 60
_CACHE_PREFIX = "mixtapes:status-list:"

Verdict = WalletCredential.Status
OB2_CHECK_TITLE = _("Issuer's hosted copy")
OB2_VERIFIED = _(
    "An Open Badges 2.0 assertion: it matches the copy its issuer hosts. It carries no "
    "signature, so the issuer's own site is what vouches for it."
)


class CachedStatusLists:
    """A status-list fetcher for one play: memoised, backed by the Django cache.

    ``keys`` memoises the issuers' keys for the play too: fifty credentials of
    five issuers resolve five keys, not fifty.
    """

    def __init__(self) -> None:
        self.lists: dict[str, Mapping[str, Any]] = {}
        self.keys: KeyMemo = {}

    def __call__(self, url: str) -> Mapping[str, Any]:
        if url not in self.lists:
            key = _CACHE_PREFIX + hashlib.sha256(url.encode()).hexdigest()
            document = cache.get(key)
            if document is None:
                # Failures raise and are not cached: the core reports "status unknown".
                document = fetch_json(url)
                cache.set(key, document, STATUS_LIST_TTL)
            self.lists[url] = document
        return self.lists[url]


@dataclass(frozen=True)
class LiveResult:
    """One credential's verdict (a wallet status) and the rows that explain it."""

    verdict: str
    rows: tuple[CheckRow, ...]
    report: VerificationReport | None = None

    @property
    def verified(self) -> bool:
        return self.verdict == Verdict.VERIFIED

    @property
    def label(self) -> Promise:
        return Verdict(self.verdict).label


def live_result(
    credential: WalletCredential, *, lists: CachedStatusLists, now: datetime | None = None
) -> LiveResult:
    """Verify ``credential`` now (OB 2.0 assertions: through the wallet's hosted check)."""
    if credential.format == WalletCredential.Format.OB2:
        return _ob2_result(credential)
    moment = now or datetime.now(UTC)
    document = credential_input(credential)
    report = platform_verify(document, fetcher=lists, now=moment, keys=lists.keys)
    blocked = set_statuses(report.credential or {}, lists.lists)
    known = credential.issued_credential.state if credential.issued_credential else ""
    if known in ("revoked", "suspended"):
        blocked.add("revocation" if known == "revoked" else "suspension")
    outcome = verification_outcome(report, blocked=blocked, now=moment)
    verdict = _verdict(outcome)
    if verdict == Verdict.FAILED and _issuer_unknown(document):
        verdict = Verdict.UNKNOWN_ISSUER
    return LiveResult(verdict=verdict, rows=check_rows(report, outcome), report=report)


def credential_input(credential: WalletCredential) -> Mapping[str, Any] | str:
    """What the core verifies: the JSON object, or the compact JWT."""
    document = credential.document if isinstance(credential.document, Mapping) else {}
    return token_of(document) or document


def _verdict(outcome: Outcome) -> str:
    return {
        Outcome.VERIFIED: Verdict.VERIFIED,
        Outcome.REVOKED: Verdict.REVOKED,
        Outcome.SUSPENDED: Verdict.SUSPENDED,
        Outcome.EXPIRED: Verdict.EXPIRED,
    }.get(outcome, Verdict.FAILED)


def _issuer_unknown(document: Mapping[str, Any] | str) -> bool:
    """Whether the signing key cannot be found: the issuer is unknown, not the proof bad.

    The core verifies a VC-JWT only with a key embedded in its header (``jwk``);
    a data-integrity proof names a key the platform resolver must find.
    """
    if isinstance(document, str):
        try:
            return "jwk" not in jwt_header(document)
        except InvalidInputError:
            return False
    proofs = document.get("proof")
    resolver = platform_resolver()
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        method = proof.get("verificationMethod") if isinstance(proof, Mapping) else None
        if isinstance(method, str):
            try:
                resolver.resolve(method)
            except KeyResolutionError:
                return True
    return False


def _ob2_result(credential: WalletCredential) -> LiveResult:
    verdict, _report = wallet_status(credential)
    verified = verdict == Verdict.VERIFIED
    row = CheckRow(
        id="issuer",
        title=OB2_CHECK_TITLE,
        status="ok" if verified else "warning",
        status_label=ROW_STATUS_LABELS["ok" if verified else "warning"],
        message=OB2_VERIFIED if verified else Verdict(verdict).label,
        translated=True,
    )
    return LiveResult(verdict=verdict, rows=(row,))
