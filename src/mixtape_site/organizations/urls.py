from django.urls import path

from mixtape_site.organizations import views

app_name = "organizations"
urlpatterns = [
    path("manage/<slug:org>/", views.dashboard, name="dashboard"),
]
