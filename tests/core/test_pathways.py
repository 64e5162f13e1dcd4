"""Pathways, one rule at a time: how micro-credentials stack toward a goal credential."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from mixtape.errors import InvalidInputError, PathwayDefinitionError
from mixtape.pathways import (
    NESTED_CAP,
    AllOf,
    AnyOf,
    AtLeast,
    Credential,
    Held,
    MinTotal,
    Problem,
    Progress,
    Requirement,
    Skills,
    achievements,
    contributing,
    evaluate,
    problems,
    requirement_from_json,
    requirement_to_json,
)

NOW = datetime(2026, 6, 1, tzinfo=UTC)
COLLEGE = "https://college.example/achievements/"
EMPLOYER = "https://employer.example/badges/"
PY, SQL, GIT, WEB = (COLLEGE + name for name in ("python", "sql", "git", "web"))
CERT, DIPLOMA = COLLEGE + "certificate", COLLEGE + "diploma"
ESCO = "http://data.europa.eu/esco/skill/"


def held(achievement: str, credential: str | None = None, **fields: Any) -> Held:
    """A credential for ``achievement``; its id is made from the achievement's unless given."""
    return Held(credential or f"urn:cred:{achievement.rsplit('/', 1)[-1]}", achievement, **fields)


def run(
    requirement: Requirement, *credentials: Held, goals: dict[str, Requirement] | None = None
) -> Progress:
    return evaluate(requirement, credentials, now=NOW, goals=goals)


# --- credential leaves --------------------------------------------------------------


def test_a_credential_for_the_achievement_meets_the_leaf() -> None:
    progress = run(Credential(PY), held(PY, "urn:a"))
    assert (progress.met, progress.fraction, progress.percent) == (True, 1.0, 100)
    assert progress.used == ("urn:a",)
    assert progress.missing == ()


def test_a_missing_credential_names_the_achievement_then_its_equivalents() -> None:
    progress = run(Credential(PY, frozenset({EMPLOYER + "z", EMPLOYER + "a"})))
    assert (progress.met, progress.fraction, progress.percent) == (False, 0.0, 0)
    assert progress.missing == (PY, EMPLOYER + "a", EMPLOYER + "z")


def test_an_equivalent_from_another_issuer_is_accepted() -> None:
    requirement = Credential(PY, frozenset({EMPLOYER + "python"}))
    progress = run(requirement, held(EMPLOYER + "python", "urn:employer", issuer_id="did:web:e"))
    assert progress.met
    assert progress.used == ("urn:employer",)


def test_a_credential_for_another_achievement_does_not_count() -> None:
    assert not run(Credential(PY), held(SQL)).met


def test_every_matching_credential_is_listed_once_in_order() -> None:
    progress = run(
        Credential(PY, frozenset({EMPLOYER + "python"})),
        held(EMPLOYER + "python", "urn:b"),
        held(PY, "urn:a"),
        held(PY, "urn:a"),
    )
    assert progress.used == ("urn:a", "urn:b")


@pytest.mark.parametrize(
    "unusable",
    [
        {"state": "revoked"},
        {"state": "suspended"},
        {"valid_until": NOW - timedelta(seconds=1)},
        {"valid_until": NOW},
    ],
    ids=["revoked", "suspended", "expired", "expiring-now"],
)
def test_revoked_suspended_and_expired_credentials_count_for_nothing(
    unusable: dict[str, Any],
) -> None:
    requirement = AllOf((Credential(PY), MinTotal("hours", 5), Skills(frozenset({ESCO + "a"}))))
    progress = run(requirement, held(PY, hours=10, skills=frozenset({ESCO + "a"}), **unusable))
    assert progress == run(requirement)
    assert progress.fraction == 0.0


def test_a_credential_valid_until_later_counts() -> None:
    assert run(Credential(PY), held(PY, valid_until=NOW + timedelta(days=1))).met


def test_naive_times_are_read_as_utc() -> None:
    later = datetime(2026, 6, 2)
    assert evaluate(Credential(PY), [held(PY, valid_until=later)], now=datetime(2026, 6, 1)).met
    assert evaluate(Credential(PY), [held(PY, valid_until=later)], now=NOW).met


