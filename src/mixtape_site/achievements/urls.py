from django.urls import path

from mixtape_site.achievements import views, views_manage

MANAGE = "manage/<slug:org>/achievements/"
ONE = MANAGE + "<uuid:uuid>/"

app_name = "achievements"
urlpatterns = [
    path("achievements/", views.catalogue, name="catalogue"),
    path("achievements.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
    path("achievements.csv", views.catalogue_csv, name="catalogue_csv"),
    path("achievements/<uuid:uuid>", views.detail, name="detail"),
    path("achievements/<uuid:uuid>/image", views.image, name="image"),
    path(MANAGE, views_manage.manage_list, name="manage_list"),
    path(MANAGE + "new/", views_manage.manage_create, name="create"),
    path(ONE, views_manage.manage_detail, name="manage_detail"),
    path(ONE + "edit/", views_manage.manage_edit, name="edit"),
    path(ONE + "publish/", views_manage.manage_publish, name="publish"),
    path(ONE + "retire/", views_manage.manage_retire, name="retire"),
    path(ONE + "copy/", views_manage.manage_copy, name="copy"),
    path("manage/<slug:org>/endorsements/", views_manage.endorsements, name="endorsements"),
    path("manage/<slug:org>/endorsements/<uuid:uuid>/", views_manage.endorse, name="endorse"),
]
