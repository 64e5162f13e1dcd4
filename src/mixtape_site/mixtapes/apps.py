from django.apps import AppConfig


class MixtapesConfig(AppConfig):
    name = "mixtape_site.mixtapes"
    label = "mixtapes"
