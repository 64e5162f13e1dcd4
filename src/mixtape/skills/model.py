"""A framework-neutral model of skills frameworks (ESCO, O*NET, NOC, an institution's own).

A :class:`Framework` holds :class:`Concept` objects by URI (skills, knowledge,
occupations and the groups that organise them) and the occupation→skill
relations, split into essential and optional skills.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, NamedTuple

from mixtape.errors import MixtapeError

Kind = Literal["skill", "knowledge", "occupation", "group"]
KINDS: tuple[Kind, ...] = ("skill", "knowledge", "occupation", "group")
SKILL_KINDS: frozenset[Kind] = frozenset({"skill", "knowledge"})
LANGUAGES: tuple[str, ...] = ("en", "fr")


class UnknownConceptError(MixtapeError, KeyError):
    """A URI that the framework does not hold (a programmer or data error)."""


class Concept(NamedTuple):
    """One concept of a framework (immutable; a named tuple, as 18,000 load at start-up).

    Attributes:
        framework: the framework id, e.g. ``"esco"``.
        uri: the concept's URI (ESCO: ``http://data.europa.eu/esco/skill/<uuid>``).
        code: a notation such as an ESCO occupation code, ``"S1"`` or a NOC code.
        kind: ``"skill"``, ``"knowledge"``, ``"occupation"`` or ``"group"``.
        labels: preferred label per language (``{"en": …, "fr": …}``); may lack a language.
        alt_labels: alternative labels per language.
        broader: URIs of the broader concepts (groups, broader skills, ISCO groups).
        reuse_level: ESCO's transversal / cross-sector / sector-specific / occupation-specific.
    """

    framework: str
    uri: str
    code: str | None
    kind: Kind
    labels: Mapping[str, str]
    alt_labels: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    broader: tuple[str, ...] = ()
    reuse_level: str | None = None

    def label(self, language: str) -> str:
        """The preferred label in ``language``, else English, else any label."""
        return (
            self.labels.get(language)
            or self.labels.get("en")
            or next((v for v in self.labels.values() if v), self.uri)
        )


@dataclass(frozen=True, eq=False)
class Framework:
    """A skills framework: concepts by URI and occupation→skill relations.

    Frameworks compare and hash by identity, so that search indexes can be cached
    per framework object.

    Attributes:
        id: short identifier, e.g. ``"esco"``.
        name: display name, e.g. ``"ESCO"``.
        version: the framework's version, e.g. ``"1.1.1"``.
        attribution: the sentence a site must show when it uses the framework.
        concepts: every concept by URI.
        essential: occupation URI → URIs of its essential skills.
        optional: occupation URI → URIs of its optional skills.
        categories: URIs of the top-level groups a profile's skills are grouped by.
        url: where the framework is published.
    """

    id: str
    name: str
    version: str
    attribution: str
    concepts: Mapping[str, Concept]
    essential: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    optional: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    categories: frozenset[str] = frozenset()
    url: str = ""

    def concept(self, uri: str) -> Concept:
        """The concept with this URI.

        Raises:
            UnknownConceptError: the framework holds no such concept.
        """
        try:
            return self.concepts[uri]
        except KeyError:
            raise UnknownConceptError(f"{self.id} has no concept {uri}") from None

    def of_kind(self, *kinds: Kind) -> list[Concept]:
        """The concepts of the given kinds, in the framework's order."""
        wanted = set(kinds)
        return [c for c in self.concepts.values() if c.kind in wanted]
