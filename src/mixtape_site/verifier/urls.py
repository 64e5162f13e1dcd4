"""The public verifier, for anyone, without an account."""

from django.urls import path

from mixtape_site.verifier import views

app_name = "verifier"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
]
