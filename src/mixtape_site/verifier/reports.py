"""Verify what a visitor hands the public verifier, as ``mixtape verify`` would.

The core does the checking with the platform's resolver (its own did:web
documents and status lists from the database, others SSRF-guarded) and a
status-list fetcher through the same guarded ``fetch_json``. The credential
page's presenters (outcome, check rows in the reader's language) are reused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mixtape import (
    PresentationReport,
    VerificationReport,
)
from mixtape.vcdm import types_of
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.verification import (
    OUTCOME_LABELS,
    ROW_STATUS_LABELS,
    CheckRow,
    Outcome,
    RecordingFetcher,
    check_rows,
    set_statuses,
    verification_outcome,
)
from mixtape_site.credentials.verifying import (
    crashed,
    platform_verify,
    platform_verify_presentation,
)
from mixtape_site.issuers.resolver import is_platform_url
from mixtape_site.verifier.summary import CredentialSummary, credential_summary

VERIFIED_WITH_WARNINGS = _("Verified, with warnings")
VERIFY_CRASHED = _("This could not be verified: the verifier met something it cannot check.")
PRESENTATION_TITLES: dict[str, Promise] = {
    "structure": _("Presentation format"),
    "proof": _("Holder's signature"),
}


@dataclass(frozen=True)
class CredentialResult:
    kind: ClassVar[str] = "credential"
    outcome: str  # an Outcome value; styled as verification-<outcome>
    label: str | Promise
    rows: tuple[CheckRow, ...]
    summary: CredentialSummary | None

    @property
    def verified(self) -> bool:
        return self.outcome == Outcome.VERIFIED


@dataclass(frozen=True)
class PresentationResult:
    kind: ClassVar[str] = "presentation"
    verified: bool
    label: str | Promise
    holder: str
    rows: tuple[CheckRow, ...]
    credentials: tuple[CredentialResult, ...]

    @property
    def outcome(self) -> str:
        return Outcome.VERIFIED if self.verified else Outcome.FAILED


def is_presentation(document: Mapping[str, Any] | str) -> bool:
    return isinstance(document, Mapping) and "VerifiablePresentation" in types_of(document)


def is_credential(document: Mapping[str, Any] | str) -> bool:
    """A VC-JWT, or a JSON object typed as a verifiable credential."""
    return isinstance(document, str) or "VerifiableCredential" in types_of(document)


def document_check(
    document: Mapping[str, Any] | str, *, challenge: str = "", domain: str = ""
) -> CredentialResult | PresentationResult:
    """Verify a presentation, or a credential (the challenge and domain then do not apply)."""
    if isinstance(document, Mapping) and is_presentation(document):
        return presentation_check(document, challenge=challenge, domain=domain)
    return credential_check(document)


def credential_check(document: Mapping[str, Any] | str) -> CredentialResult:
    """Verify a credential (JSON object or VC-JWT) now and prepare it for the page."""
    fetcher, now = RecordingFetcher(), datetime.now(UTC)
    report = platform_verify(document, fetcher=fetcher, now=now)
    if crashed(report):
        return _crashed(document if isinstance(document, Mapping) else None)
    return _result(report, fetcher, now=now, known_state=_known_state(document))


def presentation_check(
    document: Mapping[str, Any], *, challenge: str | None, domain: str | None
) -> PresentationResult | CredentialResult:
    """Verify a presentation's holder proof and every credential it carries."""
    fetcher, now = RecordingFetcher(), datetime.now(UTC)
    report = platform_verify_presentation(
        document, challenge=challenge or None, domain=domain or None, fetcher=fetcher, now=now
    )
    if crashed(report):
        return _crashed(None)
    return _presentation_result(document, report, fetcher, now=now)


def _presentation_result(
    document: Mapping[str, Any],
    report: PresentationReport,
    fetcher: RecordingFetcher,
    *,
    now: datetime,
) -> PresentationResult:
    rows = tuple(
        replace(row, title=PRESENTATION_TITLES.get(row.id, row.title))
        for row in check_rows(VerificationReport(checks=report.checks))
    )
    credentials = tuple(
        _result(r, fetcher, now=now, known_state=_known_state(r.credential))
        for r in report.credentials
    )
    verified = report.verified and all(c.verified for c in credentials)
    holder = document.get("holder")
    holder = holder.get("id") if isinstance(holder, Mapping) else holder
    return PresentationResult(
        verified=verified,
        label=OUTCOME_LABELS[Outcome.VERIFIED if verified else Outcome.FAILED],
        holder=holder if isinstance(holder, str) else "",
        rows=rows,
        credentials=credentials,
    )


def _result(
    report: VerificationReport, fetcher: RecordingFetcher, *, now: datetime, known_state: str
) -> CredentialResult:
    document = report.credential or {}
    blocked = set_statuses(document, fetcher.lists)
    if known_state in ("revoked", "suspended"):
        blocked.add("revocation" if known_state == "revoked" else "suspension")
    outcome = verification_outcome(report, blocked=blocked, now=now)
    label: str | Promise = OUTCOME_LABELS[outcome]
    if outcome is Outcome.VERIFIED and report.warnings:
        label = VERIFIED_WITH_WARNINGS
    return CredentialResult(
        outcome=str(outcome),
        label=label,
        rows=check_rows(report, outcome),
        summary=credential_summary(report.credential),
    )


def _known_state(document: Mapping[str, Any] | str | None) -> str:
    """The issuer's own record of a credential this platform issued, if ``document`` is it.

    Only an exact copy of the stored document counts: a look-alike carrying a
    platform URL as its ``id`` learns nothing from the database.
    """
    if not isinstance(document, Mapping) or not isinstance(document.get("id"), str):
        return ""
    url = document["id"]
    if not is_platform_url(url):
        return ""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return ""
    if match.view_name != "credentials:public":
        return ""
    row = IssuedCredential.objects.filter(uuid=match.kwargs["uuid"]).first()
    return row.state if row is not None and row.document == dict(document) else ""


def _crashed(document: Mapping[str, Any] | None) -> CredentialResult:
    row = CheckRow(
        id="verification",
        title=_("Verification"),
        status="failed",
        status_label=ROW_STATUS_LABELS["failed"],
        message=VERIFY_CRASHED,
        translated=True,
    )
    return CredentialResult(
        outcome=str(Outcome.FAILED),
        label=OUTCOME_LABELS[Outcome.FAILED],
        rows=(row,),
        summary=credential_summary(document),
    )
