"""The public player: live verification, only the chosen credentials, dead links gone."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.site.factories import PYTHON_SKILL
from tests.site.mixtapes.conftest import LEARNER_EMAIL, SQL_SKILL, hold

from mixtape import verify
from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke
from mixtape_site.issuers.resolver import fetch_json, platform_resolver
from mixtape_site.mixtapes.models import ShareLink
from mixtape_site.mixtapes.selectors import LINK_GONE, play
from mixtape_site.mixtapes.services import share_link_create, share_link_revoke
from mixtape_site.wallet.models import WalletCredential


def play_url(link: ShareLink, name: str = "play") -> str:
    return reverse(f"mixtapes:{name}", kwargs={"token": link.token})


def assert_private(response: Any) -> None:
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"


def test_player_verifies_every_credential_without_an_account(client: Client, link: Any) -> None:
    response = client.get(play_url(link))

    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert "Data work" in html and "For data jobs." in html
    assert "2 credentials, 2 verified" in html
    assert "Data Analysis Fundamentals" in html and "Databases with SQL" in html
    assert "My first micro-credential." in html  # the learner's note
    assert "Northern College" in html
    issued = link.mixtape.tracks.first().credential.issued_credential
    assert reverse("credentials:public", kwargs={"uuid": issued.uuid}) in html
    link.refresh_from_db()
    assert link.play_count == 1 and link.last_played_at is not None


def test_player_shows_only_the_chosen_credentials_and_nothing_about_the_learner(
    client: Client, link: Any, learner: Any, other_learner: Any, published_achievement: Any
) -> None:
    private = credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Léa Tremblay", email=LEARNER_EMAIL, external_id="secret"),
        issued_by=link.mixtape.tracks.first().credential.issued_credential.issued_by,
    ).credential
    hidden = hold(learner, private)
    WalletCredential.objects.filter(pk=hidden.pk).update(name="Secret Side Project")

    html = client.get(play_url(link)).content.decode()

    assert "Secret Side Project" not in html
    assert str(hidden.uuid) not in html and str(private.uuid) not in html
    assert LEARNER_EMAIL not in html
    assert learner.email not in html


def test_unknown_link_is_404_and_private(client: Client, db: None) -> None:
    response = client.get(reverse("mixtapes:play", kwargs={"token": "x" * 43}))
    assert response.status_code == 404
    assert_private(response)


def test_withdrawn_link_is_gone_with_a_clear_page(client: Client, link: Any) -> None:
    share_link_revoke(link=link)

    for name in ("play", "play_print", "download"):
        response = client.get(play_url(link, name))
        assert response.status_code == 410
        assert_private(response)
    assert str(LINK_GONE) in response.content.decode()
    assert "Data Analysis Fundamentals" not in response.content.decode()


def test_expired_link_is_gone(client: Client, full_mixtape: Any) -> None:
    link = share_link_create(mixtape=full_mixtape, expires_at=timezone.now() + timedelta(days=1))
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(play_url(link))

    assert response.status_code == 410
    assert str(LINK_GONE) in response.content.decode()


def test_issuer_revocation_shows_revoked_and_drops_its_skills(
    client: Client, link: Any, sql_issued: Any, issuer_staff: Any
) -> None:
    credential_revoke(credential=sql_issued, reason="Issued in error", actor=issuer_staff)

    playback = play(link=link)
    html = client.get(play_url(link)).content.decode()

    verdicts = {t.name: t.result.verdict for t in playback.tracks}
    assert verdicts == {"Data Analysis Fundamentals": "verified", "Databases with SQL": "revoked"}
    assert playback.summary == "2 credentials, 1 verified, 1 revoked"
    verified = {s.key: s for s in playback.verified_skills}
    assert PYTHON_SKILL in verified and SQL_SKILL not in verified
    assert verified[PYTHON_SKILL].verified_in == ["Data Analysis Fundamentals"]
    assert verified[PYTHON_SKILL].unverified_in == ["Databases with SQL"]
    assert [s.key for s in playback.unverified_skills] == [SQL_SKILL]
    assert "2 credentials, 1 verified, 1 revoked" in html
    assert "The issuer has revoked this credential." in html


def test_skills_profile_combines_credentials_in_the_readers_language(
    client: Client, link: Any
) -> None:
    playback = play(link=link)
    python = next(s for s in playback.skills if s.key == PYTHON_SKILL)
    assert python.verified_in == ["Data Analysis Fundamentals", "Databases with SQL"]
    assert playback.skills[0].key == PYTHON_SKILL  # shown by the most credentials, first

    client.cookies["django_language"] = "fr"
    html = client.get(play_url(link)).content.decode()
    assert "Python (programmation)" in html and "SQL (langage)" in html


def test_print_view_is_a_plain_page(client: Client, link: Any) -> None:
    page = client.get(play_url(link)).content.decode()
    assert play_url(link, "play_print") in page

    response = client.get(play_url(link, "play_print"))

    assert response.status_code == 200
    assert_private(response)
    assert "Databases with SQL" in response.content.decode()


def test_zip_holds_each_credential_as_signed_and_a_readme(client: Client, link: Any) -> None:
    response = client.get(play_url(link, "download"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert_private(response)
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names == [
        "01-data-analysis-fundamentals.json",
        "02-databases-with-sql.json",
        "README.txt",
    ]
    first = json.loads(archive.read(names[0]))
    assert first == link.mixtape.tracks.first().credential.document
    assert verify(first, resolver=platform_resolver(), status_fetcher=fetch_json).verified
    readme = archive.read("README.txt").decode()
    assert "Data work" in readme and "mixtape verify" in readme
    assert LEARNER_EMAIL not in readme
