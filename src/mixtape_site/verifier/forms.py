"""The public verifier's form: a pasted text or an uploaded file, read safely.

Reading goes through the core's ``read_credential`` (size and nesting limits
before any parsing; baked PNG and SVG images opened), so a hostile input is a
form error, never a crash.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mixtape import InvalidInputError, read_credential
from mixtape.inputs import MAX_DOCUMENT_BYTES
from mixtape_site.verifier.reports import is_credential, is_presentation

INPUT_MISSING = _("Paste a credential or a presentation, or choose a file.")
INPUT_BOTH = _("Paste a credential or choose a file, not both.")
INPUT_TOO_LARGE = _("This is too large to verify: the limit is %(limit)s MB.")
INPUT_UNREADABLE = _(
    "Mixtape cannot read this. Paste Open Badges 3.0 JSON, a VC-JWT or a presentation, "
    "or upload a baked PNG or SVG badge image."
)
INPUT_BAD_IMAGE = _("This image holds no credential Mixtape can read, or the file is damaged.")
INPUT_NOT_CREDENTIAL = _(
    "This is JSON, but neither a verifiable credential nor a verifiable presentation: "
    "its type says neither."
)
_IMAGE_STARTS = (b"\x89PNG", b"<?xml", b"<svg")


class VerifyForm(forms.Form):
    text = forms.CharField(
        label=_("Paste a credential or a presentation"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "mono"}),
        help_text=_("JSON (Open Badges 3.0, a verifiable presentation) or a VC-JWT."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("A JSON or JWT file, or a baked PNG or SVG badge image, up to 2 MB."),
    )
    challenge = forms.CharField(
        label=_("Challenge"),
        required=False,
        max_length=500,
        help_text=_("For a presentation only: the challenge you asked the holder to sign."),
    )
    domain = forms.CharField(
        label=_("Domain"),
        required=False,
        max_length=500,
        help_text=_("For a presentation only: the domain the holder signed for."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What the core said about unreadable input: English, shown with lang="en"
        # under the field it came from, and read out with that field's error.
        self.problem_detail = ""
        self.problem_field = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        text, upload = data.get("text") or "", data.get("file")
        if self.errors:
            return data
        if text.strip() and upload:
            raise ValidationError(INPUT_BOTH)
        if upload:
            data["document"] = self._read("file", _upload_bytes(upload))
        elif text.strip():
            data["document"] = self._read("text", text.encode("utf-8"))
        else:
            raise ValidationError(INPUT_MISSING)
        return data

    def _read(self, field: str, raw: bytes) -> dict[str, Any] | str:
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise ValidationError({field: _too_large()})
        try:
            document = read_credential(raw)
        except InvalidInputError as error:
            self._explain(field, str(error))
            image = raw.lstrip()[:5].startswith(_IMAGE_STARTS)
            raise ValidationError({field: INPUT_BAD_IMAGE if image else INPUT_UNREADABLE}) from None
        if not (is_presentation(document) or is_credential(document)):
            raise ValidationError({field: INPUT_NOT_CREDENTIAL})
        return document

    def _explain(self, field: str, detail: str) -> None:
        self.problem_detail, self.problem_field = detail, field
        auto_id = self[field].auto_id
        self.fields[field].widget.attrs["aria-describedby"] = (
            f"{auto_id}_helptext {auto_id}_error {auto_id}_problem"
        )


def _too_large() -> ValidationError:
    return ValidationError(INPUT_TOO_LARGE, params={"limit": MAX_DOCUMENT_BYTES // 1_000_000})


def _upload_bytes(upload: Any) -> bytes:
    """The file's bytes, refusing an oversized one before reading it into memory."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _too_large()})
    return upload.read()
