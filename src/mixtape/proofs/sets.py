"""Adding and verifying Data Integrity proofs, including proof sets and chains.

A document's ``proof`` is one proof or a list (a *proof set*). A proof that
names ``previousProof`` is part of a *proof chain*: it signs the document
together with the proofs it names, so it also vouches for them (W3C VC Data
Integrity 1.0, "Add Proof Set/Chain" and "Verify Proof Sets and Chains").
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from mixtape.errors import KeyResolutionError, MixtapeError, ProofError
from mixtape.jsonld import DocumentLoader, bundled_loader
from mixtape.keys import Ed25519Key
from mixtape.proofs.base import (
    DATA_INTEGRITY_PROOF,
    ProofResult,
    Suite,
    format_created,
    is_date_time_stamp,
)
from mixtape.proofs.ed25519_2020 import ED25519_SIGNATURE_2020, LEGACY_PROOF_TYPE_WARNING
from mixtape.proofs.eddsa_rdfc import LEGACY_EDDSA_2022, EddsaRdfc2022
from mixtape.resolve import Resolver, VerificationMethod
from mixtape.values import as_list

__all__ = ["KNOWN_CRYPTOSUITES", "add_proof", "verify_proofs"]

#: Cryptosuites Mixtape implements; any other name is reported as unsupported.
KNOWN_CRYPTOSUITES = frozenset(
    {"eddsa-rdfc-2022", "eddsa-jcs-2022", LEGACY_EDDSA_2022, "ecdsa-sd-2023"}
)

_LEGACY_WARNING = (
    "legacy cryptosuite name 'eddsa-2022' (pre-v1.0 drafts); verified as eddsa-rdfc-2022"
)
_UNCONFIRMED_WARNING = (
    "the key was taken from the verification method URL and not confirmed against "
    "the controller's published document {controller}"
)


def add_proof(
    document: Mapping[str, Any],
    *,
    suite: Suite,
    key: Ed25519Key,
    verification_method: str,
    proof_purpose: str = "assertionMethod",
    created: datetime | None = None,
    challenge: str | None = None,
    domain: str | None = None,
    previous_proof: str | Sequence[str] | None = None,
    proof_id: str | None = None,
    loader: DocumentLoader = bundled_loader,
) -> dict[str, Any]:
    """Sign ``document`` and return a new document with the proof added.

    An existing proof is kept: the result holds a proof set (a list).

    Args:
        suite: the cryptosuite, e.g. ``EddsaRdfc2022()``.
        key: a key with its private part.
        verification_method: the id under which verifiers find the public key.
        created: when the proof was made (timezone-aware); omitted when None.
        previous_proof: id(s) of existing proofs this one chains to.
        proof_id: an ``id`` for the proof, so later proofs can chain to it.

    Raises:
        ProofError: no private key, a naive ``created``, or an unknown ``previous_proof``.
        JsonLdError: the document cannot be canonicalized (for example, safe mode).
    """
    existing = _proof_list(document)
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    if previous_proof is not None:
        unsecured["proof"] = _matching_proofs(existing, previous_proof)
    options = {
        "type": DATA_INTEGRITY_PROOF,
        "id": proof_id,
        "cryptosuite": suite.cryptosuite,
        "created": format_created(created) if created is not None else None,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
        "previousProof": _copy_ids(previous_proof),
        "challenge": challenge,
        "domain": domain,
    }
    options = {name: value for name, value in options.items() if value is not None}
    proof = suite.create_proof(unsecured, key=key, options=options, loader=loader)
    secured: dict[str, Any] = _deep_copy(dict(document))
    secured["proof"] = [*_deep_copy(existing), proof] if existing else proof
    return secured


def verify_proofs(
    document: Mapping[str, Any],
    *,
    suites: Sequence[Suite],
    resolver: Resolver,
    loader: DocumentLoader = bundled_loader,
    expected_purpose: str = "assertionMethod",
    challenge: str | None = None,
    domain: str | None = None,
) -> list[ProofResult]:
    """Check every proof of ``document``; one result per proof, in order.

    A bad credential never raises: each problem is a result with ``verified``
    false and an ``error``. A document without ``proof`` gives an empty list.

    Args:
        suites: the cryptosuites the caller accepts; others are refused.
        resolver: turns verification method ids into keys.
        expected_purpose: the ``proofPurpose`` every proof must have.
        challenge, domain: when given, each proof must carry the same value.

    Raises:
        TypeError: ``document`` is not a mapping or ``suites`` is empty.
    """
    if not isinstance(document, Mapping):
        raise TypeError("document must be a mapping (a parsed JSON object)")
    if not suites:
        raise TypeError("suites must name at least one allowed cryptosuite")
    check = _Check(
        suites=suites,
        resolver=resolver,
        loader=loader,
        expected_purpose=expected_purpose,
        challenge=challenge,
        domain=domain,
    )
    proofs = _proof_list(document)
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    return [check.run(proof, unsecured=unsecured, all_proofs=proofs) for proof in proofs]


class _Rejected(Exception):
    """One proof fails a check; the message becomes ``ProofResult.error``."""


class _Check:
    """The verifier's options, applied to one proof at a time."""

    def __init__(
        self,
        *,
        suites: Sequence[Suite],
        resolver: Resolver,
        loader: DocumentLoader,
        expected_purpose: str,
        challenge: str | None,
        domain: str | None,
    ) -> None:
        self.suites = {suite.cryptosuite: suite for suite in suites}
        self.resolver = resolver
        self.loader = loader
        self.expected_purpose = expected_purpose
        self.challenge = challenge
        self.domain = domain

    def run(
        self, proof: Any, *, unsecured: Mapping[str, Any], all_proofs: list[Any]
    ) -> ProofResult:
        fields = proof if isinstance(proof, Mapping) else {}
        name, method_id = _suite_name(fields), fields.get("verificationMethod")
        warnings: list[str] = []
        method: VerificationMethod | None = None
        try:
            suite = self._suite(proof, warnings)
            self._check_fields(suite, proof)
            document = _with_previous_proofs(unsecured, proof, all_proofs)
            method = self._method(method_id, warnings)
            if not self._signature_holds(suite, document, proof, method):
                raise _Rejected("signature does not match")
        except _Rejected as rejection:
            return _result(name, method_id, method, error=str(rejection), warnings=warnings)
        return _result(name, method_id, method, error=None, warnings=warnings)

    def _suite(self, proof: Any, warnings: list[str]) -> Suite:
        if not isinstance(proof, Mapping):
            raise _Rejected("the proof is not a JSON object")
        if proof.get("type") == ED25519_SIGNATURE_2020 and ED25519_SIGNATURE_2020 in self.suites:
            # A legacy proof type names its suite by type; the caller allowed it.
            warnings.append(LEGACY_PROOF_TYPE_WARNING)
            return self.suites[ED25519_SIGNATURE_2020]
        if proof.get("type") != DATA_INTEGRITY_PROOF:
            raise _Rejected(f"unsupported proof type {proof.get('type')!r}")
        name = proof.get("cryptosuite")
        if name == LEGACY_EDDSA_2022 and EddsaRdfc2022.cryptosuite in self.suites:
            warnings.append(_LEGACY_WARNING)
            return self.suites[EddsaRdfc2022.cryptosuite]
        if isinstance(name, str) and name in self.suites:
            return self.suites[name]
        if name in KNOWN_CRYPTOSUITES:
            raise _Rejected(f"cryptosuite {name} is not among the allowed suites")
        raise _Rejected(f"unsupported cryptosuite {name!r}")

    def _check_fields(self, suite: Suite, proof: Mapping[str, Any]) -> None:
        purpose = proof.get("proofPurpose")
        if purpose != self.expected_purpose:
            raise _Rejected(f"proofPurpose is {purpose!r}, expected {self.expected_purpose!r}")
        if self.challenge is not None and proof.get("challenge") != self.challenge:
            raise _Rejected("the proof's challenge does not match the expected challenge")
        if self.domain is not None and self.domain not in as_list(proof.get("domain")):
            raise _Rejected("the proof's domain does not match the expected domain")
        if "created" in proof and not is_date_time_stamp(proof["created"]):
            raise _Rejected(f"created {proof['created']!r} is not a date-time with a time zone")
        try:
            suite.check_proof_value(proof.get("proofValue"))
        except ProofError as error:
            raise _Rejected(str(error)) from error

    def _method(self, method_id: Any, warnings: list[str]) -> VerificationMethod:
        try:
            method = self.resolver.resolve(method_id)
        except KeyResolutionError as error:
            raise _Rejected(f"cannot resolve verification method {method_id!r}: {error}") from error
        if not method.confirmed:
            warnings.append(_UNCONFIRMED_WARNING.format(controller=method.controller))
        elif self.expected_purpose not in method.purposes:
            raise _Rejected(
                f"the controller document does not list {method_id} under {self.expected_purpose}"
            )
        return method

    def _signature_holds(
        self,
        suite: Suite,
        document: Mapping[str, Any],
        proof: Mapping[str, Any],
        method: VerificationMethod,
    ) -> bool:
        if method.key_type != suite.key_type:
            raise _Rejected(
                f"{suite.cryptosuite} needs a key of type {suite.key_type}, "
                f"but {method.id} is a key of type {method.key_type}"
            )
        try:
            return suite.verify_proof(
                document, proof=proof, public_key=method.public_key, loader=self.loader
            )
        except MixtapeError as error:
            raise _Rejected(f"cannot verify: {error}") from error


