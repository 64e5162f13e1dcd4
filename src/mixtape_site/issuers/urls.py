from django.urls import path

from mixtape_site.issuers import views

app_name = "issuers"
urlpatterns = [
    path("issuers/<slug:slug>", views.profile, name="profile"),
    path("issuers/<slug:slug>/did.json", views.did_json, name="did"),
]
