"""Root URLs. Public resources (credentials, issuers, status lists) have stable URLs
without a language prefix: the language comes from the cookie or the browser."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mixtape_site.web.urls")),
    path("", include("mixtape_site.accounts.urls")),
    path("", include("mixtape_site.organizations.urls")),
    path("", include("mixtape_site.issuers.urls")),
    path("", include("mixtape_site.achievements.urls")),
    path("", include("mixtape_site.credentials.urls")),
    path("", include("mixtape_site.bulk.urls")),
    path("", include("mixtape_site.api.urls")),
    path("", include("mixtape_site.wallet.urls")),
    path("", include("mixtape_site.mixtapes.urls")),
    path("", include("mixtape_site.verifier.urls")),
    path("", include("mixtape_site.goals.urls")),
    path("", include("mixtape_site.skills.urls")),
    path("", include("mixtape_site.pathways.urls")),
    path("", include("mixtape_site.challenges.urls")),
    path("", include("mixtape_site.projects.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
