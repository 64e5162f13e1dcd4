"""Disciplines a challenge may need: broad fields of study (after CIP 2021's series),
labelled in both languages. Stored by key in ``Challenge.disciplines``."""

from __future__ import annotations

from typing import Final

from django.utils.translation import gettext_lazy as _

DISCIPLINES: Final = {
    "business": _("Business and management"),
    "computing": _("Computer and information sciences"),
    "data": _("Data science and statistics"),
    "design": _("Design and creative arts"),
    "education": _("Education"),
    "engineering": _("Engineering and technology"),
    "environment": _("Environment and natural resources"),
    "health": _("Health sciences"),
    "humanities": _("Humanities and languages"),
    "law": _("Law and public administration"),
    "social": _("Social sciences"),
    "trades": _("Skilled trades"),
    "urban": _("Urban planning and transportation"),
}
