"""The catalogue as open data: JSON-LD (OB 3.0 Achievements) and CSV, for registries.

Both exports take the catalogue's search and filters, so a registry can harvest
"every online micro-credential of one institution" with the same query string
as the page. Free text in the CSV that a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@`` first) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from mixtape.model.credential import OB_V3P0_CONTEXT, VC_V2_CONTEXT
from mixtape.model.text import LANGUAGE_MAP_CONTEXT
from mixtape_site.achievements.documents import achievement_document, achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.web.bilingual import in_language

CSV_COLUMNS = (
    "id",
    "name_en",
    "name_fr",
    "description_en",
    "description_fr",
    "issuer",
    "issuer_url",
    "hours",
    "duration_weeks",
    "delivery_mode",
    "languages",
    "cost_cad",
    "credit_value",
    "validity_months",
    "cip_code",
    "noc_codes",
    "skills",
    "skill_names_en",
    "skill_names_fr",
    "published_at",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def catalogue_jsonld(achievements: Iterable[Achievement]) -> dict[str, Any]:
    """A JSON-LD document whose graph is the OB 3.0 Achievement of each micro-credential."""
    context: Any = None
    graph = []
    for achievement in achievements:
        document = achievement_document(achievement)
        context = document.pop("@context")
        graph.append(document)
    if context is None:  # an empty catalogue still names its vocabulary
        context = achievement_document_context()
    return {"@context": context, "@graph": graph}


def achievement_document_context() -> list[Any]:
    return [VC_V2_CONTEXT, OB_V3P0_CONTEXT, dict(LANGUAGE_MAP_CONTEXT)]


def catalogue_csv(achievements: Iterable[Achievement]) -> str:
    """One row per micro-credential with the framework fields; lists are ``|``-joined."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for achievement in achievements:
        writer.writerow(_row(achievement))
    return out.getvalue()


def _row(a: Achievement) -> list[str]:
    skills = [s for s in a.skills if isinstance(s, dict) and s.get("url")]
    organization = a.organization
    return [
        achievement_url(a),
        _text(in_language(a.name, "en")),
        _text(in_language(a.name, "fr")),
        _text(in_language(a.description, "en")),
        _text(in_language(a.description, "fr")),
        _text(in_language(organization.name, organization.primary_language)),
        absolute_url(reverse("issuers:profile", kwargs={"slug": organization.slug})),
        str(a.hours),
        _number(a.duration_weeks),
        a.delivery_mode,
        "|".join(a.languages or ()),
        f"{a.cost:.2f}",
        _number(a.credit_value),
        _number(a.validity_months),
        a.cip_code,
        "|".join(a.noc_codes or ()),
        "|".join(str(s["url"]) for s in skills),
        _text("|".join(in_language(s.get("name"), "en") for s in skills)),
        _text("|".join(in_language(s.get("name"), "fr") for s in skills)),
        a.published_at.isoformat() if a.published_at else "",
    ]


def _number(value: Any) -> str:
    return "" if value is None else str(value)


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
