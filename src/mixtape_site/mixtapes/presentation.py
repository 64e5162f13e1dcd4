"""A mixtape as a Verifiable Presentation, signed with the learner's own key.

A verifier may send a challenge (a nonce) and its domain; the holder's proof
covers both, so the presentation cannot be replayed elsewhere. VC-JWT
credentials travel as VC 2.0 ``EnvelopedVerifiableCredential``s; Open Badges
2.0 assertions are not verifiable credentials and are left out (the page says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mixtape import (
    ContextNotBundledError,
    EddsaJcs2022,
    EddsaRdfc2022,
    JsonLdError,
    create_presentation,
    sign_presentation,
)
from mixtape_site.mixtapes.livestatus import credential_input
from mixtape_site.mixtapes.models import Mixtape
from mixtape_site.wallet.keys import learner_did, learner_signing_key
from mixtape_site.wallet.models import WalletCredential

# VC-JOSE-COSE's media type for an enveloped VC-JWT (the core writes application/jwt;
# its verifier reads the token after the comma either way).
_CORE_JWT_PREFIX = "data:application/jwt,"
VC_JWT_PREFIX = "data:application/vc+jwt,"


@dataclass(frozen=True)
class SignedPresentation:
    document: dict[str, Any]
    left_out: tuple[WalletCredential, ...]  # OB 2.0 assertions


def presentable(credential: WalletCredential) -> bool:
    return credential.format != WalletCredential.Format.OB2


def mixtape_presentation(
    *, mixtape: Mixtape, challenge: str = "", domain: str = ""
) -> SignedPresentation:
    """The mixtape's credentials, in order, signed by the owner's did:key."""
    credentials = [t.credential for t in mixtape.tracks.select_related("credential")]
    included = [c for c in credentials if presentable(c)]
    unsigned = create_presentation(
        credentials=[credential_input(c) for c in included],
        holder=learner_did(user=mixtape.owner),
    )
    unsigned["verifiableCredential"] = [_media_type(i) for i in unsigned["verifiableCredential"]]
    key, method = learner_signing_key(user=mixtape.owner)
    options: dict[str, Any] = {
        "key": key,
        "verification_method": method,
        "challenge": challenge or None,
        "domain": domain or None,
    }
    try:
        signed = sign_presentation(unsigned, suite=EddsaRdfc2022(), **options)
    except (ContextNotBundledError, JsonLdError):
        # An imported credential with a context we do not bundle cannot be
        # canonicalised as RDF; JCS signs the JSON as it is.
        signed = sign_presentation(unsigned, suite=EddsaJcs2022(), **options)
    left_out = tuple(c for c in credentials if not presentable(c))
    return SignedPresentation(document=signed, left_out=left_out)


def _media_type(item: Mapping[str, Any]) -> dict[str, Any]:
    embedded = dict(item)
    envelope = embedded.get("id")
    if embedded.get("type") == "EnvelopedVerifiableCredential" and isinstance(envelope, str):
        embedded["id"] = envelope.replace(_CORE_JWT_PREFIX, VC_JWT_PREFIX, 1)
    return embedded
