from django.urls import path

from mixtape_site.api import docs, views
from mixtape_site.api.ninja_api import api
from mixtape_site.api.ninja_api import urlpatterns as api_patterns

app_name = "api"
urlpatterns = [
    *api_patterns,
    path("api/docs/try", docs.console_view(api), name="docs-console"),
    path("api/docs/assets/<str:name>", docs.docs_asset, name="docs-asset"),
    path("manage/<slug:org>/api-tokens/", views.tokens, name="tokens"),
    path(
        "manage/<slug:org>/api-tokens/<int:pk>/revoke/",
        views.token_revoke_view,
        name="token-revoke",
    ),
]
