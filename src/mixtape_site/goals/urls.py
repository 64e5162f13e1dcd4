"""From a goal (a job posting or an occupation) to a plan: public, better signed in."""

from django.urls import path

from mixtape_site.goals import views

app_name = "goals"
urlpatterns = [
    path("goals/", views.plan, name="plan"),
]
