"""The demo's learners find their claimed credentials, and one from outside, in their wallets."""

from __future__ import annotations

from django.urls import reverse

from mixtape_site.accounts.models import User
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.selectors import discovered_credentials
from mixtape_site.wallet.status import wallet_status
from mixtape_site.web.demo.build import demo_build


def test_demo_learners_see_their_credentials(db, settings, client):
    settings.MIXTAPE_BASE_URL = "http://testserver"
    demo_build()
    amira = User.objects.get(email="amira@learner.example")
    sam = User.objects.get(email="sam@learner.example")

    held = WalletCredential.objects.filter(owner=amira)
    sources = sorted(held.values_list("source", flat=True))
    assert sources == ["claimed", "claimed", "claimed", "claimed", "imported"]
    assert {wallet_status(c)[0] for c in held} == {WalletCredential.Status.VERIFIED}
    # Jean holds two course credentials and the wayfinding project's micro-credential.
    jean = WalletCredential.objects.filter(owner__email="jean@learner.example")
    assert jean.count() == 3
    assert jean.filter(issued_credential__project_member__isnull=False).count() == 1
    # Sam claimed nothing: his unrevoked award waits for him on the wallet page.
    assert not WalletCredential.objects.filter(owner=sam).exists()
    assert discovered_credentials(user=sam).count() == 1

    client.force_login(amira)
    page = client.get(reverse("wallet:list")).content.decode()
    assert "Statistics 101" in page and "Open Stats Academy" in page
