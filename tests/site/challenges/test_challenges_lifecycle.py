"""Draft → open → closed: what opening requires, the lazy closing rule, closing early,
and the audit trail of every transition and edit."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from mixtape_site.challenges import services
from mixtape_site.challenges.access import challenge_is_open, effective_status
from mixtape_site.challenges.models import AuditEvent, Challenge
from mixtape_site.challenges.tasks import challenges_close_due_task


def _data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": {"en": "Safer crossings", "fr": "Traverses plus sûres"},
        "problem": {"en": "Crossings near schools are unsafe."},
        "outcomes": {"en": "A pilot design."},
        "kind": Challenge.Kind.CALL, "skills": [], "disciplines": ["urban"],
        "trl_min": 2, "trl_max": 5, "starts_on": None, "ends_on": None, "budget": None,
        "language": Challenge.Language.BOTH,
        "deadline": timezone.now() + timedelta(days=10),
        "proposals_visible": Challenge.Visibility.AFTER_DEADLINE, "funding_programs": [],
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def draft(city: Any, city_staff: Any) -> Challenge:
    return services.challenge_create(organization=city, data=_data(), created_by=city_staff)


def _criterion(challenge: Challenge, user: Any) -> None:
    services.criterion_save(challenge=challenge, actor=user, data={
        "name": {"en": "Impact", "fr": "Impact"}, "description": {}, "max_points": 10})  # fmt: skip


def _actions(challenge: Challenge) -> list[str]:
    return list(challenge.audit.values_list("action", flat=True))


def test_create_refuses_an_institution(college: Any, proposer: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.challenge_create(organization=college, data=_data(), created_by=proposer)
    assert services.NOT_A_POSTING_ORGANIZATION in error.value.messages


def test_open_refuses_without_criteria(draft: Challenge, city_staff: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.challenge_open(challenge=draft, actor=city_staff)
    assert error.value.messages == [services.CRITERION_REQUIRED]
    draft.refresh_from_db()
    assert draft.status == Challenge.Status.DRAFT


def test_open_refuses_a_past_deadline_and_a_missing_french_title(
    city: Any, city_staff: Any
) -> None:
    challenge = services.challenge_create(organization=city, created_by=city_staff, data=_data(
        title={"en": "Only English"}, deadline=timezone.now() - timedelta(hours=1)))  # fmt: skip
    _criterion(challenge, city_staff)
    with pytest.raises(ValidationError) as error:
        services.challenge_open(challenge=challenge, actor=city_staff)
    assert set(error.value.messages) == {
        str(services.TITLE_BOTH_LANGUAGES),
        str(services.DEADLINE_IN_PAST),
    }


def test_trl_min_above_max_is_refused(draft: Challenge, city_staff: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.challenge_update(
            challenge=draft, data={"trl_min": 7, "trl_max": 3}, actor=city_staff
        )
    assert services.TRL_ORDER in error.value.messages
    draft.refresh_from_db()
    assert (draft.trl_min, draft.trl_max) == (2, 5)
    draft.trl_min = 7  # as if stored by another path: opening checks it too
    assert services.TRL_ORDER in services.open_problems(draft)


def test_open_publishes_and_audits(draft: Challenge, city_staff: Any) -> None:
    _criterion(draft, city_staff)
    services.challenge_open(challenge=draft, actor=city_staff)
    draft.refresh_from_db()
    assert draft.status == Challenge.Status.OPEN and draft.opened_at is not None
    assert _actions(draft) == [AuditEvent.Action.CREATED, AuditEvent.Action.OPENED]


def test_deadline_closes_lazily_then_the_command_records_it(open_challenge: Challenge) -> None:
    later = open_challenge.deadline + timedelta(minutes=1)
    assert challenge_is_open(open_challenge)
    assert not challenge_is_open(open_challenge, now=later)
    assert effective_status(open_challenge, now=later) == Challenge.Status.CLOSED
    Challenge.objects.filter(pk=open_challenge.pk).update(deadline=timezone.now())
    out = StringIO()
    call_command("challenges_close_due", stdout=out)
    open_challenge.refresh_from_db()
    assert open_challenge.status == Challenge.Status.CLOSED
    assert "Closed 1" in out.getvalue()
    event = open_challenge.audit.get(action=AuditEvent.Action.CLOSED)
    assert event.actor is None and event.detail == {"reason": "deadline"}
    assert challenges_close_due_task.enqueue().return_value == 0  # idempotent


def test_close_early(open_challenge: Challenge, city_staff: Any) -> None:
    services.challenge_close(challenge=open_challenge, actor=city_staff)
    open_challenge.refresh_from_db()
    assert open_challenge.status == Challenge.Status.CLOSED
    assert open_challenge.audit.get().detail == {"reason": "early"}
    with pytest.raises(ValidationError):
        services.challenge_close(challenge=open_challenge, actor=city_staff)


def test_edit_while_open_is_logged_with_before_and_after(
    open_challenge: Challenge, city_staff: Any
) -> None:
    changed = services.challenge_update(challenge=open_challenge, actor=city_staff,
                                        data={"trl_max": 7, "budget": None})  # fmt: skip
    assert set(changed) == {"trl_max", "budget"}
    event = open_challenge.audit.get(action=AuditEvent.Action.EDITED)
    assert event.actor == city_staff
    assert event.detail["changes"]["trl_max"] == {"from": 6, "to": 7}


def test_open_challenge_keeps_a_future_deadline_and_a_criterion(
    open_challenge: Challenge, city_staff: Any
) -> None:
    past = {"deadline": timezone.now() - timedelta(days=1)}
    with pytest.raises(ValidationError):
        services.challenge_update(challenge=open_challenge, actor=city_staff, data=past)
    first, second = open_challenge.criteria.all()
    services.criterion_remove(criterion=first, actor=city_staff)
    with pytest.raises(ValidationError) as error:
        services.criterion_remove(criterion=second, actor=city_staff)
    assert error.value.messages == [services.LAST_CRITERION]


def test_closed_challenge_is_frozen(open_challenge: Challenge, city_staff: Any) -> None:
    later = open_challenge.deadline + timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.challenge_update(challenge=open_challenge, actor=city_staff,
                                  data={"trl_max": 7}, now=later)  # fmt: skip
    assert error.value.messages == [services.FROZEN]
    open_challenge.refresh_from_db()
    assert open_challenge.status == Challenge.Status.CLOSED  # persisted on the way


def test_criteria_reorder(open_challenge: Challenge, city_staff: Any) -> None:
    first, second = open_challenge.criteria.all()
    services.criterion_move(criterion=second, up=True, actor=city_staff)
    assert list(open_challenge.criteria.all()) == [second, first]
