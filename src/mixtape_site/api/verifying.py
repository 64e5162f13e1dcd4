"""Mixtape's verification reports in the VC-API's response shape.

VC-API: ``checks`` names what was checked; ``warnings`` and ``errors`` are
ProblemDetails. ``log`` keeps every check of the report, with its status.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mixtape import (
    Check,
    PresentationReport,
    Status,
    VerificationReport,
)
from mixtape_site.credentials.verifying import platform_verify, platform_verify_presentation

VC_ERRORS = "https://www.w3.org/TR/vc-data-model-2.0/#"
STATUS_ERRORS = "https://www.w3.org/TR/vc-bitstring-status-list/#"
# VC 2.0 §7.1 and Bitstring Status List §3.4 error types, by mixtape check.
PROBLEM_TYPES = {
    "structure": VC_ERRORS + "PARSING_ERROR",
    "schema": VC_ERRORS + "MALFORMED_VALUE_ERROR",
    "subject": VC_ERRORS + "MALFORMED_VALUE_ERROR",
    "proof": VC_ERRORS + "CRYPTOGRAPHIC_SECURITY_ERROR",
    "issuer": VC_ERRORS + "CRYPTOGRAPHIC_SECURITY_ERROR",
    "status": STATUS_ERRORS + "STATUS_VERIFICATION_ERROR",
    "validity": VC_ERRORS + "RANGE_ERROR",
    "endorsements": VC_ERRORS + "CRYPTOGRAPHIC_SECURITY_ERROR",
    "credentials": VC_ERRORS + "CRYPTOGRAPHIC_SECURITY_ERROR",  # a CLR's embedded credentials
}


def problem(check: Check) -> dict[str, Any]:
    return {
        "type": PROBLEM_TYPES.get(check.id, VC_ERRORS + "MALFORMED_VALUE_ERROR"),
        "id": check.id,
        "title": check.id,
        "detail": check.message,
        "details": list(check.details),
    }


def checks_json(checks: tuple[Check, ...], *, verified: bool) -> dict[str, Any]:
    return {
        "verified": verified,
        "checks": [c.id for c in checks if c.status is not Status.SKIPPED],
        "warnings": [problem(c) for c in checks if c.status is Status.WARNING],
        "errors": [problem(c) for c in checks if c.status is Status.FAILED],
        "log": [c.to_json() for c in checks],
    }


def report_json(report: VerificationReport) -> dict[str, Any]:
    return checks_json(report.checks, verified=report.verified)


def presentation_json(report: PresentationReport) -> dict[str, Any]:
    return {
        **checks_json(report.checks, verified=report.verified),
        "credentialResults": [report_json(r) for r in report.credentials],
    }


def credential_verify(credential: Mapping[str, Any] | str) -> dict[str, Any]:
    return report_json(platform_verify(credential))


def presentation_verify(
    presentation: Mapping[str, Any], *, challenge: str | None, domain: str | None
) -> dict[str, Any]:
    report = platform_verify_presentation(presentation, challenge=challenge, domain=domain)
    return presentation_json(report)
