"""The verifier's status step: fetch each status list, trust it, read the bit.

A list only clears a credential when its own proof verifies and its issuer is
the credential's issuer; a set revocation or suspension bit always counts,
since failing safe is the right way to err.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mixtape.errors import MixtapeError
from mixtape.i18n import N_, Message
from mixtape.report import Check, Status, VerificationReport
from mixtape.status import StatusResult, check_status
from mixtape.values import as_list

StatusFetcher = Callable[[str], Mapping[str, Any]]
ListVerifier = Callable[[Mapping[str, Any]], VerificationReport]

BLOCKING_PURPOSES = {
    "revocation": N_("the issuer has revoked this credential"),
    "suspension": N_("the issuer has suspended this credential"),
}
# The spec's purposes, named in the reader's language; any other is shown as it is.
_PURPOSE_NAMES = {
    "revocation": N_("revocation"),
    "suspension": N_("suspension"),
    "message": N_("message"),
    "refresh": N_("refresh"),
}
_SEVERITY = (Status.SKIPPED, Status.PASSED, Status.WARNING, Status.FAILED)


def status_check(
    credential: Mapping[str, Any], *, fetcher: StatusFetcher | None, verify_list: ListVerifier
) -> Check:
    """Check every `credentialStatus` entry of `credential`."""
    entries = [e for e in as_list(credential.get("credentialStatus")) if isinstance(e, Mapping)]
    if not entries:
        return Check.of("status", Status.SKIPPED, N_("the credential has no status to check"))
    if fetcher is None:
        return Check.of(
            "status", Status.WARNING, N_("status not checked: fetching status lists is off")
        )
    issuer = issuer_id(credential)
    findings = [_finding(entry, fetcher, issuer, verify_list) for entry in entries]
    worst = max((status for status, _ in findings), key=_SEVERITY.index)
    messages = [message for status, message in findings if status is worst]
    return Check.of("status", worst, Message.join(messages))


def issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    value = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    return value if isinstance(value, str) else None


def _finding(
    entry: Mapping[str, Any], fetcher: StatusFetcher, issuer: str | None, verify_list: ListVerifier
) -> tuple[Status, Message]:
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        return Status.FAILED, Message.of(N_("the status entry names no status list"))
    try:
        list_credential = fetcher(url)
    except MixtapeError as error:
        return Status.WARNING, Message.of(
            N_("the status list {url} could not be fetched: {error}"), url=url, error=error
        )
    # The list's own id may differ from the URL it is served at: the spec makes it optional.
    result = check_status(entry, list_credential, require_matching_id=False)
    trusted = issuer_id(list_credential) == issuer and _proof_holds(verify_list(list_credential))
    return _judge(result, trusted=trusted)


def _proof_holds(report: VerificationReport) -> bool:
    return all(report.check(name).status is not Status.FAILED for name in ("proof", "issuer"))


def _judge(result: StatusResult, *, trusted: bool) -> tuple[Status, Message]:
    purpose = _purpose_name(result.purpose)
    if result.error:
        error = result.error_text or Message.verbatim(result.error)
        return Status.WARNING, Message.of(N_("status unknown: {error}"), error=error)
    if result.is_set and result.purpose in BLOCKING_PURPOSES:
        return Status.FAILED, Message.of(BLOCKING_PURPOSES[result.purpose])
    if not trusted:
        return Status.WARNING, Message.of(
            N_("{purpose}: not set, but the status list's signature could not be verified"),
            purpose=purpose,
        )
    if result.warnings:
        return Status.WARNING, Message.of(
            N_("{purpose}: not set; {warnings}"), purpose=purpose, warnings=_warnings(result)
        )
    if result.message:  # the issuer's own words for this status value: never translated
        return Status.PASSED, Message.of(
            N_("{purpose}: {message}"), purpose=purpose, message=result.message
        )
    return Status.PASSED, Message.of(N_("{purpose}: not set"), purpose=purpose)


def _purpose_name(purpose: str | None) -> Message | str:
    name = _PURPOSE_NAMES.get(purpose or "")
    return Message.of(name) if name else str(purpose)


def _warnings(result: StatusResult) -> Message:
    texts = result.warning_texts
    if len(texts) != len(result.warnings):
        texts = tuple(Message.verbatim(w) for w in result.warnings)
    return Message.join(texts)
