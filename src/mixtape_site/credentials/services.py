"""Issuing, revoking, suspending, reinstating and claiming credentials."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape.model.credential import Evidence
from mixtape.model.identity import IdentityObject, hashed_identity
from mixtape.model.schema import validate
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.documents import Award, add_months, credential_document
from mixtape_site.credentials.emails import award_email_enqueue
from mixtape_site.credentials.models import IssuedCredential, StatusChange, StatusList
from mixtape_site.credentials.signals import credential_state_changed
from mixtape_site.credentials.statuslists import status_bit_set, status_slot_allocate
from mixtape_site.issuers.services import DEFAULT_SUITE, SUITES, document_sign

ACHIEVEMENT_NOT_PUBLISHED = _("Only a published micro-credential can be awarded.")
RECIPIENT_NAME_REQUIRED = _("Enter the recipient's name.")
RECIPIENT_EMAIL_INVALID = _("Enter a valid e-mail address for the recipient.")
EVIDENCE_URL_INVALID = _("The evidence link must be a web address starting with http or https.")
ISSUE_DATE_IN_FUTURE = _("The issue date cannot be in the future.")
REASON_REQUIRED = _("Give a reason: it is kept in the audit trail.")
CREDENTIAL_ALREADY_REVOKED = _("This credential is already revoked.")
CREDENTIAL_ALREADY_SUSPENDED = _("This credential is already suspended.")
CREDENTIAL_NOT_SUSPENDED = _("Only a suspended credential can be reinstated.")
CLAIM_EMAIL_MISMATCH = _(
    "This credential was awarded to another e-mail address. Sign in with the account whose "
    "verified e-mail address received the award, or add and verify that address first."
)
CLAIM_TAKEN = _("This credential is already in another account.")
CLAIM_REVOKED = _("This credential has been revoked and can no longer be added to an account.")
CLAIM_LINK_INVALID = _("This claim link is not valid.")

# A clock a few minutes ahead of ours is not "the future".
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, kw_only=True)
class Recipient:
    """Who receives a credential, and the details of this award."""

    name: str
    email: str
    issued_on: datetime | None = None  # default: now
    result: str = ""
    evidence_url: str = ""
    external_id: str = ""
    # More evidence entries, e.g. the credentials a stacked credential was awarded for.
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class IssueOutcome:
    credential: IssuedCredential
    created: bool  # False when the same award was issued before (nothing issued twice)


def email_normalize(email: str) -> str:
    """Addresses are compared and hashed lowercased: people type capitals at random."""
    return email.strip().lower()


def recipient_clean(recipient: Recipient) -> Recipient:
    """The recipient with normalized values; ValidationError keyed by form field."""
    errors: dict[str, Any] = {}
    name, email = recipient.name.strip(), email_normalize(recipient.email)
    evidence = recipient.evidence_url.strip()
    issued_on = recipient.issued_on or timezone.now()
    if timezone.is_naive(issued_on):
        issued_on = timezone.make_aware(issued_on)
    if not name:
        errors["name"] = RECIPIENT_NAME_REQUIRED
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = RECIPIENT_EMAIL_INVALID
    try:
        if evidence:
            URLValidator(schemes=["http", "https"])(evidence)
    except ValidationError:
        errors["evidence_url"] = EVIDENCE_URL_INVALID
    if issued_on > timezone.now() + CLOCK_SKEW:
        errors["issued_on"] = ISSUE_DATE_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    return Recipient(
        name=name,
        email=email,
        issued_on=issued_on,
        result=recipient.result.strip(),
        evidence_url=evidence,
        external_id=recipient.external_id.strip(),
        evidence=recipient.evidence,
    )


def dedupe_key(*, achievement: Achievement, recipient: Recipient) -> str:
    """Same micro-credential, person, external id and issue day: the same award."""
    assert recipient.issued_on is not None  # recipient_clean sets it
    day = timezone.localdate(recipient.issued_on).isoformat()
    parts = [str(achievement.uuid), email_normalize(recipient.email), recipient.external_id, day]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def credential_issue(
    *,
    achievement: Achievement,
    recipient: Recipient,
    issued_by: Any,
    batch: Any = None,
    suite: str = DEFAULT_SUITE,
) -> IssueOutcome:
    """Issue (sign, store, e-mail) ``achievement`` to ``recipient``, once only.

    Raises:
        ValidationError: the achievement is not published or the recipient is invalid.
    """
    if suite not in SUITES:
        raise ValueError(f"unknown proof suite {suite!r}")
    if achievement.status != Achievement.Status.PUBLISHED:
        raise ValidationError(ACHIEVEMENT_NOT_PUBLISHED)
    clean = recipient_clean(recipient)
    key = dedupe_key(achievement=achievement, recipient=clean)
    organization = achievement.organization
    with transaction.atomic():
        existing = IssuedCredential.objects.filter(organization=organization, dedupe_key=key)
        if existing.exists():
            return IssueOutcome(existing.get(), created=False)
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin wins cleanly
                credential = _create(
                    achievement=achievement,
                    recipient=clean,
                    key=key,
                    issued_by=issued_by,
                    batch=batch,
                    suite=suite,
                )
        except IntegrityError:
            twin = existing.first()
            if twin is None:
                raise
            return IssueOutcome(twin, created=False)
        transaction.on_commit(lambda: award_email_enqueue(credential=credential))
    return IssueOutcome(credential, created=True)


def _create(
    *,
    achievement: Achievement,
    recipient: Recipient,
    key: str,
    issued_by: Any,
    batch: Any,
    suite: str,
) -> IssuedCredential:
    organization = achievement.organization
    assert recipient.issued_on is not None
    slots = {
        purpose: status_slot_allocate(organization=organization, purpose=purpose)
        for purpose in (StatusList.Purpose.REVOCATION, StatusList.Purpose.SUSPENSION)
    }
    months = achievement.validity_months
    award = Award(
        uuid=uuid.uuid4(),
        achievement=achievement,
        identity=hashed_identity(value=recipient.email),
        issued_on=recipient.issued_on,
        valid_until=add_months(recipient.issued_on, months) if months else None,
        result=recipient.result,
        evidence_url=recipient.evidence_url,
        slots=slots,
        evidence=recipient.evidence,
    )
    unsigned = credential_document(award)
    validate(unsigned)  # a schema error here is a bug in the document builder
    signed, signing_key = document_sign(organization=organization, document=unsigned, suite=suite)
    credential = IssuedCredential(
        uuid=award.uuid,
        organization=organization,
        achievement=achievement,
        recipient_name=recipient.name,
        recipient_email=recipient.email,
        identity_salt=award.identity.salt or "",
        issued_on=award.issued_on,
        valid_until=award.valid_until,
        result=recipient.result,
        evidence_url=recipient.evidence_url,
        external_id=recipient.external_id,
        dedupe_key=key,
        document=signed,
        signing_key=signing_key,
        revocation_list=slots[StatusList.Purpose.REVOCATION][0],
        revocation_index=slots[StatusList.Purpose.REVOCATION][1],
        suspension_list=slots[StatusList.Purpose.SUSPENSION][0],
        suspension_index=slots[StatusList.Purpose.SUSPENSION][1],
        claim_token=secrets.token_urlsafe(32),
        batch=batch,
        issued_by=issued_by,
    )
    # Constraints are left to the database: a concurrent twin raises IntegrityError.
    credential.full_clean(exclude=["issued_by", "batch"], validate_constraints=False)
    credential.save()
    return credential


# --- status changes --------------------------------------------------------------


def _locked(credential: IssuedCredential) -> IssuedCredential:
    return IssuedCredential.objects.select_for_update().get(pk=credential.pk)


def _record(credential: IssuedCredential, action: str, reason: str, actor: Any) -> StatusChange:
    change = StatusChange(
        credential=credential,
        action=action,
        reason=reason,
        actor=actor,
        actor_label=str(getattr(actor, "email", "") or actor or "")[:200],
    )
    change.full_clean()
    change.save()
    return change


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason


def credential_revoke(*, credential: IssuedCredential, reason: str, actor: Any) -> StatusChange:
    """Revoke for good: both status bits are set and never cleared."""
    reason = _require_reason(reason)
    with transaction.atomic():
        row = _locked(credential)
        if row.state == IssuedCredential.State.REVOKED:
            raise ValidationError(CREDENTIAL_ALREADY_REVOKED)
        status_bit_set(status_list=row.revocation_list, index=row.revocation_index, value=True)
        status_bit_set(status_list=row.suspension_list, index=row.suspension_index, value=True)
        return _transition(row, credential, IssuedCredential.State.REVOKED, reason, actor)


def credential_suspend(*, credential: IssuedCredential, reason: str, actor: Any) -> StatusChange:
    """Suspend until reinstated (verifiers refuse the credential meanwhile)."""
    reason = _require_reason(reason)
    with transaction.atomic():
        row = _locked(credential)
        if row.state == IssuedCredential.State.REVOKED:
            raise ValidationError(CREDENTIAL_ALREADY_REVOKED)
        if row.state == IssuedCredential.State.SUSPENDED:
            raise ValidationError(CREDENTIAL_ALREADY_SUSPENDED)
        status_bit_set(status_list=row.suspension_list, index=row.suspension_index, value=True)
        return _transition(row, credential, IssuedCredential.State.SUSPENDED, reason, actor)


def credential_reinstate(*, credential: IssuedCredential, reason: str, actor: Any) -> StatusChange:
    """Lift a suspension. A revoked credential cannot come back."""
    reason = _require_reason(reason)
    with transaction.atomic():
        row = _locked(credential)
        if row.state == IssuedCredential.State.REVOKED:
            raise ValidationError(CREDENTIAL_ALREADY_REVOKED)
        if row.state != IssuedCredential.State.SUSPENDED:
            raise ValidationError(CREDENTIAL_NOT_SUSPENDED)
        status_bit_set(status_list=row.suspension_list, index=row.suspension_index, value=False)
        return _transition(row, credential, IssuedCredential.State.ACTIVE, reason, actor)


_ACTIONS = {
    IssuedCredential.State.REVOKED: StatusChange.Action.REVOKE,
    IssuedCredential.State.SUSPENDED: StatusChange.Action.SUSPEND,
    IssuedCredential.State.ACTIVE: StatusChange.Action.REINSTATE,
}


def _transition(
    row: IssuedCredential, original: IssuedCredential, state: str, reason: str, actor: Any
) -> StatusChange:
    row.state = state
    row.save(update_fields=["state"])
    original.state = state  # the caller's object reflects the change too
    transaction.on_commit(
        lambda: credential_state_changed.send(sender=IssuedCredential, credential=row, state=state)
    )
    return _record(row, _ACTIONS[state], reason, actor)


# --- claiming ----------------------------------------------------------------------


def verified_emails(user: Any) -> list[str]:
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    return [email_normalize(address.email) for address in addresses]


def credential_matches_user(credential: IssuedCredential, user: Any) -> bool:
    """Whether one of the user's verified addresses is the credential's hashed identifier."""
    identifiers = credential.document.get("credentialSubject", {}).get("identifier", [])
    identities = [IdentityObject.from_json(item) for item in identifiers]
    return any(
        identity.matches(email) for identity in identities for email in verified_emails(user)
    )


def credential_claim(*, token: str, user: Any) -> IssuedCredential:
    """Attach the credential behind a claim link to ``user``'s account.

    Raises:
        ValidationError: unknown link, revoked, someone else's, or another account's.
    """
    with transaction.atomic():
        credential = IssuedCredential.objects.select_for_update().filter(claim_token=token).first()
        if credential is None:
            raise ValidationError(CLAIM_LINK_INVALID)
        if credential.claimed_by_id == user.pk:
            return credential
        if credential.claimed_by_id is not None:
            raise ValidationError(CLAIM_TAKEN)
        if credential.state == IssuedCredential.State.REVOKED:
            raise ValidationError(CLAIM_REVOKED)
        if not credential_matches_user(credential, user):
            raise ValidationError(CLAIM_EMAIL_MISMATCH)
        credential.claimed_by = user
        credential.claimed_at = timezone.now()
        credential.save(update_fields=["claimed_by", "claimed_at"])
        return credential
