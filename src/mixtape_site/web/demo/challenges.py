"""The demo's innovation space (issue 7): a city posts challenges, colleges answer.

A City of Toronto-style pilot: the City of Lakeshore posts two challenges that the
Ontario Innovation Fund's grant can pay for.

- "Predicting winter road-salt needs" is open for three more weeks: institutions can
  answer it from its public page.
- "Accessible transit wayfinding" is a call that closed last winter: Northern College
  and Collège Lumière answered, the fund's program officer reviewed both, and the city
  awarded Collège Lumière's proposal; its audit trail records every step. The project
  that followed is completed and issued its micro-credential (``demo/projects.py``).

Everything goes through the services the pages use. The awarded call happened in the
past, and the services refuse to open a challenge whose deadline has passed or to take a
proposal after it: their ``now=`` parameters replay each step at the date it would have
happened (opened 40 weeks ago, proposals submitted 37 weeks ago, deadline 36 weeks
ago, award 33 weeks ago), rather than rewriting a deadline through the ORM behind the
services' back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Final

from django.utils import timezone

from mixtape_site.accounts.models import User
from mixtape_site.challenges import funding, proposals, review, services
from mixtape_site.challenges.models import Challenge, FundingProgram, Proposal
from mixtape_site.organizations.models import Organization
from mixtape_site.web.demo.content import (
    COMMUNICATION,
    DATA_ANALYSIS,
    MACHINE_LEARNING,
    STATISTICS,
    VISUALISATION,
    text,
)

CITY: Final = "city-of-lakeshore"
FUNDER: Final = "ontario-innovation-fund"
CITY_STAFF: Final = "partner@lakeshore.example"
FUND_OFFICER: Final = "programs@innovation-fund.example"
AWARDED_AGO: Final = timedelta(weeks=33)

GRANT: Final[dict[str, Any]] = {
    "name": text("Applied Innovation Grant", "Subvention d'innovation appliquée"),
    "description": text(
        "Up to $75,000 for a college or university team that solves a public partner's "
        "problem with students on the project.",
        "Jusqu'à 75 000 $ pour une équipe collégiale ou universitaire qui résout le problème "
        "d'un partenaire public avec des étudiants dans le projet.",
    ),
    "url": "https://innovation-fund.example/applied-innovation",
    "max_amount": Decimal("75000.00"),
}

ROAD_SALT: Final[dict[str, Any]] = {
    "kind": Challenge.Kind.CHALLENGE,
    "title": text(
        "Predicting winter road-salt needs", "Prévoir les besoins hivernaux en sel de voirie"
    ),
    "problem": text(
        "Each winter the city spreads about 40,000 tonnes of road salt. Orders are placed "
        "months ahead from last year's totals, so some winters run short and others leave "
        "salt to cake in the domes, while runoff harms the lakeshore's creeks.",
        "Chaque hiver, la ville épand environ 40 000 tonnes de sel de voirie. Les commandes "
        "sont passées des mois à l'avance à partir des totaux de l'année précédente. "
        "Certains hivers, il en manque; d'autres, il durcit dans les dômes. Et le "
        "ruissellement nuit aux ruisseaux du bord du lac.",
    ),
    "outcomes": text(
        "A forecast of weekly salt needs per district from weather forecasts and ten "
        "winters of plow and spreader records, tested on last winter, with a dashboard the "
        "operations team can use.",
        "Une prévision hebdomadaire des besoins en sel par district, tirée des prévisions "
        "météo et de dix hivers de données des chasse-neige et des épandeuses, mise à "
        "l'essai sur l'hiver dernier, avec un tableau de bord pour l'équipe des opérations.",
    ),
    "skills": [DATA_ANALYSIS, MACHINE_LEARNING, STATISTICS],
    "disciplines": ["data", "environment", "urban"],
    "trl_min": 4,
    "trl_max": 7,
    "budget": Decimal("60000.00"),
    "language": Challenge.Language.BOTH,
    "criteria": [
        (text("Accuracy of the forecast", "Précision des prévisions"), 40),
        (text("Fit with city operations", "Adéquation aux opérations municipales"), 30),
        (text("Student learning", "Apprentissage des étudiants"), 30),
    ],
}

WAYFINDING: Final[dict[str, Any]] = {
    "kind": Challenge.Kind.CALL,
    "title": text(
        "Accessible transit wayfinding", "Orientation accessible dans le transport en commun"
    ),
    "problem": text(
        "Riders who are blind, have low vision or read little English or French struggle "
        "to find their platform and exit at the three busiest transit hubs.",
        "Les usagers aveugles ou malvoyants, ou qui lisent peu l'anglais ou le français, "
        "peinent à trouver leur quai et leur sortie dans les trois pôles de transport en "
        "commun les plus achalandés.",
    ),
    "outcomes": text(
        "A wayfinding prototype tested with riders at one hub, and recommendations for "
        "the other two.",
        "Un prototype d'orientation mis à l'essai avec des usagers dans un pôle, et des "
        "recommandations pour les deux autres.",
    ),
    "skills": [VISUALISATION, COMMUNICATION],
    "disciplines": ["design", "urban", "computing"],
    "trl_min": 3,
    "trl_max": 6,
    "budget": Decimal("45000.00"),
    "language": Challenge.Language.BOTH,
    "criteria": [
        (text("Accessibility for riders", "Accessibilité pour les usagers"), 10),
        (text("Feasibility", "Faisabilité"), 10),
    ],
}

# The two answers to the wayfinding call: institution, who wrote it, the proposal, its
# milestones (title, weeks after the award, deliverable), its team, and the fund officer's
# points per criterion (in the call's criteria order).
ANSWERS: Final[list[dict[str, Any]]] = [
    {
        "institution": "northern-college",
        "by": "issuer@northern.example",
        "title": "Audio and tactile beacons for transit hubs",
        "language": "en",
        "summary": "Bluetooth beacons that speak directions on riders' phones, and tactile "
        "floor strips to the platforms.",
        "approach": "Survey riders with the CNIB, install beacons at one hub, test with "
        "twenty riders over a month, then measure the time to reach the platform.",
        "budget": Decimal("42000.00"),
        "milestones": [("Rider survey", 8, "Survey report"), ("Beacons installed", 24, "")],
        "team": [
            (
                "Tom Whitehorse",
                "issuer@northern.example",
                "lead",
                "Computer Engineering Technology",
            ),
            ("Sam Okafor", "sam@learner.example", "student", "Computer Engineering Technology"),
        ],
        "points": [7, 6],
        "comment": "Sound technology; the rider survey should come before the beacon choice.",
    },
    {
        "institution": "college-lumiere",
        "by": "admin@lumiere.example",
        "title": "Signalétique en langage clair et balises sonores",
        "language": "fr",
        "summary": "Une signalétique à pictogrammes en langage clair, doublée de balises "
        "sonores bilingues aux escaliers et aux quais.",
        "approach": "Conception avec des usagers aveugles et des personnes nouvellement "
        "arrivées, prototype dans un pôle, puis six semaines d'essais mesurés.",
        "budget": Decimal("44500.00"),
        "milestones": [
            ("Ateliers de conception", 6, "Maquettes de la signalétique"),
            ("Prototype en service", 20, ""),
        ],
        "team": [
            ("Geneviève Tremblay", "admin@lumiere.example", "lead", "Design graphique"),
            (
                "Jean-Philippe Roy",
                "jean@learner.example",
                "student",
                "Techniques de l'informatique",
            ),
        ],
        "points": [9, 8],
        "comment": "Un plan clair, conçu avec les usagers, qui place les étudiants au cœur "
        "du projet.",
        "awarded": True,
    },
]


@dataclass(frozen=True)
class DemoChallenges:
    open: Challenge
    awarded: Challenge


def demo_challenges(
    *, organizations: dict[str, Organization], people: dict[str, User]
) -> DemoChallenges:
    """The grant, the open challenge and the awarded call, with their proposals and review."""
    city, staff = organizations[CITY], people[CITY_STAFF]
    grant = _grant(organizations[FUNDER])
    now = timezone.now()
    road_salt = _posted(ROAD_SALT, city, staff, grant, deadline=now + timedelta(weeks=3), now=now)
    opened = now - timedelta(weeks=40)
    wayfinding = _posted(
        WAYFINDING, city, staff, grant, deadline=now - timedelta(weeks=36), now=opened
    )
    submitted, awarded = now - timedelta(weeks=37), now - AWARDED_AGO
    answers = [_answer(a, challenge=wayfinding, grant=grant, organizations=organizations,
                       people=people, when=submitted, start=awarded.date())
               for a in ANSWERS]  # fmt: skip
    # What the closing task did when the deadline passed (closed_at: the deadline).
    services.challenge_close_if_due(challenge=wayfinding, now=wayfinding.deadline)
    _review(wayfinding, answers, staff, people[FUND_OFFICER], now - timedelta(weeks=34))
    winners = [p for p, a in zip(answers, ANSWERS, strict=True) if a.get("awarded")]
    review.challenge_award(challenge=wayfinding, proposals=winners, actor=staff, now=awarded)
    wayfinding.refresh_from_db()
    return DemoChallenges(open=road_salt, awarded=wayfinding)


def _grant(funder: Organization) -> FundingProgram:
    data = {k: v for k, v in GRANT.items() if k != "slug"}
    return funding.funding_program_save(funder=funder, data=data)


def _posted(
    data: dict[str, Any], city: Organization, staff: User, grant: FundingProgram, *,
    deadline: datetime, now: datetime,
) -> Challenge:  # fmt: skip
    """Create, add the criteria, open: as the city's staff would have done at ``now``."""
    fields = {k: v for k, v in data.items() if k != "criteria"}
    challenge = services.challenge_create(
        organization=city, created_by=staff,
        data={**fields, "deadline": deadline, "funding_programs": [grant]},
    )  # fmt: skip
    for name, points in data["criteria"]:
        row = {"name": name, "description": {}, "max_points": points}
        services.criterion_save(challenge=challenge, data=row, actor=staff, now=now)
    services.challenge_open(challenge=challenge, actor=staff, now=now)
    return challenge


