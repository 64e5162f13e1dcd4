"""A credential's public URLs: its page (HTML or JSON by Accept) and its downloads.

No trailing slash and no language prefix: ``/credentials/<uuid>`` is the
credential's ``id`` for ever.
"""

from django.urls import path

from mixtape_site.credentials import views_public

urlpatterns = [
    path("credentials/<uuid:uuid>", views_public.public, name="public"),
    path("credentials/<uuid:uuid>.json", views_public.download_json, name="download_json"),
    path("credentials/<uuid:uuid>.png", views_public.download_png, name="download_png"),
    path("credentials/<uuid:uuid>.svg", views_public.download_svg, name="download_svg"),
]
