"""Forms for awarding a credential and changing its status."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import ISSUE_DATE_IN_FUTURE, Recipient


class AccessibleForm(forms.Form):
    """Marks invalid fields with ``aria-invalid`` and links them to their error text.

    Rendered with ``credentials/_fields.html``, which gives each error list the
    id ``<field id>_error`` named here.
    """

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            field, auto_id = self.fields[name], self[name].auto_id
            described = [f"{auto_id}_error"] + ([f"{auto_id}_helptext"] if field.help_text else [])
            field.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": " ".join(described)}
            )


class AwardForm(AccessibleForm):
    name = forms.CharField(label=_("Recipient's name"), max_length=200)
    email = forms.EmailField(
        label=_("Recipient's e-mail address"),
        help_text=_("The award e-mail and claim link go to this address."),
    )
    issued_on = forms.DateField(
        label=_("Issue date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    result = forms.CharField(
        label=_("Result or grade"),
        max_length=100,
        required=False,
        help_text=_("Optional, e.g. “A” or “Distinction”."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Optional: a web page showing the learner's work."),
    )
    external_id = forms.CharField(
        label=_("External id"),
        max_length=100,
        required=False,
        help_text=_("Optional: the learner's id in your student system."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate

    def clean_issued_on(self) -> Any:
        value = self.cleaned_data["issued_on"]
        if value > timezone.localdate():
            raise ValidationError(ISSUE_DATE_IN_FUTURE)
        return value

    def recipient(self) -> Recipient:
        data = self.cleaned_data
        return Recipient(
            name=data["name"],
            email=data["email"],
            issued_on=_moment(data["issued_on"]),
            result=data["result"],
            evidence_url=data["evidence_url"],
            external_id=data["external_id"],
        )


def _moment(day: Any) -> datetime:
    """Today means now; an earlier day means its start, in the platform's time zone."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time.min))


class StatusChangeForm(AccessibleForm):
    """The reason for a revocation, suspension or reinstatement (the action is the button)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required. It is kept in the audit trail."),
    )


class CredentialFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, help_text=_("Name, e-mail address or external id.")
    )
    achievement = forms.ModelChoiceField(
        label=_("Micro-credential"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label=_("All"),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *IssuedCredential.State.choices],
    )

    def __init__(self, *args: Any, achievements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["achievement"].queryset = achievements
