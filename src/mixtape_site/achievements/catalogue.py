"""The public catalogue: full-text search (English and French), facets, sorting, help.

Search (``catalogue_index``) is accent-insensitive and stemmed: every query word
must occur in a micro-credential (in either language), and BM25 ranks what
matches. Facets combine: values of one facet are alternatives (OR), facets
narrow each other (AND), and each option's count is the number of results it
would give if it were ticked too. The catalogue holds hundreds of items, so
facets are counted in Python over the in-memory index: a few milliseconds.
Pathways are a second kind of result (``catalogue_pathways``), searched the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from mixtape.skills import suggest
from mixtape_site.achievements.catalogue_index import (
    Entry,
    catalogue_index,
    framework,
    text_scores,
)
from mixtape_site.achievements.catalogue_pathways import PathwayResults, pathway_search
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.web.bilingual import in_language

PAGE_SIZE = 20
MAX_QUERY = 200
MAX_VALUES = 20  # values per facet in a query string; more is not a person filtering
SHOWN_OPTIONS = 12  # options per facet before the long tail is left out

HOURS = {
    "15": (_("15 hours or less"), 0, 15),
    "16-40": (_("16 to 40 hours"), 16, 40),
    "41-100": (_("41 to 100 hours"), 41, 100),
    "100+": (_("More than 100 hours"), 101, 10**6),
}
COSTS = {"free": _("Free"), "500": _("Up to $500"), "500+": _("More than $500")}
FACET_LABELS = {
    "institution": _("Institution"),
    "skill": _("Skill"),
    "occupation": _("Occupation"),
    "hours": _("Hours of learning"),
    "cost": _("Cost"),
    "mode": _("Delivery mode"),
    "language": _("Language of instruction"),
    "noc": _("NOC code"),
}
FACETS = tuple(FACET_LABELS)
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "name": _("Name"),
    "hours": _("Hours (fewest first)"),
    "cost": _("Cost (lowest first)"),
}


# --- the query ---------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueQuery:
    """A catalogue search as read from the query string (unknown values are dropped)."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""

    @classmethod
    def from_params(cls, params: QueryDict) -> CatalogueQuery:
        filters = {}
        for facet in FACETS:
            values = [v.strip()[:300] for v in params.getlist(facet) if v.strip()]
            values = [v for v in values if _allowed(facet, v)]
            if values:
                filters[facet] = tuple(dict.fromkeys(values[:MAX_VALUES]))
        sort = params.get("sort", "")
        q = " ".join(params.get("q", "").split())[:MAX_QUERY]
        return cls(q=q, filters=filters, sort=sort if sort in SORTS else "")

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.q:
            return "newest"
        return self.sort or ("relevance" if self.q else "newest")

    def params(self, *, sort: bool = True) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        pairs += [(facet, value) for facet, values in self.filters.items() for value in values]
        if sort and self.sort:
            pairs.append(("sort", self.sort))
        return pairs

    def encoded(self) -> str:
        """The query string of this search (for links; templates add ``page``)."""
        return urlencode(self.params())

    def without(self, facet: str, value: str) -> CatalogueQuery:
        filters = {
            f: tuple(v for v in vs if (f, v) != (facet, value)) for f, vs in self.filters.items()
        }
        return replace(self, filters={f: vs for f, vs in filters.items() if vs})

    def selected(self, facet: str, value: str) -> bool:
        return value in self.filters.get(facet, ())


def _allowed(facet: str, value: str) -> bool:
    fixed = {
        "hours": HOURS,
        "cost": COSTS,
        "mode": Achievement.DeliveryMode.values,
        "language": dict(settings.LANGUAGES),
    }
    return facet not in fixed or value in fixed[facet]


def hours_bucket(hours: int) -> str:
    return next((key for key, (_, low, high) in HOURS.items() if low <= hours <= high), "100+")


def cost_bucket(cost: Decimal) -> str:
    if cost <= 0:
        return "free"
    return "500" if cost <= 500 else "500+"


