"""The ``eddsa-jcs-2022`` cryptosuite: Ed25519 over the JSON Canonicalization Scheme."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import rfc8785

from mixtape.errors import InvalidInputError, ProofError
from mixtape.jcs import canonical_json
from mixtape.jsonld import DocumentLoader
from mixtape.proofs.base import EddsaSuite
from mixtape.values import as_list

__all__ = ["EddsaJcs2022"]


class EddsaJcs2022(EddsaSuite):
    """W3C vc-di-eddsa v1.0 ``eddsa-jcs-2022``.

    No JSON-LD processing happens: the signature covers the JSON as written
    (RFC 8785), and the proof carries the document's ``@context``.
    """

    cryptosuite = "eddsa-jcs-2022"
    proof_keeps_context = True

    def canonicalize(self, document: Mapping[str, Any], *, loader: DocumentLoader) -> bytes:
        """RFC 8785 canonical JSON."""
        try:
            return canonical_json(document)
        except (rfc8785.CanonicalizationError, TypeError, ValueError) as error:
            raise InvalidInputError(f"cannot canonicalize as JCS: {error}") from error

    def document_to_verify(
        self, document: Mapping[str, Any], *, proof_options: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        """The document read with the proof's ``@context``, which must prefix the document's."""
        proof_context = proof_options.get("@context")
        if proof_context is None:
            return document
        signed = as_list(proof_context)
        if as_list(document.get("@context"))[: len(signed)] != signed:
            raise ProofError("the proof's @context does not match the document's @context")
        return {**document, "@context": proof_context}
