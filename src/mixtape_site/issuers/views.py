"""Public issuer pages: the Profile (HTML or JSON) and the did:web DID document."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mixtape_site.issuers.documents import did_document, issuer_profile_json
from mixtape_site.issuers.identity import organization_did
from mixtape_site.organizations.models import Organization
from mixtape_site.organizations.selectors import published_achievements
from mixtape_site.web.negotiation import json_document, negotiated


def profile(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    return negotiated(
        request,
        html=lambda: render(
            request,
            "issuers/profile.html",
            {
                "organization": organization,
                "did": organization_did(organization),
                "achievements": published_achievements(organization=organization),
            },
        ),
        document=lambda: issuer_profile_json(organization),
    )


def did_json(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    return json_document(did_document(organization), content_type="application/did+json")


def _local_did_document(kwargs: dict[str, Any]) -> dict[str, Any] | None:
    organization = Organization.objects.filter(slug=kwargs["slug"]).first()
    return did_document(organization) if organization else None


did_json.local_document = _local_did_document  # type: ignore[attr-defined]
