from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "mixtape_site.goals"
    label = "goals"
