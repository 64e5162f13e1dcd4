"""The form that confirms deleting an account: the password and a typed word."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mixtape_site.accounts.data import CONFIRM_WORD, WRONG_CONFIRMATION, WRONG_PASSWORD
from mixtape_site.accounts.models import User


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.CharField(
        label=_("Confirmation"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["confirmation"].help_text = _("Type %(word)s in capital letters.") % {
            "word": CONFIRM_WORD
        }

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(WRONG_PASSWORD)
        return password

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"].strip()
        # The English word works on the French page too (and the other way round is the
        # page's own word), so switching language between loading and sending is harmless.
        if typed not in {str(CONFIRM_WORD), "DELETE"}:
            raise ValidationError(WRONG_CONFIRMATION, params={"word": CONFIRM_WORD})
        return typed
