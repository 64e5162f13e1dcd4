from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mixtape_site.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.account.signals import password_reset  # noqa: PLC0415 - app registry
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from mixtape_site.accounts.language import remember_login_language  # noqa: PLC0415
        from mixtape_site.accounts.signals import (  # noqa: PLC0415
            verify_sole_address_on_password_reset,
        )

        user_logged_in.connect(remember_login_language, dispatch_uid="mixtape_login_language")
        password_reset.connect(
            verify_sole_address_on_password_reset, dispatch_uid="mixtape_reset_verifies"
        )
