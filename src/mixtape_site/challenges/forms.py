"""Challenge forms: the challenge itself (both languages side by side, the skills picker as
in the pathway form), a review criterion, an attachment, and the public search."""

from __future__ import annotations

from typing import Any, Final

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mixtape_site.achievements.forms import SkillPickerForm, SkillUrisField
from mixtape_site.challenges import search
from mixtape_site.challenges.attachments import ACCEPT
from mixtape_site.challenges.disciplines import DISCIPLINES
from mixtape_site.challenges.models import Challenge, FundingProgram
from mixtape_site.web.bilingual import in_language

DEADLINE_HELP = _("In the platform's time zone, %(zone)s. Proposals can be submitted until then.")
TITLE_REQUIRED = _("Give the title in English, in French, or both.")
TRL_ORDER = _("The lowest TRL cannot be higher than the highest TRL.")
DEADLINE_REQUIRED = _("Enter the deadline as a date and time, for example 2026-03-31 17:00.")
DATES_ORDER = _("The work cannot end before it starts.")
DATE_INVALID = _("Enter a date such as 2026-09-01.")
BUDGET_INVALID = _("Enter the budget in Canadian dollars, 0 or more, for example 25000.00.")
NAME_BOTH = _("Give the name in English and in French.")
PROGRAM_URL_INVALID = _("Enter the web address of the program, starting with https://.")
POINTS_INVALID = _("Points must be a whole number from 1 to 100.")
FILE_REQUIRED = _("Choose a file to attach.")
CHOICE_INVALID = _("Choose one of the listed values.")

# Technology readiness levels (after the Government of Canada's definitions).
TRL_LEVELS: Final = {
    1: _("Basic principles observed and reported"),
    2: _("Technology concept or application formulated"),
    3: _("Analytical and experimental proof of concept"),
    4: _("Components validated in a laboratory"),
    5: _("Components validated in a simulated environment"),
    6: _("Prototype demonstrated in a simulated environment"),
    7: _("Prototype ready and demonstrated in the intended environment"),
    8: _("Actual technology completed and qualified through tests"),
    9: _("Actual technology proven in operation"),
}
TRL_HELP = _(
    "Technology readiness levels run from 1 (an idea: basic principles observed) to 9 "
    "(a technology proven in real operation); 3 is a proof of concept, 6 a prototype shown "
    "in a simulated environment. Give the range of maturity you are looking for."
)
TRL_CHOICES: Final = [(level, f"{level} – {label}") for level, label in TRL_LEVELS.items()]
BILINGUAL: Final = ("title", "problem", "outcomes")


def _text(label: Any, language: str, *, long: bool) -> forms.Field:
    attrs = {"lang": language, "rows": 5} if long else {"lang": language}
    return forms.CharField(
        label=label, required=False, max_length=None if long else 200,
        widget=forms.Textarea(attrs=attrs) if long else forms.TextInput(attrs=attrs),
    )  # fmt: skip


def _trl(label: Any) -> forms.Field:
    return forms.TypedChoiceField(
        label=label, choices=TRL_CHOICES, coerce=int, help_text=TRL_HELP,
        error_messages={"required": CHOICE_INVALID, "invalid_choice": CHOICE_INVALID},
    )  # fmt: skip


def _date(label: Any) -> forms.Field:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_INVALID},
    )  # fmt: skip


def _choice(label: Any, choices: Any, *, radio: bool = True) -> forms.Field:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"required": CHOICE_INVALID, "invalid_choice": CHOICE_INVALID},
    )  # fmt: skip


class DeadlineInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class ChallengeForm(SkillPickerForm):
    title_en = _text(_("Title (English)"), "en", long=False)
    title_fr = _text(_("Title (French)"), "fr", long=False)
    problem_en = _text(_("Problem statement (English)"), "en", long=True)
    problem_fr = _text(_("Problem statement (French)"), "fr", long=True)
    outcomes_en = _text(_("Desired outcomes (English)"), "en", long=True)
    outcomes_fr = _text(_("Desired outcomes (French)"), "fr", long=True)
    kind = _choice(_("Kind"), Challenge.Kind.choices)
    skills = SkillUrisField(
        label=_("Skills needed"), required=False, widget=forms.CheckboxSelectMultiple
    )
    skill_uris = forms.CharField(
        label=_("Or paste skill URIs, one per line"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )  # fmt: skip
    disciplines = forms.MultipleChoiceField(
        label=_("Disciplines"), required=False, choices=list(DISCIPLINES.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )  # fmt: skip
    trl_min = _trl(_("Lowest technology readiness level (TRL)"))
    trl_max = _trl(_("Highest technology readiness level (TRL)"))
    starts_on = _date(_("Work starts (optional)"))
    ends_on = _date(_("Work ends (optional)"))
    budget = forms.DecimalField(
        label=_("Budget (CAD, optional)"), required=False, min_value=0, max_digits=12,
        decimal_places=2, localize=True,
        error_messages={key: BUDGET_INVALID for key in ("invalid", "min_value", "max_digits",
                        "max_decimal_places", "max_whole_digits")},
    )  # fmt: skip
    funding_programs = forms.ModelMultipleChoiceField(
        label=_("Funding programs that apply"), required=False,
        queryset=FundingProgram.objects.select_related("funder"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOICE_INVALID, "invalid_pk_value": CHOICE_INVALID},
    )  # fmt: skip
    language = _choice(_("Language of proposals"), Challenge.Language.choices)
    deadline = forms.DateTimeField(
        label=_("Proposal deadline"), widget=DeadlineInput(),
        error_messages={"required": DEADLINE_REQUIRED, "invalid": DEADLINE_REQUIRED},
    )  # fmt: skip
    proposals_visible = _choice(_("You see the proposals"), Challenge.Visibility.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(_defaults(kwargs.get("initial") or {}))
        super().__init__(*args, **kwargs)
        self.fields["deadline"].help_text = DEADLINE_HELP % {"zone": settings.TIME_ZONE}
        programs = self.fields["funding_programs"]
        programs.label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{in_language(p.name)} ({p.funder})"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not (cleaned.get("title_en") or "").strip()
            and not (cleaned.get("title_fr") or "").strip()
        ):
            self.add_error("title_en", ValidationError(TITLE_REQUIRED))
        low, high = cleaned.get("trl_min"), cleaned.get("trl_max")
        if low is not None and high is not None and low > high:
            self.add_error("trl_min", ValidationError(TRL_ORDER))
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", ValidationError(DATES_ORDER))
        self._skills_clean(cleaned)
        return cleaned

    def challenge_data(self) -> dict[str, Any]:
        """The cleaned values as ``challenge_create`` / ``challenge_update`` take them."""
        data = dict(self.cleaned_data)
        out = {base: _pair(data, base) for base in BILINGUAL}
        for field in (
            "kind",
            "skills",
            "disciplines",
            "trl_min",
            "trl_max",
            "starts_on",
            "ends_on",
            "budget",
            "language",
            "deadline",
            "proposals_visible",
        ):
            out[field] = data[field]  # fmt: skip
        out["funding_programs"] = list(data["funding_programs"])
        return out


def _defaults(initial: dict[str, Any]) -> dict[str, Any]:
    defaults = {
        "kind": Challenge.Kind.CHALLENGE, "trl_min": 1, "trl_max": 9,
        "language": Challenge.Language.BOTH,
        "proposals_visible": Challenge.Visibility.AFTER_DEADLINE,
    }  # fmt: skip
    return {key: value for key, value in defaults.items() if key not in initial}


def _pair(cleaned: dict[str, Any], base: str) -> dict[str, str]:
    pair = {tag: (cleaned.get(f"{base}_{tag}") or "").strip() for tag in ("en", "fr")}
    return {tag: text for tag, text in pair.items() if text}


def challenge_initial(challenge: Challenge) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for base in BILINGUAL:
        for tag in ("en", "fr"):
            initial[f"{base}_{tag}"] = (getattr(challenge, base) or {}).get(tag, "")
    for field in (
        "kind",
        "disciplines",
        "trl_min",
        "trl_max",
        "starts_on",
        "ends_on",
        "budget",
        "language",
        "deadline",
        "proposals_visible",
    ):
        initial[field] = getattr(challenge, field)  # fmt: skip
    initial["funding_programs"] = list(challenge.funding_programs.all())
    initial["skills"] = [s["url"] for s in challenge.skills if isinstance(s, dict) and "url" in s]
    return initial


class NamedInBothLanguages(forms.Form):
    """A form whose ``name`` must be given in English and in French."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False,
                              widget=forms.TextInput(attrs={"lang": "en"}))  # fmt: skip
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200, required=False,
                              widget=forms.TextInput(attrs={"lang": "fr"}))  # fmt: skip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for tag in ("en", "fr"):
            if not (cleaned.get(f"name_{tag}") or "").strip():
                self.add_error(f"name_{tag}", ValidationError(NAME_BOTH))
        return cleaned


class CriterionForm(NamedInBothLanguages):
    description_en = _text(_("What reviewers look for (English, optional)"), "en", long=True)
    description_fr = _text(_("What reviewers look for (French, optional)"), "fr", long=True)
    max_points = forms.IntegerField(
        label=_("Points"), min_value=1, max_value=100, initial=10,
        help_text=_("Reviewers give each proposal 0 up to this many points."),
        error_messages={k: POINTS_INVALID for k in ("required", "invalid", "min_value",
                                                    "max_value")},
    )  # fmt: skip

    def criterion_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": _pair(data, "name"),
            "description": _pair(data, "description"),
            "max_points": data["max_points"],
        }


def criterion_initial(criterion: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {"max_points": criterion.max_points}
    for base in ("name", "description"):
        for tag in ("en", "fr"):
            initial[f"{base}_{tag}"] = (getattr(criterion, base) or {}).get(tag, "")
    return initial


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), CSV or text; up to 10 MB; "
                    "at most 5 files."),
        error_messages={"required": FILE_REQUIRED, "empty": FILE_REQUIRED,
                        "invalid": FILE_REQUIRED},
    )  # fmt: skip


class SearchForm(forms.Form):
    """The listing's query string; a bad value is reported and its filter ignored."""

    q = forms.CharField(label=_("Search challenges"), required=False, max_length=200)
    partner = forms.CharField(required=False, max_length=60)
    skill = forms.CharField(required=False, max_length=300)
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level"), required=False, coerce=str, empty_value="",
        choices=[("", _("Any level")), *((str(k), str(k)) for k in TRL_LEVELS)],
        error_messages={"invalid_choice": CHOICE_INVALID},
    )  # fmt: skip
    deadline = forms.ChoiceField(
        label=_("Deadline"), required=False,
        choices=[("", _("Any deadline")), (search.OPEN_NOW, _("Open now")),
                 (search.CLOSING_SOON, _("Closing within 30 days")),
                 (search.CLOSED, _("Closed"))],
        error_messages={"invalid_choice": CHOICE_INVALID},
    )  # fmt: skip
    program = forms.CharField(required=False, max_length=60)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Challenge.Kind.choices],
        error_messages={"invalid_choice": CHOICE_INVALID},
    )  # fmt: skip
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[(search.RELEVANCE, _("Best match")), (search.DEADLINE, _("Deadline, soonest")),
                 (search.NEWEST, pgettext_lazy("challenges", "Newest"))],
        error_messages={"invalid_choice": CHOICE_INVALID},
    )  # fmt: skip

    def values(self) -> dict[str, str]:
        """The valid filters (an invalid one is dropped, its error shown by the page)."""
        self.is_valid()
        clean = getattr(self, "cleaned_data", {})
        return {f: str(clean.get(f) or "") for f in ("q", *search.FACETS, "sort")}


class FundingProgramForm(NamedInBothLanguages):
    description_en = _text(_("Who and what it funds (English)"), "en", long=True)
    description_fr = _text(_("Who and what it funds (French)"), "fr", long=True)
    url = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https",
                         error_messages={"invalid": PROGRAM_URL_INVALID})  # fmt: skip
    max_amount = forms.DecimalField(
        label=_("Maximum amount per project (CAD, optional)"), required=False, min_value=0,
        max_digits=12, decimal_places=2,
        error_messages={k: BUDGET_INVALID for k in ("invalid", "min_value", "max_digits",
                                                    "max_decimal_places", "max_whole_digits")},
    )  # fmt: skip

    def program_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": _pair(data, "name"),
            "description": _pair(data, "description"),
            "url": data["url"],
            "max_amount": data["max_amount"],
        }


def funding_program_initial(program: FundingProgram) -> dict[str, Any]:
    initial: dict[str, Any] = {"url": program.url, "max_amount": program.max_amount}
    for base in ("name", "description"):
        for tag in ("en", "fr"):
            initial[f"{base}_{tag}"] = (getattr(program, base) or {}).get(tag, "")
    return initial