def test_without_a_clock_the_current_time_decides_expiry() -> None:
    assert not evaluate(
        Credential(PY), [held(PY, valid_until=datetime(2000, 1, 1, tzinfo=UTC))]
    ).met


# --- groups ---------------------------------------------------------------------------


def test_all_of_needs_every_item_and_averages_progress() -> None:
    requirement = AllOf((Credential(PY), Credential(SQL), Credential(GIT), Credential(WEB)))
    progress = run(requirement, held(PY))
    assert not progress.met
    assert progress.fraction == 0.25
    assert progress.percent == 25
    assert run(requirement, *(held(a) for a in (PY, SQL, GIT, WEB))).met


def test_any_of_needs_one_item_and_shows_the_best() -> None:
    requirement = AnyOf((Credential(PY), AllOf((Credential(SQL), Credential(GIT)))))
    progress = run(requirement, held(SQL))
    assert (progress.met, progress.fraction) == (False, 0.5)
    assert run(requirement, held(PY)).met


def test_at_least_counts_met_items_and_averages_the_best_ones() -> None:
    requirement = AtLeast(2, (Credential(PY), Credential(SQL), MinTotal("hours", 10)))
    progress = run(requirement, held(PY, hours=5))
    assert not progress.met
    assert progress.fraction == 0.75  # python (1) + half the hours (0.5), over 2
    assert run(requirement, held(PY), held(SQL)).met


def test_at_least_more_than_there_are_can_never_be_met() -> None:
    progress = run(AtLeast(3, (Credential(PY), Credential(SQL))), held(PY), held(SQL))
    assert not progress.met
    assert progress.percent == 66


def test_an_empty_all_of_is_met_and_an_empty_any_of_is_not() -> None:
    assert run(AllOf(())).met
    assert run(AllOf(())).fraction == 1.0
    assert not run(AnyOf(())).met
    assert run(AnyOf(())).fraction == 0.0


def test_children_follow_the_items() -> None:
    requirement = AllOf((Credential(PY), Credential(SQL)))
    progress = run(requirement, held(SQL))
    assert [c.requirement for c in progress.children] == list(requirement.items)
    assert [c.met for c in progress.children] == [False, True]


def test_percent_rounds_down_and_reaches_100_only_when_met() -> None:
    requirement = AllOf(tuple(Credential(f"{COLLEGE}{n}") for n in range(3)))
    assert run(requirement, held(f"{COLLEGE}0"), held(f"{COLLEGE}1")).percent == 66
    almost = AllOf(tuple(Credential(f"{COLLEGE}{n}") for n in range(1000)))
    progress = run(almost, *(held(f"{COLLEGE}{n}") for n in range(999)))
    assert (progress.fraction, progress.percent) == (0.999, 99)


# --- totals -----------------------------------------------------------------------------


def test_min_total_sums_hours_of_distinct_credentials() -> None:
    requirement = MinTotal("hours", 20)
    progress = run(
        requirement, held(PY, "urn:a", hours=8), held(PY, "urn:a", hours=8), held(SQL, hours=4)
    )
    assert not progress.met
    assert progress.fraction == 0.6
    assert progress.remaining == 8
    assert progress.used == ("urn:a", "urn:cred:sql")


def test_min_total_counts_credits_only_among_the_named_achievements() -> None:
    requirement = MinTotal("credits", 6, frozenset({PY, SQL, GIT}))
    progress = run(requirement, held(PY, credits=3), held(WEB, credits=30))
    assert progress.fraction == 0.5
    assert progress.remaining == 3
    assert progress.missing == (GIT, SQL)
    assert progress.used == ("urn:cred:python",)
    met = run(requirement, held(PY, credits=3), held(SQL, credits=4))
    assert (met.met, met.fraction, met.remaining, met.missing) == (True, 1.0, 0, ())


