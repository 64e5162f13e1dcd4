from django.apps import AppConfig


class WalletConfig(AppConfig):
    name = "mixtape_site.wallet"
    label = "wallet"
