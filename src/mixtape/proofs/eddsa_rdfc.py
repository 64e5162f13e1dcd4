"""The ``eddsa-rdfc-2022`` cryptosuite: Ed25519 over RDFC-1.0 canonical N-Quads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mixtape.jsonld import DocumentLoader, canonicalize
from mixtape.proofs.base import EddsaSuite

__all__ = ["LEGACY_EDDSA_2022", "EddsaRdfc2022"]

#: The cryptosuite's name in drafts before vc-di-eddsa v1.0; same algorithm.
LEGACY_EDDSA_2022 = "eddsa-2022"


class EddsaRdfc2022(EddsaSuite):
    """W3C vc-di-eddsa v1.0 ``eddsa-rdfc-2022``.

    Canonicalization runs in safe mode: a term the contexts do not define
    would be dropped from the signed data, so such documents are refused.
    """

    cryptosuite = "eddsa-rdfc-2022"

    def canonicalize(self, document: Mapping[str, Any], *, loader: DocumentLoader) -> bytes:
        """RDFC-1.0 canonical N-Quads, UTF-8."""
        return canonicalize(document, loader=loader, safe=True).encode("utf-8")