def test_min_total_counts_hours_from_any_issuer_without_among() -> None:
    progress = run(MinTotal("hours", 10), held(EMPLOYER + "x", hours=6), held(PY, hours=4))
    assert progress.met


def test_credentials_with_no_hours_do_not_count_toward_hours() -> None:
    progress = run(MinTotal("hours", 10), held(PY, credits=5), held(SQL, hours=-3))
    assert progress.used == ()
    assert progress.fraction == 0.0


def test_credits_from_a_database_decimal_are_counted() -> None:
    progress = run(MinTotal("credits", Decimal("2.5")), held(PY, credits=Decimal("1.5")))
    assert (progress.fraction, progress.remaining) == (0.6, 1.0)


# --- skills -------------------------------------------------------------------------------


def test_skills_are_covered_by_any_usable_credential() -> None:
    skills = frozenset(ESCO + s for s in "abcd")
    progress = run(
        Skills(skills),
        held(PY, skills=frozenset({ESCO + "a", ESCO + "x"})),
        held(EMPLOYER + "e", skills=frozenset({ESCO + "b"})),
        held(SQL, skills=frozenset({ESCO + "z"})),
    )
    assert (progress.met, progress.fraction) == (False, 0.5)
    assert progress.missing == (ESCO + "c", ESCO + "d")
    assert progress.used == ("urn:cred:e", "urn:cred:python")


# --- nested pathways -----------------------------------------------------------------------


CERTIFICATE = AllOf((Credential(PY), Credential(SQL)))
GOALS: dict[str, Requirement] = {CERT: CERTIFICATE}


def test_a_goal_of_another_pathway_shows_that_pathways_progress_beneath_it() -> None:
    progress = run(Credential(CERT), held(PY), goals=GOALS)
    assert not progress.met
    assert progress.fraction == 0.5
    assert progress.missing == (CERT,)
    (child,) = progress.children
    assert child.requirement == CERTIFICATE
    assert child.children[0].used == ("urn:cred:python",)


def test_finishing_the_parts_is_not_holding_the_goal_credential() -> None:
    progress = run(Credential(CERT), held(PY), held(SQL), goals=GOALS)
    assert not progress.met
    assert progress.fraction == NESTED_CAP
    assert progress.percent == 99
    assert progress.children[0].met


def test_holding_the_goal_credential_meets_the_leaf_without_nested_progress() -> None:
    progress = run(Credential(CERT), held(CERT), goals=GOALS)
    assert progress.met
    assert progress.children == ()


def test_pathways_nest_at_any_depth() -> None:
    goals: dict[str, Requirement] = {
        CERT: CERTIFICATE,
        DIPLOMA: AllOf((Credential(CERT), Credential(GIT))),
    }
    progress = run(AllOf((Credential(DIPLOMA),)), held(PY), goals=goals)
    diploma = progress.children[0].children[0]
    assert diploma.children[0].children[0].fraction == 0.5
    assert progress.fraction == 0.25


def test_a_loop_among_other_pathways_does_not_recurse_forever() -> None:
    goals: dict[str, Requirement] = {CERT: Credential(DIPLOMA), DIPLOMA: Credential(CERT)}
    progress = run(Credential(CERT), goals=goals)
    assert progress.children[0].children[0].children == ()
    assert progress.fraction == 0.0


# --- contributing ---------------------------------------------------------------------------


def test_contributing_lists_the_credentials_behind_the_met_parts_only() -> None:
    requirement = AllOf(
        (AnyOf((Credential(PY), Credential(SQL))), MinTotal("hours", 5, frozenset({GIT, WEB})))
    )
    progress = run(requirement, held(SQL), held(GIT, hours=3), held(WEB, hours=3), held(CERT))
    assert contributing(progress) == ("urn:cred:git", "urn:cred:sql", "urn:cred:web")
    assert contributing(run(requirement, held(SQL))) == ()


def test_achievements_lists_every_credential_leaf_and_equivalent() -> None:
    requirement = AllOf(
        (Credential(PY, frozenset({EMPLOYER + "p"})), MinTotal("hours", 1), Credential(SQL))
    )
    assert list(achievements(requirement)) == [PY, EMPLOYER + "p", SQL]


