"""Live verification of a credential on its public page, and its presentation.

The core's ``verify`` does the work, with the platform's policy (credentials/verifying.py);
the presenter turns the report into rows a template can show.

The core translates its own check messages (``Check.message_in``, its gettext
catalogue in mixtape/locale); the page translates check titles and statuses.
A message the core cannot say in the reader's language is marked ``lang="en"``
(see the template).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mixtape import Check, Status, VerificationReport, check_status
from mixtape.i18n import has_language
from mixtape_site.credentials.verifying import platform_verify, status_list_fetch
from mixtape_site.web.bilingual import in_language

# Check ids come from the core pipeline (mixtape/verify.py), in its order.
CHECK_TITLES: dict[str, Promise] = {
    "structure": _("Credential format"),
    "schema": _("Open Badges schema"),
    "subject": _("Recipient"),
    "proof": _("Signature"),
    "issuer": _("Issuer's key"),
    "status": _("Revocation and suspension"),
    "validity": _("Validity dates"),
    "endorsements": _("Endorsements"),
    "credentials": _("Embedded credentials"),  # a CLR's credentials, each verified
}

# Row statuses the templates style: ok, warning, failed, skipped.
_ROW_STATUS = {
    Status.PASSED: "ok",
    Status.WARNING: "warning",
    Status.FAILED: "failed",
    Status.SKIPPED: "skipped",
}
ROW_STATUS_LABELS: dict[str, Promise] = {
    "ok": _("Passed"),
    "warning": _("Passed with a warning"),
    "failed": _("Failed"),
    "skipped": _("Not applicable"),
}


class Outcome(StrEnum):
    VERIFIED = "verified"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    FAILED = "failed"


OUTCOME_LABELS: dict[Outcome, Promise] = {
    Outcome.VERIFIED: _("Verified"),
    Outcome.REVOKED: _("Revoked"),
    Outcome.SUSPENDED: _("Suspended"),
    Outcome.EXPIRED: _("Expired"),
    Outcome.FAILED: _("Not verified"),
}


@dataclass(frozen=True)
class CheckRow:
    id: str
    title: str | Promise
    status: str  # ok, warning, failed or skipped
    status_label: Promise
    message: str | Promise  # the core's message in the reader's language, or the platform's
    translated: bool = False  # False: the message is English; the template marks it lang="en"
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class LiveVerification:
    """A verification report with what the page needs to show it."""

    report: VerificationReport
    outcome: Outcome
    rows: tuple[CheckRow, ...]

    @property
    def verified(self) -> bool:
        return self.outcome is Outcome.VERIFIED

    @property
    def label(self) -> Promise:
        return OUTCOME_LABELS[self.outcome]

    @property
    def has_warnings(self) -> bool:
        return bool(self.report.warnings)


class RecordingFetcher:
    """``status_list_fetch`` that keeps what it fetched.

    Keeping the lists lets the page say *which* status is set (revoked or suspended)
    from the lists themselves, rather than by reading the core's English messages.
    """

    def __init__(self) -> None:
        self.lists: dict[str, Mapping[str, Any]] = {}

    def __call__(self, url: str) -> Mapping[str, Any]:
        self.lists[url] = status_list_fetch(url)
        return self.lists[url]


def credential_verify_live(document: Mapping[str, Any]) -> VerificationReport:
    """Verify ``document`` now, resolving keys and status lists as the platform does."""
    return platform_verify(document, fetcher=RecordingFetcher())


def credential_verification(
    document: Mapping[str, Any], *, known_state: str = "", now: datetime | None = None
) -> LiveVerification:
    """Verify ``document`` now and prepare the result for a page.

    ``known_state`` is the issuer's own record (``active``, ``suspended``,
    ``revoked``). It names a status the lists alone cannot: a credential
    publishes only its suspension entry, and revoking sets that bit too (see
    credentials/documents.py). A revoked record always shows as revoked.
    """
    fetcher = RecordingFetcher()
    moment = now or datetime.now(UTC)
    report = platform_verify(document, fetcher=fetcher, now=moment)
    blocked = set_statuses(document, fetcher.lists)
    if known_state in ("revoked", "suspended"):
        blocked.add("revocation" if known_state == "revoked" else "suspension")
    outcome = verification_outcome(report, blocked=blocked, now=moment)
    return LiveVerification(report=report, outcome=outcome, rows=check_rows(report, outcome))


def set_statuses(document: Mapping[str, Any], lists: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The purposes (``revocation``, ``suspension``) whose bit is set in the fetched lists."""
    purposes: set[str] = set()
    entries = document.get("credentialStatus")
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, Mapping):
            continue
        status_list = lists.get(str(entry.get("statusListCredential")))
        if status_list is None:
            continue
        result = check_status(entry, status_list, require_matching_id=False)
        if result.is_set and result.purpose:
            purposes.add(result.purpose)
    return purposes


