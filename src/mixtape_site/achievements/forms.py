"""The micro-credential form (both languages side by side) and the endorsement form."""

from __future__ import annotations

import re
from typing import Any, Final

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mixtape.skills import SKILL_KINDS, Concept
from mixtape_site.achievements.images import (
    MAX_IMAGE_BYTES,
    CheckedImage,
    image_check,
)
from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.skills.registry import concept, frameworks, suggest_index_warm
from mixtape_site.skills.selectors import PickedSkill, picked_skills

ENGLISH_REQUIRED = _("Enter this text in English.")
FRENCH_REQUIRED = _("Enter this text in French.")
OUTCOMES_MISMATCH = _(
    "Give as many learning outcomes in French as in English, one per line, in the same order."
)
SKILL_UNKNOWN = _("%(uri)s is not a skill of ESCO or of an imported skills framework.")
SKILL_NOT_A_SKILL = _("%(uri)s is an occupation or a group, not a skill: choose a skill.")
SKILLS_TOO_MANY = _("Choose at most %(limit)s skills.")
HOURS_RANGE = _("Hours of learning must be a whole number from 5 to 300.")
DURATION_RANGE = _("The duration must be a whole number of weeks from 1 to 104.")
VALIDITY_RANGE = _("The validity period must be a whole number of months from 1 to 240.")
COST_INVALID = _("Enter the cost in Canadian dollars, 0 or more, for example 250.00.")
CREDIT_INVALID = _("Enter the credit value as a number, 0 or more, for example 0.5.")
DELIVERY_MODE_REQUIRED = _("Choose a delivery mode.")
LANGUAGE_REQUIRED = _("Choose at least one language of instruction.")
CIP_FORMAT = _("Enter the CIP 2021 code as NN.NNNN, for example 11.0701.")
NOC_FORMAT = _("Each NOC 2021 code has 5 digits, for example 21232.")
NOC_TOO_MANY = _("Give at most 3 NOC 2021 codes.")
ENDORSEMENT_COMMENT_REQUIRED = _("Write your endorsement in English, in French, or in both.")

PARTNER_KINDS: Final = (Organization.Kind.EMPLOYER, Organization.Kind.PARTNER)
BILINGUAL: Final = ("name", "description", "criteria", "assessment", "assessment_evidence")
REQUIRED_BILINGUAL: Final = ("name", "description", "criteria")
_CIP = re.compile(r"^\d{2}\.\d{4}$")
_NOC = re.compile(r"^\d{5}$")
MAX_SKILLS: Final = 40


def _text(label: Any, language: str, *, long: bool = True, required: bool = True) -> forms.Field:
    attrs = {"lang": language, "rows": 4} if long else {"lang": language}
    message = ENGLISH_REQUIRED if language == "en" else FRENCH_REQUIRED
    return forms.CharField(
        label=label,
        required=required,
        max_length=None if long else 200,
        widget=forms.Textarea(attrs=attrs) if long else forms.TextInput(attrs=attrs),
        error_messages={"required": message},
    )


def _whole(label: Any, message: Any, low: int, high: int, *, required: bool) -> forms.Field:
    return forms.IntegerField(
        label=label, required=required, min_value=low, max_value=high,
        error_messages={key: message for key in ("required", "invalid", "min_value",
                                                  "max_value")},
    )  # fmt: skip


def _number(label: Any, message: Any, digits: int, *, required: bool) -> forms.Field:
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_digits=digits, decimal_places=2,
        localize=True,  # French users type 250,00
        error_messages={key: message for key in ("required", "invalid", "min_value",
                        "max_digits", "max_decimal_places", "max_whole_digits")},
    )  # fmt: skip


class SkillUrisField(forms.MultipleChoiceField):
    """URIs ticked in the picker; the form's ``clean`` checks them against the frameworks."""

    def valid_value(self, value: str) -> bool:
        return True


