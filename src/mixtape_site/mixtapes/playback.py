"""What the player shows: each credential verified live, and the skills they add up to.

Only the chosen credentials go in; nothing else about the learner (no e-mail,
no account, no other credential). Skills count as *verified* only through
credentials that verify now: a revoked credential's skills are listed apart.
The verified ones are grouped by skills-framework category (``wallet.profile``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from mixtape_site.mixtapes.livestatus import CachedStatusLists, LiveResult, Verdict, live_result
from mixtape_site.mixtapes.models import Mixtape, ShareLink, Track
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.profile import CategoryGroup, group_by_category
from mixtape_site.web.bilingual import in_language

_WEB = ("https://", "http://")


@dataclass(frozen=True)
class PlayedTrack:
    credential: WalletCredential
    note: str
    result: LiveResult
    name: str
    issuer_name: str
    issued_on: datetime | None
    valid_until: datetime | None
    public_url: str  # the credential's page on this platform, or ""


@dataclass
class SkillLine:
    """One skill of the combined profile, with the credentials that show it."""

    key: str
    url: str  # a link only when http(s)
    name: str
    framework: str
    verified_in: list[str] = field(default_factory=list)
    unverified_in: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Playback:
    mixtape: Mixtape
    tracks: tuple[PlayedTrack, ...]
    skills: tuple[SkillLine, ...]
    issuers: tuple[str, ...]
    earliest: datetime | None
    latest: datetime | None

    @property
    def verified_skills(self) -> tuple[SkillLine, ...]:
        return tuple(s for s in self.skills if s.verified_in)

    @property
    def skill_groups(self) -> list[CategoryGroup[SkillLine]]:
        """The verified skills grouped by framework category, in the reader's language."""
        language = (translation.get_language() or "en").split("-")[0]
        return group_by_category(
            self.verified_skills, uri=lambda s: s.url or s.key, language=language
        )

    @property
    def unverified_skills(self) -> tuple[SkillLine, ...]:
        return tuple(s for s in self.skills if not s.verified_in)

    @property
    def unverified_count(self) -> int:
        return sum(1 for track in self.tracks if not track.result.verified)

    @property
    def summary(self) -> str:
        """``5 credentials, 4 verified, 1 revoked`` in the reader's language."""
        counts: dict[str, int] = {}
        for track in self.tracks:
            counts[track.result.verdict] = counts.get(track.result.verdict, 0) + 1
        total = len(self.tracks)
        credentials = ngettext("%(count)d credential", "%(count)d credentials", total)
        parts = [credentials % {"count": total}]
        parts += [_count_phrase(v, counts[v]) for v in Verdict if v in counts]
        return ", ".join(parts)


def _count_phrase(verdict: str, n: int) -> str:
    phrases = {
        Verdict.VERIFIED: ngettext("%(count)d verified", "%(count)d verified", n),
        Verdict.REVOKED: ngettext("%(count)d revoked", "%(count)d revoked", n),
        Verdict.SUSPENDED: ngettext("%(count)d suspended", "%(count)d suspended", n),
        Verdict.EXPIRED: ngettext("%(count)d expired", "%(count)d expired", n),
        Verdict.UNKNOWN_ISSUER: ngettext(
            "%(count)d from an unknown issuer", "%(count)d from unknown issuers", n
        ),
    }
    default = ngettext("%(count)d not verified", "%(count)d not verified", n)
    return phrases.get(Verdict(verdict), default) % {"count": n}


def play(*, link: ShareLink, now: datetime | None = None) -> Playback:
    """Verify every track of the link's mixtape now and build the player's content."""
    mixtape = link.mixtape
    lists = CachedStatusLists()
    tracks = tuple(
        _played(track.credential, track.note, live_result(track.credential, lists=lists, now=now))
        for track in _tracks(mixtape)
    )
    dates = [t.issued_on for t in tracks if t.issued_on]
    return Playback(
        mixtape=mixtape,
        tracks=tracks,
        skills=skills_profile(tracks),
        issuers=tuple(dict.fromkeys(t.issuer_name for t in tracks if t.issuer_name)),
        earliest=min(dates, default=None),
        latest=max(dates, default=None),
    )


