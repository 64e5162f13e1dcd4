from django.apps import AppConfig
from django.conf import settings


class SkillsConfig(AppConfig):
    name = "mixtape_site.skills"
    label = "skills"

    def ready(self) -> None:
        # Building ESCO's search indexes takes seconds: do it in the background at
        # start-up so the first autocomplete or job-posting match doesn't wait.
        if getattr(settings, "MIXTAPE_WARM_SKILLS", False):
            from mixtape_site.skills.registry import suggest_index_warm  # noqa: PLC0415

            suggest_index_warm()
