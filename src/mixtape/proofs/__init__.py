"""Data Integrity proofs: ``eddsa-rdfc-2022``, ``eddsa-jcs-2022`` (and legacy
``Ed25519Signature2020``) behind one Suite protocol.

::

    signed = add_proof(credential, suite=EddsaRdfc2022(), key=key,
                       verification_method=key.did_key_verification_method,
                       created=now)
    results = verify_proofs(signed, suites=[EddsaRdfc2022()], resolver=Resolver())
"""

from mixtape.proofs.base import DATA_INTEGRITY_PROOF, EddsaSuite, ProofResult, Suite
from mixtape.proofs.ecdsa_sd import EcdsaSd2023
from mixtape.proofs.ed25519_2020 import Ed25519Signature2020
from mixtape.proofs.eddsa_jcs import EddsaJcs2022
from mixtape.proofs.eddsa_rdfc import LEGACY_EDDSA_2022, EddsaRdfc2022
from mixtape.proofs.sets import KNOWN_CRYPTOSUITES, add_proof, verify_proofs

__all__ = [
    "DATA_INTEGRITY_PROOF",
    "KNOWN_CRYPTOSUITES",
    "LEGACY_EDDSA_2022",
    "EcdsaSd2023",
    "Ed25519Signature2020",
    "EddsaJcs2022",
    "EddsaRdfc2022",
    "EddsaSuite",
    "ProofResult",
    "Suite",
    "add_proof",
    "verify_proofs",
]
