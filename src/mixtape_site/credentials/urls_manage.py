"""Issuer management of credentials, claim links, and the public status lists."""

from django.urls import path

from mixtape_site.credentials import views_claim, views_manage, views_status

urlpatterns = [
    path("status/<uuid:uuid>", views_status.status_list, name="status_list"),
    path("claim/<str:token>", views_claim.claim, name="claim"),
    path(
        "manage/<slug:org>/achievements/<uuid:uuid>/award/",
        views_manage.award,
        name="award",
    ),
    path("manage/<slug:org>/credentials/", views_manage.credential_list, name="list"),
    path(
        "manage/<slug:org>/credentials/<uuid:uuid>/",
        views_manage.credential_detail,
        name="detail",
    ),
    path(
        "manage/<slug:org>/credentials/<uuid:uuid>/status/",
        views_manage.credential_status_change,
        name="status_change",
    ),
    path("manage/<slug:org>/revocations/", views_manage.audit, name="audit"),
]
