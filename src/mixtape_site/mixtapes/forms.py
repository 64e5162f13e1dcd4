"""Forms of the learner's mixtape pages; bad input re-renders with what was typed."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.mixtapes.models import Mixtape, Track
from mixtape_site.wallet.models import WalletCredential

EXPIRY_NOT_FUTURE = _("Choose a date after today, or leave it empty for a link that never expires.")
NOTHING_CHOSEN = _("Choose at least one credential to add.")
NO_MIXTAPE_CHOSEN = _("Choose one of your mixtapes.")


class MixtapeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Mixtape
        fields = ("title", "description")
        widgets: ClassVar[dict[str, Any]] = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts: ClassVar[dict[str, Any]] = {
            "description": _("Shown to everyone you share the mixtape with."),
        }


class TrackNoteForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Track
        fields = ("note",)
        help_texts: ClassVar[dict[str, Any]] = {
            "note": _("Why this credential matters; shown next to it when played."),
        }


class CredentialChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        credential: WalletCredential = obj
        issuer = credential.issuer_name or credential.issuer_id
        return f"{credential} — {issuer}" if issuer else str(credential)


class AddTracksForm(forms.Form):
    credentials = CredentialChoice(
        label=_("Credentials in your wallet"),
        queryset=WalletCredential.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NOTHING_CHOSEN},
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["credentials"].queryset = candidates


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("Only you see it, e.g. the employer you send the link to."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The link stops working at the end of this day. Leave empty for no expiry."),
    )

    def clean_expires_on(self) -> Any:
        day = self.cleaned_data.get("expires_on")
        if day is not None and day <= timezone.localdate():
            raise forms.ValidationError(EXPIRY_NOT_FUTURE)
        return day

    @property
    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max))


class PresentationForm(forms.Form):
    challenge = forms.CharField(
        label=_("Challenge"),
        max_length=500,
        required=False,
        help_text=_("If the verifier gave you a challenge (a one-time code), paste it here."),
    )
    domain = forms.CharField(
        label=_("Domain"),
        max_length=253,
        required=False,
        help_text=_("If the verifier named its domain (e.g. jobs.example.com), enter it here."),
    )


class AddFromWalletForm(forms.Form):
    credential = forms.UUIDField(widget=forms.HiddenInput)
    mixtape = forms.ModelChoiceField(
        label=_("Mixtape"),
        queryset=Mixtape.objects.none(),
        to_field_name="uuid",
        error_messages={"required": NO_MIXTAPE_CHOSEN, "invalid_choice": NO_MIXTAPE_CHOSEN},
    )

    def __init__(self, *args: Any, owner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mixtape"].queryset = Mixtape.objects.filter(owner=owner)
