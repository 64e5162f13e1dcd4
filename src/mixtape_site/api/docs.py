"""The API docs: an accessible reference page, and Swagger UI as an interactive console.

``/api/docs`` is server-rendered HTML built from the OpenAPI description (see
``reference.py``): it passes WCAG 2.1 AA, which Swagger UI's markup does not.
Swagger UI stays available at ``/api/docs/try`` for trying requests, labelled as
such. django-ninja ships Swagger UI's files in its ``static/ninja`` directory; it is
not an installed app here, so a small view serves the few files the console needs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase, Swagger

from mixtape_site.api.reference import api_reference, data_types

ASSET_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
}


class ApiReference(DocsBase):
    """The docs page of ``/api/docs``: every operation, grouped by tag, as plain HTML."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "sections": api_reference(schema),
            "data_types": data_types(schema),
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return render(request, "api/docs.html", context)


class LocalSwagger(Swagger):
    """Swagger UI whose scripts and styles come from this site."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        openapi_url = self.get_openapi_url(api, kwargs)
        context = {
            "api": api,
            "openapi_url": openapi_url,
            "swagger_settings": {**self.settings, "url": openapi_url},
        }
        return render(request, "api/console.html", context)


def console_view(api: NinjaAPI) -> Callable[[HttpRequest], HttpResponse]:
    """The view of ``/api/docs/try``: Swagger UI over ``api``'s OpenAPI description."""
    swagger = LocalSwagger()

    @require_safe
    def console(request: HttpRequest) -> HttpResponse:
        return swagger.render_page(request, api)

    return console


@require_safe
def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    if name not in ASSETS:
        raise Http404
    response = FileResponse((ASSET_DIR / name).open("rb"), content_type=ASSETS[name])
    # The files change only when django-ninja is upgraded; a day is a safe cache.
    patch_cache_control(response, public=True, max_age=86400)
    return response
