"""Sharing one held credential: a LinkedIn "Add to profile" link and a PDF certificate.

Both point at the credential's public verification page, so whoever reads them
checks the credential itself, live: the platform's page ``/credentials/<uuid>``
for credentials issued here, or the ``id`` of an imported credential when it is
an https URL. A credential with no such page has nothing to share this way.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import segno
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from fpdf import FPDF

from mixtape.errors import InvalidInputError
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import credential_json, is_ob2, text_of
from mixtape_site.web.bilingual import in_language

LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"
# Unicode TTF fonts, so that accents (and any script DejaVu covers) print as typed.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
DESCRIPTION_LIMIT = 700

CERTIFICATE_HEADING = _("Certificate of achievement")
CERTIFIES = _("This certifies that")
HAS_EARNED = _("has earned")
ISSUED_BY = _("Issued by %(issuer)s")
ISSUED_ON = _("Issued on %(date)s")
EXPIRES_ON = _("Expires on %(date)s")
NO_EXPIRY = _("Does not expire")
SKILLS = _("Skills")
VERIFY_AT = _("Verify this credential at")
QR_ALT = _("QR code linking to the credential's verification page")
CERTIFICATE_NOTE = _(
    "This certificate is a printed view of a digitally signed Open Badges 3.0 credential. "
    "Its verification page says whether the credential is still valid."
)


@dataclass(frozen=True)
class CertificateText:
    """Everything the certificate prints, already in the learner's language."""

    holder: str
    name: str
    description: str
    issuer: str
    issued_on: str
    expires: str  # "Expires on …" or "Does not expire"
    skills: tuple[str, ...]
    url: str


def verification_url(credential: WalletCredential) -> str:
    """The credential's public verification page, or "" when it has none."""
    if credential.issued_credential_id is not None:
        path = reverse("credentials:public", kwargs={"uuid": credential.issued_credential.uuid})
        return absolute_url(path)
    document = _document(credential)
    identifier = document.get("id") if document and not is_ob2(document) else None
    return identifier if isinstance(identifier, str) and identifier.startswith("https://") else ""


def linkedin_add_url(credential: WalletCredential, *, language: str | None = None) -> str:
    """LinkedIn's "Add to profile" link for a certification, or "" when nothing to link to."""
    url = verification_url(credential)
    if not url:
        return ""
    params: dict[str, str | int] = {
        "startTask": "CERTIFICATION_NAME",
        "name": achievement_name(credential, language=language),
        "organizationName": credential.issuer_name or credential.issuer_id,
    }
    for prefix, moment in (("issue", credential.issued_on), ("expiration", credential.valid_until)):
        if moment is not None:
            local = timezone.localtime(moment)
            params[f"{prefix}Year"], params[f"{prefix}Month"] = local.year, local.month
    params["certUrl"] = url
    params["certId"] = (
        str(credential.issued_credential.uuid) if credential.issued_credential_id else url
    )
    return f"{LINKEDIN_ADD_URL}?{urlencode(params)}"


def achievement_name(credential: WalletCredential, *, language: str | None = None) -> str:
    if credential.issued_credential_id is not None:
        name = in_language(credential.issued_credential.achievement.name, language)
        if name:
            return name
    achievement = _achievement(_document(credential))
    return text_of(achievement, "name", language) or credential.name


def certificate_text(
    credential: WalletCredential, *, holder: str, language: str
) -> CertificateText:
    """The certificate's words in ``language``; dates in that language's format."""
    with translation.override(language):
        description = _description(credential, language)
        return CertificateText(
            holder=holder,
            name=achievement_name(credential, language=language),
            description=_shorten(description, DESCRIPTION_LIMIT),
            issuer=credential.issuer_name or credential.issuer_id,
            issued_on=_date(credential.issued_on),
            expires=str(EXPIRES_ON % {"date": _date(credential.valid_until)})
            if credential.valid_until
            else str(NO_EXPIRY),
            skills=_skill_names(credential, language),
            url=verification_url(credential),
        )


def certificate_filename(credential: WalletCredential) -> str:
    """ASCII, so it fits a header as is: ``certificate-data-analysis-1a2b3c4d.pdf``."""
    name = slugify(credential.name)[:60] or "credential"
    return f"certificate-{name}-{str(credential.uuid)[:8]}.pdf"


def certificate_pdf(text: CertificateText, *, language: str, compress: bool = True) -> bytes:
    """An A4 landscape certificate with a QR code to the verification page."""
    with translation.override(language):
        pdf = _Certificate(orientation="landscape", format="A4")
        pdf.set_compression(compress)
        pdf.set_lang(language)
        pdf.set_title(f"{CERTIFICATE_HEADING}: {text.name}")
        pdf.set_subject(text.name)
        pdf.set_author(text.issuer)
        pdf.set_creator("Mixtape")
        pdf.set_keywords(", ".join(text.skills))
        pdf.draw(text)
        return bytes(pdf.output())


