"""Matching people to a challenge: who at the institutions has done or taught this work.

A person is suggested when they led or were faculty on a past awarded proposal or project
whose challenge shares one of the wanted skills (+1 per proposal), or created a published
micro-credential teaching a wanted skill (exact 1, broader or narrower 0.5, the rule of
:func:`mixtape_site.challenges.matching._coverage`). Only institution people count, never
the posting organization's own staff. People are told apart by their e-mail address, but
a match carries only a name, an institution and the reasons: the page shows no address.
The ranking runs four queries, whatever the number of people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.challenges.matching import PAST_PROJECT, _coverage, skill_uris
from mixtape_site.challenges.models import Challenge, Proposal, TeamMember
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.projects.models import Project, ProjectMember
from mixtape_site.web.bilingual import in_language

PAST_ROLES = (TeamMember.Role.LEAD, TeamMember.Role.FACULTY)
NAME_NOT_GIVEN = _("Name not given")
TAUGHT = _("Created the micro-credential “%(achievement)s”, which teaches %(skills)s")
WORKED_ON = _("%(role)s on “%(proposal)s”, awarded for the challenge “%(challenge)s”")


@dataclass
class PersonMatch:
    """One suggested person: what the partner's staff may see, and nothing more."""

    name: str
    organization: Organization
    user: Any | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)  # the challenge's skills they cover
    projects: int = 0  # past awarded proposals sharing a skill


def people_for(*, challenge: Challenge, limit: int = 5) -> list[PersonMatch]:
    """The institution people best placed to work on a challenge, best first (ties by name)."""
    wanted = skill_uris(challenge.skills)
    if not wanted:
        return []
    people: dict[str, PersonMatch] = {}
    _add_authors(people, challenge, wanted)
    _add_past_work(people, challenge, set(wanted))
    staff = _staff_emails(challenge.organization_id)
    kept = [m for key, m in people.items() if m.score > 0 and key not in staff]
    for match in kept:
        match.name = match.name or str(NAME_NOT_GIVEN)
    ranked = sorted(
        kept,
        key=lambda m: (-m.score, m.name.casefold(), m.organization.pk),
    )
    return ranked[:limit]


def _staff_emails(organization_id: int) -> set[str]:
    rows = Membership.objects.filter(organization_id=organization_id)
    return {email.lower() for email in rows.values_list("user__email", flat=True) if email}


def _user_name(user: Any) -> str:
    """A user's name, never their e-mail address (``str(user)`` falls back to it)."""
    if user is None:
        return ""
    return str(user.display_name or user.get_full_name() or "").strip()


def _person(
    people: dict[str, PersonMatch], email: str, name: str, organization: Organization, user: Any
) -> PersonMatch:
    match = people.get(email.lower())
    if match is None:
        match = people[email.lower()] = PersonMatch(name="", organization=organization)
    match.user = match.user or user
    match.name = match.name or _user_name(user) or name.strip()
    return match


def _skill_names(challenge: Challenge) -> dict[str, str]:
    rows = [s for s in challenge.skills or () if isinstance(s, dict)]
    return {s["url"]: in_language(s.get("name")) or s["url"] for s in rows if s.get("url")}


def _add_authors(people: dict[str, PersonMatch], challenge: Challenge, wanted: list[str]) -> None:
    names = _skill_names(challenge)
    authored = Achievement.objects.filter(
        status=Achievement.Status.PUBLISHED,
        organization__kind=Organization.Kind.INSTITUTION,
        created_by__isnull=False,
    ).select_related("organization", "created_by")  # one query
    covered: dict[str, dict[str, float]] = {}
    for achievement in authored:
        coverage = _coverage(wanted, skill_uris(achievement.skills))
        if not coverage:
            continue
        author = achievement.created_by
        match = _person(people, author.email, "", achievement.organization, author)
        covered.setdefault(author.email.lower(), {}).update(coverage)
        skills = ", ".join(names.get(u, u) for u in wanted if u in coverage)
        match.reasons.append(str(TAUGHT % {"achievement": achievement, "skills": skills}))
    for key, coverage in covered.items():
        people[key].score += sum(coverage.values())
        people[key].skills = [names.get(u, u) for u in wanted if u in coverage]


def _past_members(challenge: Challenge) -> Iterable[tuple[Any, Proposal]]:
    """(member, proposal) of leads and faculty of awarded proposals and of their projects."""
    team = (
        TeamMember.objects.filter(
            role__in=PAST_ROLES,
            proposal__status=Proposal.Status.AWARDED,
            proposal__organization__kind=Organization.Kind.INSTITUTION,
        )
        .exclude(proposal__challenge=challenge)
        .select_related("user", "proposal__organization", "proposal__challenge")
    )  # one query
    for member in team:
        yield member, member.proposal
    crew = (
        ProjectMember.objects.filter(
            role__in=PAST_ROLES,
            project__proposal__status=Proposal.Status.AWARDED,
            project__proposal__organization__kind=Organization.Kind.INSTITUTION,
        )
        .exclude(project__proposal__challenge=challenge)
        .exclude(project__status=Project.Status.CANCELLED)
        .select_related("user", "project__proposal__organization", "project__proposal__challenge")
    )  # one query
    for member in crew:
        yield member, member.project.proposal


def _add_past_work(people: dict[str, PersonMatch], challenge: Challenge, wanted: set[str]) -> None:
    counted: set[tuple[str, int]] = set()
    for member, proposal in _past_members(challenge):
        if wanted.isdisjoint(skill_uris(proposal.challenge.skills)):
            continue
        email = (member.user.email if member.user else member.email).lower()
        if (email, proposal.pk) in counted:  # on the proposal's team and on its project
            continue
        counted.add((email, proposal.pk))
        match = _person(people, email, member.name, proposal.organization, member.user)
        match.score += PAST_PROJECT
        match.projects += 1
        match.reasons.append(str(WORKED_ON % {
            "role": TeamMember.Role(member.role).label, "proposal": proposal.title,
            "challenge": in_language(proposal.challenge.title),
        }))  # fmt: skip
