"""Public credential URLs (``urls_public``) and issuer management (``urls_manage``)."""

from mixtape_site.credentials.urls_manage import urlpatterns as manage_patterns
from mixtape_site.credentials.urls_public import urlpatterns as public_patterns

app_name = "credentials"
urlpatterns = [*public_patterns, *manage_patterns]
