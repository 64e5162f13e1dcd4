"""A held credential's live status: verified on view, remembered for a few minutes.

The row keeps the last status and when it was checked (for listing and
filtering); Django's cache keeps the full report, keyed by the credential's
content hash. The platform's own credentials are re-checked at once when the
issuer's record changed (a revocation shows on the next view, not minutes later).
A network failure or a crash in a check never reaches the page: it is a status.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from mixtape import Resolver, VerificationReport
from mixtape.errors import InvalidInputError, KeyResolutionError, MixtapeError
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.verification import (
    Outcome,
    RecordingFetcher,
    credential_verification,
    set_statuses,
    verification_outcome,
)
from mixtape_site.credentials.verifying import platform_verify
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.wallet import ob2
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import credential_json, jwt_header, token_of

logger = logging.getLogger(__name__)

Status = WalletCredential.Status
CACHE_PREFIX = "wallet-report:"

_OUTCOMES = {
    Outcome.VERIFIED: Status.VERIFIED,
    Outcome.REVOKED: Status.REVOKED,
    Outcome.SUSPENDED: Status.SUSPENDED,
    Outcome.EXPIRED: Status.EXPIRED,
    Outcome.FAILED: Status.FAILED,
}
_HOSTED = {
    ob2.HostedCheck.VERIFIED: Status.VERIFIED,
    ob2.HostedCheck.REVOKED: Status.REVOKED,
    ob2.HostedCheck.EXPIRED: Status.EXPIRED,
    ob2.HostedCheck.UNREACHABLE: Status.UNKNOWN_ISSUER,
    ob2.HostedCheck.MISMATCH: Status.FAILED,
    ob2.HostedCheck.SIGNED: Status.UNKNOWN_ISSUER,
}
_ISSUER_STATES = {
    IssuedCredential.State.REVOKED: Status.REVOKED,
    IssuedCredential.State.SUSPENDED: Status.SUSPENDED,
}


def wallet_status(
    credential: WalletCredential, *, max_age: int = 300
) -> tuple[str, VerificationReport | None]:
    """The credential's status (a ``WalletCredential.Status`` value) and its report.

    The report is the core's VerificationReport (None for OB 2.0 assertions, which
    are checked against their hosted copy instead). A status checked less than
    ``max_age`` seconds ago is reused; ``max_age=0`` always re-checks.
    """
    if _fresh(credential, max_age):
        report = cache.get(CACHE_PREFIX + credential.content_hash)
        if report is not None or credential.format == WalletCredential.Format.OB2:
            return credential.status, report
    try:
        status, report = _check(credential)
    except Exception:  # a crashing check must not break the wallet page
        logger.exception("wallet status check failed for %s", credential.uuid)
        status, report = Status.FAILED, None
    _remember(credential, status, report, max_age)
    return status, report


def _fresh(credential: WalletCredential, max_age: int) -> bool:
    checked = credential.status_checked_at
    if credential.status == Status.UNCHECKED or checked is None or max_age <= 0:
        return False
    if timezone.now() - checked > timedelta(seconds=max_age):
        return False
    issued = credential.issued_credential
    if issued is None:
        return True
    expected = _ISSUER_STATES.get(IssuedCredential.State(issued.state))
    if expected is not None:
        return credential.status == expected
    return credential.status not in _ISSUER_STATES.values()


def _remember(
    credential: WalletCredential, status: str, report: VerificationReport | None, max_age: int
) -> None:
    now = timezone.now()
    WalletCredential.objects.filter(pk=credential.pk).update(status=status, status_checked_at=now)
    credential.status, credential.status_checked_at = status, now
    if report is not None:
        cache.set(CACHE_PREFIX + credential.content_hash, report, timeout=max(max_age, 1))


def _check(credential: WalletCredential) -> tuple[str, VerificationReport | None]:
    document = credential.document
    if credential.format == WalletCredential.Format.OB2:
        return _ob2_status(document), None
    token = token_of(document)
    if token is not None:
        return _jwt_status(token)
    issued = credential.issued_credential
    live = credential_verification(document, known_state=issued.state if issued else "")
    status = _OUTCOMES[live.outcome]
    if status == Status.FAILED and _issuer_unresolvable(document):
        status = Status.UNKNOWN_ISSUER
    return status, live.report


def _ob2_status(document: Mapping[str, Any]) -> str:
    if token_of(document) is not None:
        return _HOSTED[ob2.HostedCheck.SIGNED]
    return _HOSTED[ob2.hosted_check(document)]


def _jwt_status(token: str) -> tuple[str, VerificationReport]:
    fetch = RecordingFetcher()
    now = datetime.now(UTC)
    report = platform_verify(token, fetcher=fetch, now=now)
    credential = report.credential or credential_json({"jwt": token})
    outcome = verification_outcome(report, blocked=set_statuses(credential, fetch.lists), now=now)
    status = _OUTCOMES[outcome]
    if status == Status.FAILED and _jwt_key_unknown(token):
        status = Status.UNKNOWN_ISSUER
    return status, report


def _jwt_key_unknown(token: str) -> bool:
    """The core verifies a VC-JWT only with a key embedded in its header (``jwk``)."""
    try:
        return "jwk" not in jwt_header(token)
    except InvalidInputError:
        return False


def _issuer_unresolvable(document: Mapping[str, Any]) -> bool:
    """Whether a proof's key cannot be resolved (an unreachable or unknown issuer)."""
    proofs = document.get("proof")
    resolver = platform_resolver()
    methods = [
        proof.get("verificationMethod")
        for proof in (proofs if isinstance(proofs, list) else [proofs])
        if isinstance(proof, Mapping)
    ]
    return any(_unresolvable(resolver, m) for m in methods if isinstance(m, str))


def _unresolvable(resolver: Resolver, method: str) -> bool:
    try:
        resolver.resolve(method)
    except KeyResolutionError:
        return True
    except MixtapeError:  # a malformed method id: a failed credential, not an unknown issuer
        return False
    return False
