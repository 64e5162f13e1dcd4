from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "mixtape_site.organizations"
    label = "organizations"