def _result(
    name: Any,
    method_id: Any,
    method: VerificationMethod | None,
    *,
    error: str | None,
    warnings: list[str],
) -> ProofResult:
    return ProofResult(
        verified=error is None,
        cryptosuite=name if isinstance(name, str) else None,
        verification_method=method_id if isinstance(method_id, str) else None,
        method=method,
        error=error,
        warnings=warnings,
    )


def _suite_name(proof: Mapping[str, Any]) -> Any:
    """The suite a proof names: its ``cryptosuite``, or its type for Ed25519Signature2020."""
    if proof.get("type") == ED25519_SIGNATURE_2020:
        return ED25519_SIGNATURE_2020
    return proof.get("cryptosuite")


def _with_previous_proofs(
    unsecured: Mapping[str, Any], proof: Mapping[str, Any], all_proofs: list[Any]
) -> Mapping[str, Any]:
    previous = proof.get("previousProof")
    if previous is None:
        return unsecured
    try:
        return {**unsecured, "proof": _matching_proofs(all_proofs, previous)}
    except ProofError as error:
        raise _Rejected(str(error)) from error


def _matching_proofs(all_proofs: list[Any], previous: Any) -> list[Any]:
    """The proofs named by ``previousProof``, in the order of ``all_proofs``."""
    wanted = as_list(previous)
    if not wanted or not all(isinstance(proof_id, str) for proof_id in wanted):
        raise ProofError("previousProof must be a proof id or a list of proof ids")
    by_id = {p.get("id"): p for p in all_proofs if isinstance(p, Mapping)}
    missing = [proof_id for proof_id in wanted if proof_id not in by_id]
    if missing:
        raise ProofError(f"previousProof names unknown proof(s): {', '.join(missing)}")
    return [p for p in all_proofs if isinstance(p, Mapping) and p.get("id") in wanted]


def _proof_list(document: Mapping[str, Any]) -> list[Any]:
    return as_list(document.get("proof"))


def _copy_ids(previous: str | Sequence[str] | None) -> str | list[str] | None:
    if previous is None or isinstance(previous, str):
        return previous
    return list(previous)


def _deep_copy(value: Any) -> Any:
    """``copy.deepcopy`` for the JSON a credential is, several times faster.

    Objects and arrays are rebuilt directly; anything else goes to ``copy.deepcopy``.
    Unlike it, a value that appears twice is copied twice, which JSON cannot tell.
    """
    try:
        return _copy_json(value)
    except RecursionError:  # a cycle: only copy.deepcopy copies those
        return copy.deepcopy(value)


def _copy_json(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is dict:
        return {
            key if type(key) is str else copy.deepcopy(key): _copy_json(item)
            for key, item in value.items()
        }
    if kind is list:
        return [_copy_json(item) for item in value]
    return copy.deepcopy(value)
