from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mixtape_site.projects"
    label = "projects"

    def ready(self) -> None:
        from mixtape_site.challenges.signals import proposal_awarded  # noqa: PLC0415
        from mixtape_site.projects.receivers import on_proposal_awarded  # noqa: PLC0415

        proposal_awarded.connect(on_proposal_awarded, dispatch_uid="projects.project_start")
