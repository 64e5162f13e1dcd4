from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Say what uses it, e.g. “Student information system”."),
    )

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:  # so that screen readers announce the invalid field
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
