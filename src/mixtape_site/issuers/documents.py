"""The public documents of an issuer: its OB 3.0 Profile and its did:web DID document."""

from __future__ import annotations

from typing import Any

from mixtape import did_web_document
from mixtape.model.credential import OB_V3P0_CONTEXT, VC_V2_CONTEXT
from mixtape.model.profile import Profile
from mixtape.model.text import LANGUAGE_MAP_CONTEXT
from mixtape_site.issuers.identity import organization_did, profile_url
from mixtape_site.issuers.services import published_keys
from mixtape_site.organizations.models import Organization
from mixtape_site.web.bilingual import language_map


def issuer_profile(organization: Organization) -> Profile:
    """The issuer as it appears in its credentials (``issuer``)."""
    primary = organization.primary_language
    description = language_map(organization.description, primary=primary)
    return Profile(
        id=organization_did(organization),
        name=language_map(organization.name, primary=primary),
        url=organization.url or profile_url(organization),
        email=organization.email or None,
        description=description or None,
    )


def issuer_profile_json(organization: Organization) -> dict[str, Any]:
    """The standalone Profile served at the issuer's page, with its JSON-LD contexts."""
    profile = issuer_profile(organization).to_json()
    return {"@context": [VC_V2_CONTEXT, OB_V3P0_CONTEXT, LANGUAGE_MAP_CONTEXT], **profile}


def did_document(organization: Organization) -> dict[str, Any]:
    """The did:web document listing every key the organization has signed with."""
    return did_web_document(
        did=organization_did(organization),
        keys=published_keys(organization=organization),
        services=[
            {
                "id": f"{organization_did(organization)}#profile",
                "type": "LinkedDomains",
                "serviceEndpoint": profile_url(organization),
            }
        ],
    )
