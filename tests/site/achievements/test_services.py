"""The life cycle draft → published → retired, and what each state allows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mixtape_site.achievements import services
from mixtape_site.achievements.images import CheckedImage
from mixtape_site.achievements.models import Achievement

from .conftest import png_bytes


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return error.value.messages


def test_publish_then_retire(draft):
    published = services.achievement_publish(achievement=draft)
    assert published.status == Achievement.Status.PUBLISHED and published.published_at
    retired = services.achievement_retire(achievement=published)
    assert retired.status == Achievement.Status.RETIRED


@pytest.mark.parametrize(
    ("status", "service", "message"),
    [
        ("published", services.achievement_publish, services.ONLY_DRAFTS_PUBLISHED),
        ("retired", services.achievement_publish, services.ONLY_DRAFTS_PUBLISHED),
        ("draft", services.achievement_retire, services.ONLY_PUBLISHED_RETIRED),
        ("retired", services.achievement_retire, services.ONLY_PUBLISHED_RETIRED),
    ],
)
def test_illegal_transitions_are_refused(draft, status, service, message):
    Achievement.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(ValidationError) as refused:
        service(achievement=draft)
    assert _messages(refused) == [str(message)]
    draft.refresh_from_db()
    assert draft.status == status


def test_update_refuses_published(published_achievement):
    with pytest.raises(ValidationError) as refused:
        services.achievement_update(
            achievement=published_achievement, data={"hours": 99}, image=None
        )
    assert _messages(refused) == [str(services.ONLY_DRAFTS_EDITABLE)]
    published_achievement.refresh_from_db()
    assert published_achievement.hours == 40


def test_update_refuses_invalid_model_values(draft):
    with pytest.raises(ValidationError):
        services.achievement_update(achievement=draft, data={"hours": 2}, image=None)
    draft.refresh_from_db()
    assert draft.hours == 20


def test_new_image_replaces_the_old_file(draft, django_capture_on_commit_callbacks):
    services.achievement_update(
        achievement=draft, data={}, image=CheckedImage(content=png_bytes(), extension="png")
    )
    draft.refresh_from_db()
    first = draft.image.name
    with django_capture_on_commit_callbacks(execute=True):
        services.achievement_update(
            achievement=draft, data={}, image=CheckedImage(content=b"<svg/>", extension="svg")
        )
    draft.refresh_from_db()
    assert draft.image.name.endswith(".svg")
    assert not draft.image.storage.exists(first)


def test_publish_works_after_the_author_is_deleted(draft, issuer_staff):
    issuer_staff.delete()
    assert services.achievement_publish(achievement=draft).status == "published"


def test_copy_keeps_content_and_partners_but_not_endorsements(
    published_achievement, partnership, employer_member, issuer_staff
):
    services.partner_endorse(
        partner=partnership, comment={"en": "Yes"}, endorsed_by=employer_member
    )
    copy = services.achievement_copy(achievement=published_achievement, created_by=issuer_staff)
    assert copy.status == Achievement.Status.DRAFT
    assert copy.skills == published_achievement.skills
    partner = copy.achievementpartner_set.get()
    assert partner.organization == partnership.organization
    assert partner.endorsement_document is None
