"""Platform operators import skills frameworks from CSV files (ESCO is bundled)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mixtape_site.skills.csvcheck import csv_text
from mixtape_site.skills.models import ImportedFramework
from mixtape_site.skills.registry import framework
from mixtape_site.skills.services import framework_check, framework_import

CONCEPTS_FILE_REQUIRED = _("Choose the concepts CSV file.")
FILE_FIELDS = {"concepts_csv": "concepts_file", "relations_csv": "relations_file"}


class FrameworkImportForm(forms.ModelForm):  # type: ignore[type-arg]
    concepts_file = forms.FileField(
        label=_("Concepts CSV"), required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_("UTF-8, with the header uri,code,kind,label_en,label_fr,alt_en,alt_fr,broader. "
                    "When editing, leave empty to keep the current concepts."),
    )  # fmt: skip
    url = forms.URLField(label=_("web address"), required=False, assume_scheme="https")
    relations_file = forms.FileField(
        label=_("Occupation–skill relations CSV (optional)"), required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_("Header occupation_uri,skill_uri,relation (essential or optional)."),
    )  # fmt: skip

    class Meta:
        model = ImportedFramework
        fields = ("id", "name", "version", "attribution", "url")

    def _upload(self, field: str) -> str | None:
        upload = self.cleaned_data.get(field)
        if not upload:
            return None
        try:
            return csv_text(upload.read())
        except ValidationError as error:
            self.add_error(field, error)
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        editing = self.instance._state.adding is False
        concepts = self._upload("concepts_file")
        relations = self._upload("relations_file")
        if concepts is None and not self.errors:
            if not editing:
                self.add_error("concepts_file", ValidationError(CONCEPTS_FILE_REQUIRED))
                return cleaned
            concepts = self.instance.concepts_csv
        if relations is None and editing:
            relations = self.instance.relations_csv
        if concepts is not None and not self.errors:
            self._check(cleaned.get("id") or self.instance.id, concepts, relations or "")
        return cleaned

    def _check(self, framework_id: str, concepts: str, relations: str) -> None:
        try:
            framework_check(id=framework_id, concepts_csv=concepts, relations_csv=relations)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(FILE_FIELDS.get(field, field), errors)
            return
        self.checked = (concepts, relations)


@admin.register(ImportedFramework)
class ImportedFrameworkAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = FrameworkImportForm
    list_display = ("id", "name", "version", "size", "imported_at", "imported_by")
    search_fields = ("id", "name")
    list_select_related = ("imported_by",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        base = ("size", "imported_at", "imported_by")
        return ("id", *base) if obj is not None else base

    @admin.display(description=_("concepts"))
    def size(self, obj: ImportedFramework) -> int | None:
        built = framework(obj.id) if obj.pk else None
        return len(built.concepts) if built else None

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        concepts, relations = form.checked
        saved = framework_import(
            id=obj.id, name=obj.name, version=obj.version, attribution=obj.attribution,
            url=obj.url, concepts_csv=concepts, relations_csv=relations,
            imported_by=request.user,
        )  # fmt: skip
        obj.imported_at, obj.imported_by = saved.imported_at, saved.imported_by
