"""``{% wallet_skills_profile as groups %}``: the signed-in holder's skills, by category.

A tag rather than view context so that the wallet page's view stays as it is;
it reads only the request user's own credentials.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

from mixtape_site.wallet.profile import (
    CategoryGroup,
    SkillRow,
    skills_profile,
    verified_credentials,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def wallet_skills_profile(context: dict[str, Any]) -> list[CategoryGroup[SkillRow]]:
    user = context["request"].user
    if not user.is_authenticated:
        return []
    language = (translation.get_language() or "en").split("-")[0]
    return skills_profile(verified_credentials(owner=user), language=language)