def facet_values(entry: Entry, facet: str) -> Iterable[str]:
    """The values ``entry`` has for ``facet`` (a facet may hold several, e.g. skills)."""
    values: dict[str, Iterable[str]] = {
        "institution": (entry.organization,),
        "skill": entry.skills,
        "occupation": entry.occupations,
        "hours": (hours_bucket(entry.hours),),
        "cost": (cost_bucket(entry.cost),),
        "mode": (entry.mode,),
        "language": entry.languages,
        "noc": entry.noc,
    }
    return values[facet]


def passes(entry: Entry, query: CatalogueQuery, *, skip: str = "") -> bool:
    """Whether ``entry`` passes every facet filter (values of one facet are alternatives)."""
    return all(
        facet == skip or not set(values).isdisjoint(facet_values(entry, facet))
        for facet, values in query.filters.items()
    )


# --- the search --------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: tuple[FacetOption, ...]


@dataclass(frozen=True)
class ActiveFilter:
    facet: str
    facet_label: str
    value: str
    label: str
    remove: CatalogueQuery  # the same search without this filter


@dataclass(frozen=True)
class CatalogueResult:
    query: CatalogueQuery
    pks: list[int]  # every result, in order
    facets: tuple[Facet, ...]
    active: tuple[ActiveFilter, ...]
    text_matches: int  # results of the text search alone, before the filters

    @cached_property
    def pathways(self) -> PathwayResults:
        """The pathways the same search finds (only read by the page that shows them)."""
        return pathway_search(q=self.query.q, filters=self.query.filters)


def catalogue_search(query: CatalogueQuery, *, language: str) -> CatalogueResult:
    """Search, filter and sort the published catalogue; facet counts for each option."""
    index = catalogue_index()
    scores = text_scores(index, query.q) if query.q else None
    base = [e for e in index.entries.values() if scores is None or e.pk in scores]
    results = [e for e in base if passes(e, query)]
    labels = OptionLabels(base, language)
    return CatalogueResult(
        query=query,
        pks=[e.pk for e in sort_entries(results, query.effective_sort, scores or {}, language)],
        facets=tuple(_facet(facet, base, query, labels) for facet in FACETS),
        active=tuple(
            ActiveFilter(f, str(FACET_LABELS[f]), v, labels(f, v), query.without(f, v))
            for f, values in query.filters.items()
            for v in values
        ),
        text_matches=len(base),
    )


def sort_entries(
    entries: list[Entry], sort: str, scores: dict[int, float], language: str
) -> list[Entry]:
    def newest(e: Entry) -> tuple[float, int]:
        return (-(e.published_at.timestamp() if e.published_at else 0.0), -e.pk)

    keys: dict[str, Any] = {
        "relevance": lambda e: (-scores.get(e.pk, 0.0), *newest(e)),
        "newest": newest,
        "name": lambda e: (in_language(e.name, language).casefold(), e.pk),
        "hours": lambda e: (e.hours, *newest(e)),
        "cost": lambda e: (e.cost, *newest(e)),
    }
    return sorted(entries, key=keys[sort])


def _facet(facet: str, base: list[Entry], query: CatalogueQuery, labels: OptionLabels) -> Facet:
    # Disjunctive counts: an option counts the results it would give if it were ticked too.
    counts = Counter(
        value
        for entry in base
        if passes(entry, query, skip=facet)
        for value in dict.fromkeys(facet_values(entry, facet))
    )
    for value in query.filters.get(facet, ()):
        counts.setdefault(value, 0)
    fixed = {"hours": HOURS, "cost": COSTS, "mode": Achievement.DeliveryMode.values}
    if facet in fixed:
        order = [v for v in fixed[facet] if v in counts]
    else:
        strength = _strength(base, query) if facet == "occupation" else Counter()
        order = sorted(
            counts, key=lambda v: (-counts[v], -strength[v], labels(facet, v).casefold())
        )
        shown = order[:SHOWN_OPTIONS]
        order = shown + [v for v in order[SHOWN_OPTIONS:] if query.selected(facet, v)]
    options = tuple(
        FacetOption(v, labels(facet, v), counts[v], query.selected(facet, v)) for v in order
    )
    return Facet(facet, str(FACET_LABELS[facet]), options)


def _strength(base: list[Entry], query: CatalogueQuery) -> Counter[str]:
    """How strongly the results' skills point to each occupation (essential ones count double)."""
    strength: Counter[str] = Counter()
    for entry in base:
        if passes(entry, query, skip="occupation"):
            strength.update(entry.occupations)
    return strength


