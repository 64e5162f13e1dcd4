"""An Achievement row as an OB 3.0 ``Achievement``, with every framework field.

OB 3.0 has properties for skills (``alignment``), credits, language, image, the
creator and endorsements, and ``otherIdentifier`` holds the CIP and NOC codes.
The rest of Ontario's micro-credential framework (hours, duration, delivery
mode, cost, outcomes, assessment, validity) has no OB 3.0 property, so it is
written into the criteria narrative as Markdown, in each language: a person
reading the credential in any wallet sees it, and the JSON-LD stays free of
undefined terms (safe-mode signing refuses those).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mixtape.model.achievement import Achievement as ObAchievement
from mixtape.model.achievement import Alignment, Criteria, IdentifierEntry, Image
from mixtape.model.credential import OB_V3P0_CONTEXT, VC_V2_CONTEXT, EndorsementCredential
from mixtape.model.text import LANGUAGE_MAP_CONTEXT
from mixtape_site.achievements.models import Achievement
from mixtape_site.issuers.documents import issuer_profile
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.web.bilingual import in_language, language_map

CIP_IDENTIFIER_TYPE = "ext:CIP2021"
NOC_IDENTIFIER_TYPE = "ext:NOC2021"
ESCO_PREFIX = "http://data.europa.eu/esco/"
# OB 3.0's AlignmentTargetType for a skill or knowledge concept: the picker aligns only those.
SKILL_TARGET_TYPE = "ceasn:Competency"

LEARNING_OUTCOMES = _("Learning outcomes")
ASSESSMENT = _("Assessment")
ASSESSMENT_EVIDENCE = _("What demonstrates it")
SKILLS = _("Skills")
DETAILS = _("Details")
MONEY = _("$%(amount)s CAD")


def achievement_url(achievement: Achievement) -> str:
    return absolute_url(reverse("achievements:detail", kwargs={"uuid": achievement.uuid}))


def achievement_image_url(achievement: Achievement) -> str:
    return absolute_url(reverse("achievements:image", kwargs={"uuid": achievement.uuid}))


def achievement_model(achievement: Achievement) -> ObAchievement:
    primary = achievement.organization.primary_language
    name = language_map(achievement.name, primary=primary)
    return ObAchievement(
        id=achievement_url(achievement),
        achievement_type="MicroCredential",
        name=name,
        description=language_map(achievement.description, primary=primary),
        criteria=Criteria(narrative=criteria_narratives(achievement)),
        alignment=[_alignment(skill, primary) for skill in achievement.skills] or None,
        image=Image(
            id=achievement_image_url(achievement), caption=in_language(name, primary) or None
        ),
        credits_available=(
            float(achievement.credit_value) if achievement.credit_value is not None else None
        ),
        in_language=achievement.languages[0] if achievement.languages else None,
        other_identifier=_other_identifiers(achievement) or None,
        creator=issuer_profile(achievement.organization),
        endorsement=[EndorsementCredential.from_json(e) for e in endorsements(achievement)] or None,
    )


def achievement_json(achievement: Achievement) -> dict[str, Any]:
    """The OB 3.0 Achievement object embedded in credentials (no ``@context``).

    Endorsements are copied byte for byte from the signed documents, so their
    proofs keep verifying whatever the model would normalise.
    """
    out = achievement_model(achievement).to_json()
    if "endorsement" in out:
        out["endorsement"] = endorsements(achievement)
    return out


def achievement_document(achievement: Achievement) -> dict[str, Any]:
    """The standalone Achievement served at its public URL, with its JSON-LD contexts."""
    contexts = [VC_V2_CONTEXT, OB_V3P0_CONTEXT, dict(LANGUAGE_MAP_CONTEXT)]
    return {"@context": contexts, **achievement_json(achievement)}


def endorsements(achievement: Achievement) -> list[dict[str, Any]]:
    """The partners' signed EndorsementCredentials, oldest first."""
    partners = achievement.achievementpartner_set.filter(endorsement_document__isnull=False)
    return [p.endorsement_document for p in partners.order_by("endorsed_at", "id")]


def skill_framework(url: str) -> str:
    """The framework a skill URI belongs to (``"ESCO"``), or ``""`` if unknown."""
    return "ESCO" if url.replace("https://", "http://", 1).startswith(ESCO_PREFIX) else ""


