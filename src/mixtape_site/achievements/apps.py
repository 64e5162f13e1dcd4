from django.apps import AppConfig


class AchievementsConfig(AppConfig):
    name = "mixtape_site.achievements"
    label = "achievements"
