"""Pathway evaluation over random requirement trees and random wallets (hypothesis)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

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
    evaluate,
    problems,
    requirement_from_json,
    requirement_to_json,
)

FAST = settings(max_examples=200, deadline=None)
NOW = datetime(2026, 6, 1, tzinfo=UTC)
ACHIEVEMENTS = [f"https://college.example/a{n}" for n in range(6)]
SKILLS = [f"http://data.europa.eu/esco/skill/s{n}" for n in range(5)]
GOAL = "https://college.example/goal"

achievement_ids = st.sampled_from(ACHIEVEMENTS)
skill_sets = st.frozensets(st.sampled_from(SKILLS), max_size=3)
amounts = st.integers(0, 30) | st.floats(0, 30)

leaves: st.SearchStrategy[Requirement] = st.one_of(
    st.builds(Credential, achievement_ids, st.frozensets(achievement_ids, max_size=1)),
    st.builds(
        MinTotal,
        st.sampled_from(["hours", "credits"]),
        amounts,
        st.none() | st.frozensets(achievement_ids, max_size=2),
    ),
    st.builds(Skills, skill_sets),
)


def _groups(children: st.SearchStrategy[Requirement]) -> st.SearchStrategy[Requirement]:
    items = st.lists(children, max_size=3).map(tuple)
    counts = st.integers(0, 4)  # sometimes more than there are items: never met
    return st.one_of(
        st.builds(AllOf, items), st.builds(AnyOf, items), st.builds(AtLeast, counts, items)
    )


requirements = st.recursive(leaves, _groups, max_leaves=6)

HOURS, CREDITS = (0, 0.1, 1.5, 4, 10), (0, 1, 3, 0.2)
EXPIRY = (None, NOW + timedelta(days=1))


def _held(number: int, achievement: int, hours: int, credits: int, skills: int) -> Held:
    return Held(
        f"urn:c{number}",
        ACHIEVEMENTS[achievement],
        hours=HOURS[hours],
        credits=CREDITS[credits],
        skills=frozenset(s for bit, s in enumerate(SKILLS) if skills >> bit & 1),
        valid_until=EXPIRY[number % 2],
    )


# Plain integers mapped to a Held: much faster to draw than six separate strategies.
usable = st.builds(
    _held,
    st.integers(0, 5),
    st.integers(0, len(ACHIEVEMENTS) - 1),
    st.integers(0, len(HOURS) - 1),
    st.integers(0, len(CREDITS) - 1),
    st.integers(0, (1 << len(SKILLS)) - 1),
)
UNUSABLE = [{"state": "revoked"}, {"state": "suspended"}, {"valid_until": NOW}]
unusable = st.builds(lambda h, change: replace(h, **change), usable, st.sampled_from(UNUSABLE))
wallets = st.lists(usable, max_size=6)
goal_maps = st.dictionaries(
    achievement_ids, st.recursive(leaves, _groups, max_leaves=3), max_size=2
)


def nodes(progress: Progress) -> Iterator[Progress]:
    yield progress
    for child in progress.children:
        yield from nodes(child)


def run(requirement: Requirement, held: list[Held], goals: dict[str, Requirement]) -> Progress:
    return evaluate(requirement, held, now=NOW, goals=goals)


@FAST
@given(requirements, wallets, goal_maps)
def test_every_fraction_is_in_range_and_one_exactly_when_met(
    requirement: Requirement, held: list[Held], goals: dict[str, Requirement]
) -> None:
    for node in nodes(run(requirement, held, goals)):
        assert 0.0 <= node.fraction <= 1.0
        assert node.met == (node.fraction == 1.0) == (node.percent == 100)
        assert 0 <= node.percent <= 100


@FAST
@given(requirements, wallets, goal_maps, st.data())
def test_the_order_of_held_credentials_does_not_matter(
    requirement: Requirement,
    held: list[Held],
    goals: dict[str, Requirement],
    data: st.DataObject,
) -> None:
    shuffled = data.draw(st.permutations(held))
    assert run(requirement, shuffled, goals) == run(requirement, held, goals)


@FAST
@given(requirements, wallets, usable, goal_maps)
def test_another_usable_credential_never_sets_anyone_back(
    requirement: Requirement, held: list[Held], extra: Held, goals: dict[str, Requirement]
) -> None:
    before = run(requirement, held, goals)
    after = run(requirement, [*held, extra], goals)
    assert after.fraction >= before.fraction
    assert after.met or not before.met
    if not goals:  # without nested pathways the tree keeps its shape: check every node
        for old, new in zip(nodes(before), nodes(after), strict=True):
            assert new.fraction >= old.fraction
            assert new.met or not old.met


@FAST
@given(requirements, wallets, st.lists(unusable, min_size=1, max_size=4), goal_maps)
def test_revoked_suspended_or_expired_credentials_are_as_good_as_absent(
    requirement: Requirement, held: list[Held], dead: list[Held], goals: dict[str, Requirement]
) -> None:
    assert run(requirement, [*dead, *held], goals) == run(requirement, held, goals)


@FAST
@given(requirements, wallets)
def test_groups_follow_their_definitions(requirement: Requirement, held: list[Held]) -> None:
    for node in nodes(run(requirement, held, {})):
        group, children = node.requirement, node.children
        met = [c.met for c in children]
        fractions = [c.fraction for c in children]
        if isinstance(group, AllOf):
            assert node.met == all(met)
            expected = math.fsum(fractions) / len(fractions) if fractions else 1.0
        elif isinstance(group, AnyOf):
            assert node.met == any(met)
            expected = max(fractions, default=0.0)
        elif isinstance(group, AtLeast):
            assert node.met == (sum(met) >= group.count)
            best = sorted(fractions, reverse=True)[: group.count]
            expected = math.fsum(best) / group.count if group.count else 1.0
        else:
            continue
        assert math.isclose(node.fraction, min(expected, 1.0), abs_tol=1e-12)


@FAST
@given(requirements, wallets, goal_maps)
def test_a_nested_pathway_is_never_complete_without_its_goal_credential(
    requirement: Requirement, held: list[Held], goals: dict[str, Requirement]
) -> None:
    for node in nodes(run(requirement, held, goals)):
        if isinstance(node.requirement, Credential) and node.children:
            assert not node.met
            assert node.fraction == min(node.children[0].fraction, NESTED_CAP)


@FAST
@given(requirements)
def test_the_json_form_round_trips(requirement: Requirement) -> None:
    data = requirement_to_json(requirement)
    assert requirement_from_json(data) == requirement
    assert requirement_from_json(json.loads(json.dumps(data))) == requirement


@FAST
@given(
    requirements,
    st.none() | achievement_ids,
    st.frozensets(achievement_ids, max_size=2),
    goal_maps,
)
def test_problems_never_raise_and_name_real_places(
    requirement: Requirement,
    goal: str | None,
    retired: frozenset[str],
    goals: dict[str, Requirement],
) -> None:
    for problem in problems(requirement, goal=goal, retired=retired, goals=goals):
        assert _at(requirement, problem.path) is not None


@FAST
@given(requirements, goal_maps, st.data())
def test_an_injected_cycle_is_always_found(
    requirement: Requirement, goals: dict[str, Requirement], data: st.DataObject
) -> None:
    via = data.draw(achievement_ids)
    # Either the goal itself, or another pathway's goal whose requirement leads back.
    leaf = data.draw(st.sampled_from([Credential(GOAL), Credential(via)]))
    goals = {**goals, via: AllOf((Credential(GOAL),))}
    wrapped = AllOf((requirement,))
    injected, path = _inject(wrapped, leaf, data)
    found = problems(injected, goal=GOAL, goals=goals)
    assert Problem("cycle", path, leaf.achievement_id) in found


def _inject(
    requirement: AllOf | AnyOf | AtLeast, leaf: Credential, data: st.DataObject
) -> tuple[Requirement, tuple[int, ...]]:
    """``requirement`` with ``leaf`` added to one of its groups, and where it went."""
    groups = [
        i for i, item in enumerate(requirement.items) if isinstance(item, AllOf | AnyOf | AtLeast)
    ]
    index = data.draw(st.sampled_from([None, *groups]))
    if index is None:
        items = (*requirement.items, leaf)
        return _rebuilt(requirement, items), (len(items) - 1,)
    inner = requirement.items[index]
    assert isinstance(inner, AllOf | AnyOf | AtLeast)
    changed, path = _inject(inner, leaf, data)
    items = (*requirement.items[:index], changed, *requirement.items[index + 1 :])
    return _rebuilt(requirement, items), (index, *path)


def _rebuilt(
    group: AllOf | AnyOf | AtLeast, items: tuple[Requirement, ...]
) -> AllOf | AnyOf | AtLeast:
    if isinstance(group, AtLeast):
        return AtLeast(group.count, items)
    return type(group)(items)


def _at(requirement: Requirement, path: tuple[int, ...]) -> Requirement | None:
    for index in path:
        if not isinstance(requirement, AllOf | AnyOf | AtLeast) or index >= len(requirement.items):
            return None
        requirement = requirement.items[index]
    return requirement
