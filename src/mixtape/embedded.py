"""The verifier's ``credentials`` step: every credential a record embeds is verified too.

A CLR 2.0 ``ClrCredential`` (or any credential whose subject holds
``verifiableCredential``) is only as good as the credentials inside it: the
record's issuer vouches for the bundle, each credential's own issuer for its
award. Each embedded credential is verified with the caller's options (suites,
resolver, status fetcher, clock), like the 1EdTech validator runs its OB 3.0
inspector on each, and the check fails when any of them fails.

A hostile document cannot make this explode: records nest at most
`MAX_NESTING` levels deep, and one verification checks at most
`MAX_EMBEDDED` embedded credentials in all, whatever their nesting. A
credential left unchecked by these limits counts as not verified.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from mixtape.i18n import N_, Message
from mixtape.report import Check, Status, VerificationReport
from mixtape.values import as_list
from mixtape.vcdm import types_of

__all__ = ["MAX_EMBEDDED", "MAX_NESTING", "Budget", "Embedded", "embedded_check"]

MAX_NESTING: Final = 3
MAX_EMBEDDED: Final = 200
CHECK_ID: Final = "credentials"
_LABEL_LIMIT: Final = 80
_PAIR: Final = "{check}: {message}"  # punctuation only: the same in every language

EmbeddedVerifier = Callable[[Mapping[str, Any] | str], VerificationReport]


@dataclass(slots=True)
class Budget:
    """How many more embedded credentials this verification may check, shared by all levels."""

    remaining: int = MAX_EMBEDDED


@dataclass(frozen=True, slots=True)
class Embedded:
    check: Check
    reports: tuple[VerificationReport, ...]


def holds_credentials(document: Mapping[str, Any]) -> bool:
    """Whether the check applies: a ClrCredential, or a subject holding credentials."""
    return "ClrCredential" in types_of(document) or any(
        "verifiableCredential" in s for s in _subjects(document)
    )


def embedded_check(
    document: Mapping[str, Any], *, verify_one: EmbeddedVerifier, depth: int, budget: Budget
) -> Embedded | None:
    """Verify each embedded credential; None when `document` embeds none by design.

    Args:
        document: the credential being verified, at nesting level ``depth`` (0: the top).
        verify_one: verifies one embedded credential (a JSON object or a VC-JWT).
        budget: the embedded credentials left to check in this whole verification.
    """
    if not holds_credentials(document):
        return None
    items = [c for s in _subjects(document) for c in as_list(s.get("verifiableCredential"))]
    if not items:
        return Embedded(Check.of(CHECK_ID, Status.SKIPPED, N_("no embedded credentials")), ())
    reports = tuple(_report(item, verify_one, depth=depth, budget=budget) for item in items)
    outcomes = [
        _outcome(item, report, number)
        for number, (item, report) in enumerate(zip(items, reports, strict=True))
    ]
    return Embedded(_summary(outcomes), reports)


def _subjects(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in as_list(document.get("credentialSubject")) if isinstance(s, Mapping)]


def _report(
    item: object, verify_one: EmbeddedVerifier, *, depth: int, budget: Budget
) -> VerificationReport:
    if depth >= MAX_NESTING:
        return _unchecked(
            N_("not checked: records are nested more than {limit} levels deep"), MAX_NESTING
        )
    if budget.remaining <= 0:
        return _unchecked(
            N_("not checked: more than {limit} embedded credentials in all"), MAX_EMBEDDED
        )
    budget.remaining -= 1
    if isinstance(item, Mapping) and "EnvelopedVerifiableCredential" in types_of(item):
        return verify_one(str(item.get("id", "")).split(",", 1)[-1])
    if isinstance(item, Mapping | str):
        return verify_one(item)
    return VerificationReport(
        checks=(Check.of("structure", Status.FAILED, N_("not a credential object")),)
    )


def _unchecked(template: str, limit: int) -> VerificationReport:
    return VerificationReport(checks=(Check.of("structure", Status.FAILED, template, limit=limit),))


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: Status  # PASSED, WARNING or FAILED
    message: Message


def _outcome(item: object, report: VerificationReport, number: int) -> _Outcome:
    label = _label(report.credential or item, number)
    failures = report.failures
    if failures and any(c.id != "schema" for c in failures):
        problems = Message.join([_pair(c) for c in failures])
        return _Outcome(
            Status.FAILED,
            Message.of(
                N_("{credential}: not verified: {problems}"), credential=label, problems=problems
            ),
        )
    if failures:
        # Only the JSON Schema check failed: the credential is authentic, current and
        # signed by its issuer, but written in a form the schema build does not accept
        # (the 1EdTech CLR test vector's own credential writes `type` as a string).
        return _Outcome(
            Status.WARNING,
            Message.of(
                N_("{credential}: verified, but it does not match the Open Badges schema"),
                credential=label,
            ),
        )
    if report.warnings:
        names = ", ".join(c.id for c in report.warnings)
        return _Outcome(
            Status.WARNING,
            Message.of(
                N_("{credential}: verified, with warnings ({checks})"),
                credential=label,
                checks=names,
            ),
        )
    return _Outcome(Status.PASSED, Message.of(N_("{credential}: verified"), credential=label))


def _pair(check: Check) -> Message:
    message = check.text if check.text is not None else Message.verbatim(check.message)
    return Message.of(_PAIR, check=check.id, message=message)


def _label(document: object, number: int) -> str | Message:
    """The credential's name and id, as its issuer wrote them (shortened)."""
    if not isinstance(document, Mapping):
        return Message.of(N_("credential {number}"), number=number + 1)
    name, identifier = _name(document), document.get("id")
    parts = [_short(name)] if name else []
    if isinstance(identifier, str) and identifier and not identifier.startswith("data:"):
        parts.append(f"({_short(identifier)})" if parts else _short(identifier))
    return " ".join(parts) or Message.of(N_("credential {number}"), number=number + 1)


def _name(document: Mapping[str, Any]) -> str | None:
    name = document.get("name")
    if isinstance(name, str):
        return name
    for value in as_list(name):  # VC 2.0 language value objects
        if isinstance(value, Mapping) and isinstance(value.get("@value"), str):
            return str(value["@value"])
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1] + "…"


def _summary(outcomes: list[_Outcome]) -> Check:
    verified = sum(o.status is not Status.FAILED for o in outcomes)
    details = [o.message for o in outcomes]
    total = len(outcomes)
    if verified < total:
        status, template = (
            Status.FAILED,
            N_("{verified} of {total} embedded credential(s) verified"),
        )
    elif any(o.status is Status.WARNING for o in outcomes):
        status = Status.WARNING
        template = N_("{verified} of {total} embedded credential(s) verified, with warnings")
    else:
        status, template = (
            Status.PASSED,
            N_("{verified} of {total} embedded credential(s) verified"),
        )
    return Check.of(CHECK_ID, status, template, details=details, verified=verified, total=total)
