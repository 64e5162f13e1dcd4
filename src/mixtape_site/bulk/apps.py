from django.apps import AppConfig


class BulkConfig(AppConfig):
    name = "mixtape_site.bulk"
    label = "bulk"
