"""Status lists are fetched once for many credentials, and cached between plays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest
from django.core.cache import cache

from mixtape_site.issuers.resolver import fetch_json
from mixtape_site.mixtapes import livestatus
from mixtape_site.mixtapes.selectors import play


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every status-list fetch the player makes, counted by URL."""
    counted: Counter[str] = Counter()

    def counting(url: str) -> Mapping[str, Any]:
        counted[url] += 1
        return fetch_json(url)

    monkeypatch.setattr(livestatus, "fetch_json", counting)
    return counted


def test_two_credentials_on_one_list_fetch_it_once(
    link: Any, fetches: Counter[str], issued_credential: Any, sql_issued: Any
) -> None:
    assert issued_credential.suspension_list_id == sql_issued.suspension_list_id

    playback = play(link=link)

    assert [t.result.verdict for t in playback.tracks] == ["verified", "verified"]
    assert fetches, "the status list was never fetched"
    assert set(fetches.values()) == {1}


def test_a_second_play_reads_the_cache(link: Any, fetches: Counter[str]) -> None:
    play(link=link)
    first = sum(fetches.values())

    play(link=link)

    assert sum(fetches.values()) == first
    cache.clear()
    play(link=link)
    assert sum(fetches.values()) == 2 * first
