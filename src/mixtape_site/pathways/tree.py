"""A pathway as the core library's requirement tree, and a wallet as what the learner holds.

Evaluation happens in ``mixtape.pathways`` (pure); this module only translates rows into
its inputs: :func:`requirement_tree` for the definition, :func:`held_of` for the wallet.
Both read prefetched rows (see ``selectors.pathways_with_tree``), so evaluating every
published pathway costs a fixed number of queries however large the wallet.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from django.urls import reverse

from mixtape.pathways import AllOf, AnyOf, AtLeast, Credential, Held, MinTotal, Requirement, Skills
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.pathways.models import Equivalence, Pathway, PathwayGroup, PathwayStep
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import credential_json

# An imported credential the wallet found expired but whose document gave no end date.
_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)
# Imported credentials whose signature failed are not evidence of anything.
_NOT_EVIDENCE = (WalletCredential.Status.FAILED,)
_IMPORTED_STATES = {
    WalletCredential.Status.REVOKED: "revoked",
    WalletCredential.Status.SUSPENDED: "suspended",
}


# --- the definition --------------------------------------------------------------


def requirement_tree(pathway: Pathway) -> Requirement:
    """Root = all of (groups…, minimum hours, minimum credits, skills), as far as set."""
    items: list[Requirement] = [group_requirement(group) for group in pathway.groups.all()]
    if pathway.min_hours is not None:
        items.append(MinTotal("hours", float(pathway.min_hours)))
    if pathway.min_credits is not None:
        items.append(MinTotal("credits", float(pathway.min_credits)))
    skills = pathway_skill_urls(pathway)
    if skills:
        items.append(Skills(frozenset(skills)))
    return AllOf(tuple(items))


def group_requirement(group: PathwayGroup) -> Requirement:
    steps = tuple(step_requirement(step) for step in group.steps.all())
    if group.rule == PathwayGroup.Rule.ANY:
        return AnyOf(steps)
    if group.rule == PathwayGroup.Rule.AT_LEAST:
        return AtLeast(group.count or 0, steps)
    return AllOf(steps)


def step_requirement(step: PathwayStep) -> Credential:
    accepts = frozenset(equivalence_url(e) for e in step.equivalences.all())
    return Credential(achievement_url(step.achievement), accepts)


def equivalence_url(equivalence: Equivalence) -> str:
    if equivalence.achievement is not None:
        return achievement_url(equivalence.achievement)
    return equivalence.achievement_uri


def pathway_skill_urls(pathway: Pathway) -> list[str]:
    return [s["url"] for s in pathway.skills or [] if isinstance(s, dict) and s.get("url")]


def goal_trees(pathways: Iterable[Pathway], *, but: Pathway | None = None) -> dict[str, Any]:
    """Other pathways' trees by goal achievement id: nested progress and cycle checks."""
    return {
        achievement_url(p.goal): requirement_tree(p)
        for p in pathways
        if but is None or p.pk != but.pk
    }


# --- what the learner holds --------------------------------------------------------


def counting_toward(own_goal: str, held: Sequence[Held], *, goals: Collection[str]) -> list[Held]:
    """What ``held`` counts toward the pathway whose goal is ``own_goal``.

    Its own goal credential never counts toward it (it would count its own hours, and
    cover its own skills). The goal credentials of pathways (``goals``: a certificate)
    still meet the steps naming them, but add no hours or credits to a minimum total:
    those hours are the micro-credentials' it was built from, which the learner holds and
    which count themselves; counting the certificate too would count them twice.
    """
    return [
        replace(h, hours=0.0, credits=0.0) if h.achievement_id in goals else h
        for h in held
        if h.achievement_id != own_goal
    ]


@dataclass
class HeldSet:
    """The learner's wallet as ``Held`` values, and the rows behind them by credential id."""

    held: list[Held] = field(default_factory=list)
    rows: dict[str, WalletCredential] = field(default_factory=dict)

    def achievement_ids(self) -> set[str]:
        return {h.achievement_id for h in self.held}


def held_of(*, user: Any) -> HeldSet:
    """Every wallet credential of ``user`` that pathways may count (two queries)."""
    rows = list(
        WalletCredential.objects.filter(owner=user)
        .exclude(status__in=_NOT_EVIDENCE, issued_credential__isnull=True)
        .select_related("issued_credential__achievement")
        .order_by("added_at", "id")
    )
    platform = _platform_achievements(
        r.achievement_id for r in rows if r.issued_credential_id is None
    )
    result = HeldSet()
    for row in rows:
        held = held_from_row(row, platform)
        if held.achievement_id and held.credential_id not in result.rows:
            result.held.append(held)
            result.rows[held.credential_id] = row
    return result


def held_from_row(row: WalletCredential, platform: dict[str, Achievement]) -> Held:
    issued = row.issued_credential
    if issued is not None:  # this platform's own record: exact state and definition
        achievement: Achievement | None = issued.achievement
        achievement_id = achievement_url(issued.achievement)
        state = issued.state
    else:
        achievement = platform.get(row.achievement_id)
        achievement_id = row.achievement_id
        state = _IMPORTED_STATES.get(row.status, "active")
    return Held(
        credential_id=wallet_credential_id(row),
        achievement_id=achievement_id,
        issuer_id=row.issuer_id,
        hours=float(achievement.hours) if achievement else 0.0,
        credits=_credits(row, achievement),
        skills=frozenset(s["url"] for s in row.skills or [] if s.get("url")),
        state=state,  # type: ignore[arg-type]
        valid_until=_valid_until(row),
    )


def wallet_credential_id(row: WalletCredential) -> str:
    """The credential's own id when it has one, else the wallet row's URN."""
    document_id = row.document.get("id") if isinstance(row.document, dict) else None
    return document_id if isinstance(document_id, str) and document_id else row.uuid.urn


def _valid_until(row: WalletCredential) -> datetime | None:
    if row.valid_until is None and row.status == WalletCredential.Status.EXPIRED:
        return _LONG_AGO
    return row.valid_until


def _credits(row: WalletCredential, achievement: Achievement | None) -> float:
    if achievement is not None:
        return float(achievement.credit_value or 0)
    try:  # another issuer's achievement: what its credential says it is worth
        subject = credential_json(row.document).get("credentialSubject") or {}
        subject = subject[0] if isinstance(subject, list) and subject else subject
        value = (subject.get("achievement") or {}).get("creditsAvailable", 0)
    except Exception:  # an unreadable document is worth nothing, it must not break progress
        return 0.0
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _platform_achievements(ids: Iterable[str]) -> dict[str, Achievement]:
    """This platform's achievements among imported credentials' ids, by id (one query)."""
    prefix = achievement_url_prefix()
    by_uuid: dict[uuid_module.UUID, str] = {}
    for value in ids:
        if value.startswith(prefix):
            try:
                by_uuid[uuid_module.UUID(value.removeprefix(prefix))] = value
            except ValueError:
                continue
    if not by_uuid:
        return {}
    found = Achievement.objects.filter(uuid__in=by_uuid)
    return {by_uuid[a.uuid]: a for a in found}


def achievement_url_prefix() -> str:
    sample = uuid_module.UUID(int=0)
    return absolute_url(reverse("achievements:detail", kwargs={"uuid": sample})).removesuffix(
        str(sample)
    )
