from django.urls import path

from mixtape_site.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.profile, name="profile"),
]
