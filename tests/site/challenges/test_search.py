"""The public listing: words in English or French (accents and endings forgiven) and
each facet, sorting, and the page itself."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.site.challenges.conftest import PYTHON_SKILL_ROW

from mixtape_site.challenges.models import Challenge
from mixtape_site.challenges.search import challenge_search


@pytest.fixture
def call(employer: Any) -> Challenge:
    """A second public challenge: an employer's call, TRL 7–9, closing in 60 days."""
    now = timezone.now()
    return Challenge.objects.create(
        organization=employer, status=Challenge.Status.OPEN, kind=Challenge.Kind.CALL,
        title={"en": "Warehouse robots", "fr": "Robots d'entrepôt"},
        problem={"en": "Pick orders faster.", "fr": "Préparer les commandes plus vite."},
        outcomes={"en": "A pilot.", "fr": "Un pilote."},
        trl_min=7, trl_max=9, deadline=now + timedelta(days=60), opened_at=now,
    )  # fmt: skip


def _titles(**kwargs: Any) -> list[str]:
    q = kwargs.pop("q", "")
    sort = kwargs.pop("sort", "deadline")
    pks = challenge_search(q=q, filters=kwargs, sort=sort).pks
    return [Challenge.objects.get(pk=pk).title["en"] for pk in pks]


@pytest.mark.parametrize("q", ["shelters", "shelter", "ABRIBUS", "canicule", "surchauffent",
                               "estivale"])  # fmt: skip
def test_words_match_in_either_language(open_challenge: Challenge, call: Challenge, q: str) -> None:
    assert _titles(q=q) == ["Cooler bus shelters"]


def test_accents_are_forgiven(open_challenge: Challenge, call: Challenge) -> None:
    assert _titles(q="entrepot") == ["Warehouse robots"]
    assert _titles(q="préparer commandes") == ["Warehouse robots"]
    assert _titles(q="robots submarine") == []  # every word is required


def test_drafts_are_never_listed(open_challenge: Challenge) -> None:
    Challenge.objects.filter(pk=open_challenge.pk).update(
        status=Challenge.Status.DRAFT, updated_at=timezone.now()
    )
    assert _titles() == []


def test_facets(open_challenge: Challenge, call: Challenge, grant: Any) -> None:
    assert _titles(partner="city-of-lakeview") == ["Cooler bus shelters"]
    assert _titles(skill=PYTHON_SKILL_ROW["url"]) == ["Cooler bus shelters"]
    assert _titles(program=grant.slug) == ["Cooler bus shelters"]
    assert _titles(kind="call") == ["Warehouse robots"]
    assert _titles(trl="6") == ["Cooler bus shelters"]  # 3 ≤ 6 ≤ 6
    assert _titles(trl="7") == ["Warehouse robots"]
    assert _titles(trl="2") == []
    assert _titles(deadline="closing") == ["Cooler bus shelters"]  # 14 days away
    assert _titles(deadline="open") == ["Cooler bus shelters", "Warehouse robots"]
    now = timezone.now()  # edits go through save(), which moves updated_at: the index key
    Challenge.objects.filter(pk=call.pk).update(deadline=now, updated_at=now)
    assert _titles(deadline="closed") == ["Warehouse robots"]


def test_facet_counts_ignore_their_own_filter(open_challenge: Challenge, call: Challenge) -> None:
    result = challenge_search(filters={"kind": "call"})
    assert result.facet_counts["kind"] == {"call": 1, "challenge": 1}
    assert result.facet_counts["partner"] == {"maple-tech": 1}


def test_sorting(open_challenge: Challenge, call: Challenge) -> None:
    assert _titles() == ["Cooler bus shelters", "Warehouse robots"]  # deadline soonest
    assert _titles(sort="newest") == ["Warehouse robots", "Cooler bus shelters"]


def test_listing_page_counts_and_filters(
    client: Client, open_challenge: Challenge, call: Challenge
) -> None:
    url = reverse("challenges:list")
    response = client.get(url, {"q": "abribus"}, HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<p role="status">1 ' in page and "Abribus plus frais" in page
    response = client.get(url, {"trl": "12", "deadline": "soon"})
    assert response.status_code == 200 and response.context["count"] == 2  # bad filters dropped
    assert 'role="alert"' in response.content.decode()
