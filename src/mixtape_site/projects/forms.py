"""The project page's forms: each mirrors one service and uses its error messages, so a
bad value shows the same translated sentence whichever layer catches it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges.forms import TRL_CHOICES
from mixtape_site.challenges.models import TeamMember
from mixtape_site.projects import issuing, services

TRL_ERRORS = {"required": services.TRL_RANGE, "invalid_choice": services.TRL_RANGE}


def _trl_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=TRL_CHOICES, coerce=int, error_messages=TRL_ERRORS
    )


class PageForm(forms.Form):
    """Several forms share the project page: each gets its own id prefix (unique ids)."""

    id_prefix = "project"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class TrlForm(PageForm):
    id_prefix = "trl"
    trl = _trl_field(_("Technology readiness level now"))


class MemberForm(PageForm):
    id_prefix = "member"

    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": services.NAME_REQUIRED}
    )
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"required": services.EMAIL_INVALID, "invalid": services.EMAIL_INVALID},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=TeamMember.Role.choices,
        initial=TeamMember.Role.STUDENT,
        error_messages={"required": services.ROLE_INVALID, "invalid_choice": services.ROLE_INVALID},
    )
    program = forms.CharField(label=_("Program or department"), max_length=200, required=False)


class CompleteForm(PageForm):
    id_prefix = "complete"

    outcome = forms.CharField(
        label=_("What the project delivered"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": services.OUTCOME_REQUIRED},
    )
    trl = _trl_field(_("Technology readiness level reached"))
    hours = forms.IntegerField(
        label=_("Hours of learning for the micro-credential"),
        initial=services.HOURS_DEFAULT,
        min_value=services.HOURS_MIN,
        max_value=services.HOURS_MAX,
        help_text=_("From 5 to 300 hours: the work each student put into the project."),
        error_messages={
            key: services.HOURS_RANGE for key in ("required", "invalid", "min_value", "max_value")
        },
    )


class CancelForm(PageForm):
    id_prefix = "cancel"

    reason = forms.CharField(
        label=_("Why the project is cancelled"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": services.REASON_REQUIRED},
    )


class ContributionForm(PageForm):
    id_prefix = "contribution"

    contribution = forms.CharField(
        label=_("Contribution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the partner and written into the student's credential."),
        error_messages={"required": issuing.CONTRIBUTION_REQUIRED},
    )


class EndorseForm(PageForm):
    id_prefix = "endorse"

    comment_en = forms.CharField(
        label=_("Endorsement (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
    )
    comment_fr = forms.CharField(
        label=_("Endorsement (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("comment_en", "").strip() or data.get("comment_fr", "").strip()):
            self.add_error("comment_en", issuing.ENDORSEMENT_REQUIRED)
        return data