def _alignment(skill: dict[str, Any], primary: str) -> Alignment:
    return Alignment(
        target_name=in_language(skill.get("name"), primary) or skill["url"],
        target_url=skill["url"],
        target_framework=skill.get("framework") or skill_framework(skill["url"]) or None,
        target_code=skill.get("code") or None,
        target_type=SKILL_TARGET_TYPE,
    )


def _other_identifiers(achievement: Achievement) -> list[IdentifierEntry]:
    entries = []
    if achievement.cip_code:
        entries.append(
            IdentifierEntry(identifier=achievement.cip_code, identifier_type=CIP_IDENTIFIER_TYPE)
        )
    entries += [
        IdentifierEntry(identifier=code, identifier_type=NOC_IDENTIFIER_TYPE)
        for code in achievement.noc_codes
    ]
    return entries


def criteria_narratives(achievement: Achievement) -> dict[str, str]:
    """The criteria and the framework facts as Markdown, one text per language."""
    primary = achievement.organization.primary_language
    tags = language_map(achievement.criteria, primary=primary) or {primary: ""}
    narratives = {}
    for tag in tags:
        with translation.override(tag):
            narratives[tag] = criteria_markdown(achievement, tag)
    return narratives


def criteria_markdown(achievement: Achievement, tag: str) -> str:
    """One language's narrative; call it with that language active."""
    parts = [in_language(achievement.criteria, tag)]
    outcomes = [in_language(outcome, tag) for outcome in achievement.learning_outcomes]
    if outcomes:
        parts.append(_section(LEARNING_OUTCOMES, _bullets(outcomes)))
    if achievement.assessment:
        parts.append(_section(ASSESSMENT, in_language(achievement.assessment, tag)))
    if achievement.assessment_evidence:
        evidence = in_language(achievement.assessment_evidence, tag)
        parts.append(_section(ASSESSMENT_EVIDENCE, evidence, level="###"))
    skills = [
        f"{in_language(s.get('name'), tag) or s['url']} <{s['url']}>" for s in achievement.skills
    ]
    if skills:
        parts.append(_section(SKILLS, _bullets(skills)))
    parts.append(
        _section(
            DETAILS, _bullets(f"{label}: {value}" for label, value in framework_facts(achievement))
        )
    )
    return "\n\n".join(part for part in parts if part).strip()


def framework_facts(achievement: Achievement) -> list[tuple[str, str]]:
    """(label, value) for each framework fact that has a value, in the active language."""
    facts = [(_label("hours"), str(achievement.hours))]
    if achievement.duration_weeks:
        weeks = achievement.duration_weeks
        facts.append(
            (_label("duration_weeks"), ngettext("%(n)s week", "%(n)s weeks", weeks) % {"n": weeks})
        )
    facts.append((_label("delivery_mode"), str(achievement.get_delivery_mode_display())))
    facts.append((_label("languages"), ", ".join(language_names(achievement.languages))))
    facts.append((_label("cost"), _money(achievement.cost)))
    if achievement.credit_value is not None:
        facts.append((_label("credit_value"), number_format(achievement.credit_value.normalize())))
    if achievement.validity_months:
        months = achievement.validity_months
        facts.append(
            (
                _label("validity_months"),
                ngettext("%(n)s month", "%(n)s months", months) % {"n": months},
            )
        )
    if achievement.noc_codes:
        facts.append((str(_("NOC 2021")), ", ".join(achievement.noc_codes)))
    if achievement.cip_code:
        facts.append((str(_("CIP 2021")), achievement.cip_code))
    return facts


def language_names(tags: list[str]) -> list[str]:
    names = dict(settings.LANGUAGES)
    return [str(names.get(tag, tag)) for tag in tags]


def _label(field: str) -> str:
    return str(capfirst(Achievement._meta.get_field(field).verbose_name))


def _money(amount: Decimal) -> str:
    return str(MONEY) % {"amount": number_format(amount, decimal_pos=2)}


def _section(title: Any, body: str, *, level: str = "##") -> str:
    return f"{level} {title}\n\n{body}" if body else ""


def _bullets(items: Any) -> str:
    return "\n".join(f"- {item}" for item in items)
