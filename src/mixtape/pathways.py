"""Pathways: how micro-credentials stack toward a larger credential, and how far a learner is.

A pathway leads to a *goal* achievement through a tree of requirements:

    AllOf / AnyOf / AtLeast(count)   groups of requirements
    Credential(achievement, accepts)  hold a credential for this achievement, or an equivalent
    MinTotal("hours" | "credits")     enough hours or credits among the held credentials
    Skills(uris)                      every skill covered by some held credential, any issuer

Evaluation is pure: the caller lists what the learner holds (:class:`Held`, from any issuer)
and gets a :class:`Progress` tree back. Revoked, suspended and expired credentials count for
nothing. A ``Credential`` leaf that names another pathway's goal shows that pathway's progress
beneath it, so a certificate that stacks into a diploma shows partial progress there too.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, TypeAlias

from mixtape.errors import PathwayDefinitionError

Measure: TypeAlias = Literal["hours", "credits"]
HeldState: TypeAlias = Literal["active", "revoked", "suspended"]

# A requirement met through another pathway stays short of complete until that pathway's
# goal credential is actually held: finishing its parts is not holding the certificate.
NESTED_CAP = 0.99
MAX_DEPTH = 32  # nesting of a JSON definition; real pathways are 3 or 4 levels deep
_BELOW_ONE = math.nextafter(1.0, 0.0)


@dataclass(frozen=True, slots=True)
class Held:
    """A credential the learner holds, as far as pathways are concerned."""

    credential_id: str
    achievement_id: str
    issuer_id: str = ""
    hours: float = 0
    credits: float = 0
    skills: frozenset[str] = frozenset()
    state: HeldState = "active"
    valid_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class Credential:
    """Hold a credential for ``achievement_id``, or for one of the equivalents it ``accepts``."""

    achievement_id: str
    accepts: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class AtLeast:
    count: int
    items: tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class MinTotal:
    """At least ``amount`` hours or credits, summed over distinct usable held credentials:
    those for the achievements in ``among``, or every held credential when it is ``None``."""

    measure: Measure
    amount: float
    among: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Skills:
    """Every skill URI covered by at least one usable held credential."""

    skills: frozenset[str]


Requirement: TypeAlias = Credential | AllOf | AnyOf | AtLeast | MinTotal | Skills


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the learner is on one requirement, with the same shape as the requirement tree.

    ``fraction`` is in [0, 1] and is 1 exactly when ``met``. ``used`` names the held
    credentials that count here; ``missing`` names what would fill the gap: achievement ids
    for a ``Credential`` leaf (the achievement and its equivalents) or a ``MinTotal`` with
    ``among`` (those not yet held), skill URIs for ``Skills``. ``remaining`` is the hours or
    credits still needed for a ``MinTotal``. ``children`` follow ``items``; a ``Credential``
    leaf naming another pathway's goal has that pathway's progress as its only child.
    """

    requirement: Requirement
    met: bool
    fraction: float
    used: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    remaining: float = 0
    children: tuple[Progress, ...] = ()

    @property
    def percent(self) -> int:
        """Whole percent, rounded down; 100 only when met."""
        if self.met:
            return 100
        return min(99, max(0, math.floor(100 * self.fraction)))


