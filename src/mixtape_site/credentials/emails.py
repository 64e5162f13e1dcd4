"""The award e-mail: tells the learner they earned a credential and how to claim it.

Sent by a background task once the issuing transaction has committed, so a
rolled-back issue never e-mails anyone and a slow mail server never slows an
issuer down. The message is written in the organization's primary language
first, then in the other official language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django_tasks import task

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.issuers.identity import absolute_url


def claim_url(credential: IssuedCredential) -> str:
    return absolute_url(reverse("credentials:claim", kwargs={"token": credential.claim_token}))


def public_url(credential: IssuedCredential) -> str:
    return absolute_url(f"/credentials/{credential.uuid}")


def _languages(primary: str) -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return [primary, *(code for code in codes if code != primary)]


def _render(name: str, context: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return render_to_string(f"credentials/email/{name}", {**context, "language": language})


def award_email_message(*, credential: IssuedCredential) -> EmailMultiAlternatives:
    organization = credential.organization
    languages = _languages(organization.primary_language)
    context = {
        "credential": credential,
        "organization": organization,
        "achievement": credential.achievement,
        "claim_url": claim_url(credential),
        "public_url": public_url(credential),
    }
    subject = " ".join(_render("award_subject.txt", context, languages[0]).split())
    text = "\n\n-----\n\n".join(
        _render("award_body.txt", context, lang).strip() for lang in languages
    )
    # Each section is template output, autoescaped already: joining keeps it safe.
    sections = mark_safe(  # noqa: S308
        "\n<hr>\n".join(_render("award_body.html", context, lang) for lang in languages)
    )
    html = _render("award.html", {**context, "sections": sections}, languages[0])
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[credential.recipient_email],
        reply_to=[organization.email] if organization.email else None,
    )
    message.attach_alternative(html, "text/html")
    return message


def award_email_send(*, credential: IssuedCredential) -> None:
    award_email_message(credential=credential).send()


@task()
def award_email_task(credential_id: int) -> None:
    credential = (
        IssuedCredential.objects.select_related("organization", "achievement")
        .filter(pk=credential_id)
        .first()
    )
    if credential is not None:  # deleted meanwhile (e.g. a test database): nothing to send
        award_email_send(credential=credential)


def award_email_enqueue(*, credential: IssuedCredential) -> None:
    award_email_task.enqueue(credential.pk)


# One task per chunk of a bulk issue, not one per credential: a 10,000-row batch
# queues ten tasks. Messages go out through one mail connection per slice.
EMAILS_PER_CONNECTION = 100


@task()
def award_emails_task(credential_ids: list[int]) -> None:
    """Send the award e-mail of each credential (those deleted meanwhile are skipped)."""
    for start in range(0, len(credential_ids), EMAILS_PER_CONNECTION):
        ids = credential_ids[start : start + EMAILS_PER_CONNECTION]
        credentials = IssuedCredential.objects.select_related("organization", "achievement").filter(
            pk__in=ids
        )
        messages = [award_email_message(credential=credential) for credential in credentials]
        get_connection().send_messages(messages)


def award_emails_enqueue(*, credential_ids: list[int]) -> None:
    if credential_ids:
        award_emails_task.enqueue(list(credential_ids))
