"""Writes: creating, editing, publishing and retiring micro-credentials; endorsements.

Life cycle: draft → published → retired. Only drafts can be edited. A published
micro-credential is frozen because every credential awarded for it embeds and
signs its definition, and partner employers endorse that exact text; changing
it afterwards would make the public page disagree with what learners hold. To
change one, retire it and start a new draft (``achievement_copy`` copies it).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mixtape.model.credential import (
    OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
    CredentialSchema,
    EndorsementCredential,
    EndorsementSubject,
)
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.images import CheckedImage
from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.issuers.documents import issuer_profile
from mixtape_site.issuers.services import document_sign
from mixtape_site.organizations.models import Organization
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language, language_map

EDITABLE_FIELDS: Final = (
    "name", "description", "criteria", "learning_outcomes", "assessment",
    "assessment_evidence", "skills", "hours", "duration_weeks", "delivery_mode",
    "languages", "cost", "cip_code", "noc_codes", "credit_value", "validity_months",
)  # fmt: skip

ONLY_DRAFTS_EDITABLE = _(
    "Only a draft can be edited. Retire this micro-credential and copy it to a new draft "
    "to change it."
)
ONLY_DRAFTS_PUBLISHED = _("Only a draft can be published.")
ONLY_PUBLISHED_RETIRED = _("Only a published micro-credential can be retired.")
ONLY_PUBLISHED_ENDORSED = _("Only a published micro-credential can be endorsed.")
ENDORSEMENT_NAME = _("Endorsement of “%(achievement)s” by %(endorser)s")


@transaction.atomic
def achievement_create(
    *,
    organization: Organization,
    data: Mapping[str, Any],
    image: CheckedImage | None,
    created_by: Any,
) -> Achievement:
    """A new draft micro-credential; ``data`` holds the editable fields and ``partners``."""
    achievement = Achievement(organization=organization, created_by=created_by)
    _apply(achievement, data, image)
    return achievement


@transaction.atomic
def achievement_update(
    *, achievement: Achievement, data: Mapping[str, Any], image: CheckedImage | None
) -> Achievement:
    """Change a draft; ``image=None`` keeps its current image.

    Raises:
        ValidationError: the micro-credential is not a draft.
    """
    achievement = Achievement.objects.select_for_update().get(pk=achievement.pk)
    if achievement.status != Achievement.Status.DRAFT:
        raise ValidationError(ONLY_DRAFTS_EDITABLE, code="not_draft")
    _apply(achievement, data, image)
    return achievement


@transaction.atomic
def achievement_publish(*, achievement: Achievement, now: datetime | None = None) -> Achievement:
    """Draft → published: it appears in the catalogue and can be awarded. ``now``: when
    (the demo replays past events)."""
    return _transition(
        achievement, Achievement.Status.DRAFT, Achievement.Status.PUBLISHED,
        ONLY_DRAFTS_PUBLISHED, now=now,
    )  # fmt: skip


@transaction.atomic
def achievement_retire(*, achievement: Achievement) -> Achievement:
    """Published → retired: no new awards; credentials already held stay valid."""
    return _transition(
        achievement, Achievement.Status.PUBLISHED, Achievement.Status.RETIRED,
        ONLY_PUBLISHED_RETIRED,
    )  # fmt: skip


@transaction.atomic
def achievement_copy(*, achievement: Achievement, created_by: Any) -> Achievement:
    """A new draft with the same content, image and partners (not their endorsements)."""
    data: dict[str, Any] = {field: getattr(achievement, field) for field in EDITABLE_FIELDS}
    data["partners"] = list(achievement.partners.all())
    copy = Achievement(organization=achievement.organization, created_by=created_by)
    if achievement.image:
        with achievement.image.open("rb") as stored:
            extension = achievement.image.name.rsplit(".", 1)[-1]
            _apply(copy, data, CheckedImage(content=stored.read(), extension=extension))
    else:
        _apply(copy, data, None)
    return copy


@transaction.atomic
def partner_endorse(
    *, partner: AchievementPartner, comment: Mapping[str, str], endorsed_by: Any,
    now: datetime | None = None,
) -> AchievementPartner:  # fmt: skip
    """Sign the employer's OB 3.0 EndorsementCredential of the micro-credential and keep it.

    Endorsing again replaces the earlier endorsement.

    Raises:
        ValidationError: the micro-credential is not published.
    """
    partner = AchievementPartner.objects.select_for_update().select_related(
        "achievement__organization", "organization").get(pk=partner.pk)  # fmt: skip
    if partner.achievement.status != Achievement.Status.PUBLISHED:
        raise ValidationError(ONLY_PUBLISHED_ENDORSED, code="not_published")
    comment = {tag: comment.get(tag, "").strip() for tag in LANGUAGE_TAGS}
    now = now or timezone.now()
    document = endorsement_credential(partner=partner, comment=comment, now=now).to_json()
    signed, _key = document_sign(organization=partner.organization, document=document)
    partner.endorsement_comment = comment
    partner.endorsement_document = signed
    partner.endorsed_at = now
    partner.endorsed_by = endorsed_by
    partner.full_clean()
    partner.save()
    return partner


def endorsement_credential(
    *, partner: AchievementPartner, comment: Mapping[str, str], now: datetime | None = None
) -> EndorsementCredential:
    """The unsigned EndorsementCredential: issuer = the employer, subject = the achievement."""
    employer = partner.organization
    primary = employer.primary_language
    names = {}
    for tag in LANGUAGE_TAGS:
        with translation.override(tag):
            names[tag] = str(ENDORSEMENT_NAME) % {
                "achievement": in_language(partner.achievement.name, tag),
                "endorser": in_language(employer.name, tag),
            }
    comments = language_map(dict(comment), primary=primary)
    return EndorsementCredential(
        id=f"urn:uuid:{uuid.uuid4()}",
        name=language_map(names, primary=primary),
        description=comments or None,
        issuer=issuer_profile(employer),
        valid_from=(now or timezone.now()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        credential_schema=[CredentialSchema(id=OB_ENDORSEMENT_CREDENTIAL_SCHEMA)],
        credential_subject=EndorsementSubject(
            id=achievement_url(partner.achievement),
            endorsement_comment=in_language(comments, primary) or None,
        ),
    )


def _transition(
    achievement: Achievement, source: str, target: str, refusal: Any, now: datetime | None = None
) -> Achievement:
    achievement = Achievement.objects.select_for_update().get(pk=achievement.pk)
    if achievement.status != source:
        raise ValidationError(refusal, code="illegal_transition")
    achievement.status = target
    if target == Achievement.Status.PUBLISHED:
        achievement.published_at = now or timezone.now()
    # created_by may be gone (SET_NULL); that must not block the life cycle.
    achievement.full_clean(exclude=["created_by"])
    achievement.save()
    return achievement


def _apply(achievement: Achievement, data: Mapping[str, Any], image: CheckedImage | None) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(achievement, field, data[field])
    achievement.full_clean(exclude=["created_by"])
    old_image = achievement.image.name if achievement.image else ""
    if image is not None:
        name = f"{achievement.uuid}.{image.extension}"
        achievement.image.save(name, ContentFile(image.content), save=False)
    achievement.save()
    if "partners" in data:
        _set_partners(achievement, data["partners"])
    if image is not None and old_image and old_image != achievement.image.name:
        storage = achievement.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))


def _set_partners(achievement: Achievement, partners: Any) -> None:
    wanted = {organization.pk for organization in partners}
    achievement.achievementpartner_set.exclude(organization_id__in=wanted).delete()
    existing = set(achievement.achievementpartner_set.values_list("organization_id", flat=True))
    for organization_pk in wanted - existing:
        partner = AchievementPartner(achievement=achievement, organization_id=organization_pk)
        partner.full_clean()
        partner.save()
