from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "mixtape_site.web"
    label = "web"
