"""Skills frameworks: public pages and the autocomplete (no trailing slash on resources)."""

from django.urls import path

from mixtape_site.skills import views

app_name = "skills"
urlpatterns = [
    path("skills/", views.frameworks_page, name="frameworks"),
    path("skills/concept", views.concept_page, name="concept"),
    path("skills/suggest", views.suggest_fragment, name="suggest"),
    path("skills/suggest.json", views.suggest_json, name="suggest_json"),
]
