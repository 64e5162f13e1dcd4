"""The listing's facet options: labels and counts for the values the search found."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges import search
from mixtape_site.challenges.models import Challenge, FundingProgram
from mixtape_site.organizations.models import Organization
from mixtape_site.web.bilingual import in_language


@dataclass(frozen=True)
class Option:
    value: str
    label: Any
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: Any
    options: list[Option]

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


DEADLINE_LABELS = {
    search.OPEN_NOW: _("Open now"),
    search.CLOSING_SOON: _("Closing within 30 days"),
    search.CLOSED: _("Closed"),
}


def _skill_labels(counts: Counter[str]) -> dict[str, Any]:
    labels: dict[str, Any] = {}
    for challenge in Challenge.objects.exclude(status=Challenge.Status.DRAFT).only("skills"):
        for skill in challenge.skills:
            if isinstance(skill, dict) and skill.get("url") in counts:
                labels.setdefault(skill["url"], in_language(skill.get("name")) or skill["url"])
    return labels


def _labels(facet: str, counts: Counter[str]) -> dict[str, Any]:
    if facet == "partner":
        rows = Organization.objects.filter(slug__in=counts)
        return {o.slug: in_language(o.name) for o in rows}
    if facet == "program":
        return {p.slug: in_language(p.name) for p in FundingProgram.objects.filter(slug__in=counts)}
    if facet == "kind":
        return dict(Challenge.Kind.choices)
    if facet == "deadline":
        return dict(DEADLINE_LABELS)
    if facet == "trl":
        return {str(n): str(n) for n in range(1, 10)}
    return _skill_labels(counts)


FACET_LABELS = {
    "partner": _("Partner"), "skill": _("Skill"), "trl": _("Technology readiness level"),
    "deadline": _("Deadline"), "program": _("Funding program"), "kind": _("Kind"),
}  # fmt: skip


def facet_options(counts: Mapping[str, Counter[str]], values: Mapping[str, str]) -> list[Facet]:
    facets = []
    for name in search.FACETS:
        labels = _labels(name, counts[name])
        order = list(labels) if name in ("trl", "deadline", "kind") else sorted(
            counts[name], key=lambda v: str(labels.get(v, v)).casefold()
        )  # fmt: skip
        options = [
            Option(v, labels.get(v, v), counts[name].get(v, 0), values.get(name) == v)
            for v in order
            if counts[name].get(v) or values.get(name) == v
        ]
        facets.append(Facet(name, FACET_LABELS[name], options))
    return facets
