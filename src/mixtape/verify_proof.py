"""The proof and issuer checks of `mixtape.verify`: the proofs verify, and a proof's key
belongs to the credential's issuer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from mixtape.i18n import N_, Message
from mixtape.proofs import ProofResult, verify_proofs
from mixtape.report import Check, Status
from mixtape.status_check import issuer_id
from mixtape.values import as_list
from mixtape.vcdm import parse_datetime
from mixtape.vcjwt import JwtResult
from mixtape.verify_state import State


def proof_check(state: State) -> Check:
    if state.jwt is not None:
        return _jwt_proof(state.jwt)
    if not state.credential.get("proof"):
        return Check.of(
            "proof", Status.FAILED, N_("the credential has no proof: anyone could have written it")
        )
    options = state.options
    state.proofs = verify_proofs(
        state.credential, suites=options.suites, resolver=options.resolver, loader=options.loader
    )
    expired = _expired_proofs(state.credential, options.now)
    if expired:
        return Check.of("proof", Status.FAILED, N_("the proof has expired"), details=expired)
    failed = [p for p in state.proofs if not p.verified]
    details = tuple(_describe_proof(p) for p in state.proofs)
    if failed:
        message = (
            Message.of(N_("the signature does not verify"))
            if len(state.proofs) == 1
            else Message.of(
                N_("{failed} of {total} proofs do not verify"),
                failed=len(failed),
                total=len(state.proofs),
            )
        )
        return Check.of("proof", Status.FAILED, message, details=details)
    warnings = [w for p in state.proofs for w in p.warnings]
    if warnings:
        return Check.of(
            "proof",
            Status.WARNING,
            N_("the signature verifies, with warnings"),
            details=details + tuple(warnings),
        )
    return Check.of("proof", Status.PASSED, N_("the signature verifies"), details=details)


def _expired_proofs(document: Mapping[str, Any], now: datetime) -> list[Message]:
    expiries = [p.get("expires") for p in as_list(document.get("proof")) if isinstance(p, Mapping)]
    return [
        Message.of(N_("expired on {date}"), date=e)
        for e in expiries
        if (moment := parse_datetime(e)) and moment < now
    ]


def _describe_proof(result: ProofResult) -> Message:
    suite: str | Message = result.cryptosuite or Message.of(N_("unknown suite"))
    if result.verified:
        return Message.of(
            N_("{suite}: verified with {method}"),
            suite=suite,
            method=result.verification_method,
        )
    return Message.of(N_("{suite}: {error}"), suite=suite, error=result.error)


def _jwt_proof(jwt: JwtResult) -> Check:
    if not jwt.verified:
        return Check.of(
            "proof",
            Status.FAILED,
            N_("the JWT signature does not verify: {error}"),
            error=jwt.error,
        )
    if jwt.warnings:
        return Check.of(
            "proof",
            Status.WARNING,
            N_("the JWT signature verifies, with warnings"),
            details=jwt.warnings,
        )
    return Check.of("proof", Status.PASSED, N_("the JWT signature verifies"))


def issuer_check(state: State) -> Check:
    issuer = issuer_id(state.credential)
    if state.jwt is not None:
        return Check.of(
            "issuer",
            Status.WARNING,
            N_("a JWT's key is bound to its issuer only by the token itself"),
        )
    verified = [p for p in state.proofs if p.verified and p.method is not None]
    if not verified:
        return Check.of("issuer", Status.SKIPPED, N_("no verified proof to bind to the issuer"))
    problems = [_binding_problem(p, issuer) for p in verified]
    if any(problems):
        return Check.of(
            "issuer",
            Status.FAILED,
            N_("the signing key does not belong to the issuer"),
            details=[p for p in problems if p],
        )
    if not all(getattr(p.method, "confirmed", True) for p in verified):
        return Check.of(
            "issuer",
            Status.WARNING,
            N_(
                "signed by {issuer}'s key as named in the proof; not confirmed against "
                "the issuer's published profile (network off)"
            ),
            issuer=issuer,
        )
    return Check.of(
        "issuer", Status.PASSED, N_("signed with a key of the issuer, {issuer}"), issuer=issuer
    )


def _binding_problem(result: ProofResult, issuer: str | None) -> Message | None:
    method = result.method
    assert method is not None
    if method.controller != issuer:
        return Message.of(
            N_("{method} is controlled by {controller}, not by the issuer {issuer}"),
            method=method.id,
            controller=method.controller,
            issuer=issuer,
        )
    if method.confirmed and "assertionMethod" not in method.purposes:
        return Message.of(
            N_("{method} is not listed under the issuer's assertionMethod"), method=method.id
        )
    return None
