"""Funding programs: a funder describes the programs that can pay for challenge work.

Writes and reads in one small module: the program list is short and only a funder's
own staff change it. The public page of a program lists the challenges it can fund.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges.access import effective_status, is_public
from mixtape_site.challenges.models import Challenge, FundingProgram
from mixtape_site.organizations.models import Organization

ONLY_FUNDERS = _("Only a funder organization manages funding programs.")
SLUG_TAKEN = _("Another funding program already uses this short name; choose another.")


@transaction.atomic
def funding_program_save(
    *, funder: Organization, data: dict[str, Any], program: FundingProgram | None = None
) -> FundingProgram:
    """Create a program (its short name made from the English name) or change one.

    ``data``: name and description ({"en", "fr"}), url, max_amount (Decimal or None).

    Raises:
        ValidationError: the organization is not a funder, or a field is invalid.
    """
    if funder.kind != Organization.Kind.FUNDER:
        raise ValidationError(ONLY_FUNDERS, code="not_a_funder")
    if program is None:
        program = FundingProgram(funder=funder, slug=_free_slug(data["name"]))
    elif program.funder_id != funder.pk:
        raise ValidationError(ONLY_FUNDERS, code="not_yours")
    program.name, program.description = data["name"], data.get("description") or {}
    program.url = data.get("url") or ""
    amount = data.get("max_amount")
    program.max_amount = Decimal(amount) if amount is not None else None
    program.full_clean()
    program.save()
    return program


def _free_slug(name: dict[str, str]) -> str:
    base = slugify(name.get("en") or name.get("fr") or "program")[:50] or "program"
    slug, n = base, 1
    while FundingProgram.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def funding_programs_of(*, funder: Organization) -> QuerySet[FundingProgram]:
    return FundingProgram.objects.filter(funder=funder).order_by("slug")


def funded_challenges(*, program: FundingProgram) -> list[Challenge]:
    """The public challenges a program can fund, soonest deadline first."""
    rows = program.challenges.select_related("organization").order_by("deadline", "id")
    public = [c for c in rows if is_public(c)]
    for challenge in public:
        challenge.status_now = effective_status(challenge)  # type: ignore[attr-defined]
    return public
