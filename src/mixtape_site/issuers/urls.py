from django.urls import path

from mixtape_site.issuers import views, views_manage

app_name = "issuers"
urlpatterns = [
    path("issuers/<slug:slug>", views.profile, name="profile"),
    path("issuers/<slug:slug>/did.json", views.did_json, name="did"),
    path("manage/<slug:org>/keys/", views_manage.keys, name="keys"),
    path("manage/<slug:org>/keys/rotate/", views_manage.key_rotate, name="key_rotate"),
]
