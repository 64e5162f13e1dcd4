"""Verify an Open Badges 3.0 credential: a report of named checks, in OB 3.0's order.

structure → schema → subject → proof → issuer → status → validity → endorsements,
then, for a record that embeds credentials (a CLR), credentials (see mixtape.embedded).

Every dependency is injected (suites, key resolver, context loader, status-list
fetcher, the clock), so the same pipeline runs offline in tests and the CLI
and online in the platform. It raises only on programmer misuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from mixtape.embedded import Embedded, embedded_check
from mixtape.errors import InvalidInputError
from mixtape.i18n import N_
from mixtape.jsonld import DocumentLoader, bundled_loader
from mixtape.model.identity import IdentityObject
from mixtape.model.schema import schema_errors
from mixtape.proofs import (
    EcdsaSd2023,
    Ed25519Signature2020,
    EddsaJcs2022,
    EddsaRdfc2022,
    Suite,
)
from mixtape.report import Check, Status, VerificationReport
from mixtape.resolve import Resolver
from mixtape.status_check import StatusFetcher, status_check
from mixtape.values import as_list
from mixtape.vcdm import (
    VC1_CONTEXT,
    VC2_CONTEXT,
    credential_problems,
    parse_datetime,
    types_of,
)
from mixtape.vcjwt import verify_vc_jwt
from mixtape.verify_proof import issuer_check, proof_check
from mixtape.verify_state import Options, State

# Every suite Mixtape implements; callers narrow the list (e.g. to eddsa-rdfc-2022 only,
# as 1EdTech certification does). Legacy suites verify with a warning.
DEFAULT_SUITES: tuple[Suite, ...] = (
    EddsaRdfc2022(),
    EddsaJcs2022(),
    EcdsaSd2023(),
    Ed25519Signature2020(),
)
OB_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/context"
CURRENT_OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
_SCHEMAS = {
    "OpenBadgeCredential": "achievementcredential",
    "AchievementCredential": "achievementcredential",
    "EndorsementCredential": "endorsementcredential",
}
_BUNDLED_SCHEMA_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"


def verify(
    credential: Mapping[str, Any] | str,
    *,
    suites: Sequence[Suite] = DEFAULT_SUITES,
    resolver: Resolver | None = None,
    loader: DocumentLoader = bundled_loader,
    now: datetime | None = None,
    status_fetcher: StatusFetcher | None = None,
    recipient: str | None = None,
) -> VerificationReport:
    """Verify a credential (a JSON object, or a VC-JWT string) and report every check.

    `recipient` (an email address or a DID) adds a check that the credential was
    issued to it. `status_fetcher(url)` returns a status-list credential; without
    one, a credential's status is reported as not checked.
    """
    options = Options(
        suites=tuple(suites),
        resolver=resolver or Resolver(),
        loader=loader,
        now=now or datetime.now(UTC),
        status_fetcher=status_fetcher,
        recipient=recipient,
    )
    return _verify(credential, options)


def _verify(credential: Mapping[str, Any] | str, options: Options) -> VerificationReport:
    state = _start(credential, options)
    if isinstance(state, Check):
        return VerificationReport(checks=(state,))
    checks: list[Check] = []
    for name, step in _STEPS:
        malformed = bool(checks) and checks[0].status is Status.FAILED
        checks.append(_run_step(name, step, state, malformed=malformed))
    endorsements = _endorsement_reports(state)
    checks.append(_endorsements_check(endorsements, enabled=options.endorsements))
    embedded = _embedded(state)
    if embedded is not None:  # absent, not skipped, for credentials that embed none
        checks.append(embedded.check)
    return VerificationReport(
        checks=tuple(checks),
        credential=state.credential,
        endorsements=endorsements,
        credentials=embedded.reports if embedded is not None else (),
    )


def _run_step(name: str, step: Callable[[State], Check], state: State, *, malformed: bool) -> Check:
    """Run one check; on a document already found malformed, a crash is a failed check."""
    try:
        return step(state)
    except (TypeError, ValueError, AttributeError, KeyError):
        if not malformed:
            raise  # a well-formed credential that crashes a check is a bug: let it show
        return Check.of(name, Status.FAILED, N_("cannot be checked: the credential is malformed"))


def _start(credential: Mapping[str, Any] | str, options: Options) -> State | Check:
    """The state to check, or the failed structure check of an unreadable VC-JWT."""
    if isinstance(credential, Mapping):
        return State(credential=dict(credential), options=options)
    jwt = verify_vc_jwt(credential, now=options.now)
    if jwt.credential is None:
        return Check.of(
            "structure", Status.FAILED, N_("not a readable credential: {error}"), error=jwt.error
        )
    return State(credential=dict(jwt.credential), options=options, jwt=jwt)


# --- structure ----------------------------------------------------------------


def _structure(state: State) -> Check:
    document = state.credential
    contexts = as_list(document.get("@context"))
    if contexts[:1] == [VC1_CONTEXT]:
        return Check.of(
            "structure",
            Status.WARNING,
            N_("a VC 1.1 credential: readable, but Open Badges 3.0 now uses VC 2.0"),
        )
    problems = credential_problems(document, loader=state.options.loader)
    if problems:
        return Check.of(
            "structure", Status.FAILED, N_("not a valid VC 2.0 credential"), details=problems
        )
    old = [
        c
        for c in contexts
        if isinstance(c, str) and c.startswith(OB_CONTEXT_PREFIX) and c != CURRENT_OB_CONTEXT
    ]
    if old:
        return Check.of(
            "structure",
            Status.WARNING,
            N_("uses an older Open Badges context ({context}); the current one is {current}"),
            context=old[0],
            current=CURRENT_OB_CONTEXT,
        )
    return Check.of("structure", Status.PASSED, N_("a well-formed VC 2.0 credential"))


# --- schema -------------------------------------------------------------------


def _schema(state: State) -> Check:
    document = state.credential
    schema = next((_SCHEMAS[t] for t in types_of(document) if t in _SCHEMAS), None)
    if schema is None:
        return Check.of(
            "schema",
            Status.SKIPPED,
            N_("no Open Badges JSON Schema applies to this credential type"),
        )
    if as_list(document.get("@context"))[:1] != [VC2_CONTEXT]:
        return Check.of(
            "schema",
            Status.WARNING,
            N_("the Open Badges 3.0 JSON Schema applies to VC 2.0 credentials only; not checked"),
        )
    errors = schema_errors(document, schema=schema)
    if errors:
        return Check.of(
            "schema",
            Status.FAILED,
            N_("does not match the Open Badges {schema} schema"),
            details=errors,
            schema=schema,
        )
    unknown = [
        str(item.get("id"))
        for item in as_list(document.get("credentialSchema"))
        if isinstance(item, Mapping)
        and not str(item.get("id", "")).startswith(_BUNDLED_SCHEMA_PREFIX)
    ]
    if unknown:
        return Check.of(
            "schema",
            Status.WARNING,
            N_("matches the Open Badges schema; other listed schemas were not fetched"),
            details=unknown,
        )
    return Check.of(
        "schema", Status.PASSED, N_("matches the Open Badges {schema} schema"), schema=schema
    )


# --- subject ------------------------------------------------------------------


def _subject(state: State) -> Check:
    subjects = [
        s for s in as_list(state.credential.get("credentialSubject")) if isinstance(s, Mapping)
    ]
    identified = [s for s in subjects if s.get("id") or s.get("identifier")]
    if not identified:
        status = Status.FAILED if _is_badge(state.credential) else Status.SKIPPED
        return Check.of(
            "subject",
            status,
            N_("the credential does not say whom it was issued to (no id or identifier)"),
        )
    recipient = state.options.recipient
    if recipient is None:
        return Check.of("subject", Status.PASSED, N_("the credential names its recipient"))
    if any(
        s.get("id") == recipient or _identifier_matches(s.get("identifier"), recipient)
        for s in identified
    ):
        return Check.of("subject", Status.PASSED, N_("issued to {recipient}"), recipient=recipient)
    return Check.of("subject", Status.FAILED, N_("not issued to {recipient}"), recipient=recipient)


def _identifier_matches(identifiers: Any, value: str) -> bool:
    for item in as_list(identifiers):
        try:
            if isinstance(item, Mapping) and IdentityObject.from_json(dict(item)).matches(value):
                return True
        except InvalidInputError:
            continue
    return False


def _is_badge(document: Mapping[str, Any]) -> bool:
    return any(t in _SCHEMAS and t != "EndorsementCredential" for t in types_of(document))


# --- status -------------------------------------------------------------------


def _status(state: State) -> Check:
    options, memo = state.options, state.options.memo
    nested = replace(
        options, status_fetcher=None, recipient=None, endorsements=False, embedded=False
    )
    fetcher = options.status_fetcher
    return status_check(
        state.credential,
        fetcher=None if fetcher is None else lambda url: memo.fetch(url, fetcher),
        verify_list=lambda document: memo.report(document, lambda d: _verify(d, nested)),
    )


# --- validity -----------------------------------------------------------------


def _validity(state: State) -> Check:
    document, now = state.credential, state.options.now
    start = parse_datetime(document.get("validFrom") or document.get("issuanceDate"))
    end = parse_datetime(document.get("validUntil") or document.get("expirationDate"))
    if start is not None and now < start:
        return Check.of(
            "validity", Status.FAILED, N_("not valid until {date}"), date=start.isoformat()
        )
    if end is not None and now > end:
        return Check.of("validity", Status.FAILED, N_("expired on {date}"), date=end.isoformat())
    if end is None:
        return Check.of("validity", Status.PASSED, N_("valid, with no expiry date"))
    return Check.of("validity", Status.PASSED, N_("valid until {date}"), date=end.isoformat())


# --- endorsements ---------------------------------------------------------------


def _endorsement_reports(state: State) -> tuple[VerificationReport, ...]:
    if not state.options.endorsements:
        return ()
    nested = replace(state.options, recipient=None, endorsements=False)
    return tuple(_verify(e, nested) for e in _embedded_endorsements(state.credential))


def _embedded_endorsements(document: Mapping[str, Any]) -> list[Mapping[str, Any] | str]:
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    issuer = document.get("issuer")
    holders = [document, achievement, issuer]
    found: list[Mapping[str, Any] | str] = []
    for holder in holders:
        if isinstance(holder, Mapping):
            found += [e for e in as_list(holder.get("endorsement")) if isinstance(e, Mapping)]
            found += [e for e in as_list(holder.get("endorsementJwt")) if isinstance(e, str)]
    return found


def _endorsements_check(reports: tuple[VerificationReport, ...], *, enabled: bool) -> Check:
    if not enabled or not reports:
        return Check.of("endorsements", Status.SKIPPED, N_("no endorsements"))
    bad = [r for r in reports if not r.verified]
    if bad:
        return Check.of(
            "endorsements",
            Status.FAILED,
            N_("{failed} of {total} endorsements do not verify"),
            failed=len(bad),
            total=len(reports),
        )
    return Check.of(
        "endorsements",
        Status.PASSED,
        N_("{count} endorsement(s) verified"),
        count=len(reports),
    )


# --- embedded credentials (CLR) ---------------------------------------------------


def _embedded(state: State) -> Embedded | None:
    options = state.options
    if not options.embedded:
        return None
    # Same suites, keys, status lists and clock; the recipient is the record's to check.
    nested = replace(options, recipient=None, depth=options.depth + 1)
    return embedded_check(
        state.credential,
        verify_one=lambda item: _verify(item, nested),
        depth=options.depth,
        budget=options.budget,
    )


# Each check by its name in the report (the name a crash on a malformed document gets).
_STEPS: tuple[tuple[str, Callable[[State], Check]], ...] = (
    ("structure", _structure),
    ("schema", _schema),
    ("subject", _subject),
    ("proof", proof_check),
    ("issuer", issuer_check),
    ("status", _status),
    ("validity", _validity),
)