class SkillPickerForm(forms.Form):
    """The skill picker's fields, ``skills`` (ticked) and ``skill_uris`` (pasted), cleaned
    into ``Achievement.skills`` records; subclasses declare the two fields with their labels
    and call ``_skills_clean`` from ``clean``."""

    @property
    def selected_skills(self) -> list[PickedSkill]:
        """The ticked skills, as the picker shows them (bound data, else the saved ones)."""
        return picked_skills(self["skills"].value() or [], language=get_language())

    def clean_skill_uris(self) -> list[str]:
        # "URI | name | …" lines (the earlier format) keep working: only the URI counts.
        lines = self.cleaned_data["skill_uris"].splitlines()
        return [line.split("|", 1)[0].strip() for line in lines if line.split("|", 1)[0].strip()]

    def _skills_clean(self, cleaned: dict[str, Any]) -> None:
        known = list(frameworks().values())
        names = {framework.id: framework.name for framework in known}
        picked: dict[str, dict[str, Any]] = {}
        for field in ("skills", "skill_uris"):
            for uri in cleaned.get(field) or []:
                found = concept(uri, among=known)
                if found is None:
                    self.add_error(field, ValidationError(SKILL_UNKNOWN, params={"uri": uri}))
                elif found.kind not in SKILL_KINDS:
                    self.add_error(field, ValidationError(SKILL_NOT_A_SKILL, params={"uri": uri}))
                else:
                    picked.setdefault(uri, skill_record(found, names[found.framework]))
        if len(picked) > MAX_SKILLS:
            self.add_error("skills", ValidationError(SKILLS_TOO_MANY,
                                                     params={"limit": MAX_SKILLS}))  # fmt: skip
        cleaned["skills"] = list(picked.values())


