from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "mixtape_site.credentials"
    label = "credentials"
