"""The verifier's status step: fetch each status list, trust it, read the bit.

A list only clears a credential when its own proof verifies and its issuer is
the credential's issuer; a set revocation or suspension bit always counts,
since failing safe is the right way to err.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mixtape.errors import MixtapeError
from mixtape.report import Check, Status, VerificationReport
from mixtape.status import StatusResult, check_status
from mixtape.values import as_list

StatusFetcher = Callable[[str], Mapping[str, Any]]
ListVerifier = Callable[[Mapping[str, Any]], VerificationReport]

_BLOCKING_PURPOSES = {
    "revocation": "the issuer has revoked this credential",
    "suspension": "the issuer has suspended this credential",
}
_SEVERITY = (Status.SKIPPED, Status.PASSED, Status.WARNING, Status.FAILED)


def status_check(
    credential: Mapping[str, Any], *, fetcher: StatusFetcher | None, verify_list: ListVerifier
) -> Check:
    """Check every `credentialStatus` entry of `credential`."""
    entries = [e for e in as_list(credential.get("credentialStatus")) if isinstance(e, Mapping)]
    if not entries:
        return Check("status", Status.SKIPPED, "the credential has no status to check")
    if fetcher is None:
        return Check("status", Status.WARNING, "status not checked: fetching status lists is off")
    issuer = issuer_id(credential)
    findings = [_finding(entry, fetcher, issuer, verify_list) for entry in entries]
    worst = max((status for status, _ in findings), key=_SEVERITY.index)
    messages = [message for status, message in findings if status is worst]
    return Check("status", worst, "; ".join(messages))


def issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    value = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    return value if isinstance(value, str) else None


def _finding(
    entry: Mapping[str, Any], fetcher: StatusFetcher, issuer: str | None, verify_list: ListVerifier
) -> tuple[Status, str]:
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        return Status.FAILED, "the status entry names no status list"
    try:
        list_credential = fetcher(url)
    except MixtapeError as error:
        return Status.WARNING, f"the status list {url} could not be fetched: {error}"
    # The list's own id may differ from the URL it is served at: the spec makes it optional.
    result = check_status(entry, list_credential, require_matching_id=False)
    trusted = issuer_id(list_credential) == issuer and _proof_holds(verify_list(list_credential))
    return _judge(result, trusted=trusted)


def _proof_holds(report: VerificationReport) -> bool:
    return all(report.check(name).status is not Status.FAILED for name in ("proof", "issuer"))


def _judge(result: StatusResult, *, trusted: bool) -> tuple[Status, str]:
    purpose = result.purpose
    if result.error:
        return Status.WARNING, f"status unknown: {result.error}"
    if result.is_set and purpose in _BLOCKING_PURPOSES:
        return Status.FAILED, _BLOCKING_PURPOSES[purpose]
    if not trusted:
        return (
            Status.WARNING,
            f"{purpose}: not set, but the status list's signature could not be verified",
        )
    if result.warnings:
        return Status.WARNING, f"{purpose}: not set; " + "; ".join(result.warnings)
    return Status.PASSED, f"{purpose}: {result.message or 'not set'}"
