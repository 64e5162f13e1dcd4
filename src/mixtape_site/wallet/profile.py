"""The holder's skills profile: skills of verified credentials, grouped by framework category.

A skill counts only through a credential that verifies now (the wallet's live
status, cached for a few minutes): a revoked, suspended or expired credential
shows nothing. Skills are grouped by the top-level category of the skills
framework (ESCO: a skill pillar such as "working with computers", or a field of
knowledge; an imported framework: its top-level groups), labelled in the viewer's
language; a skill whose URI no framework knows goes under "Other skills" with the
name its credential gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mixtape.skills import Concept, Framework, category_of, load_framework
from mixtape_site.skills.registry import concept
from mixtape_site.skills.registry import frameworks as all_frameworks
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.status import wallet_status
from mixtape_site.web.bilingual import in_language

OTHER_SKILLS = _("Other skills")
T = TypeVar("T")


@dataclass(frozen=True)
class SkillRow:
    uri: str  # the skill's URI, or its name when the credential gives no URI
    label: str
    credentials: int


@dataclass(frozen=True)
class CategoryGroup(Generic[T]):
    category: Concept | None  # None: "Other skills"
    label: str
    skills: tuple[T, ...]


def known_uri(uri: str) -> str | None:
    """ESCO's own spelling of ``uri`` (its URIs are http), or None if ESCO lacks it."""
    concepts = load_framework("esco").concepts
    for candidate in _spellings(uri):
        if candidate in concepts:
            return candidate
    return None


def _spellings(uri: str) -> tuple[str, ...]:
    return (uri, uri.replace("https://", "http://", 1), uri.rstrip("/"))


def _lookup(frameworks: dict[str, Framework], uri: str) -> Concept | None:
    """The concept of ``uri`` in any framework (ESCO, then the imported ones)."""
    among = list(frameworks.values())
    for candidate in _spellings(uri) if uri else ():
        if (found := concept(candidate, among=among)) is not None:
            return found
    return None


def group_by_category(
    items: Iterable[T], *, uri: Callable[[T], str], language: str
) -> list[CategoryGroup[T]]:
    """``items`` grouped by the category of their skill URI; categories by label, Other last."""
    known = all_frameworks()
    groups: dict[str | None, list[T]] = {}
    categories: dict[str, Concept] = {}
    for item in items:
        found = _lookup(known, uri(item))
        category = category_of(known[found.framework], found.uri) if found else None
        if category is not None:
            categories[category.uri] = category
        groups.setdefault(category.uri if category else None, []).append(item)
    out = [
        CategoryGroup(categories[key], capfirst(categories[key].label(language)), tuple(rows))
        for key, rows in groups.items()
        if key is not None
    ]
    out.sort(key=lambda group: group.label.casefold())
    if None in groups:
        out.append(CategoryGroup(None, str(OTHER_SKILLS), tuple(groups[None])))
    return out


def skills_profile(
    credentials: Iterable[WalletCredential], *, language: str
) -> list[CategoryGroup[SkillRow]]:
    """The skills of ``credentials`` (each counted once per credential), grouped by category.

    The caller chooses the credentials: see :func:`verified_credentials`.
    """
    counts: dict[str, int] = {}
    names: dict[str, Any] = {}
    for credential in credentials:
        for key, name in dict(_skills(credential)).items():
            counts[key] = counts.get(key, 0) + 1
            names.setdefault(key, name)
    known = all_frameworks()
    rows = [SkillRow(key, _label(known, key, names[key], language), n) for key, n in counts.items()]
    rows.sort(key=lambda row: (-row.credentials, row.label.casefold()))
    return group_by_category(rows, uri=lambda row: row.uri, language=language)


def _skills(credential: WalletCredential) -> Iterable[tuple[str, Any]]:
    translated = _platform_names(credential)
    for skill in credential.skills or ():
        if not isinstance(skill, dict):
            continue
        url = str(skill.get("url") or "")
        name = translated.get(url) or skill.get("name") or url
        if url or name:
            yield (known_uri(url) or url or str(in_language(name)).casefold()), name


def _platform_names(credential: WalletCredential) -> dict[str, Any]:
    issued = credential.issued_credential
    if issued is None:
        return {}
    return {
        str(s["url"]): s.get("name")
        for s in issued.achievement.skills
        if isinstance(s, dict) and s.get("url")
    }


def _label(known: dict[str, Framework], key: str, given: Any, language: str) -> str:
    found = _lookup(known, key)
    if found is not None:
        return found.label(language)
    return in_language(given, language) or key


def verified_credentials(*, owner: Any) -> list[WalletCredential]:
    """The owner's credentials that name skills and verify now (a status older than five
    minutes is checked again; the others come from the cache)."""
    rows = WalletCredential.objects.filter(owner=owner).select_related(
        "issued_credential__achievement"
    )
    return [c for c in rows if c.skills and wallet_status(c)[0] == WalletCredential.Status.VERIFIED]


def held_skill_uris(*, owner: Any) -> set[str]:
    """The framework URIs of the skills shown by the owner's verified credentials."""
    return {
        uri
        for credential in verified_credentials(owner=owner)
        for key, _ in _skills(credential)
        if (uri := known_uri(key))
    }
