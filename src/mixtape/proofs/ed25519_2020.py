"""The legacy ``Ed25519Signature2020`` proof type, for VC 1.1 era Open Badges 3.0.

Before the ``DataIntegrityProof`` + ``cryptosuite`` form, Open Badges 3.0 and
CLR 2.0 credentials were signed with ``{"type": "Ed25519Signature2020"}``
proofs (W3C CCG Ed25519 Signature 2020, also given as a vc-di-eddsa test
vector). The algorithm is the one of ``eddsa-rdfc-2022``: RDF canonical
N-Quads of the proof options and of the document, ``sha256(proof) ‖
sha256(document)``, an Ed25519 signature in a base58btc ``proofValue``. Only
the proof's shape differs: its ``type`` names the suite, it has no
``cryptosuite``, and its terms are defined by the suite context, which the
document's ``@context`` must therefore include.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import base58

from mixtape.errors import ProofError
from mixtape.jsonld import DocumentLoader, canonicalize
from mixtape.keys import Ed25519Key
from mixtape.proofs.base import EddsaSuite

__all__ = [
    "ED25519_2020_CONTEXT",
    "ED25519_SIGNATURE_2020",
    "LEGACY_PROOF_TYPE_WARNING",
    "Ed25519Signature2020",
]

#: The proof ``type`` of this suite.
ED25519_SIGNATURE_2020 = "Ed25519Signature2020"
#: The context that defines the proof's terms; a signed document must list it.
ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"
#: Attached to every result of this suite, so a verifier can nudge issuers forward.
LEGACY_PROOF_TYPE_WARNING = (
    "Ed25519Signature2020 is a legacy proof type; Open Badges 3.0 now uses eddsa-rdfc-2022"
)
# Fields of the caller's options that belong to Data Integrity proofs only.
_NOT_IN_THIS_PROOF = frozenset({"type", "cryptosuite", "proofValue", "@context"})


class Ed25519Signature2020(EddsaSuite):
    """W3C CCG ``Ed25519Signature2020`` (legacy; verify old credentials with it).

    The proof has no ``cryptosuite``: ``cryptosuite`` here is the proof type,
    the name under which a caller allows this suite. Keys are
    ``Ed25519VerificationKey2020`` or ``Multikey`` Ed25519 public keys.
    Canonicalization runs in safe mode, as for ``eddsa-rdfc-2022``.
    """

    cryptosuite = ED25519_SIGNATURE_2020

    def canonicalize(self, document: Mapping[str, Any], *, loader: DocumentLoader) -> bytes:
        """URDNA2015 (= RDFC-1.0) canonical N-Quads, UTF-8."""
        return canonicalize(document, loader=loader, safe=True).encode("utf-8")

    def create_proof(
        self,
        document: Mapping[str, Any],
        *,
        key: Ed25519Key,
        options: Mapping[str, Any],
        loader: DocumentLoader,
    ) -> dict[str, Any]:
        """Return an ``Ed25519Signature2020`` proof of ``document`` with ``proofValue``.

        ``options`` may be Data Integrity options (as :func:`add_proof` passes):
        their ``type`` is replaced and their ``cryptosuite`` dropped.

        Raises:
            ProofError: the document's ``@context`` lacks the suite context.
        """
        _require_suite_context(document)
        proof = {"type": ED25519_SIGNATURE_2020}
        proof.update({name: v for name, v in options.items() if name not in _NOT_IN_THIS_PROOF})
        # The proof options are read with the document's contexts (which hold the suite's).
        config = {**proof, "@context": document["@context"]}
        signature = key.sign(self.hash_data(document, proof_config=config, loader=loader))
        return {**proof, "proofValue": "z" + base58.b58encode(signature).decode("ascii")}

    def verify_proof(
        self,
        document: Mapping[str, Any],
        *,
        proof: Mapping[str, Any],
        public_key: bytes,
        loader: DocumentLoader,
    ) -> bool:
        """See :class:`~mixtape.proofs.Suite`.

        Raises:
            ProofError: the proof is not an ``Ed25519Signature2020`` proof, or
                the document's ``@context`` lacks the suite context.
        """
        if proof.get("type") != ED25519_SIGNATURE_2020:
            raise ProofError(f"not an {ED25519_SIGNATURE_2020} proof: type {proof.get('type')!r}")
        _require_suite_context(document)
        return super().verify_proof(document, proof=proof, public_key=public_key, loader=loader)


def _require_suite_context(document: Mapping[str, Any]) -> None:
    """Refuse a document whose ``@context`` does not list the suite context.

    Without it the proof's terms (``Ed25519Signature2020``, ``proofValue``…)
    would be undefined, so the signature could not be computed as specified.

    Raises:
        ProofError: the context is missing.
    """
    contexts = document.get("@context")
    listed = contexts if isinstance(contexts, list) else [contexts]
    if ED25519_2020_CONTEXT not in listed:
        raise ProofError(
            f"an {ED25519_SIGNATURE_2020} proof needs {ED25519_2020_CONTEXT} "
            "in the document's @context"
        )
