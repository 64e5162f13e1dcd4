"""The learner's pages: owner only, bad input kept, every action a plain form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from tests.site.mixtapes.conftest import hold

from mixtape_site.credentials.services import credential_revoke
from mixtape_site.mixtapes.forms import EXPIRY_NOT_FUTURE, NO_MIXTAPE_CHOSEN
from mixtape_site.mixtapes.models import Mixtape, ShareLink, Track
from mixtape_site.mixtapes.services import mixtape_create


def url(name: str, mixtape: Mixtape, **kwargs: Any) -> str:
    return reverse(f"mixtapes:{name}", kwargs={"uuid": mixtape.uuid, **kwargs})


def test_pages_need_an_account(client: Client, mixtape: Mixtape) -> None:
    for page in (reverse("mixtapes:list"), reverse("mixtapes:create"), url("detail", mixtape)):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_list_shows_only_my_mixtapes(client: Client, learner: Any, other_learner: Any) -> None:
    mixtape_create(owner=learner, title="Mine")
    mixtape_create(owner=other_learner, title="Theirs")
    client.force_login(learner)

    html = client.get(reverse("mixtapes:list")).content.decode()

    assert "Mine" in html and "Theirs" not in html


def test_create_keeps_what_was_typed_on_error_then_creates(client: Client, learner: Any) -> None:
    client.force_login(learner)

    bad = client.post(reverse("mixtapes:create"), {"title": "", "description": "Kept text"})
    assert bad.status_code == 400
    assert "Kept text" in bad.content.decode()
    assert 'aria-invalid="true"' in bad.content.decode()
    assert not Mixtape.objects.exists()

    good = client.post(reverse("mixtapes:create"), {"title": "Jobs", "description": ""})
    mixtape = Mixtape.objects.get()
    assert good["Location"] == url("detail", mixtape)
    assert mixtape.owner == learner


@pytest.mark.parametrize(
    ("name", "extra", "data"),
    [
        ("detail", {}, {"title": "Stolen"}),
        ("delete", {}, {}),
        ("tracks_add", {}, {"credentials": ["1"]}),
        ("link_create", {}, {"label": "x"}),
        ("presentation", {}, {}),
        ("track_move", {"track_id": 0}, {"direction": "down"}),
        ("track_note", {"track_id": 0}, {"note": "x"}),
        ("track_remove", {"track_id": 0}, {}),
        ("link_revoke", {"link_id": 0}, {}),
    ],
)
def test_someone_elses_mixtape_is_a_404_everywhere(
    client: Client, other_learner: Any, link: ShareLink, name: str, extra: dict, data: dict
) -> None:
    mixtape = link.mixtape
    if "track_id" in extra:
        extra = {"track_id": mixtape.tracks.first().pk}
    if "link_id" in extra:
        extra = {"link_id": link.pk}
    client.force_login(other_learner)

    assert client.get(url(name, mixtape, **extra)).status_code in (404, 405)
    assert client.post(url(name, mixtape, **extra), data).status_code == 404

    mixtape.refresh_from_db()
    assert mixtape.title == "Data work" and mixtape.tracks.count() == 2
    link.refresh_from_db()
    assert link.revoked_at is None


def test_add_credentials_from_my_wallet_with_checkboxes(
    client: Client, learner: Any, mixtape: Mixtape, held: Any, held_sql: Any
) -> None:
    client.force_login(learner)
    page = client.get(url("detail", mixtape)).content.decode()
    assert f'value="{held.pk}"' in page and 'type="checkbox"' in page

    client.post(url("tracks_add", mixtape), {"credentials": [held_sql.pk, held.pk]})

    # Added in the order the wallet lists them (newest first), ready to be reordered.
    assert [t.credential for t in mixtape.tracks.all()] == [held_sql, held]
    page = client.get(url("detail", mixtape)).content.decode()
    assert "Every credential in your wallet is already in this mixtape." in page


def test_cannot_add_someone_elses_wallet_credential(
    client: Client, learner: Any, other_learner: Any, mixtape: Mixtape, issued_credential: Any
) -> None:
    theirs = hold(other_learner, issued_credential)
    client.force_login(learner)

    response = client.post(url("tracks_add", mixtape), {"credentials": [theirs.pk]})
    by_uuid = client.post(
        reverse("mixtapes:add_from_wallet"), {"credential": theirs.uuid, "mixtape": mixtape.uuid}
    )

    assert response.status_code == 400
    assert by_uuid.status_code == 404
    assert not Track.objects.exists()


def test_add_from_the_wallet_page_form(
    client: Client, learner: Any, other_learner: Any, mixtape: Mixtape, held: Any
) -> None:
    request = RequestFactory().get("/")
    request.user = learner
    snippet = render_to_string("mixtapes/_add_to_mixtape.html", {"credential": held}, request)
    assert reverse("mixtapes:add_from_wallet") in snippet and "Data work" in snippet
    assert f'<label for="add-to-mixtape-{held.uuid}"' in snippet
    theirs = mixtape_create(owner=other_learner, title="Theirs")
    client.force_login(learner)

    refused = client.post(
        reverse("mixtapes:add_from_wallet"),
        {"credential": held.uuid, "mixtape": theirs.uuid},
        follow=True,
    )
    assert str(NO_MIXTAPE_CHOSEN) in refused.content.decode()
    assert not theirs.tracks.exists()

    added = client.post(
        reverse("mixtapes:add_from_wallet"), {"credential": held.uuid, "mixtape": mixtape.uuid}
    )
    assert added["Location"] == url("detail", mixtape)
    assert mixtape.tracks.get().credential == held


def test_move_buttons_reorder_and_notes_save(
    client: Client, learner: Any, full_mixtape: Mixtape, held_sql: Any
) -> None:
    client.force_login(learner)
    sql_track = full_mixtape.tracks.get(credential=held_sql)
    page = client.get(url("detail", full_mixtape)).content.decode()
    assert 'name="direction" value="up"' in page and 'name="direction" value="down"' in page

    client.post(url("track_move", full_mixtape, track_id=sql_track.pk), {"direction": "up"})
    assert full_mixtape.tracks.first() == sql_track

    prefix = f"track-{sql_track.pk}"
    too_long = client.post(
        url("track_note", full_mixtape, track_id=sql_track.pk), {f"{prefix}-note": "y" * 501}
    )
    assert too_long.status_code == 400
    assert "y" * 501 in too_long.content.decode()
    client.post(url("track_note", full_mixtape, track_id=sql_track.pk), {f"{prefix}-note": "SQL!"})
    sql_track.refresh_from_db()
    assert sql_track.note == "SQL!"

    client.post(url("track_remove", full_mixtape, track_id=sql_track.pk))
    assert full_mixtape.tracks.count() == 1


def test_share_link_with_expiry_qr_code_and_withdrawal(
    client: Client, learner: Any, full_mixtape: Mixtape
) -> None:
    client.force_login(learner)
    past = client.post(
        url("link_create", full_mixtape), {"label": "Maple", "expires_on": "2000-01-01"}
    )
    assert past.status_code == 400
    assert str(EXPIRY_NOT_FUTURE) in past.content.decode()
    assert 'value="Maple"' in past.content.decode()

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    client.post(url("link_create", full_mixtape), {"label": "Maple", "expires_on": tomorrow})
    link = ShareLink.objects.get()
    assert link.expires_at is not None and link.expires_at > timezone.now()

    page = client.get(url("detail", full_mixtape)).content.decode()
    play_path = reverse("mixtapes:play", kwargs={"token": link.token})
    assert play_path in page
    assert '<svg role="img" aria-label="QR code of the share link"' in page
    assert "<title>QR code of the share link</title>" in page
    assert "Active" in page

    client.post(url("link_revoke", full_mixtape, link_id=link.pk))
    link.refresh_from_db()
    assert link.revoked_at is not None
    page = client.get(url("detail", full_mixtape)).content.decode()
    assert "Withdrawn" in page and "<svg" not in page
    assert client.get(play_path).status_code == 410


def test_edit_and_delete(client: Client, learner: Any, link: ShareLink) -> None:
    mixtape = link.mixtape
    client.force_login(learner)

    bad = client.post(url("detail", mixtape), {"title": "", "description": "New words"})
    assert bad.status_code == 400 and "New words" in bad.content.decode()
    client.post(url("detail", mixtape), {"title": "Renamed", "description": ""})
    mixtape.refresh_from_db()
    assert mixtape.title == "Renamed"

    client.post(url("delete", mixtape))
    assert not Mixtape.objects.exists()
    assert client.get(reverse("mixtapes:play", kwargs={"token": link.token})).status_code == 404


def test_detail_shows_each_credentials_live_status(
    client: Client, learner: Any, full_mixtape: Mixtape, sql_issued: Any, issuer_staff: Any
) -> None:
    credential_revoke(credential=sql_issued, reason="Issued in error", actor=issuer_staff)
    client.force_login(learner)

    page = client.get(url("detail", full_mixtape)).content.decode()

    assert page.count("badge-ok") == 1 and "✗</span> Revoked" in page
