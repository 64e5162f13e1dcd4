"""The wallet's forms: three ways to import, tags, and the list's search and filters.

Django 5.2 marks a field with errors ``aria-invalid`` and links its error list
(``{{ field.as_field_group }}``), so these forms need nothing more for that.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mixtape_site.wallet.importing import FILE_TOO_LARGE, MAX_IMPORT_BYTES
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.selectors import SORTS, FilterOptions


class UploadForm(forms.Form):
    kind = "upload"
    file = forms.FileField(
        label=_("Credential file"),
        help_text=_(
            "Open Badges 3.0 JSON, a VC-JWT, a badge image (PNG or SVG) or an Open Badges 2.0 "
            "assertion; at most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.jsonld,.jwt,.txt,.png,.svg"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE)
        return upload


class PasteForm(forms.Form):
    kind = "paste"
    text = forms.CharField(
        label=_("Credential text"),
        help_text=_("Paste the credential's JSON, or a compact JWT."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        strip=True,
    )


class UrlForm(forms.Form):
    kind = "url"
    url = forms.CharField(
        label=_("Credential address (URL)"),
        help_text=_("A public web address of the credential or badge (http or https)."),
        max_length=2000,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )


IMPORT_FORMS = {form.kind: form for form in (UploadForm, PasteForm, UrlForm)}


class TagsForm(forms.Form):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separate tags with commas; at most 10, each at most 30 characters."),
    )


SORT_LABELS = {
    "recent": _("Recently added"),
    "issued": _("Issue date"),
    "name": _("Name"),
}


class FilterForm(forms.Form):
    """The list's search box and filters (GET); unknown values are ignored, not errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args: Any, options: FilterOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["issuer"].choices = everything + options.issuers
        self.fields["skill"].choices = everything + options.skills
        self.fields["status"].choices = everything + list(WalletCredential.Status.choices)
        self.fields["tag"].choices = everything + [(tag, tag) for tag in options.tags]
        self.fields["sort"].choices = [(key, SORT_LABELS[key]) for key in SORTS]

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one (a stale link) is dropped."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or "" for name in self.fields if name not in self.errors}
