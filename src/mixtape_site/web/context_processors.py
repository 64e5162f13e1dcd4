"""Values every template may use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from mixtape_site.organizations.access import organizations_of


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "base_url": settings.MIXTAPE_BASE_URL,
        "my_organizations": organizations_of(request.user),
    }