class OptionLabels:
    """The label of a facet option in the reader's language."""

    def __init__(self, entries: list[Entry], language: str) -> None:
        self.language = language
        self.organizations = {e.organization: e.organization_name for e in entries}
        self.skill_names = {uri: name for e in entries for uri, name in e.skills.items()}

    def __call__(self, facet: str, value: str) -> str:
        fixed: dict[str, Any] = {
            "hours": {k: label for k, (label, _, _) in HOURS.items()},
            "cost": COSTS,
            "mode": dict(Achievement.DeliveryMode.choices),
            "language": dict(settings.LANGUAGES),
        }
        if facet in fixed:
            return str(fixed[facet].get(value, value))
        concept = framework().concepts.get(value)
        if facet in ("skill", "occupation") and concept is not None:
            return concept.label(self.language)
        names = {"institution": self.organizations, "skill": self.skill_names}.get(facet, {})
        return in_language(names.get(value), self.language) or value


def results_page(pks: list[int]) -> list[Achievement]:
    """The micro-credentials of one page, in the order of ``pks``."""
    rows = Achievement.objects.select_related("organization").in_bulk(pks)
    return [rows[pk] for pk in pks if pk in rows]


POPULAR_WINDOW = 10_000  # the latest awards that make a micro-credential popular


def popular_achievements(*, limit: int = 5) -> list[Achievement]:
    """The published micro-credentials awarded most often lately (newest first on a tie).

    Lately means among the latest ``POPULAR_WINDOW`` awards: counting every award of a
    platform that issued a million reads them all, on every search that finds nothing.
    """
    # Counted here: an IN (… LIMIT) subquery lets PostgreSQL hash-join the whole table.
    awarded = Counter(
        IssuedCredential.objects.order_by("-id").values_list("achievement_id", flat=True)[
            :POPULAR_WINDOW
        ]
    )
    entries = sorted(
        catalogue_index().entries.values(),
        key=lambda e: (
            -awarded.get(e.pk, 0),
            -(e.published_at.timestamp() if e.published_at else 0.0),
            -e.pk,
        ),
    )
    return results_page([e.pk for e in entries[:limit]])


# --- when nothing matches ----------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """A search to try instead: its label, the query and how many results it gives."""

    label: str
    query: CatalogueQuery
    count: int


@dataclass(frozen=True)
class NearMatches:
    spellings: list[Alternative]  # skills of the framework that look like the query
    similar: list[Achievement]  # micro-credentials whose words look like the query's
    relaxed: list[Alternative]  # the same search with one filter fewer
    popular: list[Achievement]


def near_matches(result: CatalogueResult, *, language: str, limit: int = 5) -> NearMatches:
    """What to offer when a search finds nothing: never a dead end."""
    query, index = result.query, catalogue_index()
    spellings: list[Alternative] = []
    similar: list[Achievement] = []
    if query.q:
        for hint in suggest(framework(), query.q, language=language, limit=limit * 3):
            alternative = _spelling(query, hint.label)
            if alternative and all(a.label != hint.label for a in spellings):
                spellings.append(alternative)
        close = suggest(index.documents, query.q, language=language, limit=limit)
        similar = results_page([int(hint.concept.uri) for hint in close])
    relaxed = [
        Alternative(active.label, active.remove, result_count(active.remove))
        for active in result.active
    ]
    return NearMatches(
        spellings=spellings[:limit],
        similar=similar,
        relaxed=[a for a in relaxed if a.count],
        popular=popular_achievements(limit=limit),
    )


def _spelling(query: CatalogueQuery, label: str) -> Alternative | None:
    """The search for ``label`` with the same filters, else without them; None if empty."""
    for alternative in (replace(query, q=label), CatalogueQuery(q=label, sort=query.sort)):
        if count := result_count(alternative):
            return Alternative(label, alternative, count)
    return None


def result_count(query: CatalogueQuery) -> int:
    """How many results ``query`` gives (no sorting, no facets)."""
    index = catalogue_index()
    scores = text_scores(index, query.q) if query.q else None
    return sum(
        1
        for entry in index.entries.values()
        if (scores is None or entry.pk in scores) and passes(entry, query)
    )