ProblemCode: TypeAlias = Literal["empty", "count", "amount", "cycle", "retired", "duplicate"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a pathway definition is refused. ``path`` locates the requirement (indexes into
    ``items``, from the root); ``subject`` is the achievement id or value at fault."""

    code: ProblemCode
    path: tuple[int, ...] = ()
    subject: str = ""


# --- evaluation -----------------------------------------------------------------


def evaluate(
    requirement: Requirement,
    held: Iterable[Held],
    *,
    now: datetime | None = None,
    goals: Mapping[str, Requirement] | None = None,
) -> Progress:
    """The learner's progress on ``requirement``, counting only usable ``held`` credentials.

    The result does not depend on the order of ``held``. Groups have no ``used`` of their
    own: see :func:`contributing` for the credentials that count toward a met tree.

    Args:
        requirement: the pathway's requirement tree.
        held: what the learner holds, from any issuer, in any order.
        now: the clock, for expiry (default: the current UTC time; naive times are UTC).
        goals: other pathways' requirements by goal achievement id, to show nested progress.
    """
    clock = _aware(now or datetime.now(UTC))
    usable = tuple(h for h in held if is_usable(h, now=clock))
    return _Evaluation(usable, goals or {}).of(requirement, frozenset())


def is_usable(held: Held, *, now: datetime) -> bool:
    """Whether ``held`` counts: active and not expired at ``now``."""
    return held.state == "active" and (
        held.valid_until is None or _aware(held.valid_until) > _aware(now)
    )


def contributing(progress: Progress) -> tuple[str, ...]:
    """The held credential ids that count toward the met parts of ``progress``, sorted:
    the evidence of a stacked credential when the root is met."""
    found: set[str] = set()
    stack = [progress]
    while stack:
        node = stack.pop()
        if node.met:
            found.update(node.used)
            stack.extend(node.children)
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class _Evaluation:
    held: tuple[Held, ...]
    goals: Mapping[str, Requirement]

    def of(self, requirement: Requirement, expanding: frozenset[str]) -> Progress:
        if isinstance(requirement, Credential):
            return self._credential(requirement, expanding)
        if isinstance(requirement, MinTotal):
            return self._total(requirement)
        if isinstance(requirement, Skills):
            return self._skills(requirement)
        children = tuple(self.of(item, expanding) for item in requirement.items)
        fractions = [child.fraction for child in children]
        if isinstance(requirement, AllOf):
            mean = math.fsum(fractions) / len(fractions) if fractions else 1.0
            return _progress(requirement, all(c.met for c in children), mean, children=children)
        if isinstance(requirement, AnyOf):
            met = any(c.met for c in children)
            return _progress(requirement, met, max(fractions, default=0.0), children=children)
        count = requirement.count
        best = sorted(fractions, reverse=True)[: max(count, 0)]
        fraction = math.fsum(best) / count if count > 0 else 1.0
        met = sum(c.met for c in children) >= count
        return _progress(requirement, met, fraction, children=children)

    def _credential(self, requirement: Credential, expanding: frozenset[str]) -> Progress:
        wanted = requirement.achievement_id
        ids = requirement.accepts | {wanted}
        used = sorted({h.credential_id for h in self.held if h.achievement_id in ids})
        if used:
            return _progress(requirement, True, 1.0, used=tuple(used))
        missing = (wanted, *sorted(requirement.accepts - {wanted}))
        nested = self.goals.get(wanted)
        if nested is None or wanted in expanding:  # the set stops a loop among pathways
            return _progress(requirement, False, 0.0, missing=missing)
        child = self.of(nested, expanding | {wanted})
        fraction = min(child.fraction, NESTED_CAP)
        return _progress(requirement, False, fraction, missing=missing, children=(child,))

    def _total(self, requirement: MinTotal) -> Progress:
        among = requirement.among
        counted: dict[str, float] = {}  # by credential id: one credential counts once
        for held in self.held:
            if among is None or held.achievement_id in among:
                value = _positive(held.hours if requirement.measure == "hours" else held.credits)
                counted[held.credential_id] = max(counted.get(held.credential_id, 0.0), value)
        total = math.fsum(counted.values())
        amount = float(requirement.amount)  # a Decimal from a database divides too
        met = total >= amount  # False for a NaN amount
        used = tuple(sorted(k for k, v in counted.items() if v > 0))
        if met:
            return _progress(requirement, True, 1.0, used=used)
        have = {h.achievement_id for h in self.held}
        missing = () if among is None else tuple(sorted(among - have))
        return _progress(
            requirement,
            False,
            total / amount,
            used=used,
            missing=missing,
            remaining=max(0.0, amount - total),
        )

    def _skills(self, requirement: Skills) -> Progress:
        wanted = requirement.skills
        covering = [h for h in self.held if h.skills & wanted]
        covered = frozenset[str]().union(*(h.skills & wanted for h in covering))
        used = tuple(sorted({h.credential_id for h in covering}))
        fraction = len(covered) / len(wanted) if wanted else 1.0
        missing = tuple(sorted(wanted - covered))
        return _progress(requirement, not missing, fraction, used=used, missing=missing)


def _progress(
    requirement: Requirement,
    met: bool,
    fraction: float,
    *,
    used: tuple[str, ...] = (),
    missing: tuple[str, ...] = (),
    remaining: float = 0,
    children: tuple[Progress, ...] = (),
) -> Progress:
    """A Progress whose fraction is 1 exactly when met, whatever the rounding said."""
    if met:
        fraction = 1.0
    elif not fraction > 0:  # also NaN, from an amount that is not a number
        fraction = 0.0
    else:
        fraction = min(fraction, _BELOW_ONE)
    return Progress(requirement, met, fraction, used, missing, remaining, children)


def _positive(value: float) -> float:
    return float(value) if value > 0 else 0.0  # NaN and negatives count for nothing


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# --- checking a definition --------------------------------------------------------


def problems(
    requirement: Requirement,
    *,
    goal: str | None = None,
    retired: Collection[str] = (),
    goals: Mapping[str, Requirement] | None = None,
) -> list[Problem]:
    """Everything wrong with a definition, in tree order; an empty list means it can be saved.

    Refused: an empty group, skills list or ``among`` (``empty``), ``AtLeast`` asking for
    fewer than one or more items than it has (``count``), a ``MinTotal`` that is not a
    positive number (``amount``), a ``Credential`` leaf (its achievement or an equivalent)
    that is the pathway's own ``goal`` or leads to it through other pathways' ``goals``, at
    any depth (``cycle``), an achievement in ``retired`` (``retired``), and the same
    achievement twice in one group (``duplicate``, on the second one).
    """
    inspection = _Inspection(goal, frozenset(retired), goals or {})
    inspection.visit(requirement, ())
    return inspection.found


@dataclass(slots=True)
class _Inspection:
    goal: str | None
    retired: frozenset[str]
    goals: Mapping[str, Requirement]
    found: list[Problem] = field(default_factory=list)
    _leads: dict[str, bool] = field(default_factory=dict)

    def visit(self, requirement: Requirement, path: tuple[int, ...]) -> None:
        if isinstance(requirement, Credential):
            self._credential(requirement, path)
        elif isinstance(requirement, MinTotal):
            if not (math.isfinite(requirement.amount) and requirement.amount > 0):
                self.found.append(Problem("amount", path, _number(requirement.amount)))
            if requirement.among is not None and not requirement.among:
                self.found.append(Problem("empty", path))
        elif isinstance(requirement, Skills):
            if not requirement.skills:
                self.found.append(Problem("empty", path))
        else:
            self._group(requirement, path)

    def _group(self, group: AllOf | AnyOf | AtLeast, path: tuple[int, ...]) -> None:
        if not group.items:
            self.found.append(Problem("empty", path))
        elif isinstance(group, AtLeast) and not 1 <= group.count <= len(group.items):
            self.found.append(Problem("count", path, str(group.count)))
        seen: set[str] = set()
        for index, item in enumerate(group.items):
            if isinstance(item, Credential):
                if item.achievement_id in seen:
                    self.found.append(Problem("duplicate", (*path, index), item.achievement_id))
                seen.add(item.achievement_id)
            self.visit(item, (*path, index))

    def _credential(self, leaf: Credential, path: tuple[int, ...]) -> None:
        ids = (leaf.achievement_id, *sorted(leaf.accepts - {leaf.achievement_id}))
        looping = next((i for i in ids if self._leads_to_goal(i)), None)
        if looping is not None:
            self.found.append(Problem("cycle", path, looping))
        if leaf.achievement_id in self.retired:
            self.found.append(Problem("retired", path, leaf.achievement_id))

    def _leads_to_goal(self, start: str) -> bool:
        if self.goal is None:
            return False
        if start not in self._leads:
            stack, seen = [start], set()
            while stack and self.goal not in seen:
                current = stack.pop()
                if current not in seen:  # other pathways may loop among themselves
                    seen.add(current)
                    nested = self.goals.get(current)
                    stack.extend(achievements(nested) if nested is not None else ())
            self._leads[start] = self.goal in seen
        return self._leads[start]


def achievements(requirement: Requirement) -> Iterator[str]:
    """Every achievement id a requirement names in a ``Credential`` leaf (equivalents too),
    in tree order; ids may repeat."""
    if isinstance(requirement, Credential):
        yield requirement.achievement_id
        yield from sorted(requirement.accepts)
    elif isinstance(requirement, AllOf | AnyOf | AtLeast):
        for item in requirement.items:
            yield from achievements(item)


def _number(value: float) -> str:
    return f"{value:g}"


# --- JSON ---------------------------------------------------------------------------

_KEYS: dict[str, frozenset[str]] = {
    "allOf": frozenset({"allOf"}),
    "anyOf": frozenset({"anyOf"}),
    "atLeast": frozenset({"atLeast", "of"}),
    "credential": frozenset({"credential", "accepts"}),
    "minTotal": frozenset({"minTotal", "among"}),
    "skills": frozenset({"skills"}),
}
_MEASURES: tuple[Measure, ...] = ("hours", "credits")


def requirement_from_json(data: object) -> Requirement:
    """Read the JSON form (see :func:`requirement_to_json`).

    Raises:
        PathwayDefinitionError: not a requirement; the message names the JSON path.
    """
    return _read(data, "$", 0)


def requirement_to_json(requirement: Requirement) -> dict[str, object]:
    """The JSON form: ``{"allOf": [...]}``, ``{"anyOf": [...]}``,
    ``{"atLeast": n, "of": [...]}``, ``{"credential": id, "accepts": [...]}``,
    ``{"minTotal": {"hours": n}, "among": [...]}``, ``{"skills": [...]}``."""
    if isinstance(requirement, Credential):
        data: dict[str, object] = {"credential": requirement.achievement_id}
        if requirement.accepts:
            data["accepts"] = sorted(requirement.accepts)
        return data
    if isinstance(requirement, MinTotal):
        data = {"minTotal": {requirement.measure: requirement.amount}}
        if requirement.among is not None:
            data["among"] = sorted(requirement.among)
        return data
    if isinstance(requirement, Skills):
        return {"skills": sorted(requirement.skills)}
    items = [requirement_to_json(item) for item in requirement.items]
    if isinstance(requirement, AtLeast):
        return {"atLeast": requirement.count, "of": items}
    return {"allOf" if isinstance(requirement, AllOf) else "anyOf": items}


def _read(data: object, path: str, depth: int) -> Requirement:
    if depth > MAX_DEPTH:
        raise _error(path, f"nested more than {MAX_DEPTH} levels deep")
    if not isinstance(data, Mapping):
        raise _error(path, "must be an object")
    kinds = [kind for kind in _KEYS if kind in data]
    if len(kinds) != 1:
        raise _error(path, "must have exactly one of " + ", ".join(_KEYS))
    kind = kinds[0]
    unknown = sorted(str(key) for key in data if key not in _KEYS[kind])
    if unknown:
        raise _error(f"{path}.{unknown[0]}", "unknown key")
    where = f"{path}.{kind}"
    if kind == "credential":
        accepts = _ids(data.get("accepts", []), f"{path}.accepts")
        return Credential(_id(data[kind], where), accepts)
    if kind == "minTotal":
        among = None if "among" not in data else _ids(data["among"], f"{path}.among")
        measure, amount = _total(data[kind], where)
        return MinTotal(measure, amount, among)
    if kind == "skills":
        return Skills(_ids(data[kind], where))
    if kind == "atLeast":
        if "of" not in data:
            raise _error(path, 'needs "of", the list to count from')
        count = _count(data[kind], where)
        return AtLeast(count, _items(data["of"], f"{path}.of", depth))
    items = _items(data[kind], where, depth)
    return AllOf(items) if kind == "allOf" else AnyOf(items)


def _items(data: object, path: str, depth: int) -> tuple[Requirement, ...]:
    if not isinstance(data, list):
        raise _error(path, "must be a list of requirements")
    return tuple(_read(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(data))


def _ids(data: object, path: str) -> frozenset[str]:
    if not isinstance(data, list):
        raise _error(path, "must be a list of ids")
    return frozenset(_id(item, f"{path}[{index}]") for index, item in enumerate(data))


def _id(data: object, path: str) -> str:
    if not isinstance(data, str) or not data.strip():
        raise _error(path, "must be a non-empty string")
    return data


def _count(data: object, path: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int) or data < 0:
        raise _error(path, "must be a whole number")
    return data


def _total(data: object, path: str) -> tuple[Measure, float]:
    if not isinstance(data, Mapping) or len(data) != 1 or next(iter(data)) not in _MEASURES:
        raise _error(path, 'must be {"hours": number} or {"credits": number}')
    measure = next(m for m in _MEASURES if m in data)
    amount = data[measure]
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        raise _error(f"{path}.{measure}", "must be a number")
    if not math.isfinite(amount):
        raise _error(f"{path}.{measure}", "must be a finite number")
    return measure, amount


def _error(path: str, message: str) -> PathwayDefinitionError:
    return PathwayDefinitionError(f"{path}: {message}")
