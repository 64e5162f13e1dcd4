"""``{{ value|inlang }}``: bilingual content in the reader's language."""

from __future__ import annotations

from django import template

from mixtape_site.web.bilingual import in_language

register = template.Library()


@register.filter
def inlang(value: dict[str, str] | str | None, language: str | None = None) -> str:
    return in_language(value, language)
