"""Verifiable Presentations: a holder wraps credentials and proves control of a key.

A verifier that asks for a presentation sends a `challenge` (a nonce) and a
`domain` (itself); the holder's `authentication` proof covers both, so a
presentation cannot be replayed to another verifier or reused later.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from mixtape.i18n import N_, Message
from mixtape.jsonld import DocumentLoader, bundled_loader
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaRdfc2022, Suite, add_proof, verify_proofs
from mixtape.report import Check, PresentationReport, Status, VerificationReport
from mixtape.resolve import Resolver
from mixtape.status_check import StatusFetcher
from mixtape.values import as_list
from mixtape.vcdm import VC2_CONTEXT, presentation_problems
from mixtape.verify import DEFAULT_SUITES, verify


def create_presentation(
    *,
    credentials: Sequence[Mapping[str, Any] | str],
    holder: str,
    presentation_id: str | None = None,
) -> dict[str, Any]:
    """An unsigned presentation of `credentials` (JSON objects or VC-JWT strings)."""
    return {
        "@context": [VC2_CONTEXT],
        "id": presentation_id or f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiablePresentation"],
        "holder": holder,
        "verifiableCredential": [_embed(c) for c in credentials],
    }


def _embed(credential: Mapping[str, Any] | str) -> dict[str, Any]:
    if isinstance(credential, str):  # VC-JWT: VC 2.0 embeds it as an enveloped credential
        return {
            "@context": VC2_CONTEXT,
            "id": f"data:application/jwt,{credential}",
            "type": "EnvelopedVerifiableCredential",
        }
    return dict(credential)


def sign_presentation(
    presentation: Mapping[str, Any],
    *,
    key: Ed25519Key,
    verification_method: str,
    challenge: str | None = None,
    domain: str | None = None,
    suite: Suite | None = None,
    created: datetime | None = None,
) -> dict[str, Any]:
    """Add the holder's `authentication` proof, bound to the verifier's challenge and domain."""
    return add_proof(
        presentation,
        suite=suite or EddsaRdfc2022(),
        key=key,
        verification_method=verification_method,
        proof_purpose="authentication",
        created=created,
        challenge=challenge,
        domain=domain,
    )


def verify_presentation(
    presentation: Mapping[str, Any],
    *,
    challenge: str | None = None,
    domain: str | None = None,
    suites: Sequence[Suite] = DEFAULT_SUITES,
    resolver: Resolver | None = None,
    loader: DocumentLoader = bundled_loader,
    now: datetime | None = None,
    status_fetcher: StatusFetcher | None = None,
) -> PresentationReport:
    """Check the presentation's structure and holder proof, then verify each credential."""
    resolver = resolver or Resolver()
    problems = presentation_problems(presentation, loader=loader)
    structure = (
        Check.of(
            "structure", Status.FAILED, N_("not a valid VC 2.0 presentation"), details=problems
        )
        if problems
        else Check.of("structure", Status.PASSED, N_("a well-formed VC 2.0 presentation"))
    )
    proof = _holder_proof(
        presentation,
        challenge=challenge,
        domain=domain,
        suites=suites,
        resolver=resolver,
        loader=loader,
    )
    reports = tuple(
        _credential_report(
            item,
            suites=suites,
            resolver=resolver,
            loader=loader,
            now=now,
            status_fetcher=status_fetcher,
        )
        for item in as_list(presentation.get("verifiableCredential"))
    )
    return PresentationReport(checks=(structure, proof), credentials=reports)


def _holder_proof(
    presentation: Mapping[str, Any],
    *,
    challenge: str | None,
    domain: str | None,
    suites: Sequence[Suite],
    resolver: Resolver,
    loader: DocumentLoader,
) -> Check:
    if not presentation.get("proof"):
        if challenge or domain:
            return Check.of(
                "proof",
                Status.FAILED,
                N_("the verifier asked for a signed presentation; this one has no proof"),
            )
        return Check.of("proof", Status.WARNING, N_("the presentation is not signed by its holder"))
    results = verify_proofs(
        presentation,
        suites=suites,
        resolver=resolver,
        loader=loader,
        expected_purpose="authentication",
        challenge=challenge,
        domain=domain,
    )
    failed = [
        Message.verbatim(r.error) if r.error else Message.of(N_("does not verify"))
        for r in results
        if not r.verified
    ]
    if failed:
        return Check.of(
            "proof", Status.FAILED, N_("the holder's proof does not verify"), details=failed
        )
    holder = presentation.get("holder")
    holder_id = holder.get("id") if isinstance(holder, Mapping) else holder
    controllers = {r.method.controller for r in results if r.method is not None}
    if holder_id is not None and controllers != {holder_id}:
        return Check.of(
            "proof",
            Status.FAILED,
            N_("signed by {signers}, not by the holder {holder}"),
            signers=", ".join(sorted(controllers)),
            holder=holder_id,
        )
    if domain:
        return Check.of(
            "proof", Status.PASSED, N_("signed by the holder for {domain}"), domain=domain
        )
    return Check.of("proof", Status.PASSED, N_("signed by the holder"))


def _credential_report(item: Any, **options: Any) -> VerificationReport:
    if isinstance(item, Mapping) and "EnvelopedVerifiableCredential" in as_list(item.get("type")):
        token = str(item.get("id", "")).split(",", 1)[-1]
        return verify(token, **options)
    if not isinstance(item, Mapping):
        return VerificationReport(
            checks=(Check.of("structure", Status.FAILED, N_("not a credential object")),)
        )
    return verify(item, **options)
