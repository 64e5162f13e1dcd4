"""The goal forms: a job posting (POST), an occupation search and an occupation choice (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mixtape.skills import find_occupations, load_framework

POSTING_REQUIRED = _("Paste the text of a job posting.")
POSTING_TOO_LONG = _("The posting is too long: paste at most %(limit)s characters.")
OCCUPATION_UNKNOWN = _("Choose an occupation from the list.")
OCCUPATION_QUERY_REQUIRED = _("Type a job title to search for.")
MAX_POSTING = 20_000
MAX_OCCUPATIONS = 10

AUTO = ""
LANGUAGE_CHOICES = [(AUTO, _("Detect it")), ("en", _("English")), ("fr", _("French"))]


class PostingForm(forms.Form):
    posting = forms.CharField(
        label=_("Job posting"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paste the job posting, in English or French."),
        error_messages={"required": POSTING_REQUIRED},
    )
    language = forms.ChoiceField(
        label=_("Language of the posting"), choices=LANGUAGE_CHOICES, required=False
    )

    def clean_posting(self) -> str:
        text: str = self.cleaned_data["posting"]
        if len(text) > MAX_POSTING:
            raise forms.ValidationError(POSTING_TOO_LONG, params={"limit": MAX_POSTING})
        return text


class OccupationSearchForm(forms.Form):
    occupation_q = forms.CharField(
        label=_("Occupation or job title"),
        max_length=200,
        error_messages={"required": OCCUPATION_QUERY_REQUIRED},
    )

    def occupations(self, *, language: str) -> list[Any]:
        """The framework's occupations that best match the search (empty when invalid)."""
        if not self.is_valid():
            return []
        matches = find_occupations(
            load_framework("esco"), self.cleaned_data["occupation_q"], limit=MAX_OCCUPATIONS
        )
        return [(m.concept.uri, m.concept.label(language)) for m in matches]


class OccupationChoiceForm(forms.Form):
    occupation = forms.CharField(max_length=300, error_messages={"required": OCCUPATION_UNKNOWN})

    def clean_occupation(self) -> str:
        uri: str = self.cleaned_data["occupation"]
        concept = load_framework("esco").concepts.get(uri)
        if concept is None or concept.kind != "occupation":
            raise forms.ValidationError(OCCUPATION_UNKNOWN)
        return uri
