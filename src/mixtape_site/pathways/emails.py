"""E-mails to the owner organization's staff: an award to approve, an award to review.

Sent by a background task after the transaction commits (like the award e-mail of the
credentials app), in the organization's primary language first, then the other one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from mixtape_site.issuers.identity import absolute_url
from mixtape_site.organizations.models import Membership
from mixtape_site.pathways.models import PathwayAward
from mixtape_site.web.bilingual import in_language

APPROVE_SUBJECT = _("Approval needed: %(learner)s completed “%(pathway)s”")
APPROVE_BODY = _(
    "%(learner)s has met every requirement of the pathway “%(pathway)s”. The credential "
    "“%(goal)s” waits for your approval:"
)
REVIEW_SUBJECT = _("Review needed: a credential behind an award of “%(pathway)s” was revoked")
REVIEW_BODY = _(
    "%(reason)s\n\nDecide whether %(learner)s keeps “%(goal)s”: keep the award, or revoke "
    "the credential:"
)
MESSAGES = {"approve": (APPROVE_SUBJECT, APPROVE_BODY), "review": (REVIEW_SUBJECT, REVIEW_BODY)}


def decisions_url(award: PathwayAward) -> str:
    """The owner's page of awards to decide (its management home until that page exists)."""
    slug = award.pathway.organization.slug
    try:
        return absolute_url(reverse("pathways:awards", kwargs={"org": slug}))
    except NoReverseMatch:
        return absolute_url(f"/manage/{slug}/")


def staff_emails(award: PathwayAward) -> list[str]:
    members = Membership.objects.filter(organization_id=award.pathway.organization_id)
    return sorted({m.user.email for m in members.select_related("user") if m.user.email})


def award_email_message(*, award: PathwayAward, kind: str) -> EmailMessage | None:
    recipients = staff_emails(award)
    if not recipients:
        return None
    organization = award.pathway.organization
    codes = [code for code, _name in settings.LANGUAGES]
    languages = [
        organization.primary_language,
        *(c for c in codes if c != organization.primary_language),
    ]
    subject_text, body_text = MESSAGES[kind]
    sections, subject = [], ""
    for language in languages:
        with translation.override(language):
            values = _values(award, language)
            subject = subject or " ".join(str(subject_text % values).split())
            sections.append(f"{body_text % values}\n{decisions_url(award)}")
    return EmailMessage(
        subject=subject,
        body="\n\n-----\n\n".join(sections),
        to=recipients,
        reply_to=[organization.email] if organization.email else None,
    )


def _values(award: PathwayAward, language: str) -> dict[str, Any]:
    learner = award.learner
    return {
        "learner": learner.display_name or learner.email,
        "pathway": in_language(award.pathway.name, language),
        "goal": in_language(award.pathway.goal.name, language),
        "reason": award.review_reason,
    }


@task()
def award_email_task(award_id: int, kind: str) -> None:
    award = (
        PathwayAward.objects.select_related("pathway__organization", "pathway__goal", "learner")
        .filter(pk=award_id)
        .first()
    )
    message = award_email_message(award=award, kind=kind) if award is not None else None
    if message is not None:
        message.send()


def award_email_enqueue(*, award: PathwayAward, kind: str) -> None:
    award_email_task.enqueue(award.pk, kind)
