from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mixtape_site.api"
    label = "api"
