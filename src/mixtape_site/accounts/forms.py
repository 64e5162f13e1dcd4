"""The account page form."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mixtape_site.accounts.models import User


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        help_text=_("Pages and e-mails use this language after you sign in."),
    )

    class Meta:
        model = User
        fields = ("display_name", "preferred_language")
        labels: ClassVar[dict[str, Any]] = {"display_name": _("Display name")}
        help_texts: ClassVar[dict[str, Any]] = {
            "display_name": _("Shown to the other members of your organizations.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [
            ("", _("No preference (use the browser's language)")),
            *settings.LANGUAGES,
        ]
