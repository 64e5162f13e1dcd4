"""Playing a mixtape costs the same number of queries for 5 credentials as for 20."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.site.factories import published_achievement_create

from mixtape_site.credentials.remembered import verification_caches_clear
from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke
from mixtape_site.mixtapes.services import mixtape_create, share_link_create, tracks_add
from mixtape_site.organizations.models import Organization

from .conftest import LEARNER_EMAIL, hold

SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022")


def _issuer(i: int) -> Organization:
    return Organization.objects.create(
        slug=f"college-{i}",
        name={"en": f"College {i}", "fr": f"Collège {i}"},
        kind=Organization.Kind.INSTITUTION,
    )


def _link(learner: Any, staff: Any, count: int, issuers: list[Organization]) -> tuple[Any, list]:
    """A link to a mixtape of ``count`` credentials from ``issuers``, both suites."""
    issued = []
    for i in range(count):
        achievement = published_achievement_create(
            organization=issuers[i % len(issuers)], created_by=staff
        )
        recipient = Recipient(name="Léa Tremblay", email=LEARNER_EMAIL)
        outcome = credential_issue(
            achievement=achievement, recipient=recipient, issued_by=staff, suite=SUITES[i % 2]
        )
        issued.append(outcome.credential)
    mixtape = mixtape_create(owner=learner, title=f"{count} credentials")
    tracks_add(mixtape=mixtape, credentials=[hold(learner, c) for c in issued])
    return share_link_create(mixtape=mixtape), issued


def _queries(client: Any, link: Any, *, cold: bool) -> int:
    if cold:
        verification_caches_clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("mixtapes:play", kwargs={"token": link.token}))
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_number_of_credentials(
    client: Any, learner: Any, issuer_staff: Any
) -> None:
    issuers = [_issuer(i) for i in range(2)]
    small, _ = _link(learner, issuer_staff, 5, issuers)
    large, _ = _link(learner, issuer_staff, 20, issuers)
    _queries(client, small, cold=False)  # templates and URL resolvers loaded

    cold = (_queries(client, small, cold=True), _queries(client, large, cold=True))
    warm = (_queries(client, small, cold=False), _queries(client, large, cold=False))

    assert cold[1] == cold[0]
    assert warm[1] == warm[0]


def test_a_revocation_after_a_play_shows_on_the_next_play(
    client: Any, learner: Any, issuer_staff: Any
) -> None:
    link, issued = _link(learner, issuer_staff, 2, [_issuer(0)])
    url = reverse("mixtapes:play", kwargs={"token": link.token})
    assert "2 verified" in client.get(url).content.decode()

    credential_revoke(credential=issued[1], reason="Issued in error.", actor=issuer_staff)

    page = client.get(url).content.decode()
    assert "1 verified" in page
    assert "1 revoked" in page
