"""Bearer authentication with an organization's API token.

Tokens never ride on cookies, so these endpoints need no CSRF check: a
cross-site page cannot make the browser send an ``Authorization`` header.
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from ninja.security import HttpBearer

from mixtape_site.api.models import ApiToken
from mixtape_site.api.selectors import token_for_plaintext
from mixtape_site.api.services import token_touch


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer mxt_…``; ``request.auth`` is then the ApiToken."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = token_for_plaintext(token.strip())
        if api_token is not None:
            token_touch(token=api_token)
        return api_token


def token_of(request: HttpRequest) -> ApiToken:
    return cast(Any, request).auth
