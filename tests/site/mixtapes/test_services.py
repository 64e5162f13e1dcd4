"""Mixtape writes: tracks belong to the owner's wallet, keep their order and notes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.site.mixtapes.conftest import hold

from mixtape_site.mixtapes import services
from mixtape_site.mixtapes.models import Mixtape, ShareLink, Track
from mixtape_site.mixtapes.selectors import share_link_playable, wallet_candidates


def titles(mixtape: Mixtape) -> list[str]:
    return [t.credential.name for t in mixtape.tracks.select_related("credential")]


def test_create_refuses_an_empty_title(learner: Any) -> None:
    with pytest.raises(ValidationError):
        services.mixtape_create(owner=learner, title="  ", description="")
    assert not Mixtape.objects.exists()


def test_track_add_refuses_someone_elses_credential(
    mixtape: Mixtape, other_learner: Any, issued_credential: Any
) -> None:
    theirs = hold(other_learner, issued_credential)

    with pytest.raises(ValidationError) as error:
        services.track_add(mixtape=mixtape, credential=theirs)

    assert services.NOT_YOUR_CREDENTIAL in error.value.messages
    assert not Track.objects.exists()


def test_track_add_refuses_the_same_credential_twice(mixtape: Mixtape, held: Any) -> None:
    services.track_add(mixtape=mixtape, credential=held)
    with pytest.raises(ValidationError) as error:
        services.track_add(mixtape=mixtape, credential=held)
    assert services.ALREADY_IN_MIXTAPE in error.value.messages
    assert mixtape.tracks.count() == 1


def test_tracks_play_in_the_order_added_and_move_up_and_down(
    full_mixtape: Mixtape, held_sql: Any
) -> None:
    assert titles(full_mixtape) == ["Data Analysis Fundamentals", "Databases with SQL"]
    sql_track = full_mixtape.tracks.get(credential=held_sql)

    services.track_move(track=sql_track, direction="up")
    assert titles(full_mixtape) == ["Databases with SQL", "Data Analysis Fundamentals"]

    services.track_move(track=sql_track, direction="up")  # already first: nothing changes
    assert titles(full_mixtape) == ["Databases with SQL", "Data Analysis Fundamentals"]

    services.track_move(track=sql_track, direction="down")
    assert titles(full_mixtape) == ["Data Analysis Fundamentals", "Databases with SQL"]


def test_reorder_takes_every_track_exactly_once(full_mixtape: Mixtape) -> None:
    first, second = full_mixtape.tracks.values_list("id", flat=True)

    with pytest.raises(ValidationError):
        services.tracks_reorder(mixtape=full_mixtape, order=[first])
    services.tracks_reorder(mixtape=full_mixtape, order=[second, first])

    assert list(full_mixtape.tracks.values_list("id", flat=True)) == [second, first]


def test_removing_a_track_keeps_the_rest_in_order(
    full_mixtape: Mixtape, held: Any, held_sql: Any
) -> None:
    services.track_remove(track=full_mixtape.tracks.get(credential=held))

    assert titles(full_mixtape) == ["Databases with SQL"]
    assert list(full_mixtape.tracks.values_list("position", flat=True)) == [0]
    assert list(wallet_candidates(mixtape=full_mixtape)) == [held]


def test_note_is_saved_and_limited(full_mixtape: Mixtape) -> None:
    track = full_mixtape.tracks.first()
    assert track is not None
    services.track_set_note(track=track, note="  Led a team of three.  ")
    track.refresh_from_db()
    assert track.note == "Led a team of three."

    with pytest.raises(ValidationError):
        services.track_set_note(track=track, note="x" * 501)


def test_share_links_carry_at_least_128_random_bits_and_differ(mixtape: Mixtape) -> None:
    tokens = {services.share_link_create(mixtape=mixtape).token for _ in range(20)}

    assert len(tokens) == 20
    # URL-safe base64: 6 bits a character; 32 bytes give 43 characters (256 bits).
    assert all(len(token) * 6 >= 128 for token in tokens)
    assert all(len(token) == 43 for token in tokens)


def test_share_link_refuses_an_expiry_in_the_past(mixtape: Mixtape) -> None:
    with pytest.raises(ValidationError) as error:
        services.share_link_create(mixtape=mixtape, expires_at=timezone.now())
    assert services.EXPIRY_IN_PAST in error.value.messages
    assert not ShareLink.objects.exists()


def test_expired_and_revoked_links_no_longer_play(mixtape: Mixtape) -> None:
    soon = services.share_link_create(
        mixtape=mixtape, expires_at=timezone.now() + timedelta(seconds=30)
    )
    revoked = services.share_link_create(mixtape=mixtape)
    services.share_link_revoke(link=revoked)
    ShareLink.objects.filter(pk=soon.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert share_link_playable(token=soon.token) is None
    assert share_link_playable(token=revoked.token) is None
    assert share_link_playable(token="not-a-token") is None
    with pytest.raises(ValidationError):
        services.share_link_revoke(link=revoked)


def test_deleting_a_mixtape_kills_its_links_and_keeps_the_wallet(link: Any, held: Any) -> None:
    services.mixtape_delete(mixtape=link.mixtape)

    assert share_link_playable(token=link.token) is None
    held.refresh_from_db()
