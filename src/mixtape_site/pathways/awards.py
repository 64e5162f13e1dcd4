"""Stacked credentials: when a learner meets a pathway, the goal credential, exactly once.

``awards_check`` runs after every credential added to a wallet (see receivers.py). Each
award row is unique per (pathway, learner) in the database: two concurrent checks both
try to insert it inside a savepoint and the loser backs off, as ``credential_issue`` does.
The goal credential is issued in the same transaction as the row (automatic approval), or
by :func:`award_approve` (review), then claimed into the learner's wallet so it counts
toward larger pathways in turn.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from mixtape.model.credential import Evidence
from mixtape.pathways import Progress
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.credentials.documents import credential_url
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import (
    REASON_REQUIRED,
    Recipient,
    credential_claim,
    credential_issue,
)
from mixtape_site.organizations.models import Membership
from mixtape_site.pathways.emails import award_email_enqueue
from mixtape_site.pathways.evidence import evidence_ids
from mixtape_site.pathways.models import Pathway, PathwayAward
from mixtape_site.pathways.progress import evaluate_pathway
from mixtape_site.pathways.selectors import public_pathways
from mixtape_site.pathways.tree import HeldSet, goal_trees, held_of
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_add_claimed
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language, language_map

logger = logging.getLogger(__name__)

AWARD_NOT_PENDING = _("Only an award waiting for approval can be approved or declined.")
AWARD_NOTHING_TO_REVIEW = _("This award has nothing to review.")
LEARNER_NO_EMAIL = _(
    "The learner has no verified e-mail address to receive the credential yet; approve it "
    "once they have one."
)
EVIDENCE_NARRATIVE = _("Counts toward the pathway “%(pathway)s”.")
REVIEW_REASON = _(
    "“%(name)s” from %(issuer)s, one of the credentials this award was given for, "
    "was revoked on %(date)s."
)


def awards_check(*, user: Any) -> list[PathwayAward]:
    """Award every published pathway ``user`` now meets, and flag awards resting on a
    credential revoked since (imported credentials' revocations send no signal).

    Returns the awards created by this call (none when a concurrent call won).
    """
    pathways = list(public_pathways())
    held = held_of(user=user)
    goals = goal_trees(pathways)
    existing = {a.pathway_id: a for a in PathwayAward.objects.filter(learner=user)}
    created = []
    for pathway in pathways:
        if pathway.pk in existing:
            continue
        progress = evaluate_pathway(pathway, held.held, goals=goals)
        if not progress.met:
            continue
        try:
            award = _award_create(pathway=pathway, user=user, progress=progress, held=held)
        except ValidationError as error:  # e.g. the goal was retired: nothing to issue
            logger.warning("pathway %s: no award for user %s: %s", pathway.pk, user.pk, error)
            continue
        if award is not None:
            created.append(award)
    for award in existing.values():
        _review_if_revoked(award, _revoked_contributors(award, held))
    return created


def _award_create(
    *, pathway: Pathway, user: Any, progress: Progress, held: HeldSet
) -> PathwayAward | None:
    email = primary_email(user)
    if not email:  # the goal credential goes to a verified address; none yet
        return None
    entries = [_entry(held, credential_id) for credential_id in evidence_ids(progress, held.held)]
    with transaction.atomic():
        award = PathwayAward(pathway=pathway, learner=user, contributing=entries)
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin wins cleanly
                award.full_clean(exclude=["credential", "decided_by", "contributing"],
                                 validate_constraints=False)  # fmt: skip
                award.save()
        except IntegrityError:
            return None
        held_goal = _held_goal(pathway, held)
        if held_goal is not None:  # issued to them by hand already: never a second one
            _mark_issued(award, held_goal, actor=None)
        elif pathway.approval == Pathway.Approval.AUTOMATIC:
            _goal_issue(award, email=email, actor=None)
        else:
            transaction.on_commit(lambda: award_email_enqueue(award=award, kind="approve"))
    return award


def _entry(held: HeldSet, credential_id: str) -> dict[str, str]:
    row = held.rows[credential_id]
    achievement_id = next(h.achievement_id for h in held.held if h.credential_id == credential_id)
    return {
        "credential_id": credential_id,
        "achievement_id": achievement_id,
        "name": row.name,
        "issuer_name": row.issuer_name,
        "wallet_uuid": str(row.uuid),
    }


def _held_goal(pathway: Pathway, held: HeldSet) -> IssuedCredential | None:
    goal = achievement_url(pathway.goal)
    for item in held.held:
        row = held.rows[item.credential_id]
        issued = row.issued_credential
        if item.achievement_id == goal and issued is not None and issued.state == "active":
            return issued
    return None


def primary_email(user: Any) -> str:
    """The user's primary verified address, else any verified one."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "id")
    first = addresses.first()
    return first.email if first else ""


def _goal_issue(award: PathwayAward, *, email: str, actor: Any) -> None:
    """Issue the goal credential with the contributing credentials as evidence, and put it
    in the learner's wallet (which may in turn complete a larger pathway)."""
    pathway, learner = award.pathway, award.learner
    recipient = Recipient(
        name=learner.display_name or email,
        email=email,
        evidence=tuple(_evidence(pathway, entry) for entry in award.contributing),
    )
    outcome = credential_issue(achievement=pathway.goal, recipient=recipient, issued_by=actor)
    claimed = credential_claim(token=outcome.credential.claim_token, user=learner)
    wallet_add_claimed(user=learner, issued_credential=claimed)
    _mark_issued(award, outcome.credential, actor=actor)


def _mark_issued(award: PathwayAward, credential: IssuedCredential, *, actor: Any) -> None:
    award.state = PathwayAward.State.ISSUED
    award.credential = credential
    award.decided_by = actor
    award.decided_at = timezone.now()
    award.save(update_fields=["state", "credential", "decided_by", "decided_at"])


def _evidence(pathway: Pathway, entry: dict[str, str]) -> Evidence:
    primary = pathway.organization.primary_language
    narratives = {}
    for tag in LANGUAGE_TAGS:
        with translation.override(tag):
            pathway_name = in_language(pathway.name, tag)
            narratives[tag] = str(EVIDENCE_NARRATIVE % {"pathway": pathway_name})
    narrative = language_map(narratives, primary=primary)
    return Evidence(id=entry["credential_id"], name=entry["name"] or None, narrative=narrative)


# --- the owner's decisions ------------------------------------------------------------


def _check_owner_staff(award: PathwayAward, actor: Any) -> None:
    """Only the owner organization issues the goal credential and decides awards."""
    owner = award.pathway.organization_id
    if not Membership.objects.filter(organization_id=owner, user=actor).exists():
        raise PermissionDenied


def _locked(award: PathwayAward) -> PathwayAward:
    return (
        PathwayAward.objects.select_for_update(of=("self",))
        .select_related("pathway__goal", "pathway__organization", "learner")
        .get(pk=award.pk)
    )


@transaction.atomic
def award_approve(*, award: PathwayAward, actor: Any) -> PathwayAward:
    """Issue the goal credential of a pending award."""
    _check_owner_staff(award, actor)
    row = _locked(award)
    if row.state != PathwayAward.State.PENDING:
        raise ValidationError(AWARD_NOT_PENDING)
    email = primary_email(row.learner)
    if not email:
        raise ValidationError(LEARNER_NO_EMAIL)
    _goal_issue(row, email=email, actor=actor)
    return row


@transaction.atomic
def award_decline(*, award: PathwayAward, actor: Any, reason: str) -> PathwayAward:
    """Decline a pending award, with a reason kept on the award."""
    _check_owner_staff(award, actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    row = _locked(award)
    if row.state != PathwayAward.State.PENDING:
        raise ValidationError(AWARD_NOT_PENDING)
    row.state = PathwayAward.State.DECLINED
    row.review_reason = "\n".join(part for part in (row.review_reason, reason) if part)
    row.needs_review = False
    row.decided_by, row.decided_at = actor, timezone.now()
    row.save(update_fields=["state", "review_reason", "needs_review", "decided_by", "decided_at"])
    return row


@transaction.atomic
def award_keep(*, award: PathwayAward, actor: Any) -> PathwayAward:
    """The owner looked at a revoked contributing credential and keeps the award as it is."""
    _check_owner_staff(award, actor)
    row = _locked(award)
    if not row.needs_review:
        raise ValidationError(AWARD_NOTHING_TO_REVIEW)
    row.needs_review = False
    row.decided_by, row.decided_at = actor, timezone.now()
    row.save(update_fields=["needs_review", "decided_by", "decided_at"])
    return row


# --- revoked contributing credentials ---------------------------------------------------


def awards_flag_revoked(*, credential: IssuedCredential) -> list[PathwayAward]:
    """Flag every award that counted ``credential`` (now revoked) and tell the owner.

    Revoking an award's own goal credential is the owner's decision on its review.
    """
    PathwayAward.objects.filter(credential=credential, needs_review=True).update(
        needs_review=False, decided_at=timezone.now()
    )
    holders = WalletCredential.objects.filter(issued_credential=credential).values("owner_id")
    awards = PathwayAward.objects.filter(learner_id__in=holders, needs_review=False)
    wanted = credential_url(credential.uuid)
    flagged = []
    for award in awards.select_related("pathway"):
        entries = [e for e in award.contributing if e.get("credential_id") == wanted]
        if entries and _review_if_revoked(award, entries):
            flagged.append(award)
    return flagged


def _revoked_contributors(award: PathwayAward, held: HeldSet) -> list[dict[str, str]]:
    if award.needs_review:
        return []
    revoked = []
    for entry in award.contributing:
        row = held.rows.get(entry.get("credential_id", ""))
        if row is not None and _is_revoked(row):
            revoked.append(entry)
    return revoked


def _is_revoked(row: WalletCredential) -> bool:
    if row.issued_credential is not None:
        return row.issued_credential.state == IssuedCredential.State.REVOKED
    return row.status == WalletCredential.Status.REVOKED


def _review_if_revoked(award: PathwayAward, entries: Iterable[dict[str, str]]) -> bool:
    """Set needs_review with the reason (once), and e-mail the owner's staff."""
    entries = list(entries)
    if not entries:
        return False
    with transaction.atomic():
        updated = PathwayAward.objects.filter(pk=award.pk, needs_review=False).update(
            needs_review=True, review_reason=_reasons(entries)
        )
        if updated:
            award.needs_review, award.review_reason = True, _reasons(entries)
            transaction.on_commit(lambda: award_email_enqueue(award=award, kind="review"))
    return bool(updated)


def _reasons(entries: list[dict[str, str]]) -> str:
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    return "\n".join(
        str(REVIEW_REASON % {"name": e.get("name", ""), "issuer": e.get("issuer_name", ""),
                             "date": today})
        for e in entries
    )  # fmt: skip
