from django.urls import path

from mixtape_site.accounts import views, views_data

app_name = "accounts"
urlpatterns = [
    path("account/", views.profile, name="profile"),
    path("account/export/", views_data.export, name="export"),
    path("account/delete/", views_data.delete, name="delete"),
    path("account/deleted/", views_data.deleted, name="deleted"),
]
