"""Issuing to many recipients at once: each award once, its own status slots, its e-mail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core import mail
from tests.site.credentials.conftest import platform_verify

from mixtape.model.identity import hashed_identity
from mixtape_site.credentials import bulk_issue, statuslists
from mixtape_site.credentials.bulk_issue import credentials_issue_batch
from mixtape_site.credentials.documents import Award, credential_document
from mixtape_site.credentials.models import IssuedCredential, StatusList
from mixtape_site.credentials.services import (
    RECIPIENT_EMAIL_INVALID,
    RECIPIENT_NAME_REQUIRED,
    Recipient,
    credential_issue,
)

ISSUED_ON = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)


def cohort(n: int, *, start: int = 0) -> list[Recipient]:
    return [
        Recipient(
            name=f"Learner {i}",
            email=f"learner{i}@example.org",
            issued_on=ISSUED_ON,
            result="A" if i % 3 == 0 else "",
            evidence_url=f"https://portfolio.example.org/{i}" if i % 4 == 0 else "",
            external_id=f"S-{i}",
        )
        for i in range(start, start + n)
    ]


def slots(purpose: str) -> set[tuple[int, int]]:
    return set(IssuedCredential.objects.values_list(f"{purpose}_list", f"{purpose}_index"))


def test_a_batch_of_500_gets_distinct_slots_and_verifying_credentials(
    published_achievement: Any, issuer_staff: Any
) -> None:
    # 500 is above the pool threshold: this signs in forked worker processes.
    outcome = credentials_issue_batch(
        achievement=published_achievement, recipients=cohort(500), issued_by=issuer_staff
    )

    assert (len(outcome.created), outcome.existing, outcome.failed) == (500, [], [])
    assert IssuedCredential.objects.count() == 500
    assert len(slots("revocation")) == len(slots("suspension")) == 500
    for credential in IssuedCredential.objects.order_by("?")[:3]:
        report = platform_verify(credential.document)
        assert report.verified, report.checks
        assert credential.document["credentialSubject"]["identifier"][0]["salt"]


def test_batch_documents_are_those_the_one_by_one_path_builds(
    published_achievement: Any, issuer_staff: Any
) -> None:
    credentials_issue_batch(
        achievement=published_achievement, recipients=cohort(12), issued_by=issuer_staff
    )

    for credential in IssuedCredential.objects.all():
        award = Award(
            uuid=credential.uuid,
            achievement=published_achievement,
            identity=_identity(credential),
            issued_on=credential.issued_on,
            valid_until=credential.valid_until,
            result=credential.result,
            evidence_url=credential.evidence_url,
            slots={
                StatusList.Purpose.REVOCATION: (
                    credential.revocation_list,
                    credential.revocation_index,
                ),
                StatusList.Purpose.SUSPENSION: (
                    credential.suspension_list,
                    credential.suspension_index,
                ),
            },
        )
        unsigned = {k: v for k, v in credential.document.items() if k != "proof"}
        assert unsigned == credential_document(award)


def _identity(credential: IssuedCredential) -> Any:
    return hashed_identity(value=credential.recipient_email, salt=credential.identity_salt)


def test_a_second_batch_skips_awards_issued_before_and_issues_the_rest(
    published_achievement: Any, issuer_staff: Any
) -> None:
    first = credentials_issue_batch(
        achievement=published_achievement, recipients=cohort(10), issued_by=issuer_staff
    )
    single = credential_issue(
        achievement=published_achievement, recipient=cohort(1, start=10)[0], issued_by=issuer_staff
    )

    again = credentials_issue_batch(
        achievement=published_achievement, recipients=cohort(15), issued_by=issuer_staff
    )

    assert sorted(again.existing) == sorted([*first.created, single.credential.pk])
    assert len(again.created) == 4
    assert IssuedCredential.objects.count() == 15


def test_a_recipient_twice_in_one_batch_gets_one_credential(
    published_achievement: Any, issuer_staff: Any
) -> None:
    twice = [*cohort(3), cohort(1)[0]]

    outcome = credentials_issue_batch(
        achievement=published_achievement, recipients=twice, issued_by=issuer_staff
    )

    assert len(outcome.created) == 3
    assert outcome.existing == [outcome.created[0]]
    assert IssuedCredential.objects.filter(recipient_email="learner0@example.org").count() == 1


def test_bad_rows_are_reported_and_the_others_issued(
    published_achievement: Any, issuer_staff: Any
) -> None:
    rows = cohort(4)
    rows[1] = Recipient(name="Nameless", email="not-an-address")
    rows[2] = Recipient(name=" ", email="blank@example.org")
    rows.append(Recipient(name="Too long", email="long@example.org", result="x" * 101))

    outcome = credentials_issue_batch(
        achievement=published_achievement, recipients=rows, issued_by=issuer_staff
    )

    assert len(outcome.created) == 2
    assert [failure.position for failure in outcome.failed] == [1, 2, 4]
    assert outcome.failed[0].messages == [str(RECIPIENT_EMAIL_INVALID)]
    assert outcome.failed[1].messages == [str(RECIPIENT_NAME_REQUIRED)]
    assert IssuedCredential.objects.count() == 2


def test_status_lists_fill_and_roll_over_to_new_lists(
    published_achievement: Any, issuer_staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(statuslists, "LIST_LENGTH", 16)
    chunks: list[int] = []

    credentials_issue_batch(
        achievement=published_achievement,
        recipients=cohort(40),
        issued_by=issuer_staff,
        chunk_rows=12,
        on_chunk=lambda outcome: chunks.append(len(outcome.created)),
    )

    assert chunks == [12, 12, 12, 4]
    for purpose in StatusList.Purpose.values:
        lists = list(StatusList.objects.filter(purpose=purpose).order_by("id"))
        used = [
            IssuedCredential.objects.filter(**{f"{purpose}_list": row}).count() for row in lists
        ]
        assert used == [16, 16, 8]
        assert [row.next_index for row in lists] == [16, 16, 8]
        assert len(slots(purpose)) == 40


def test_each_recipient_gets_their_award_email_once_the_chunk_commits(
    published_achievement: Any, issuer_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        credentials_issue_batch(
            achievement=published_achievement,
            recipients=cohort(7),
            issued_by=issuer_staff,
            chunk_rows=3,
        )

    assert len(callbacks) == 3  # one e-mail task per chunk, not per credential
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"learner{i}@example.org" for i in range(7)
    )
    claim = IssuedCredential.objects.get(recipient_email="learner5@example.org").claim_token
    [message] = [m for m in mail.outbox if m.to == ["learner5@example.org"]]
    assert claim in message.body


def test_a_chunk_colliding_with_a_concurrent_issue_is_issued_row_by_row_once(
    published_achievement: Any, issuer_staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = cohort(5)
    real_fresh = bulk_issue._Issuer._fresh

    def fresh_then_twin_elsewhere(self: Any, chunk_rows: Any, outcome: Any) -> Any:
        found = real_fresh(self, chunk_rows, outcome)
        # Another issuer awards row 2 between our check and our insert.
        credential_issue(achievement=published_achievement, recipient=rows[2], issued_by=None)
        return found

    monkeypatch.setattr(bulk_issue._Issuer, "_fresh", fresh_then_twin_elsewhere)
    outcome = credentials_issue_batch(
        achievement=published_achievement, recipients=rows, issued_by=issuer_staff
    )

    assert len(outcome.created) == 4
    assert len(outcome.existing) == 1
    assert IssuedCredential.objects.count() == 5
