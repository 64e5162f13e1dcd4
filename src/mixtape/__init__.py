"""Mixtape: Open Badges 3.0 credentials on W3C Verifiable Credentials 2.0.

Issue, verify, bake and revoke verifiable credentials, offline by default::

    from mixtape import Ed25519Key, EddsaRdfc2022, add_proof, verify

    key = Ed25519Key.generate()
    signed = add_proof(credential, suite=EddsaRdfc2022(), key=key,
                       verification_method=key.did_key_verification_method)
    report = verify(signed)   # a VerificationReport; never raises for a bad credential
"""

from mixtape.bake import bake_png, bake_svg, unbake
from mixtape.clr import Association, clr_credential
from mixtape.errors import (
    BakeError,
    ContextNotBundledError,
    InvalidInputError,
    JsonLdError,
    KeyResolutionError,
    MixtapeError,
    PathwayDefinitionError,
    ProofError,
    SafeModeError,
    SchemaError,
    StatusListError,
)
from mixtape.inputs import read_credential
from mixtape.jsonld import bundled_loader, canonicalize
from mixtape.keys import Ed25519Key, did_key_document, did_web_document, read_keyfile
from mixtape.presentation import create_presentation, sign_presentation, verify_presentation
from mixtape.proofs import (
    EcdsaSd2023,
    Ed25519Signature2020,
    EddsaJcs2022,
    EddsaRdfc2022,
    ProofResult,
    Suite,
    add_proof,
    verify_proofs,
)
from mixtape.report import Check, PresentationReport, Status, VerificationReport
from mixtape.resolve import Resolver, VerificationMethod, https_fetch_json
from mixtape.status import StatusList, check_status, status_entry, status_list_credential
from mixtape.verify import verify

__all__ = [
    "Association",
    "BakeError",
    "Check",
    "ContextNotBundledError",
    "EcdsaSd2023",
    "Ed25519Key",
    "Ed25519Signature2020",
    "EddsaJcs2022",
    "EddsaRdfc2022",
    "InvalidInputError",
    "JsonLdError",
    "KeyResolutionError",
    "MixtapeError",
    "PathwayDefinitionError",
    "PresentationReport",
    "ProofError",
    "ProofResult",
    "Resolver",
    "SafeModeError",
    "SchemaError",
    "Status",
    "StatusList",
    "StatusListError",
    "Suite",
    "VerificationMethod",
    "VerificationReport",
    "add_proof",
    "bake_png",
    "bake_svg",
    "bundled_loader",
    "canonicalize",
    "check_status",
    "clr_credential",
    "create_presentation",
    "did_key_document",
    "did_web_document",
    "https_fetch_json",
    "read_credential",
    "read_keyfile",
    "sign_presentation",
    "status_entry",
    "status_list_credential",
    "unbake",
    "verify",
    "verify_presentation",
    "verify_proofs",
]
