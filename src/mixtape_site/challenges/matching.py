"""Matching challenges and institutions by skills.

An institution matches a challenge through the skills its *published* micro-credentials
teach (a skill taught exactly counts 1; a narrower skill that covers the challenge's
broader one, by :func:`mixtape.skills.skill_gap`'s rule, counts 0.5) and through its past
projects (+1 per awarded proposal to another challenge sharing a skill). A researcher
is matched the other way: open challenges ranked by the same overlap with their
institutions' skills. Each ranking runs a bounded number of queries, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from mixtape.skills import skill_gap
from mixtape_site.achievements.models import Achievement
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.challenges.selectors import answering_institutions
from mixtape_site.organizations.models import Organization
from mixtape_site.skills.registry import esco
from mixtape_site.web.bilingual import in_language

EXACT, PARTIAL, PAST_PROJECT = 1.0, 0.5, 1.0
# Proposals that say what an institution has worked on (drafts and withdrawals do not).
ANSWERED = (Proposal.Status.SUBMITTED, Proposal.Status.AWARDED, Proposal.Status.NOT_SELECTED)


@dataclass
class InstitutionMatch:
    organization: Organization
    score: float = 0.0
    skills: list[str] = field(default_factory=list)  # the challenge's skills it covers, by name
    achievements: list[Achievement] = field(default_factory=list)  # the ones that teach them
    projects: int = 0  # past awarded proposals sharing a skill


def skill_uris(skills: Iterable[Any] | None) -> list[str]:
    """The URIs of a skills list ([{"url", "name", …}]), in order, without repeats."""
    uris = (s.get("url") for s in skills or () if isinstance(s, dict))
    return list(dict.fromkeys(u for u in uris if isinstance(u, str) and u))


def _coverage(wanted: list[str], held: Iterable[str]) -> dict[str, float]:
    """Each wanted skill the held skills cover, with its weight (exact 1, narrower 0.5)."""
    covered_by = skill_gap(esco(), wanted, held).covered_by
    return {uri: EXACT if by == uri else PARTIAL for uri, by in covered_by.items()}


def institutions_for(*, challenge: Challenge, limit: int = 5) -> list[InstitutionMatch]:
    """The institutions best placed to answer a challenge, best first (ties by name)."""
    wanted = skill_uris(challenge.skills)
    if not wanted:
        return []
    matches: dict[int, InstitutionMatch] = {}
    _add_teaching(matches, challenge, wanted)
    _add_projects(matches, challenge, set(wanted))
    ranked = sorted(
        (m for m in matches.values() if m.score > 0),
        key=lambda m: (-m.score, in_language(m.organization.name).casefold(), m.organization.pk),
    )
    return ranked[:limit]


def _add_teaching(
    matches: dict[int, InstitutionMatch], challenge: Challenge, wanted: list[str]
) -> None:
    names = {
        s.get("url"): in_language(s.get("name")) for s in challenge.skills if isinstance(s, dict)
    }
    taught: dict[int, list[Achievement]] = defaultdict(list)
    for achievement in Achievement.objects.filter(
        status=Achievement.Status.PUBLISHED, organization__kind=Organization.Kind.INSTITUTION
    ).select_related("organization"):  # one query
        taught[achievement.organization_id].append(achievement)
    for org_id, achievements in taught.items():
        coverage = _coverage(wanted, (u for a in achievements for u in skill_uris(a.skills)))
        if not coverage:
            continue
        match = matches[org_id] = InstitutionMatch(achievements[0].organization)
        match.score = sum(coverage.values())
        match.skills = [names.get(u) or u for u in wanted if u in coverage]
        match.achievements = [a for a in achievements if _coverage(wanted, skill_uris(a.skills))]


def _add_projects(
    matches: dict[int, InstitutionMatch], challenge: Challenge, wanted: set[str]
) -> None:
    awarded = (
        Proposal.objects.filter(
            status=Proposal.Status.AWARDED, organization__kind=Organization.Kind.INSTITUTION
        )
        .exclude(challenge=challenge)
        .select_related("organization", "challenge")
    )  # one query
    for proposal in awarded:
        if wanted.isdisjoint(skill_uris(proposal.challenge.skills)):
            continue
        match = matches.setdefault(
            proposal.organization_id, InstitutionMatch(proposal.organization)
        )
        match.score += PAST_PROJECT
        match.projects += 1


def challenges_for(
    *, user: Any, limit: int = 5, organization: Organization | None = None
) -> list[Challenge]:
    """Open challenges matching the skills of the user's institutions (or of
    ``organization`` alone, which the caller has checked the user belongs to), best first.

    An institution's skills: those its published micro-credentials teach and those of the
    challenges it, or the user as a team member, has answered. Challenges already
    answered are left out.
    """
    institutions = [organization] if organization else answering_institutions(user=user)
    if not institutions:
        return []
    held = {
        uri
        for skills in Achievement.objects.filter(
            status=Achievement.Status.PUBLISHED, organization__in=institutions
        ).values_list("skills", flat=True)
        for uri in skill_uris(skills)
    }
    answered = Proposal.objects.filter(status__in=ANSWERED).filter(
        Q(organization__in=institutions) | Q(team__user=user)
    )
    done: set[int] = set()
    for challenge_id, skills in answered.values_list("challenge_id", "challenge__skills"):
        done.add(challenge_id)
        held.update(skill_uris(skills))
    return _rank_open(held, done, limit)


def _rank_open(held: set[str], done: set[int], limit: int) -> list[Challenge]:
    candidates = [
        c
        for c in Challenge.objects.filter(status=Challenge.Status.OPEN, deadline__gt=timezone.now())
        .exclude(pk__in=done)
        .select_related("organization")
        if skill_uris(c.skills)
    ]
    if not held or not candidates:
        return []
    coverage = _coverage(sorted({u for c in candidates for u in skill_uris(c.skills)}), held)
    scored = [(sum(coverage.get(u, 0) for u in skill_uris(c.skills)), c) for c in candidates]
    scored = [(score, c) for score, c in scored if score > 0]
    scored.sort(key=lambda pair: (-pair[0], pair[1].deadline, pair[1].pk))
    return [c for _, c in scored[:limit]]
