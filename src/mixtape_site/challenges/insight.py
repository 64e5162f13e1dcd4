"""Insight: figures on the innovation space, for platform operators and for partners.

Operators see every organization's challenges; a partner sees its own challenges only,
with the skills most credentialed still counted platform-wide (the page says so). The
figures are counted in a fixed number of queries (six), whatever the number of challenges,
projects or credentials: the database does the counting, Python only groups the rows.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.challenges.access import effective_status, partner_sees_proposals_now
from mixtape_site.challenges.disciplines import DISCIPLINES
from mixtape_site.challenges.matching import ANSWERED, skill_uris
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Organization
from mixtape_site.projects.models import Project, ProjectMember
from mixtape_site.web.bilingual import in_language

PERIODS = {"all": _("All time"), "12m": _("Last 12 months")}
# A requested skill held by fewer active credentials than this is part of the gap.
RARELY_CREDENTIALED = 5
TOP_SKILLS = 10
NO_DISCIPLINE = _("No discipline given")


@dataclass(frozen=True)
class Row:
    """One labelled figure; ``share`` (0–100, in steps of 5 so CSS classes can size the bar
    without inline styles) is its size relative to the largest."""

    key: Any
    label: Any
    count: int
    share: int = 0


@dataclass(frozen=True)
class ChallengeRow:
    challenge: Challenge
    status: str
    proposals: int | None  # None: the partner may not see them yet
    awarded: int


@dataclass(frozen=True)
class AwardTimes:
    count: int = 0
    median: float | None = None
    shortest: float | None = None
    longest: float | None = None


@dataclass(frozen=True)
class SkillRow:
    url: str
    name: str
    requested: int = 0
    credentialed: int = 0


@dataclass
class Insight:
    organization: Organization | None
    since: datetime | None
    by_status: list[Row] = field(default_factory=list)
    by_kind: list[Row] = field(default_factory=list)
    challenges: list[ChallengeRow] = field(default_factory=list)
    award_times: AwardTimes = field(default_factory=AwardTimes)
    projects: int = 0
    by_trl: list[Row] = field(default_factory=list)
    by_discipline: list[Row] = field(default_factory=list)
    credentials: int = 0
    credentials_revoked: int = 0
    by_institution: list[Row] = field(default_factory=list)
    requested: list[SkillRow] = field(default_factory=list)
    credentialed: list[SkillRow] = field(default_factory=list)
    gap: list[SkillRow] = field(default_factory=list)

    @property
    def posted(self) -> int:
        return sum(r.count for r in self.by_status if r.key != Challenge.Status.DRAFT)


def period_start(period: str, now: datetime | None = None) -> datetime | None:
    """The first moment the period covers (None: all time)."""
    if period == "12m":
        return (now or timezone.now()) - timedelta(days=365)
    return None


def insight_for(
    *, organization: Organization | None = None, since: datetime | None = None,
    now: datetime | None = None,
) -> Insight:  # fmt: skip
    """Every figure of the dashboard; ``organization`` None means the whole platform."""
    now = now or timezone.now()
    insight = Insight(organization=organization, since=since)
    challenges = _challenges(organization, since)
    _challenge_figures(insight, challenges, now)
    _project_figures(insight, organization, since)
    _credential_figures(insight, organization, since)
    _skill_figures(insight, challenges, since)
    return insight


def _rows(counts: dict[Any, int], labels: dict[Any, Any] | None = None) -> list[Row]:
    """Rows in the given label order (or largest first), each bar relative to the largest."""
    keys = list(labels) if labels is not None else [k for k, _n in Counter(counts).most_common()]
    top = max(counts.values(), default=0)
    return [
        Row(key=key, label=(labels or {}).get(key, key), count=counts.get(key, 0),
            share=5 * round(20 * counts.get(key, 0) / top) if top else 0)
        for key in keys
    ]  # fmt: skip


# --- challenges and proposals -------------------------------------------------


def _challenges(organization: Organization | None, since: datetime | None) -> list[Challenge]:
    rows = Challenge.objects.select_related("organization").annotate(
        answered=Count("proposals", filter=Q(proposals__status__in=ANSWERED)),
        won=Count("proposals", filter=Q(proposals__status=Proposal.Status.AWARDED)),
    )  # one query
    if organization is not None:
        rows = rows.filter(organization=organization)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    return list(rows.order_by("-created_at", "-id"))


def _challenge_figures(insight: Insight, challenges: list[Challenge], now: datetime) -> None:
    statuses = Counter(effective_status(c, now) for c in challenges)
    insight.by_status = _rows(statuses, dict(Challenge.Status.choices))
    kinds = Counter(c.kind for c in challenges)
    insight.by_kind = _rows(kinds, dict(Challenge.Kind.choices))
    insight.challenges = [
        ChallengeRow(challenge=c, status=effective_status(c, now), awarded=c.won,
                     proposals=c.answered if _counts_visible(insight, c, now) else None)
        for c in challenges
        if c.status != Challenge.Status.DRAFT
    ]  # fmt: skip
    days = [
        (c.awarded_at - c.opened_at).total_seconds() / 86400
        for c in challenges
        if c.awarded_at and c.opened_at
    ]
    if days:
        insight.award_times = AwardTimes(
            count=len(days), median=round(statistics.median(days), 1),
            shortest=round(min(days), 1), longest=round(max(days), 1),
        )  # fmt: skip


def _counts_visible(insight: Insight, challenge: Challenge, now: datetime) -> bool:
    """A partner learns how many proposals came in only when it may see them."""
    return insight.organization is None or partner_sees_proposals_now(challenge, now)


# --- projects and credentials ---------------------------------------------------


def _projects(organization: Organization | None, since: datetime | None) -> Any:
    rows = Project.objects.all()
    if organization is not None:
        rows = rows.filter(proposal__challenge__organization=organization)
    if since is not None:
        rows = rows.filter(started_at__gte=since)
    return rows


def _project_figures(
    insight: Insight, organization: Organization | None, since: datetime | None
) -> None:
    rows = list(
        _projects(organization, since)
        .exclude(status=Project.Status.CANCELLED)
        .values_list("trl_current", "proposal__challenge__disciplines")
    )  # one query
    insight.projects = len(rows)
    insight.by_trl = _rows(Counter(trl for trl, _d in rows), {n: n for n in range(1, 10)})
    disciplines: Counter[Any] = Counter()
    for _trl, keys in rows:
        known = [DISCIPLINES[k] for k in keys or () if k in DISCIPLINES]
        disciplines.update(known or [NO_DISCIPLINE])
    insight.by_discipline = _rows(disciplines)


def _credential_figures(
    insight: Insight, organization: Organization | None, since: datetime | None
) -> None:
    members = ProjectMember.objects.filter(
        credential__isnull=False, project__in=_projects(organization, None)
    )
    if since is not None:
        members = members.filter(credential__issued_on__gte=since)
    revoked = Q(credential__state=IssuedCredential.State.REVOKED)
    per_org = list(
        members.values("project__proposal__organization")
        .annotate(issued=Count("id"), revoked=Count("id", filter=revoked))
        .order_by("-issued", "project__proposal__organization")
    )  # one query
    ids = [row["project__proposal__organization"] for row in per_org]
    names = Organization.objects.in_bulk(ids)  # one query
    insight.credentials = sum(row["issued"] for row in per_org)
    insight.credentials_revoked = sum(row["revoked"] for row in per_org)
    counts = {names[i]: row["issued"] for i, row in zip(ids, per_org, strict=True)}
    insight.by_institution = _rows(counts)


# --- skills: requested versus credentialed --------------------------------------


def _skill_names(skills_lists: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for skills in skills_lists:
        for row in skills or ():
            if isinstance(row, dict) and isinstance(row.get("url"), str):
                names.setdefault(row["url"], in_language(row.get("name")) or row["url"])
    return names


def _credentialed_skills(since: datetime | None) -> tuple[Counter[str], dict[str, str]]:
    """Active (not revoked) credentials per skill, platform-wide, by their achievement's
    skills."""
    live = ~Q(issued_credentials__state=IssuedCredential.State.REVOKED)
    if since is not None:
        live &= Q(issued_credentials__issued_on__gte=since)
    rows = list(
        Achievement.objects.annotate(held=Count("issued_credentials", filter=live))
        .filter(held__gt=0)
        .values_list("skills", "held")
    )  # one query
    counts: Counter[str] = Counter()
    for skills, held in rows:
        counts.update({uri: held for uri in skill_uris(skills)})
    return counts, _skill_names(skills for skills, _held in rows)


def _skill_figures(insight: Insight, challenges: list[Challenge], since: datetime | None) -> None:
    posted = [c for c in challenges if c.status != Challenge.Status.DRAFT]
    requested = Counter(uri for c in posted for uri in skill_uris(c.skills))
    held, held_names = _credentialed_skills(since)
    names = {**held_names, **_skill_names(c.skills for c in posted)}

    def row(uri: str) -> SkillRow:
        return SkillRow(url=uri, name=names.get(uri, uri), requested=requested.get(uri, 0),
                        credentialed=held.get(uri, 0))  # fmt: skip

    def top(counts: Counter[str]) -> list[SkillRow]:
        ranked = sorted(counts, key=lambda u: (-counts[u], names.get(u, u).casefold()))
        return [row(uri) for uri in ranked[:TOP_SKILLS]]

    insight.requested = top(requested)
    insight.credentialed = top(held)
    rare = [row(u) for u in requested if held.get(u, 0) < RARELY_CREDENTIALED]
    insight.gap = sorted(rare, key=lambda r: (-r.requested, r.credentialed, r.name.casefold()))