# --- problems -------------------------------------------------------------------------------


def test_a_sound_definition_has_no_problems() -> None:
    requirement = AllOf(
        (
            AtLeast(2, (Credential(PY), Credential(SQL), Credential(GIT))),
            MinTotal("credits", 6),
            Skills(frozenset({ESCO + "a"})),
            Credential(CERT),
        )
    )
    assert problems(requirement, goal=DIPLOMA, retired={WEB}, goals=GOALS) == []


@pytest.mark.parametrize(
    ("requirement", "expected"),
    [
        (AllOf(()), [Problem("empty")]),
        (AnyOf((AnyOf(()),)), [Problem("empty", (0,))]),
        (AtLeast(1, ()), [Problem("empty")]),
        (Skills(frozenset()), [Problem("empty")]),
        (MinTotal("hours", 3, frozenset()), [Problem("empty")]),
        (AtLeast(0, (Credential(PY),)), [Problem("count", (), "0")]),
        (AtLeast(2, (Credential(PY),)), [Problem("count", (), "2")]),
        (MinTotal("hours", 0), [Problem("amount", (), "0")]),
        (MinTotal("credits", -1.5), [Problem("amount", (), "-1.5")]),
        (MinTotal("credits", float("nan")), [Problem("amount", (), "nan")]),
        (
            AllOf((Credential(PY), AnyOf((Credential(SQL), Credential(SQL))))),
            [Problem("duplicate", (1, 1), SQL)],
        ),
    ],
    ids=[
        "empty-all",
        "empty-nested",
        "empty-at-least",
        "empty-skills",
        "empty-among",
        "count-zero",
        "count-too-many",
        "amount-zero",
        "amount-negative",
        "amount-nan",
        "duplicate",
    ],
)
def test_each_kind_of_bad_definition_is_named_with_its_place(
    requirement: Requirement, expected: list[Problem]
) -> None:
    assert problems(requirement) == expected


def test_a_retired_achievement_is_refused() -> None:
    requirement = AllOf((Credential(PY), Credential(SQL)))
    assert problems(requirement, retired=[SQL]) == [Problem("retired", (1,), SQL)]


def test_the_goal_itself_as_a_requirement_is_a_cycle() -> None:
    requirement = AllOf((Credential(PY), Credential(CERT)))
    assert problems(requirement, goal=CERT) == [Problem("cycle", (1,), CERT)]


def test_an_equivalent_that_is_the_goal_is_a_cycle() -> None:
    requirement = AllOf((Credential(PY, frozenset({CERT})),))
    assert problems(requirement, goal=CERT) == [Problem("cycle", (0,), CERT)]


def test_a_cycle_through_other_pathways_is_found_at_any_depth() -> None:
    goals: dict[str, Requirement] = {
        DIPLOMA: AllOf((Credential(GIT), AnyOf((Credential(WEB), Credential(CERT))))),
        WEB: AllOf((Credential(DIPLOMA),)),  # a loop that does not involve our goal
    }
    requirement = AllOf((Credential(PY), Credential(SQL, frozenset({DIPLOMA}))))
    assert problems(requirement, goal=CERT, goals=goals) == [Problem("cycle", (1,), DIPLOMA)]
    assert problems(AllOf((Credential(WEB),)), goal=PY, goals=goals) == []


def test_problems_come_in_tree_order() -> None:
    requirement = AllOf(
        (
            Credential(CERT),
            AtLeast(3, (Credential(PY), Credential(PY))),
            AnyOf(()),
            MinTotal("hours", 0),
        )
    )
    found = problems(requirement, goal=CERT, retired={PY})
    assert [(p.code, p.path) for p in found] == [
        ("cycle", (0,)),
        ("count", (1,)),
        ("retired", (1, 0)),
        ("duplicate", (1, 1)),
        ("retired", (1, 1)),
        ("empty", (2,)),
        ("amount", (3,)),
    ]


# --- JSON -------------------------------------------------------------------------------------

