"""The platform's one way to verify: the core's ``verify`` with the platform's policy.

Keys and status lists of this platform's issuers are read from the database; others
only through the guarded fetcher (issuers/resolver.py). Every page, the wallet, the
mixtape player and the APIs verify through here, so that policy lives in one place,
and so does this one: a verifier bug must never become a 500 on a public page or
endpoint, so it comes back as a failed report with a ``verification`` check.

Reports are remembered while their inputs hold (``credentials/remembered.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from mixtape import (
    Check,
    MixtapeError,
    PresentationReport,
    Status,
    VerificationReport,
    verify,
    verify_presentation,
)
from mixtape_site.credentials.remembered import (
    REPORTS,
    KeyMemo,
    MemoResolver,
    RecordingFetcher,
    content_digest,
    remember,
    remembered_holds,
)
from mixtape_site.issuers.resolver import fetch_json, platform_resolver

logger = logging.getLogger(__name__)

CRASH_CHECK = "verification"
# What a malformed input or a verifier bug can raise out of the core.
_CRASH_ERRORS = (MixtapeError, TypeError, ValueError, KeyError, AttributeError, RecursionError)

StatusFetcher = Callable[[str], Mapping[str, Any]]
__all__ = ["KeyMemo", "platform_verify", "platform_verify_presentation", "status_list_fetch"]


def status_list_fetch(url: str) -> Mapping[str, Any]:
    """Fetch a status-list credential: own lists from the database, others SSRF-guarded.

    Network failures raise a MixtapeError, which the core reports as "status
    unknown". Anything else is a bug and is left to surface, not to pass quietly.
    """
    return fetch_json(url)


def platform_verify(
    document: Mapping[str, Any] | str,
    *,
    fetcher: StatusFetcher | None = None,
    now: datetime | None = None,
    keys: KeyMemo | None = None,
) -> VerificationReport:
    """Verify a credential (JSON or VC-JWT) now, as the platform does.

    ``keys`` shares key resolutions between the verifications of one play or page.
    """
    moment = now or datetime.now(UTC)
    fetch = fetcher or status_list_fetch
    try:
        resolver = MemoResolver(platform_resolver(), keys)
        digest = content_digest(document)
        cached = REPORTS.get(digest) if digest else None
        if cached is not None and remembered_holds(
            cached, resolver=resolver, fetch=fetch, now=moment, own_lists=fetcher is None
        ):
            return cached.report
        recorder = RecordingFetcher(fetch)
        report = verify(document, resolver=resolver, status_fetcher=recorder, now=moment)
        if digest and isinstance(document, Mapping):
            remember(digest, report, document, resolver=resolver, recorder=recorder, now=moment)
        return report
    except _CRASH_ERRORS as error:
        logger.exception("verification crashed")
        return VerificationReport(checks=(_crash_check(error),))


def platform_verify_presentation(
    document: Mapping[str, Any],
    *,
    challenge: str | None,
    domain: str | None,
    fetcher: StatusFetcher | None = None,
    now: datetime | None = None,
) -> PresentationReport:
    """Verify a presentation's holder proof and every credential in it, as the platform does."""
    try:
        return verify_presentation(
            document,
            challenge=challenge,
            domain=domain,
            resolver=platform_resolver(),
            status_fetcher=fetcher or status_list_fetch,
            now=now,
        )
    except _CRASH_ERRORS as error:
        logger.exception("presentation verification crashed")
        return PresentationReport(checks=(_crash_check(error),))


def crashed(report: VerificationReport | PresentationReport) -> bool:
    """Whether the report stands for a verification that could not run."""
    return any(check.id == CRASH_CHECK for check in report.checks)


def _crash_check(error: Exception) -> Check:
    return Check(CRASH_CHECK, Status.FAILED, f"cannot be verified: {type(error).__name__}")
