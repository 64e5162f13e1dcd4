from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mixtape_site.projects"
    label = "projects"
