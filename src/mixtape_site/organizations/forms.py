"""Forms of the organization management pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mixtape_site.organizations.models import Membership


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "If this person has no account yet, one is created and they get an invitation."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.ISSUER
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
