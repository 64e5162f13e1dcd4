from django.apps import AppConfig


class VerifierConfig(AppConfig):
    name = "mixtape_site.verifier"
    label = "verifier"