def verification_outcome(
    report: VerificationReport, *, blocked: set[str], now: datetime
) -> Outcome:
    """One word for the page's banner; the most serious reason wins."""
    if "revocation" in blocked:
        return Outcome.REVOKED
    if "suspension" in blocked:
        return Outcome.SUSPENDED
    if report.verified:
        return Outcome.VERIFIED
    validity = _check(report, "validity")
    if validity is not None and validity.status is Status.FAILED and _expired(report, now):
        return Outcome.EXPIRED
    return Outcome.FAILED


def _check(report: VerificationReport, check_id: str) -> Check | None:
    return next((c for c in report.checks if c.id == check_id), None)


def _expired(report: VerificationReport, now: datetime) -> bool:
    document = report.credential or {}
    value = document.get("validUntil") or document.get("expirationDate")
    if not isinstance(value, str):
        return False
    try:
        end = datetime.fromisoformat(value)
    except ValueError:
        return False
    if end.tzinfo is None:
        end = end.replace(tzinfo=UTC)
    return end < now


# The status check of a revoked credential reads "suspended" (its only published
# entry); on the issuer's own page the platform knows better and says so.
_STATUS_MESSAGES: dict[Outcome, Promise] = {
    Outcome.REVOKED: _("The issuer has revoked this credential."),
    Outcome.SUSPENDED: _("The issuer has suspended this credential."),
}


def check_rows(report: VerificationReport, outcome: Outcome | None = None) -> tuple[CheckRow, ...]:
    """One row per check, with a translated title, status and (where the core can) message."""
    language = get_language()
    core_translates = has_language(language)
    rows = []
    for check in report.checks:
        status = _ROW_STATUS[check.status]
        message: str | Promise = check.message_in(language)
        translated = core_translates and check.text is not None
        if check.id == "status" and outcome in _STATUS_MESSAGES:
            message = _STATUS_MESSAGES[outcome]
            status, translated = "failed", True
        rows.append(
            CheckRow(
                id=check.id,
                title=CHECK_TITLES.get(check.id, check.id),
                status=status,
                status_label=ROW_STATUS_LABELS[status],
                message=message,
                translated=translated,
                details=check.details_in(language),
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class EndorsementRow:
    issuer_name: str
    issuer_url: str  # empty unless http(s)
    comment: str
    date: str
    verified: bool


def endorsement_rows(
    document: Mapping[str, Any], report: VerificationReport
) -> tuple[EndorsementRow, ...]:
    """The endorsements embedded in the credential's achievement, each with its verdict."""
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    embedded = achievement.get("endorsement") if isinstance(achievement, Mapping) else None
    verdicts = {
        (r.credential or {}).get("id"): r.verified for r in report.endorsements if r.credential
    }
    rows = []
    for endorsement in embedded if isinstance(embedded, list) else []:
        if not isinstance(endorsement, Mapping):
            continue
        issuer = endorsement.get("issuer")
        issuer = issuer if isinstance(issuer, Mapping) else {"id": issuer}
        endorsed = endorsement.get("credentialSubject")
        endorsed = endorsed if isinstance(endorsed, Mapping) else {}
        url = str(issuer.get("url") or "")
        rows.append(
            EndorsementRow(
                issuer_name=_text(issuer, "name") or str(issuer.get("id") or ""),
                issuer_url=url if url.startswith(("https://", "http://")) else "",
                comment=_text(endorsement, "description")
                or str(endorsed.get("endorsementComment") or ""),
                date=str(endorsement.get("validFrom") or "")[:10],
                verified=verdicts.get(endorsement.get("id"), False),
            )
        )
    return tuple(rows)


def _text(item: Mapping[str, Any], key: str) -> str:
    """A multilingual property in the reader's language (``nameMap``), else ``name``."""
    mapped = item.get(f"{key}Map")
    if isinstance(mapped, dict) and (text := in_language(mapped)):
        return text
    value = item.get(key)
    return value if isinstance(value, str) else ""
