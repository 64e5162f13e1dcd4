"""Pathway forms: the definition, a requirement group, an equivalence, a declined award.

Bilingual texts are typed side by side (``name_en``/``name_fr``) as in the achievement form;
skills reuse its picker (``skills/_picker.html``), so the fields are named the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.forms import (
    ENGLISH_REQUIRED,
    FRENCH_REQUIRED,
    SkillPickerForm,
    SkillUrisField,
)
from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import Pathway, PathwayGroup, PathwayStep
from mixtape_site.pathways.presenters import by_institution, choosable_achievements
from mixtape_site.web.bilingual import in_language

GOAL_REQUIRED = _("Choose the goal credential: one of your published micro-credentials.")
APPROVAL_REQUIRED = _("Choose what happens when a learner meets the requirements.")
HOURS_INVALID = _("Enter the minimum hours as a whole number from 1 to 5000, or leave it empty.")
CREDITS_INVALID = _(
    "Enter the minimum credits as a number above 0, for example 3.5, or leave it empty."
)
RULE_REQUIRED = _("Choose how many of these micro-credentials a learner needs.")
COUNT_REQUIRED = _("Enter how many of the chosen micro-credentials a learner needs, 1 or more.")
COUNT_TOO_HIGH = _("The group asks for %(count)s micro-credentials but only %(chosen)s are chosen.")
ACHIEVEMENTS_REQUIRED = _("Choose at least one micro-credential for this group.")
KIND_REQUIRED = _("Choose where the equivalent credential comes from.")
EQUIVALENT_REQUIRED = _("Choose the micro-credential accepted in its place.")
URI_REQUIRED = _("Enter the achievement id of the other issuer's credential, a web address.")
NAME_REQUIRED = _("Enter the name of the other issuer's credential.")
ISSUER_REQUIRED = _("Enter the name of the other issuer.")
REASON_REQUIRED = _("Say why the award is declined: the learner will read it.")

PLATFORM, EXTERNAL = "platform", "external"


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names when the form has that
    field, else above the form (the model's ``name`` is the form's ``name_en``/``name_fr``)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _text(label: Any, language: str, *, required: bool, long: bool = False) -> forms.Field:
    widget = (
        forms.Textarea(attrs={"lang": language, "rows": 4})
        if long
        else forms.TextInput(attrs={"lang": language})
    )
    message = ENGLISH_REQUIRED if language == "en" else FRENCH_REQUIRED
    return forms.CharField(
        label=label, required=required, max_length=None if long else 200, widget=widget,
        error_messages={"required": message},
    )  # fmt: skip


def _pairs_clean(form: forms.Form, cleaned: dict[str, Any], bases: tuple[str, ...]) -> None:
    """A text given in one language must be given in the other too."""
    for base in bases:
        english = (cleaned.get(f"{base}_en") or "").strip()
        french = (cleaned.get(f"{base}_fr") or "").strip()
        if english and not french and f"{base}_fr" not in form.errors:
            form.add_error(f"{base}_fr", ValidationError(FRENCH_REQUIRED))
        if french and not english and f"{base}_en" not in form.errors:
            form.add_error(f"{base}_en", ValidationError(ENGLISH_REQUIRED))


def _pair(cleaned: dict[str, Any], base: str) -> dict[str, str]:
    pair = {tag: (cleaned.get(f"{base}_{tag}") or "").strip() for tag in ("en", "fr")}
    return {tag: text for tag, text in pair.items() if text}


class PathwayForm(SkillPickerForm):
    name_en = _text(_("Name (English)"), "en", required=True)
    name_fr = _text(_("Name (French)"), "fr", required=True)
    description_en = _text(_("Description (English)"), "en", required=False, long=True)
    description_fr = _text(_("Description (French)"), "fr", required=False, long=True)
    goal = forms.ModelChoiceField(
        label=_("Goal credential"), queryset=Achievement.objects.none(), empty_label="—",
        help_text=_("The larger credential learners earn when they meet the requirements: "
                    "one of your published micro-credentials."),
        error_messages={"required": GOAL_REQUIRED, "invalid_choice": GOAL_REQUIRED},
    )  # fmt: skip
    approval = forms.ChoiceField(
        label=_("When a learner meets the requirements"), choices=Pathway.Approval.choices,
        widget=forms.RadioSelect, initial=Pathway.Approval.AUTOMATIC,
        error_messages={"required": APPROVAL_REQUIRED, "invalid_choice": APPROVAL_REQUIRED},
    )  # fmt: skip
    partners = forms.ModelMultipleChoiceField(
        label=_("Institutions defining it with you"), required=False,
        queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Their staff can edit this pathway too."),
    )  # fmt: skip
    min_hours = forms.IntegerField(
        label=_("Minimum total hours"), required=False, min_value=1, max_value=5000,
        help_text=_("Optional: hours of learning summed over the learner's credentials."),
        error_messages={k: HOURS_INVALID for k in ("invalid", "min_value", "max_value")},
    )  # fmt: skip
    min_credits = forms.DecimalField(
        label=_("Minimum total credits"), required=False, min_value=Decimal("0.01"),
        max_digits=5, decimal_places=2, localize=True,
        help_text=_("Optional: credits summed over the learner's credentials."),
        error_messages={k: CREDITS_INVALID for k in (
            "invalid", "min_value", "max_digits", "max_decimal_places", "max_whole_digits")},
    )  # fmt: skip
    skills = SkillUrisField(
        label=_("Skills to cover"), required=False, widget=forms.CheckboxSelectMultiple
    )
    skill_uris = forms.CharField(
        label=_("Or paste skill URIs, one per line"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_("Each skill must be covered by some credential the learner holds, "
                    "from any issuer."),
    )  # fmt: skip

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        goal.queryset = Achievement.objects.filter(  # type: ignore[attr-defined]
            organization=organization, status=Achievement.Status.PUBLISHED
        )
        goal.label_from_instance = lambda a: in_language(a.name)  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            kind=Organization.Kind.INSTITUTION
        ).exclude(pk=organization.pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _pairs_clean(self, cleaned, ("name", "description"))
        self._skills_clean(cleaned)
        return cleaned

    def pathway_data(self) -> dict[str, Any]:
        """The cleaned values as ``pathway_create`` / ``pathway_update`` take them."""
        data = self.cleaned_data
        return {
            "name": _pair(data, "name"),
            "description": _pair(data, "description"),
            "goal": data["goal"],
            "approval": data["approval"],
            "partners": list(data["partners"]),
            "min_hours": data["min_hours"],
            "min_credits": data["min_credits"],
            "skills": data["skills"],
        }


def pathway_initial(pathway: Pathway) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for base in ("name", "description"):
        for tag in ("en", "fr"):
            initial[f"{base}_{tag}"] = (getattr(pathway, base) or {}).get(tag, "")
    initial.update(
        goal=pathway.goal_id, approval=pathway.approval, partners=list(pathway.partners.all()),
        min_hours=pathway.min_hours, min_credits=pathway.min_credits,
        skills=[skill["url"] for skill in pathway.skills if skill.get("url")],
    )  # fmt: skip
    return initial


@dataclass(frozen=True, slots=True)
class Choice:
    achievement: Achievement
    checked: bool


class GroupForm(forms.Form):
    name_en = _text(_("Group name (English)"), "en", required=False)
    name_fr = _text(_("Group name (French)"), "fr", required=False)
    rule = forms.ChoiceField(
        label=_("A learner needs"), choices=PathwayGroup.Rule.choices, widget=forms.RadioSelect,
        initial=PathwayGroup.Rule.ALL,
        error_messages={"required": RULE_REQUIRED, "invalid_choice": RULE_REQUIRED},
    )  # fmt: skip
    count = forms.IntegerField(
        label=_("How many (for “at least a number”)"), required=False, min_value=1,
        max_value=50, error_messages={k: COUNT_REQUIRED for k in ("invalid", "min_value",
                                                                  "max_value")},
    )  # fmt: skip
    achievements = forms.ModelMultipleChoiceField(
        label=_("Micro-credentials"), queryset=Achievement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ACHIEVEMENTS_REQUIRED, "invalid_choice": ACHIEVEMENTS_REQUIRED,
                        "invalid_pk_value": ACHIEVEMENTS_REQUIRED},
    )  # fmt: skip

    def __init__(
        self, *args: Any, pathway: Pathway, group: PathwayGroup | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # A step whose micro-credential was retired stays listed, ticked, so that the
        # refusal to save it explains itself and nothing disappears unseen.
        # Drafts of the institutions defining the pathway may be steps too (the services'
        # rule): a pathway can be prepared together with its new micro-credentials.
        current = [s.achievement_id for s in group.steps.all()] if group else []
        definers = [pathway.organization_id, *pathway.partners.values_list("pk", flat=True)]
        published = (
            Q(status=Achievement.Status.PUBLISHED)
            | Q(status=Achievement.Status.DRAFT, organization__in=definers)
            | Q(pk__in=current)
        )
        self.fields["achievements"].queryset = (  # type: ignore[attr-defined]
            Achievement.objects.filter(published)
            .exclude(pk=pathway.goal_id)
            .select_related("organization")
            .order_by("organization__slug", "id")
        )

    def institutions(self) -> list[tuple[Organization, list[Choice]]]:
        """The choices grouped by institution, ticked as typed (or as saved)."""
        ticked = {str(value) for value in self["achievements"].value() or []}
        queryset = self.fields["achievements"].queryset  # type: ignore[attr-defined]
        return [
            (organization, [Choice(a, str(a.pk) in ticked) for a in achievements])
            for organization, achievements in by_institution(queryset)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _pairs_clean(self, cleaned, ("name",))
        chosen = len(cleaned.get("achievements") or [])
        if cleaned.get("rule") == PathwayGroup.Rule.AT_LEAST and "count" not in self.errors:
            count = cleaned.get("count")
            if not count:
                self.add_error("count", ValidationError(COUNT_REQUIRED))
            elif chosen and count > chosen:
                params = {"count": count, "chosen": chosen}
                self.add_error("count", ValidationError(COUNT_TOO_HIGH, params=params))
        return cleaned

    def group_data(self) -> dict[str, Any]:
        """The keyword arguments of ``group_save`` (besides pathway and group)."""
        data = self.cleaned_data
        at_least = data["rule"] == PathwayGroup.Rule.AT_LEAST
        return {
            "name": _pair(data, "name"),
            "rule": data["rule"],
            "count": data["count"] if at_least else None,
            "achievements": list(data["achievements"]),
        }


def group_initial(group: PathwayGroup) -> dict[str, Any]:
    return {
        "name_en": (group.name or {}).get("en", ""),
        "name_fr": (group.name or {}).get("fr", ""),
        "rule": group.rule,
        "count": group.count,
        "achievements": [step.achievement_id for step in group.steps.all()],
    }


class EquivalenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The equivalent credential is"), widget=forms.RadioSelect, initial=PLATFORM,
        choices=[(PLATFORM, _("A micro-credential on this platform")),
                 (EXTERNAL, _("A credential of an issuer elsewhere"))],
        error_messages={"required": KIND_REQUIRED, "invalid_choice": KIND_REQUIRED},
    )  # fmt: skip
    achievement = forms.ModelChoiceField(
        label=_("Micro-credential on this platform"), required=False,
        queryset=Achievement.objects.none(),
        error_messages={"invalid_choice": EQUIVALENT_REQUIRED},
    )  # fmt: skip
    achievement_uri = forms.URLField(
        label=_("Achievement id (elsewhere)"), required=False, max_length=500,
        assume_scheme="https",
        help_text=_("The “id” of the achievement in the other issuer's Open Badges credentials."),
        error_messages={"invalid": URI_REQUIRED},
    )  # fmt: skip
    name = forms.CharField(label=_("Its name"), required=False, max_length=300)
    issuer_name = forms.CharField(label=_("Its issuer"), required=False, max_length=300)

    def __init__(self, *args: Any, step: PathwayStep, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["achievement"]
        others = choosable_achievements().exclude(pk=step.achievement_id)
        field.queryset = others  # type: ignore[attr-defined]
        field.choices = [("", "—")] + [  # type: ignore[attr-defined]
            (str(organization), [(a.pk, in_language(a.name)) for a in achievements])
            for organization, achievements in by_institution(others)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == PLATFORM and not cleaned.get("achievement"):
            if "achievement" not in self.errors:
                self.add_error("achievement", ValidationError(EQUIVALENT_REQUIRED))
        elif cleaned.get("kind") == EXTERNAL:
            required = (("achievement_uri", URI_REQUIRED), ("name", NAME_REQUIRED),
                        ("issuer_name", ISSUER_REQUIRED))  # fmt: skip
            for name, message in required:
                if not (cleaned.get(name) or "").strip() and name not in self.errors:
                    self.add_error(name, ValidationError(message))
        return cleaned

    def equivalence_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["kind"] == PLATFORM:
            return {"achievement": data["achievement"]}
        return {
            "achievement_uri": data["achievement_uri"],
            "name": data["name"].strip(),
            "issuer_name": data["issuer_name"].strip(),
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": REASON_REQUIRED},
    )  # fmt: skip
