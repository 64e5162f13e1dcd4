"""Bilingual content stored as ``{"en": …, "fr": …}`` and emitted as OB 3.0 language maps."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import translation

LANGUAGE_TAGS = ("en", "fr")


class BilingualField(models.JSONField):  # type: ignore[type-arg]
    """A JSON object of language tag → text; blank means no text in any language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)


def in_language(text: dict[str, str] | str | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the active one), else in any language it has."""
    if not text:
        return ""
    if isinstance(text, str):
        return text
    wanted = language or translation.get_language() or "en"
    for tag in (wanted, wanted.split("-")[0], *LANGUAGE_TAGS):
        if text.get(tag):
            return text[tag]
    return next((value for value in text.values() if value), "")


def language_map(text: dict[str, str] | None, *, primary: str = "en") -> dict[str, str]:
    """The non-empty translations, primary language first (OB 3.0 ``nameMap`` order)."""
    text = text or {}
    ordered = [primary, *(tag for tag in text if tag != primary)]
    return {tag: text[tag] for tag in ordered if text.get(tag)}
