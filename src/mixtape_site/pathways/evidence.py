"""Which held credentials are the evidence of a pathway: the fewest that tell its story.

Core ``mixtape.pathways.contributing`` returns every credential behind a met part, and a
minimum total over *every* held credential uses them all: a certificate would list as
evidence a micro-credential unrelated to its pathway. Here the evidence is

- the credentials meeting ``Credential`` leaves (the steps);
- for ``Skills``, the fewest credentials covering them, those already chosen first;
- for a ``MinTotal`` restricted by ``among``, every credential counted toward it (they
  are part of the pathway by definition);
- for a ``MinTotal`` over every held credential, nothing if the credentials chosen so far
  reach it, else the fewest extra ones, largest first, that do.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mixtape.pathways import Credential, Held, MinTotal, Progress, Skills


def evidence_ids(progress: Progress, held: Sequence[Held], *, met_only: bool = True) -> list[str]:
    """The credential ids that are evidence for ``progress``, in a stable order.

    Args:
        progress: a pathway's evaluated tree (``progress.evaluate_pathway``).
        held: what the learner holds (values and skills are read from it).
        met_only: only parts under met groups (an award); False for a partial record.
    """
    by_id = {h.credential_id: h for h in held}
    nodes = list(_nodes(progress, met_only=met_only))
    chosen: dict[str, None] = {}  # an ordered set
    for node in nodes:
        if isinstance(node.requirement, Credential):
            chosen.update(dict.fromkeys(node.used))
    for node in nodes:
        if isinstance(node.requirement, Skills):
            chosen.update(dict.fromkeys(_skill_cover(node, by_id, chosen)))
    for node in nodes:
        requirement = node.requirement
        if isinstance(requirement, MinTotal) and requirement.among is not None:
            chosen.update(dict.fromkeys(node.used))
        elif isinstance(requirement, MinTotal) and node.met:
            chosen.update(dict.fromkeys(_total_top_up(requirement, node, by_id, chosen)))
    return list(chosen)


def _nodes(progress: Progress, *, met_only: bool) -> Iterator[Progress]:
    """The pathway's own nodes, depth first; not another pathway's tree below a step."""
    if met_only and not progress.met:
        return
    yield progress
    if not isinstance(progress.requirement, Credential):
        for child in progress.children:
            yield from _nodes(child, met_only=met_only)


def _skill_cover(node: Progress, by_id: dict[str, Held], chosen: dict[str, None]) -> list[str]:
    """Greedy: the used credential covering most still uncovered skills, until none is left."""
    assert isinstance(node.requirement, Skills)
    wanted = node.requirement.skills
    uncovered = set(wanted)
    for credential_id in chosen:
        if credential_id in by_id:
            uncovered -= by_id[credential_id].skills
    candidates = sorted(c for c in node.used if c in by_id and c not in chosen)
    added = []
    while uncovered and candidates:
        best = max(candidates, key=lambda c: len(by_id[c].skills & uncovered))
        if not by_id[best].skills & uncovered:
            break
        uncovered -= by_id[best].skills
        candidates.remove(best)
        added.append(best)
    return added


def _total_top_up(
    requirement: MinTotal, node: Progress, by_id: dict[str, Held], chosen: dict[str, None]
) -> list[str]:
    """The fewest extra credentials, largest first, that bring the chosen ones to the total.

    Only ``node.used`` carry a value here: the evaluation already left out what does not
    count (a goal credential's hours, unusable credentials).
    """

    def value(credential_id: str) -> float:
        held = by_id[credential_id]
        return float(held.hours if requirement.measure == "hours" else held.credits)

    used = [c for c in node.used if c in by_id]
    total = sum(value(c) for c in used if c in chosen)
    added = []
    for credential_id in sorted((c for c in used if c not in chosen), key=lambda c: (-value(c), c)):
        if total >= requirement.amount:
            break
        total += value(credential_id)
        added.append(credential_id)
    return added
