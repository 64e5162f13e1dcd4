"""`mixtape pathway`: how far a set of credential files goes along a pathway definition.

A definition file holds ``{"goal": id, "name": text, "requirement": {...}}`` (goal and
name optional) or the bare requirement (see `mixtape.pathways.requirement_to_json`).
Each credential is verified first; one that does not verify counts for nothing and is
named in the output, and one whose issuer revoked or suspended it counts for nothing too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mixtape.errors import InvalidInputError, PathwayDefinitionError
from mixtape.i18n import N_, Message, translate
from mixtape.inputs import parse_json_object
from mixtape.pathways import (
    AllOf,
    AnyOf,
    AtLeast,
    Credential,
    Held,
    HeldState,
    MinTotal,
    Problem,
    Progress,
    Requirement,
    Skills,
    problems,
    requirement_from_json,
)
from mixtape.report import VerificationReport
from mixtape.status_check import BLOCKING_PURPOSES, issuer_id
from mixtape.values import as_list
from mixtape.vcdm import parse_datetime

_DEFINITION_KEYS = frozenset({"goal", "name", "requirement"})
# The status check's own messages for a set revocation or suspension bit.
_BLOCKED: dict[str, HeldState] = {
    BLOCKING_PURPOSES["revocation"]: "revoked",
    BLOCKING_PURPOSES["suspension"]: "suspended",
}
_PROBLEMS = {
    "empty": "an empty requirement",
    "count": "cannot ask for at least {subject} of its items",
    "amount": "the total must be a positive number, not {subject}",
    "cycle": "{subject} leads back to the goal",
    "retired": "{subject} is retired",
    "duplicate": "{subject} appears twice in one group",
}


@dataclass(frozen=True, slots=True)
class Definition:
    requirement: Requirement
    goal: str | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    """One credential file as the pathway sees it. ``held`` is None when it did not verify;
    ``problem`` says why it counts for nothing (a revoked one has both)."""

    source: str
    held: Held | None
    problem: Message | None = None


def read_definition(raw: bytes, *, source: str) -> Definition:
    """Read a definition file and refuse one that is malformed or unsound.

    Raises:
        PathwayDefinitionError: the message names the file and the JSON path at fault.
    """
    try:
        data = parse_json_object(raw.decode("utf-8-sig"))
    except (InvalidInputError, UnicodeDecodeError) as error:
        raise PathwayDefinitionError(f"{source}: not a JSON object ({error})") from None
    definition = _definition(data, source=source)
    found = problems(definition.requirement, goal=definition.goal)
    if found:
        root = "$.requirement" if "requirement" in data else "$"
        texts = [_problem_text(p, definition.requirement, root) for p in found]
        raise PathwayDefinitionError(f"{source}: " + "; ".join(texts))
    return definition


def _definition(data: Mapping[str, Any], *, source: str) -> Definition:
    if "requirement" not in data:
        return Definition(_requirement(data, source=source, prefix="$"))
    unknown = sorted(set(data) - _DEFINITION_KEYS)
    if unknown:
        raise PathwayDefinitionError(f"{source}: $.{unknown[0]}: unknown key")
    goal, name = data.get("goal"), data.get("name", "")
    if goal is not None and (not isinstance(goal, str) or not goal.strip()):
        raise PathwayDefinitionError(f"{source}: $.goal: must be a non-empty string")
    if not isinstance(name, str):
        raise PathwayDefinitionError(f"{source}: $.name: must be a string")
    requirement = _requirement(data["requirement"], source=source, prefix="$.requirement")
    return Definition(requirement, goal, name)


def _requirement(data: object, *, source: str, prefix: str) -> Requirement:
    try:
        return requirement_from_json(data)
    except PathwayDefinitionError as error:  # its paths start at "$": put them in the file
        raise PathwayDefinitionError(f"{source}: {prefix}{str(error)[1:]}") from None


def _problem_text(problem: Problem, requirement: Requirement, root: str) -> str:
    text = _PROBLEMS[problem.code].format(subject=problem.subject)
    return f"{json_path(requirement, problem.path, root=root)}: {text}"


def json_path(requirement: Requirement, path: Sequence[int], *, root: str = "$") -> str:
    """Where ``path`` (indexes from the root) is in the JSON form, e.g. ``$.allOf[1].of[0]``."""
    parts = [root]
    for index in path:
        if isinstance(requirement, AtLeast):
            parts.append(f".of[{index}]")
        elif isinstance(requirement, AllOf | AnyOf):
            parts.append(f".{'allOf' if isinstance(requirement, AllOf) else 'anyOf'}[{index}]")
        else:
            break
        requirement = requirement.items[index]
    return "".join(parts)


# --- credentials ---------------------------------------------------------------------


def reading(report: VerificationReport, *, source: str) -> Reading:
    """What a verified (or not) credential brings to a pathway."""
    state = _blocked_state(report)
    if report.failures and state is None:
        return Reading(source, None, _failure(report))
    document = report.credential or {}
    achievement = _achievement(document)
    if achievement is None:
        return Reading(source, None, Message.of(N_("it names no achievement")))
    held = Held(
        credential_id=_string(document.get("id")) or source,
        achievement_id=achievement["id"],
        issuer_id=issuer_id(document) or "",
        credits=_number(achievement.get("creditsAvailable")),
        skills=frozenset(_alignment_urls(achievement)),
        state=state or "active",
        valid_until=parse_datetime(document.get("validUntil") or document.get("expirationDate")),
    )
    return Reading(source, held, _failure(report) if state else None)


def _blocked_state(report: VerificationReport) -> HeldState | None:
    """Revoked or suspended, when that is the only reason the credential fails."""
    failures = report.failures
    if len(failures) != 1 or failures[0].id != "status" or failures[0].text is None:
        return None
    states = {_BLOCKED[t] for t in _templates(failures[0].text) if t in _BLOCKED}
    return "revoked" if "revoked" in states else next(iter(states), None)


def _templates(message: Message) -> Iterator[str]:
    yield message.template
    for _, value in message.params:
        if isinstance(value, Message):
            yield from _templates(value)


def _failure(report: VerificationReport) -> Message:
    check = report.failures[0]
    text = check.text or Message.verbatim(check.message)
    return Message.join([Message.verbatim(check.id), text], separator=": ")


def _achievement(document: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for subject in as_list(document.get("credentialSubject")):
        achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
        if isinstance(achievement, Mapping) and _string(achievement.get("id")):
            return achievement
    return None


def _alignment_urls(achievement: Mapping[str, Any]) -> Iterator[str]:
    for alignment in as_list(achievement.get("alignment")):
        if isinstance(alignment, Mapping) and _string(alignment.get("targetUrl")):
            yield alignment["targetUrl"]


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


# --- output --------------------------------------------------------------------------


def render_pathway(
    definition: Definition,
    progress: Progress,
    readings: Sequence[Reading],
    *,
    language: str | None = None,
) -> str:
    """The progress tree as a person reads it, then what did not count, then the verdict."""
    lines = []
    title = definition.name or definition.goal
    if title:
        lines.append(translate(N_("Pathway to {goal}"), language, goal=title))
    sources = {r.held.credential_id: r.source for r in readings if r.held}
    lines += _node_lines(progress, "", _Style(language, sources))
    unused = [r for r in readings if r.problem is not None]
    if unused:
        lines.append(translate(N_("Not counted:"), language))
        lines += [f"  {r.source}: {r.problem.in_language(language)}" for r in unused if r.problem]
    if progress.met:
        lines.append(translate(N_("COMPLETE"), language))
    else:
        lines.append(translate(N_("NOT COMPLETE ({percent}%)"), language, percent=progress.percent))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Style:
    language: str | None
    sources: Mapping[str, str]  # credential id -> the file it came from, easier to recognise


def _node_lines(progress: Progress, indent: str, style: _Style) -> list[str]:
    mark = "✔" if progress.met else "✘"
    label = _label(progress.requirement).in_language(style.language)
    lines = [f"{indent}{mark} {progress.percent:>3}%  {label}"]
    details = _details(progress, style.sources)
    lines += [f"{indent}        {d.in_language(style.language)}" for d in details]
    for child in progress.children:
        lines += _node_lines(child, indent + "  ", style)
    return lines


def _label(requirement: Requirement) -> Message:
    if isinstance(requirement, Credential):
        return Message.verbatim(requirement.achievement_id)
    if isinstance(requirement, AllOf):
        return Message.of(N_("all of"))
    if isinstance(requirement, AnyOf):
        return Message.of(N_("any of"))
    if isinstance(requirement, AtLeast):
        return Message.of(N_("at least {count} of"), count=requirement.count)
    if isinstance(requirement, MinTotal):
        template = N_("at least {amount} hours")
        if requirement.measure == "credits":
            template = N_("at least {amount} credits")
        return Message.of(template, amount=f"{requirement.amount:g}")
    return Message.of(N_("{count} skills"), count=len(requirement.skills))


def _details(progress: Progress, sources: Mapping[str, str]) -> list[Message]:
    details = []
    if progress.used:
        items = ", ".join(sources.get(used, used) for used in progress.used)
        details.append(Message.of(N_("counted: {items}"), items=items))
    if progress.met:
        return details
    requirement = progress.requirement
    if isinstance(requirement, MinTotal):
        details.append(Message.of(N_("{amount} more needed"), amount=f"{progress.remaining:g}"))
        if progress.missing:
            items = ", ".join(progress.missing)
            details.append(Message.of(N_("counted only from: {items}"), items=items))
    elif isinstance(requirement, Credential):
        accepts = ", ".join(progress.missing[1:])
        if accepts:
            details.append(Message.of(N_("or an equivalent: {items}"), items=accepts))
        if progress.children:
            details.append(Message.of(N_("its own pathway:")))
    elif progress.missing:
        details.append(Message.of(N_("missing: {items}"), items=", ".join(progress.missing)))
    return details


def pathway_json(
    definition: Definition, progress: Progress, readings: Sequence[Reading]
) -> dict[str, Any]:
    """The machine-readable result of `mixtape pathway --json` (messages in English)."""
    used = {used for node in _nodes(progress) for used in node.used}
    return {
        "goal": definition.goal,
        "name": definition.name or None,
        "met": progress.met,
        "percent": progress.percent,
        "progress": progress_json(progress),
        "credentials": [_reading_json(r, counted=used) for r in readings],
    }


def progress_json(progress: Progress) -> dict[str, Any]:
    """One progress node and its children as JSON, named like the definition's JSON form."""
    requirement = progress.requirement
    data: dict[str, Any] = {"type": _kind(requirement)}
    if isinstance(requirement, Credential):
        data["credential"] = requirement.achievement_id
    elif isinstance(requirement, AtLeast):
        data["count"] = requirement.count
    elif isinstance(requirement, MinTotal):
        data.update(measure=requirement.measure, amount=requirement.amount)
    data.update(met=progress.met, fraction=progress.fraction, percent=progress.percent)
    data.update(used=list(progress.used), missing=list(progress.missing))
    if isinstance(requirement, MinTotal):
        data["remaining"] = progress.remaining
    data["children"] = [progress_json(child) for child in progress.children]
    return data


def _kind(requirement: Requirement) -> str:
    kinds: dict[type, str] = {
        Credential: "credential",
        AllOf: "allOf",
        AnyOf: "anyOf",
        AtLeast: "atLeast",
        MinTotal: "minTotal",
        Skills: "skills",
    }
    return kinds[type(requirement)]


def _reading_json(reading: Reading, *, counted: set[str]) -> dict[str, Any]:
    held = reading.held
    return {
        "source": reading.source,
        "id": held.credential_id if held else None,
        "achievement": held.achievement_id if held else None,
        "state": held.state if held else None,
        "counted": held is not None and held.credential_id in counted,
        "problem": str(reading.problem) if reading.problem else None,
    }


def _nodes(progress: Progress) -> Iterator[Progress]:
    yield progress
    for child in progress.children:
        yield from _nodes(child)
