from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mixtape_site.accounts"
    label = "accounts"
