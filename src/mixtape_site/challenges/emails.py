"""Award notifications: each proposal's team and institution learn the decision, and the
partner's staff get the outcome.

Sent by a background task after the award has committed (a rolled-back award e-mails
nobody). Each person reads the message in their own preferred language when their account
has one; otherwise in the proposal's language (teams) or the partner's primary language.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.organizations.models import Membership, Organization

DECIDED = (Proposal.Status.AWARDED, Proposal.Status.NOT_SELECTED)


def _member_emails(organization: Organization) -> list[str]:
    return list(
        Membership.objects.filter(organization=organization)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def _languages_by_email(emails: set[str]) -> dict[str, str]:
    rows = get_user_model().objects.filter(email__in=emails).exclude(preferred_language="")
    return {row.email: row.preferred_language for row in rows}


def _message(name: str, context: dict[str, Any], to: str, language: str) -> EmailMessage:
    with translation.override(language):
        context = {**context, "language": language}
        subject = render_to_string(f"challenges/email/{name}_subject.txt", context)
        body = render_to_string(f"challenges/email/{name}_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body.strip(), to=[to])


def _proposal_messages(proposal: Proposal, preferred: dict[str, str]) -> list[EmailMessage]:
    team = [member.email for member in proposal.team.all()]
    recipients = dict.fromkeys([*team, *_member_emails(proposal.organization)])
    path = reverse(
        "challenges:proposal_detail",
        kwargs={"org": proposal.organization.slug, "uuid": proposal.uuid},
    )
    context = {
        "proposal": proposal,
        "challenge": proposal.challenge,
        "partner": proposal.challenge.organization,
        "awarded": proposal.status == Proposal.Status.AWARDED,
        "url": absolute_url(path),
    }
    return [
        _message("decision", context, email, preferred.get(email, proposal.language))
        for email in recipients
    ]


def award_messages(*, challenge: Challenge) -> list[EmailMessage]:
    """One message per person per decided proposal, plus one per partner staff member."""
    proposals = list(
        challenge.proposals.filter(status__in=DECIDED)
        .select_related("organization", "challenge__organization")
        .prefetch_related("team")
        .order_by("id")
    )
    staff = _member_emails(challenge.organization)
    everyone = {m.email for p in proposals for m in p.team.all()} | set(staff)
    everyone |= {e for p in proposals for e in _member_emails(p.organization)}
    preferred = _languages_by_email(everyone)
    messages = [m for p in proposals for m in _proposal_messages(p, preferred)]
    path = reverse(
        "challenges:partner_proposals",
        kwargs={"org": challenge.organization.slug, "uuid": challenge.uuid},
    )
    context = {
        "challenge": challenge,
        "awarded": [p for p in proposals if p.status == Proposal.Status.AWARDED],
        "not_selected": sum(p.status == Proposal.Status.NOT_SELECTED for p in proposals),
        "url": absolute_url(path),
    }
    primary = challenge.organization.primary_language
    messages += [
        _message("partner", context, email, preferred.get(email, primary)) for email in staff
    ]
    return messages


def award_emails_send(*, challenge: Challenge) -> None:
    with get_connection() as connection:
        connection.send_messages(award_messages(challenge=challenge))


@task()
def award_emails_task(challenge_id: int) -> None:
    challenge = Challenge.objects.select_related("organization").filter(pk=challenge_id).first()
    if challenge is not None:  # deleted meanwhile: nothing to say
        award_emails_send(challenge=challenge)


def award_emails_enqueue(*, challenge: Challenge) -> None:
    award_emails_task.enqueue(challenge.pk)
