"""Key pages run a fixed number of queries however many rows there are; pages and search work.

No timings here (bench/bench_scale.py measures them at 10,000 and 1,000,000 credentials):
these tests pin what keeps the pages flat — no query per row, counts that stop at a cap.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.site.conftest import make_user

from mixtape_site.credentials import selectors
from mixtape_site.credentials.bulk_issue import credentials_issue_batch
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import Recipient
from mixtape_site.wallet.services import wallet_claim_discovered

LIST = "/manage/northern-college/credentials/"
LEARNER = "sam.learner@example.org"


def award(achievement: Any, staff: Any, count: int, *, start: int = 0, email: str = "") -> None:
    recipients = [
        Recipient(
            name=f"Person{i:03} Surname{i:03}",
            email=email or f"person{i:03}@example.org",
            external_id=f"S-{i:03}",
        )
        for i in range(start, start + count)
    ]
    credentials_issue_batch(achievement=achievement, recipients=recipients, issued_by=staff)


def queries(client: Any, url: str, params: dict[str, Any] | None = None) -> int:
    client.get(url, params)  # warm: cached statuses, the catalogue index, sessions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


# --- the issuer's award list ------------------------------------------------------------


@pytest.mark.parametrize("params", [None, {"q": "surname0"}, {"q": "person0", "state": "active"}])
def test_award_list_queries_do_not_grow_with_the_credentials(
    client, issuer_staff, published_achievement, params
):
    client.force_login(issuer_staff)
    award(published_achievement, issuer_staff, 3)
    few = queries(client, LIST, params)
    award(published_achievement, issuer_staff, 27, start=3)
    assert queries(client, LIST, params) == few


def test_award_list_page_two_shows_the_next_rows_and_a_page_past_the_end_the_last(
    client, issuer_staff, published_achievement, monkeypatch
):
    monkeypatch.setattr("mixtape_site.credentials.views_manage.PAGE_SIZE", 2)
    award(published_achievement, issuer_staff, 5)
    client.force_login(issuer_staff)
    newest = list(IssuedCredential.objects.values_list("recipient_name", flat=True))
    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()
    assert all(name in first for name in newest[:2]) and newest[2] not in first
    assert all(name in second for name in newest[2:4]) and newest[0] not in second
    assert "Page 2 of 3" in second and "page=3" in second and "page=1" in second
    for page in ("999", "junk"):
        response = client.get(LIST, {"page": page})
        assert response.status_code == 200
    assert newest[4] in client.get(LIST, {"page": "999"}).content.decode()
    assert newest[0] in client.get(LIST, {"page": "junk"}).content.decode()


def test_award_list_counts_stop_at_the_cap(
    client, issuer_staff, published_achievement, monkeypatch
):
    monkeypatch.setattr(selectors, "COUNT_CAP", 4)
    monkeypatch.setattr("mixtape_site.credentials.views_manage.PAGE_SIZE", 2)
    award(published_achievement, issuer_staff, 7)
    client.force_login(issuer_staff)
    first = client.get(LIST).content.decode()
    assert "more than 4" in first and "Page 1 of more than 2" in first
    last = client.get(LIST, {"page": 3}).content.decode()  # past the cap: the last page
    assert "Page 2 of more than 2" in last and "search or filter to find the others" in last


def test_award_search_finds_by_name_surname_and_email(client, issuer_staff, published_achievement):
    award(published_achievement, issuer_staff, 12)
    client.force_login(issuer_staff)
    for query in ("Person007", "surname007", "PERSON007@EXAMPLE", "person007@example.org"):
        page = client.get(LIST, {"q": query}).content.decode()
        assert "Person007 Surname007" in page, query
        assert "Person008 Surname008" not in page, query


def test_award_search_pages_without_counting_every_match(
    client, issuer_staff, published_achievement, monkeypatch
):
    monkeypatch.setattr("mixtape_site.credentials.views_manage.PAGE_SIZE", 2)
    award(published_achievement, issuer_staff, 5)
    client.force_login(issuer_staff)
    newest = list(IssuedCredential.objects.values_list("recipient_name", flat=True))
    with CaptureQueriesContext(connection) as captured:
        first = client.get(LIST, {"q": "surname"}).content.decode()
    searched = [q["sql"] for q in captured if "LIKE" in q["sql"]]
    assert len(searched) == 1  # the page itself, no count of the matches
    assert all(name in first for name in newest[:2]) and "page=2" in first
    third = client.get(LIST, {"q": "surname", "page": 3}).content.decode()
    assert newest[4] in third and "Page 3" in third and "page=4" not in third
    assert newest[0] in client.get(LIST, {"q": "surname", "page": "junk"}).content.decode()


# --- the learner's wallet ---------------------------------------------------------------


def hold(achievement: Any, staff: Any, learner: Any, count: int, start: int) -> None:
    award(achievement, staff, count, start=start, email=LEARNER)
    for credential in IssuedCredential.objects.filter(
        recipient_email=LEARNER, claimed_by=None
    ).order_by("id")[: count - 1]:  # one stays waiting to be added
        wallet_claim_discovered(user=learner, issued_credential=credential)


def test_wallet_page_queries_do_not_grow_with_the_wallet(
    client, issuer_staff, published_achievement
):
    learner = make_user(LEARNER)
    client.force_login(learner)
    hold(published_achievement, issuer_staff, learner, 3, start=0)
    few = queries(client, "/wallet/")
    hold(published_achievement, issuer_staff, learner, 27, start=3)
    assert learner.wallet.count() == 28
    assert queries(client, "/wallet/") == few


def test_wallet_page_shows_page_two_and_the_waiting_credentials(
    client, issuer_staff, published_achievement
):
    learner = make_user(LEARNER)
    client.force_login(learner)
    hold(published_achievement, issuer_staff, learner, 24, start=0)
    first = client.get("/wallet/").content.decode()
    assert "Credentials waiting for you" in first and "Page 1 of 2" in first
    second = client.get("/wallet/", {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert client.get("/wallet/", {"page": 99}).status_code == 200


# --- the public catalogue ---------------------------------------------------------------


@pytest.mark.parametrize("params", [None, {"q": "data"}, {"q": "zzyzx"}])
def test_catalogue_queries_do_not_grow_with_awards_or_micro_credentials(
    client, issuer_staff, published_achievement, params
):
    from tests.site.factories import published_achievement_create  # noqa: PLC0415

    few = queries(client, "/achievements/", params)
    award(published_achievement, issuer_staff, 30)
    for _ in range(10):
        published_achievement_create(
            organization=published_achievement.organization, created_by=issuer_staff
        )
    assert queries(client, "/achievements/", params) == few


def test_nothing_found_offers_the_most_awarded_first(
    client, college, issuer_staff, published_achievement
):
    from tests.site.factories import published_achievement_create  # noqa: PLC0415

    newer = published_achievement_create(organization=college, created_by=issuer_staff)
    award(published_achievement, issuer_staff, 2)
    response = client.get("/achievements/", {"q": "zzyzx"})
    assert response.context["near"].popular == [published_achievement, newer]
