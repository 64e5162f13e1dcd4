"""Writes on organizations: adding, re-roling and removing members.

A new member without an account gets one with no usable password and an
unverified address; the invitation e-mail carries an allauth password-reset
link, which both sets the password and (see ``accounts.signals``) proves the
address.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mixtape_site.issuers.identity import absolute_url
from mixtape_site.organizations.models import Membership, Organization

ALREADY_MEMBER = _("This person is already a member of the organization.")
LAST_ADMIN = _(
    "An organization needs at least one organization admin: make someone else an admin first."
)


def member_add(*, organization: Organization, email: str, role: str, added_by: Any) -> Membership:
    """Make the owner of ``email`` a member, creating and inviting the account if needed.

    Raises:
        ValidationError: the person is already a member, or the role is unknown.
    """
    email = email.strip().lower()
    with transaction.atomic():
        user = _user_for_email(email)
        if Membership.objects.filter(organization=organization, user=user).exists():
            raise ValidationError({"email": ALREADY_MEMBER})
        membership = Membership(organization=organization, user=user, role=role)
        membership.full_clean()
        membership.save()
        # Someone invited before who never chose a password gets a fresh link too.
        invited = not user.has_usable_password()
        transaction.on_commit(
            lambda: _member_added_email_send(
                membership=membership, invited=invited, added_by=added_by
            )
        )
    return membership


def member_set_role(*, membership: Membership, role: str) -> Membership:
    """Change a member's role; the last admin cannot be demoted."""
    with transaction.atomic():
        current = _locked(membership)
        if current.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
            _refuse_if_last_admin(current)
        current.role = role
        current.full_clean()
        current.save(update_fields=["role"])
    return current


def member_remove(*, membership: Membership) -> None:
    """Remove a member; the last admin cannot be removed."""
    with transaction.atomic():
        current = _locked(membership)
        if current.role == Membership.Role.ADMIN:
            _refuse_if_last_admin(current)
        current.delete()


def _locked(membership: Membership) -> Membership:
    # Locking every admin row of the organization serialises concurrent demotions,
    # so two admins cannot demote each other at the same moment.
    admins = Membership.objects.select_for_update().filter(
        organization_id=membership.organization_id, role=Membership.Role.ADMIN
    )
    list(admins)
    return Membership.objects.select_for_update().get(pk=membership.pk)


def _refuse_if_last_admin(membership: Membership) -> None:
    others = Membership.objects.filter(
        organization_id=membership.organization_id, role=Membership.Role.ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(LAST_ADMIN)


def _user_for_email(email: str) -> Any:
    user_model = get_user_model()
    existing = user_model.objects.filter(email__iexact=email).first()
    if existing is None:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        existing = address.user if address else None
    if existing is not None:
        return existing
    user = user_model.objects.create_user(email, password=None)  # unusable password
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


def invitation_url(user: Any) -> str:
    """allauth's password-reset-from-key link: it lets the person choose a password."""
    token = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
    )
    return absolute_url(path)


def _member_added_email_send(*, membership: Membership, invited: bool, added_by: Any) -> None:
    user = membership.user
    organization = membership.organization
    language = user.preferred_language or organization.primary_language
    with translation.override(language):
        context = {
            "organization": organization,
            "role": membership.get_role_display(),
            "added_by": added_by,
            "invitation_url": invitation_url(user) if invited else "",
            "dashboard_url": absolute_url(
                reverse("organizations:dashboard", kwargs={"org": organization.slug})
            ),
            "login_url": absolute_url(reverse("account_login")),
        }
        subject = render_to_string("organizations/email/member_added_subject.txt", context)
        body = render_to_string("organizations/email/member_added_message.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
