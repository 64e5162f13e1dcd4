"""Funding program URLs, included into ``challenges/urls.py`` (namespace "challenges"):
the public ``/funding/<slug>`` and the funder's ``/manage/<org>/funding/…``."""

from django.urls import path

from mixtape_site.challenges import views_funding

urlpatterns = [
    path("funding/<slug:slug>", views_funding.program_detail, name="funding_program"),
    path("manage/<slug:org>/funding/", views_funding.program_list, name="funding_list"),
    path("manage/<slug:org>/funding/new/", views_funding.program_edit, name="funding_add"),
    path("manage/<slug:org>/funding/<slug:slug>/", views_funding.program_edit,
         name="funding_edit"),
]  # fmt: skip
