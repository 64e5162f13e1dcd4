from django.urls import path

from mixtape_site.bulk import views

app_name = "bulk"
urlpatterns = [
    path("manage/<slug:org>/achievements/<uuid:uuid>/bulk/", views.upload, name="upload"),
    path("manage/<slug:org>/bulk/", views.bulk_list, name="list"),
    path("manage/<slug:org>/bulk/template.csv", views.template_csv, name="template"),
    path("manage/<slug:org>/bulk/<uuid:uuid>/", views.detail, name="detail"),
    path("manage/<slug:org>/bulk/<uuid:uuid>/progress", views.progress, name="progress"),
    path("manage/<slug:org>/bulk/<uuid:uuid>/confirm/", views.confirm, name="confirm"),
    path("manage/<slug:org>/bulk/<uuid:uuid>/resume/", views.resume, name="resume"),
    path("manage/<slug:org>/bulk/<uuid:uuid>/cancel/", views.cancel, name="cancel"),
]
