"""Content negotiation and cacheable JSON responses for public documents."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

JSON_TYPES = (
    "application/json",
    "application/ld+json",
    "application/vc+ld+json",
    "application/vc",
    "application/did+json",
)


def wants_json(request: HttpRequest) -> bool:
    """True when the client prefers JSON (or JSON-LD) to HTML."""
    accept = request.headers.get("Accept", "")
    best = _best_type(accept)
    return best in JSON_TYPES


def _best_type(accept: str) -> str:
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.lower()))
    ranked.sort()
    return ranked[0][2] if ranked else ""


def json_document(
    document: Mapping[str, Any],
    *,
    content_type: str = "application/json",
    max_age: int = 300,
    filename: str | None = None,
) -> HttpResponse:
    """A JSON response that shared caches and CDNs may keep for ``max_age`` seconds."""
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type=content_type
    )
    patch_cache_control(response, public=True, max_age=max_age)
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def negotiated(
    request: HttpRequest, *, html: Callable[[], HttpResponse], document: Callable[[], Any]
) -> HttpResponse:
    """Serve JSON or HTML for the same URL, and tell caches the answer varies on Accept."""
    response = json_document(document()) if wants_json(request) else html()
    patch_vary_headers(response, ["Accept"])
    return response
