"""The learner's wallet: ``/wallet/…`` (signed-in pages, with trailing slashes)."""

from django.urls import path

from mixtape_site.wallet import views

app_name = "wallet"
urlpatterns = [
    path("wallet/", views.wallet_list, name="list"),
    path("wallet/import/", views.wallet_import, name="import"),
    path("wallet/waiting/<uuid:uuid>/add/", views.wallet_claim, name="claim"),
    path("wallet/<uuid:uuid>/", views.wallet_detail, name="detail"),
    path("wallet/<uuid:uuid>/tags/", views.wallet_tags, name="tags"),
    path("wallet/<uuid:uuid>/remove/", views.wallet_remove, name="remove"),
    path("wallet/<uuid:uuid>/download", views.wallet_download, name="download"),
]

# --- sharing one credential (wallet/views_share.py; owned by the sharing helper) ---
from mixtape_site.wallet.views_share import share_urlpatterns  # noqa: E402

urlpatterns += share_urlpatterns
