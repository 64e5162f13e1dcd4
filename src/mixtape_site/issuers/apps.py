from django.apps import AppConfig


class IssuersConfig(AppConfig):
    name = "mixtape_site.issuers"
    label = "issuers"