EXAMPLE_JSON = {
    "allOf": [
        {"credential": PY, "accepts": [EMPLOYER + "python"]},
        {"atLeast": 2, "of": [{"credential": SQL}, {"credential": GIT}, {"credential": WEB}]},
        {"anyOf": [{"skills": [ESCO + "a", ESCO + "b"]}, {"minTotal": {"hours": 12.5}}]},
        {"minTotal": {"credits": 6}, "among": [PY, SQL]},
    ]
}


def test_the_json_form_reads_and_writes_back_the_same() -> None:
    requirement = requirement_from_json(EXAMPLE_JSON)
    assert requirement == AllOf(
        (
            Credential(PY, frozenset({EMPLOYER + "python"})),
            AtLeast(2, (Credential(SQL), Credential(GIT), Credential(WEB))),
            AnyOf((Skills(frozenset({ESCO + "a", ESCO + "b"})), MinTotal("hours", 12.5))),
            MinTotal("credits", 6, frozenset({PY, SQL})),
        )
    )
    assert requirement_to_json(requirement) == EXAMPLE_JSON
    assert json.loads(json.dumps(requirement_to_json(requirement))) == EXAMPLE_JSON


def test_an_empty_among_is_kept_apart_from_no_among() -> None:
    assert requirement_from_json({"minTotal": {"hours": 1}, "among": []}) == MinTotal(
        "hours", 1, frozenset()
    )
    assert requirement_from_json({"minTotal": {"hours": 1}}) == MinTotal("hours", 1, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "$: must be an object"),
        ({}, "$: must have exactly one of allOf, anyOf, atLeast, credential, minTotal, skills"),
        ({"allOf": [], "anyOf": []}, "$: must have exactly one of"),
        ({"allOf": [], "name": "x"}, "$.name: unknown key"),
        ({"allOf": {}}, "$.allOf: must be a list of requirements"),
        (
            {"allOf": [{"skills": ["s"]}, {"allOf": []}, {"atLeast": 1.5, "of": []}]},
            "$.allOf[2].atLeast: must be a whole number",
        ),
        ({"atLeast": -1, "of": []}, "$.atLeast: must be a whole number"),
        ({"atLeast": True, "of": []}, "$.atLeast: must be a whole number"),
        ({"atLeast": 1}, '$: needs "of"'),
        ({"anyOf": [{"credential": ""}]}, "$.anyOf[0].credential: must be a non-empty string"),
        ({"credential": 3}, "$.credential: must be a non-empty string"),
        ({"credential": "a", "accepts": "b"}, "$.accepts: must be a list of ids"),
        ({"credential": "a", "accepts": ["b", None]}, "$.accepts[1]: must be a non-empty string"),
        ({"minTotal": {"hours": "3"}}, "$.minTotal.hours: must be a number"),
        ({"minTotal": {"hours": True}}, "$.minTotal.hours: must be a number"),
        ({"minTotal": {"hours": float("inf")}}, "$.minTotal.hours: must be a finite number"),
        ({"minTotal": {"days": 3}}, '$.minTotal: must be {"hours": number}'),
        ({"minTotal": {"hours": 1, "credits": 1}}, "$.minTotal: must be"),
        ({"minTotal": {"hours": 1}, "among": [1]}, "$.among[0]: must be a non-empty string"),
        ({"skills": ["  "]}, "$.skills[0]: must be a non-empty string"),
    ],
)
def test_a_bad_json_definition_is_refused_naming_the_place(data: object, message: str) -> None:
    with pytest.raises(PathwayDefinitionError) as raised:
        requirement_from_json(data)
    assert str(raised.value).startswith(message)


def test_a_definition_error_is_an_input_error() -> None:
    assert issubclass(PathwayDefinitionError, InvalidInputError)


def test_a_deeply_nested_definition_is_refused_without_recursing_deeply() -> None:
    data: object = {"credential": PY}
    for _ in range(1000):
        data = {"allOf": [data]}
    with pytest.raises(PathwayDefinitionError, match="nested more than 32 levels deep"):
        requirement_from_json(data)
