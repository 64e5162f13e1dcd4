from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "mixtape_site.pathways"
    label = "pathways"

    def ready(self) -> None:
        from mixtape_site.credentials.signals import credential_state_changed  # noqa: PLC0415
        from mixtape_site.pathways import receivers  # noqa: PLC0415
        from mixtape_site.wallet.signals import credential_added  # noqa: PLC0415

        credential_added.connect(receivers.on_credential_added, dispatch_uid="pathways-award")
        credential_state_changed.connect(
            receivers.on_credential_state_changed, dispatch_uid="pathways-review"
        )
