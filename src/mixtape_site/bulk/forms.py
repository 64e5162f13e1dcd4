"""The upload form of bulk issuing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from mixtape_site.bulk.csvparse import MAX_FILE_BYTES, MAX_ROWS

UPLOAD_HELP = _(
    "One recipient per row, after a header row. Columns: name and email (required), "
    "issue_date, result, evidence_url, external_id. At most %(size)s MB and %(rows)s rows."
)


class BulkUploadForm(forms.Form):
    # Django 5.2 marks a field with errors aria-invalid and links its error list.
    file = forms.FileField(
        label=_("CSV file"), widget=forms.FileInput(attrs={"accept": ".csv,text/csv"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request, so the help is in the reader's language.
        self.fields["file"].help_text = UPLOAD_HELP % {
            "size": MAX_FILE_BYTES // (1024 * 1024),
            "rows": number_format(MAX_ROWS, force_grouping=True),
        }
