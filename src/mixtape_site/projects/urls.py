"""Project URLs (namespace "projects"): the public page ``/projects/<uuid>`` (the
credentials' evidence) and the management pages under ``/manage/<org>/projects/``."""

from django.urls import URLPattern

app_name = "projects"
urlpatterns: list[URLPattern] = []
