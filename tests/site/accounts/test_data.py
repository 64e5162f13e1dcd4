"""The learner's data is theirs: export all of it as a zip, delete the account for good."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mixtape import verify
from mixtape_site.accounts.data import CONFIRM_WORD, WRONG_PASSWORD
from mixtape_site.accounts.models import User
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.verifying import status_list_fetch
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.mixtapes.models import Mixtape, ShareLink, Track
from mixtape_site.organizations.models import Membership
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import LearnerKey, WalletCredential

PASSWORD = "a-long-test-password-1"
HOSTILE = '<script>alert("x")</script> & co'
TOKEN = "t" * 43


def _hold(owner: Any, document: dict[str, Any], **fields: Any) -> WalletCredential:
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    return WalletCredential.objects.create(
        owner=owner, content_hash=digest, document=document, **fields
    )


@pytest.fixture
def learner(issued_credential: IssuedCredential) -> User:
    from tests.site.conftest import make_user  # noqa: PLC0415

    user = make_user("learner@example.org")
    user.display_name = "Léa Tremblay"
    user.save()
    IssuedCredential.objects.filter(pk=issued_credential.pk).update(claimed_by=user)
    claimed = _hold(
        user,
        issued_credential.document,
        source=WalletCredential.Source.CLAIMED,
        format=WalletCredential.Format.OB3_JSON,
        issued_credential=issued_credential,
        name="Data Analysis Fundamentals",
        issuer_name="Northern College",
        issued_on=issued_credential.issued_on,
    )
    _hold(
        user,
        {"jwt": "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln"},
        source=WalletCredential.Source.IMPORTED,
        format=WalletCredential.Format.VC_JWT,
        name=HOSTILE,
        issuer_name="Elsewhere",
    )
    mixtape = Mixtape.objects.create(owner=user, title=HOSTILE, description="For <b>employers</b>")
    Track.objects.create(mixtape=mixtape, credential=claimed, position=0, note="My best")
    ShareLink.objects.create(mixtape=mixtape, token=TOKEN, label="Maple Tech")
    learner_did(user=user)
    return user


@pytest.fixture
def signed_in(client: Client, learner: User) -> Client:
    client.force_login(learner)
    return client


def _export(client: Client) -> zipfile.ZipFile:
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mixtape-export-')
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_holds_every_credential_the_mixtapes_and_the_profile(
    signed_in: Client, learner: User, issued_credential: IssuedCredential
) -> None:
    archive = _export(signed_in)
    names = sorted(archive.namelist())
    assert names == [
        "credentials/001-data-analysis-fundamentals.json",
        "credentials/002-scriptalertxscript-co.jwt",
        "index.html",
        "mixtapes.json",
        "profile.json",
    ]
    stored = json.loads(archive.read("credentials/001-data-analysis-fundamentals.json"))
    assert stored == issued_credential.document
    assert archive.read("credentials/002-scriptalertxscript-co.jwt").decode().startswith("eyJ")
    mixtape = json.loads(archive.read("mixtapes.json"))[0]
    assert mixtape["title"] == HOSTILE
    assert mixtape["tracks"] == [
        {
            "position": 0,
            "file": "credentials/001-data-analysis-fundamentals.json",
            "name": "Data Analysis Fundamentals",
            "note": "My best",
        }
    ]
    link = mixtape["shareLinks"][0]
    assert link["token"] == TOKEN and link["status"] == "active"
    assert link["url"].endswith(reverse("mixtapes:play", kwargs={"token": TOKEN}))
    profile = json.loads(archive.read("profile.json"))
    assert profile["email"] == "learner@example.org"
    assert profile["displayName"] == "Léa Tremblay"
    assert profile["did"] == learner_did(user=learner)
    assert profile["emails"] == [
        {"email": "learner@example.org", "verified": True, "primary": True}
    ]


def test_export_index_is_readable_and_escaped(signed_in: Client) -> None:
    index = _export(signed_in).read("index.html").decode()
    assert "<script>" not in index
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in index
    assert "For &lt;b&gt;employers&lt;/b&gt;" in index
    assert 'href="credentials/001-data-analysis-fundamentals.json"' in index
    assert "Léa Tremblay" in index


def test_export_needs_sign_in(client: Client, db: None) -> None:
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_delete_page_explains_and_deletes_nothing(signed_in: Client, learner: User) -> None:
    response = signed_in.get(reverse("accounts:delete"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "stay valid" in page
    assert reverse("accounts:export") in page
    assert User.objects.filter(pk=learner.pk).exists()


def test_delete_removes_the_learners_data_and_keeps_issued_credentials_valid(
    signed_in: Client, learner: User, issued_credential: IssuedCredential
) -> None:
    response = signed_in.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirmation": str(CONFIRM_WORD)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:deleted")
    assert not User.objects.filter(pk=learner.pk).exists()
    for model in (WalletCredential, Mixtape, Track, ShareLink, LearnerKey):
        assert not model.objects.exists(), model
    issued_credential.refresh_from_db()
    assert issued_credential.claimed_by is None
    # Signed out, and the share link is dead.
    assert "_auth_user_id" not in signed_in.session
    player = signed_in.get(reverse("mixtapes:play", kwargs={"token": TOKEN}))
    assert player.status_code in (404, 410)
    assert signed_in.get(reverse("accounts:deleted")).status_code == 200
    # Anyone holding a copy of the credential can still verify it.
    report = verify(
        issued_credential.document, resolver=platform_resolver(), status_fetcher=status_list_fetch
    )
    assert report.verified


@pytest.mark.parametrize(
    ("password", "confirmation"),
    [("wrong-password", "DELETE"), (PASSWORD, "delete it"), (PASSWORD, "")],
    ids=["wrong-password", "wrong-word", "no-word"],
)
def test_delete_refuses_without_password_and_confirmation(
    signed_in: Client, learner: User, password: str, confirmation: str
) -> None:
    response = signed_in.post(
        reverse("accounts:delete"), {"password": password, "confirmation": confirmation}
    )
    assert response.status_code == 400
    assert User.objects.filter(pk=learner.pk).exists()
    assert WalletCredential.objects.filter(owner=learner).count() == 2
    if password != PASSWORD:
        assert str(WRONG_PASSWORD) in response.content.decode()
    assert response.context["form"]["confirmation"].value() == confirmation


def test_delete_is_post_only(signed_in: Client, learner: User) -> None:
    assert signed_in.put(reverse("accounts:delete")).status_code == 405
    assert User.objects.filter(pk=learner.pk).exists()


def test_last_admin_of_an_organization_must_hand_over_first(
    client: Client, college_admin: User
) -> None:
    client.force_login(college_admin)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "only admin of Northern College" in page
    response = client.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirmation": "DELETE"}
    )
    assert response.status_code == 400
    assert "only admin of Northern College" in response.content.decode()
    assert User.objects.filter(pk=college_admin.pk).exists()


def test_an_admin_with_a_co_admin_can_leave(
    client: Client, college_admin: User, issuer_staff: User, college: Any
) -> None:
    Membership.objects.filter(user=issuer_staff).update(role=Membership.Role.ADMIN)
    client.force_login(college_admin)
    response = client.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirmation": "DELETE"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=college_admin.pk).exists()
    assert Membership.objects.filter(organization=college, role="admin").count() == 1
