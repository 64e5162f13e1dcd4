"""A credential's public home, ``/credentials/<uuid>``, and its downloads.

The page verifies the credential live on every request (so it is never cached);
the signed document and the baked images never change, but revocation lives in
the status list, so downloads are cached for an hour only.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from mixtape_site.credentials.images import badge_png, badge_svg
from mixtape_site.credentials.models import IssuedCredential, StatusChange
from mixtape_site.credentials.verification import credential_verification, endorsement_rows
from mixtape_site.issuers.identity import absolute_url, organization_did
from mixtape_site.web.bilingual import in_language
from mixtape_site.web.negotiation import json_document, wants_json

# VC 2.0 §6.3 registers application/vc for a credential secured with an embedded proof.
VC_MEDIA_TYPE = "application/vc"
DOWNLOAD_MAX_AGE = 3600
# An SVG opened directly is a web page: let it draw, never run scripts or load anything.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
_WEB_SCHEMES = ("https://", "http://")


def _credential(uuid: UUID) -> IssuedCredential:
    rows = IssuedCredential.objects.select_related("achievement", "organization")
    return get_object_or_404(rows, uuid=uuid)


@require_safe
def public(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = _credential(uuid)
    if wants_json(request):
        response = _document(credential)
    else:
        response = render(request, "credentials/public/detail.html", _page(credential))
        patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def download_json(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = _credential(uuid)
    return _document(credential, filename=_filename(credential, "json"))


@require_safe
def download_png(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = _credential(uuid)
    return _image(badge_png(credential), "image/png", _filename(credential, "png"))


@require_safe
def download_svg(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = _credential(uuid)
    response = _image(
        badge_svg(credential).encode("utf-8"), "image/svg+xml", _filename(credential, "svg")
    )
    response["Content-Security-Policy"] = SVG_POLICY
    return response


def _document(credential: IssuedCredential, *, filename: str | None = None) -> HttpResponse:
    return json_document(
        credential.document,
        content_type=VC_MEDIA_TYPE,
        max_age=DOWNLOAD_MAX_AGE,
        filename=filename,
    )


def _image(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    patch_cache_control(response, public=True, max_age=DOWNLOAD_MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _filename(credential: IssuedCredential, extension: str) -> str:
    """ASCII, so it fits a header as is: ``data-analysis-fundamentals-1a2b3c4d.png``."""
    language = credential.organization.primary_language
    name = slugify(in_language(credential.achievement.name, language))[:60] or "credential"
    return f"{name}-{str(credential.uuid)[:8]}.{extension}"


def _page(credential: IssuedCredential) -> dict[str, Any]:
    verification = credential_verification(credential.document, known_state=credential.state)
    achievement = credential.achievement
    return {
        "credential": credential,
        "achievement": achievement,
        "organization": credential.organization,
        "issuer_did": organization_did(credential.organization),
        "verification": verification,
        "status_since": _status_since(credential),
        "skills": [_skill(skill) for skill in achievement.skills if isinstance(skill, dict)],
        "endorsements": endorsement_rows(credential.document, verification.report),
        "page_url": absolute_url(_path("public", credential)),
        "image_url": absolute_url(_path("download_png", credential)),
        "filenames": {ext: _filename(credential, ext) for ext in ("json", "png", "svg")},
    }


def _path(name: str, credential: IssuedCredential) -> str:
    return reverse(f"credentials:{name}", kwargs={"uuid": credential.uuid})


def _status_since(credential: IssuedCredential) -> Any:
    """When the credential was revoked or suspended; the reason stays private."""
    action = {
        IssuedCredential.State.REVOKED: StatusChange.Action.REVOKE,
        IssuedCredential.State.SUSPENDED: StatusChange.Action.SUSPEND,
    }.get(IssuedCredential.State(credential.state))
    if action is None:
        return None
    change = credential.status_changes.filter(action=action).only("created_at").first()
    return change.created_at if change else None


def _skill(skill: dict[str, Any]) -> dict[str, Any]:
    url = str(skill.get("url") or "")
    return {
        "name": in_language(skill.get("name")) or url,
        "url": url if url.startswith(_WEB_SCHEMES) else "",
        "framework": skill.get("framework") or "",
        "code": skill.get("code") or "",
    }