class _Certificate(FPDF):
    """The page: a frame, the award in the middle, the QR code and the URL at the bottom."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_auto_page_break(auto=False)
        self.set_margins(25, 20, 25)
        fonts = _fonts()
        if fonts:
            self.add_font("DejaVu", "", str(fonts[0]))
            self.add_font("DejaVu", "B", str(fonts[1]))
        self.face = "DejaVu" if fonts else "helvetica"
        self.has_unicode_font = bool(fonts)

    def _t(self, value: str) -> str:
        return value if self.has_unicode_font else _latin1(value)

    def _centered(self, value: str, *, size: float, bold: bool = False, gap: float = 2) -> None:
        self.set_font(self.face, "B" if bold else "", size)
        self.multi_cell(0, size * 0.45, self._t(value), align="C")
        self.ln(gap)

    def draw(self, text: CertificateText) -> None:
        self.add_page()
        self.set_draw_color(37, 62, 109)
        self.set_line_width(1.2)
        self.rect(10, 10, self.w - 20, self.h - 20)
        self.set_text_color(30, 30, 30)
        self.set_y(30)
        self._centered(str(CERTIFICATE_HEADING).upper(), size=14, bold=True, gap=6)
        self._centered(str(CERTIFIES), size=12)
        self._centered(text.holder, size=26, bold=True, gap=4)
        self._centered(str(HAS_EARNED), size=12)
        self._centered(text.name, size=20, bold=True, gap=4)
        if text.description:
            self._centered(text.description, size=10, gap=4)
        self._centered(str(ISSUED_BY % {"issuer": text.issuer}), size=11, bold=True)
        issued = str(ISSUED_ON % {"date": text.issued_on}) if text.issued_on else ""
        self._centered(" · ".join(filter(None, (issued, text.expires))), size=10)
        if text.skills:
            self._centered(f"{SKILLS}: {', '.join(text.skills)}", size=9)
        self.footer_block(text.url)

    def footer_block(self, url: str) -> None:
        size, bottom = 36, self.h - 18
        self.image(
            _qr_png(url), x=self.w - 25 - size, y=bottom - size, w=size, h=size,
            link=url, alt_text=str(QR_ALT),
        )  # fmt: skip
        self.set_font(self.face, "", 9)
        self.set_xy(25, bottom - 20)
        width = self.w - 50 - size - 8
        self.multi_cell(width, 4.5, self._t(f"{VERIFY_AT}:"))
        self.set_x(25)
        self.set_text_color(37, 62, 109)
        self.multi_cell(width, 4.5, self._t(url), link=url)
        self.set_text_color(90, 90, 90)
        self.set_font(self.face, "", 7.5)
        self.set_x(25)
        self.multi_cell(width, 3.6, self._t(str(CERTIFICATE_NOTE)))


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


@lru_cache(maxsize=1)
def _fonts() -> tuple[Path, Path] | None:
    """DejaVu Sans regular and bold, if installed; None falls back to the core fonts."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


# Letters NFKD does not take apart into a Latin-1 base and an accent.
_LATIN1_FALLBACK = str.maketrans(
    {"Ł": "L", "ł": "l", "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d", "ı": "i", "’": "'", "…": "..."}
)


def _latin1(value: str) -> str:
    """The core fonts print Latin-1 only: other letters lose their accents, or become '?'."""
    out = []
    for char in value.translate(_LATIN1_FALLBACK):
        if ord(char) < 256:
            out.append(char)
        else:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


def _document(credential: WalletCredential) -> Mapping[str, Any]:
    try:
        return credential_json(credential.document)
    except InvalidInputError:
        return {}


def _achievement(document: Mapping[str, Any]) -> Mapping[str, Any]:
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    return achievement if isinstance(achievement, Mapping) else {}


def _description(credential: WalletCredential, language: str) -> str:
    if credential.issued_credential_id is not None:
        return in_language(credential.issued_credential.achievement.description, language)
    return text_of(_achievement(_document(credential)), "description", language)


def _skill_names(credential: WalletCredential, language: str) -> tuple[str, ...]:
    if credential.issued_credential_id is not None:
        skills: list[Any] = credential.issued_credential.achievement.skills
    else:
        skills = credential.skills if isinstance(credential.skills, list) else []
    names = (
        in_language(s.get("name"), language) or str(s.get("url") or "")
        for s in skills
        if isinstance(s, Mapping)
    )
    return tuple(name for name in names if name)


def _date(moment: datetime | None) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


def _shorten(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