# Columns a play never reads: the issuer's stored copy (the wallet holds the same
# document) and the achievement's texts. With 50 tracks, decoding those JSON columns
# was a fair part of a play.
_UNREAD = (
    "credential__issued_credential__document",
    *(
        f"credential__issued_credential__achievement__{name}"
        for name in (
            "name",
            "description",
            "criteria",
            "learning_outcomes",
            "assessment",
            "assessment_evidence",
            "languages",
            "noc_codes",
        )
    ),
)


def _tracks(mixtape: Mixtape) -> QuerySet[Track]:
    """The mixtape's tracks in order, with what a play needs of them, in one query."""
    return (
        mixtape.tracks.select_related("credential__issued_credential__achievement")
        .defer(*_UNREAD)
        .order_by("position", "id")
    )


def _played(credential: WalletCredential, note: str, result: LiveResult) -> PlayedTrack:
    document = _document(credential, result)
    issued = credential.issued_credential
    return PlayedTrack(
        credential=credential,
        note=note,
        result=result,
        name=credential.name or _achievement_name(document) or str(document.get("id") or ""),
        issuer_name=credential.issuer_name or credential.issuer_id,
        issued_on=credential.issued_on,
        valid_until=credential.valid_until,
        public_url=reverse("credentials:public", kwargs={"uuid": issued.uuid}) if issued else "",
    )


def _document(credential: WalletCredential, result: LiveResult) -> Mapping[str, Any]:
    if result.report is not None and result.report.credential:
        return result.report.credential  # a JWT's decoded credential, too
    return credential.document if isinstance(credential.document, Mapping) else {}


def _achievement(document: Mapping[str, Any]) -> Mapping[str, Any]:
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    return achievement if isinstance(achievement, Mapping) else {}


def _achievement_name(document: Mapping[str, Any]) -> str:
    achievement = _achievement(document)
    return _text(achievement.get("nameMap")) or _text(achievement.get("name"))


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return in_language(value)
    return value if isinstance(value, str) else ""


def credential_skills(track: PlayedTrack) -> list[dict[str, str]]:
    """The track's skills as ``{"key", "url", "name", "framework"}``, names in the reader's
    language where the source has them (a platform achievement, a language map)."""
    credential = track.credential
    raw: Iterable[Any] = credential.skills or _alignments(_document(credential, track.result))
    translated = _platform_skill_names(credential)
    skills = []
    for skill in raw:
        if not isinstance(skill, Mapping):
            continue
        url = str(skill.get("url") or skill.get("targetUrl") or "")
        name = translated.get(url) or _skill_name(skill) or url
        if not (url or name):
            continue
        skills.append(
            {
                "key": url.rstrip("/") or name.casefold(),
                "url": url if url.startswith(_WEB) else "",
                "name": name,
                "framework": str(skill.get("framework") or skill.get("targetFramework") or ""),
            }
        )
    return skills


def _alignments(document: Mapping[str, Any]) -> list[Any]:
    alignments = _achievement(document).get("alignment")
    return alignments if isinstance(alignments, list) else []


def _skill_name(skill: Mapping[str, Any]) -> str:
    for key in ("targetNameMap", "nameMap", "name", "targetName"):
        if text := _text(skill.get(key)):
            return text
    return ""


def _platform_skill_names(credential: WalletCredential) -> dict[str, str]:
    issued = credential.issued_credential
    if issued is None:
        return {}
    return {
        str(skill.get("url")): in_language(skill.get("name"))
        for skill in issued.achievement.skills
        if isinstance(skill, dict) and skill.get("url")
    }


def skills_profile(tracks: Iterable[PlayedTrack]) -> tuple[SkillLine, ...]:
    """Skills grouped by URL; the most widely verified first, then by name."""
    lines: dict[str, SkillLine] = {}
    for track in tracks:
        skills = {skill["key"]: skill for skill in credential_skills(track)}
        for skill in skills.values():
            line = lines.setdefault(
                skill["key"],
                SkillLine(
                    key=skill["key"],
                    url=skill["url"],
                    name=skill["name"],
                    framework=skill["framework"],
                ),
            )
            bucket = line.verified_in if track.result.verified else line.unverified_in
            bucket.append(track.name)
    return tuple(sorted(lines.values(), key=lambda s: (-len(s.verified_in), s.name.casefold())))
