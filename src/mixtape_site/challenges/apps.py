from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "mixtape_site.challenges"
    label = "challenges"
