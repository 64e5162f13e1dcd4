"""The one NinjaAPI behind ``/vc-api/…`` and ``/api/v1/…``, documented at ``/api/docs``.

Both live on one API so that a single OpenAPI description (``/api/openapi.json``)
lists everything. It is mounted at the site root, hence ``get_root_path``.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from mixtape_site.api import v1, vc_api
from mixtape_site.api.docs import ApiReference
from mixtape_site.api.errors import install_handlers
from mixtape_site.api.parser import CappedJsonParser

DESCRIPTION = """\
Open Badges 3.0 credentials on W3C Verifiable Credentials 2.0.

* **VC-API** (`/vc-api/…`, W3C CCG VC-API): issue and update the status of your
  organization's credentials (API token), verify credentials and presentations (public).
* **JSON API** (`/api/v1/…`): the public catalogue of achievements, and your awards.

Authenticate with an organization API token (created by an organization admin under
*Manage → API tokens*): `Authorization: Bearer mxt_…`. Errors are
`{"error": {"code", "message", "details"?}}`: 400 for a malformed body, 401 without a
valid token, 404 for what is not yours, 413 over 1 MB, 422 for a well-formed request
the platform refuses (e.g. an achievement that is not published).
"""


class MixtapeApi(NinjaAPI):
    def get_root_path(self, path_params: dict[str, Any]) -> str:
        return "/"


api = MixtapeApi(
    title="Mixtape API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/api/openapi.json",
    docs_url="/api/docs",
    docs=ApiReference(),
    parser=CappedJsonParser(),
)
install_handlers(api)
api.add_router("/vc-api/", vc_api.router)
api.add_router("/api/v1/", v1.router)

# The patterns without ninja's root view: the site's home page owns "/".
urlpatterns = [pattern for pattern in api.urls[0] if getattr(pattern, "name", "") != "api-root"]