def _answer(
    answer: dict[str, Any], *, challenge: Challenge, grant: FundingProgram,
    organizations: dict[str, Organization], people: dict[str, User], when: datetime,
    start: date,
) -> Proposal:  # fmt: skip
    """The institution's proposal, written and submitted at ``when`` (before the deadline);
    its milestones fall due some weeks after ``start``, the expected award."""
    data = proposals.ProposalData(
        title=answer["title"], language=answer["language"], summary=answer["summary"],
        approach=answer["approach"], budget=answer["budget"], funding_program=grant,
        milestones=[proposals.Milestone(title=title, due=start + timedelta(weeks=weeks),
                                        deliverable=deliverable)
                    for title, weeks, deliverable in answer["milestones"]],
        team=[proposals.Member(name=name, email=email, role=role, program=program)
              for name, email, role, program in answer["team"]],
    )  # fmt: skip
    by = people[answer["by"]]
    proposal = proposals.proposal_create(
        challenge=challenge, organization=organizations[answer["institution"]],
        created_by=by, data=data, now=when,
    )  # fmt: skip
    return proposals.proposal_submit(proposal=proposal, actor=by, now=when)


def _review(
    challenge: Challenge, answers: list[Proposal], staff: User, officer: User, when: datetime
) -> None:
    """The city invites the fund's program officer, who scores both proposals."""
    review.reviewer_invite(challenge=challenge, email=officer.email, invited_by=staff)
    criteria = list(challenge.criteria.order_by("position"))
    for proposal, answer in zip(answers, ANSWERS, strict=True):
        assignment = review.assignment_create(
            proposal=proposal, reviewer=officer, assigned_by=staff
        )
        review.assignment_declare(assignment=assignment, conflict="none", note="", actor=officer)
        scores = [review.ScoreInput(criterion=c, points=p)
                  for c, p in zip(criteria, answer["points"], strict=True)]  # fmt: skip
        review.review_save(
            assignment=assignment, scores=scores, actor=officer, submit=True, now=when,
            comment=answer["comment"],
        )  # fmt: skip
