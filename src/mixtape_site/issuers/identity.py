"""The public identifiers of an organization as an issuer: its did:web and profile URL."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse

from mixtape_site.organizations.models import Organization


def absolute_url(path: str) -> str:
    """``path`` on the platform's public origin (``MIXTAPE_BASE_URL``)."""
    return f"{settings.MIXTAPE_BASE_URL}{path}"


def platform_did_host() -> str:
    """The did:web host part: the origin's host, with ``:port`` percent-encoded."""
    return quote(urlsplit(settings.MIXTAPE_BASE_URL).netloc, safe="")


def organization_did(organization: Organization) -> str:
    """``did:web:<host>:issuers:<slug>``; it resolves to ``/issuers/<slug>/did.json``."""
    return f"did:web:{platform_did_host()}:issuers:{organization.slug}"


def profile_url(organization: Organization) -> str:
    return absolute_url(reverse("issuers:profile", kwargs={"slug": organization.slug}))


def verification_method_id(organization: Organization, public_multibase: str) -> str:
    return f"{organization_did(organization)}#{public_multibase}"