class AchievementForm(SkillPickerForm):
    name_en = _text(_("Name (English)"), "en", long=False)
    name_fr = _text(_("Name (French)"), "fr", long=False)
    description_en = _text(_("Description (English)"), "en")
    description_fr = _text(_("Description (French)"), "fr")
    criteria_en = _text(_("Criteria (English)"), "en")
    criteria_fr = _text(_("Criteria (French)"), "fr")
    outcomes_en = _text(_("Learning outcomes (English), one per line"), "en")
    outcomes_fr = _text(_("Learning outcomes (French), one per line"), "fr")
    assessment_en = _text(_("Summative assessment (English)"), "en", required=False)
    assessment_fr = _text(_("Summative assessment (French)"), "fr", required=False)
    assessment_evidence_en = _text(_("What demonstrates it (English)"), "en", required=False)
    assessment_evidence_fr = _text(_("What demonstrates it (French)"), "fr", required=False)
    # Ticked in the skill picker (skills/_picker.html): URIs, checked against the frameworks.
    skills = SkillUrisField(
        label=_("Selected skills"), required=False, widget=forms.CheckboxSelectMultiple
    )
    skill_uris = forms.CharField(
        label=_("Or paste skill URIs, one per line"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_("For example http://data.europa.eu/esco/skill/… — copy them from a "
                    "skill's page in the skills browser."),
    )  # fmt: skip
    hours = _whole(_("Hours of learning"), HOURS_RANGE, 5, 300, required=True)
    duration_weeks = _whole(_("Duration (weeks)"), DURATION_RANGE, 1, 104, required=False)
    delivery_mode = forms.ChoiceField(
        label=_("Delivery mode"), choices=[("", "—"), *Achievement.DeliveryMode.choices],
        error_messages={"required": DELIVERY_MODE_REQUIRED,
                        "invalid_choice": DELIVERY_MODE_REQUIRED},
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Languages of instruction"), choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": LANGUAGE_REQUIRED, "invalid_choice": LANGUAGE_REQUIRED},
    )  # fmt: skip
    cost = _number(_("Cost (CAD)"), COST_INVALID, 8, required=True)
    cip_code = forms.CharField(
        label=_("CIP 2021 code"), required=False, max_length=7,
        help_text=_("Classification of Instructional Programs, e.g. 11.0701."),
        error_messages={"max_length": CIP_FORMAT},
    )  # fmt: skip
    noc_codes = forms.CharField(
        label=_("NOC 2021 codes"), required=False,
        help_text=_("Up to 3 occupations, separated by commas, e.g. 21232, 21211."),
    )  # fmt: skip
    credit_value = _number(_("Credit value"), CREDIT_INVALID, 5, required=False)
    validity_months = _whole(_("Validity period (months)"), VALIDITY_RANGE, 1, 240,
                             required=False)  # fmt: skip
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner employers"), required=False, queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    image = forms.FileField(
        label=_("Badge image"), required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/svg+xml"}),
        help_text=format_lazy(
            _("PNG or SVG, at most {size} MB. Without one, a badge with the initials is shown."),
            size=MAX_IMAGE_BYTES // (1024 * 1024),
        ),
    )  # fmt: skip

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked_image: CheckedImage | None = None
        self.fields["partners"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            kind__in=PARTNER_KINDS
        ).exclude(pk=organization.pk)
        self.fields["cost"].initial = 0
        suggest_index_warm()  # the picker's first keystroke should not wait for the index

    def clean_cip_code(self) -> str:
        code = self.cleaned_data["cip_code"].strip()
        if code and not _CIP.match(code):
            raise ValidationError(CIP_FORMAT, code="cip_format")
        return code

    def clean_noc_codes(self) -> list[str]:
        codes = [c.strip() for c in self.cleaned_data["noc_codes"].split(",") if c.strip()]
        if len(codes) > 3:
            raise ValidationError(NOC_TOO_MANY, code="noc_too_many")
        if any(not _NOC.match(code) for code in codes):
            raise ValidationError(NOC_FORMAT, code="noc_format")
        return list(dict.fromkeys(codes))

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        if upload:
            self.checked_image = image_check(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._skills_clean(cleaned)
        for base in BILINGUAL:
            english, french = cleaned.get(f"{base}_en"), cleaned.get(f"{base}_fr")
            if english and not french and f"{base}_fr" not in self.errors:
                self.add_error(f"{base}_fr", ValidationError(FRENCH_REQUIRED))
            if french and not english and f"{base}_en" not in self.errors:
                self.add_error(f"{base}_en", ValidationError(ENGLISH_REQUIRED))
        english, french = _lines(cleaned.get("outcomes_en")), _lines(cleaned.get("outcomes_fr"))
        if english and french and len(english) != len(french):
            self.add_error("outcomes_fr", ValidationError(OUTCOMES_MISMATCH))
        return cleaned

    def achievement_data(self) -> dict[str, Any]:
        """The cleaned values in the shape the services and the model use."""
        data = self.cleaned_data
        values = {base: _pair(data, base) for base in BILINGUAL}
        outcomes = zip(_lines(data["outcomes_en"]), _lines(data["outcomes_fr"]), strict=True)
        values["learning_outcomes"] = [{"en": en, "fr": fr} for en, fr in outcomes]
        for field in ("skills", "hours", "duration_weeks", "delivery_mode", "cost", "cip_code",
                      "noc_codes", "credit_value", "validity_months"):  # fmt: skip
            values[field] = data[field]
        tags = [tag for tag, _label in settings.LANGUAGES]
        values["languages"] = sorted(data["languages"], key=tags.index)
        values["partners"] = list(data["partners"])
        return values


def skill_record(found: Concept, framework_name: str) -> dict[str, Any]:
    """A framework concept as the achievement stores it (and ``alignment`` emits it)."""
    return {
        "url": found.uri,
        "name": {tag: found.labels[tag] for tag in ("en", "fr") if found.labels.get(tag)},
        "framework": framework_name,
        "code": found.code or "",
    }


def achievement_initial(achievement: Achievement) -> dict[str, Any]:
    """The form's initial values for editing ``achievement``."""
    initial: dict[str, Any] = {}
    for base in BILINGUAL:
        for tag in ("en", "fr"):
            initial[f"{base}_{tag}"] = (getattr(achievement, base) or {}).get(tag, "")
    for tag in ("en", "fr"):
        initial[f"outcomes_{tag}"] = "\n".join(
            o.get(tag, "") for o in achievement.learning_outcomes
        )
    initial["skills"] = [skill["url"] for skill in achievement.skills if skill.get("url")]
    for field in ("hours", "duration_weeks", "delivery_mode", "languages", "cost", "cip_code",
                  "credit_value", "validity_months"):  # fmt: skip
        initial[field] = getattr(achievement, field)
    initial["noc_codes"] = ", ".join(achievement.noc_codes)
    initial["partners"] = list(achievement.partners.all())
    return initial


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _pair(data: dict[str, Any], base: str) -> dict[str, str]:
    pair = {tag: (data.get(f"{base}_{tag}") or "").strip() for tag in ("en", "fr")}
    return {tag: text for tag, text in pair.items() if text}


class EndorsementForm(forms.Form):
    comment_en = _text(_("Endorsement comment (English)"), "en", required=False)
    comment_fr = _text(_("Endorsement comment (French)"), "fr", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not (cleaned.get("comment_en") or "").strip()
            and not (cleaned.get("comment_fr") or "").strip()
        ):
            self.add_error("comment_en", ValidationError(ENDORSEMENT_COMMENT_REQUIRED))
        return cleaned

    def comment(self) -> dict[str, str]:
        return _pair(self.cleaned_data, "comment")
