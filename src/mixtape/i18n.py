"""Translations of the core's own messages, with the standard library's gettext.

English is the source language: templates are English ``str.format`` strings,
marked ``N_("…")`` so that xgettext finds them (``--keyword=N_``), and
translated only when a caller asks for a language. The catalogue (domain
``mixtape``) ships in ``mixtape/locale/<lang>/LC_MESSAGES/``. Values put into a
template (dates, URLs, DIDs, counts) are never translated.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["N_", "Message", "has_language", "translate"]

DOMAIN = "mixtape"
LOCALE_DIR = Path(__file__).with_name("locale")
SOURCE_LANGUAGE = "en"
_VERBATIM = "{text}"  # placeholders and punctuation only: nothing to translate


def N_(template: str) -> str:
    """Mark ``template`` for extraction; it is translated later, by `translate`."""
    return template


def translate(template: str, language: str | None, /, **params: object) -> str:
    """``template`` in ``language`` (English when unknown or untranslated), filled in.

    Args:
        template: an English ``str.format`` template marked with `N_`.
        language: a language tag (``fr``, ``fr-CA``, ``fr_CA``); None for English.
        params: the values for the template's placeholders, inserted as they are.
    """
    text = _catalogue(language).gettext(template) if template else template
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation whose placeholders drifted must not break a report.
        return template.format(**params)


def has_language(language: str | None) -> bool:
    """Whether messages come out in ``language``: English, or a shipped catalogue."""
    if not language or _primary(language) == SOURCE_LANGUAGE:
        return True
    return isinstance(_catalogue(language), gettext.GNUTranslations)


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable text: an English template and the values it names.

    A value may itself be a Message (translated into the same language);
    anything else is inserted as it is.
    """

    template: str
    params: tuple[tuple[str, str | Message], ...] = ()

    @classmethod
    def of(cls, template: str, /, **params: object) -> Message:
        return cls(
            template,
            tuple((k, v if isinstance(v, Message) else str(v)) for k, v in params.items()),
        )

    @classmethod
    def verbatim(cls, text: str) -> Message:
        """Text that is not translated (a schema error, a value, an issuer's own words)."""
        return cls(_VERBATIM, (("text", text),))

    @classmethod
    def join(cls, messages: Sequence[Message], separator: str = "; ") -> Message:
        """The messages one after the other, each translated."""
        if len(messages) == 1:
            return messages[0]
        template = (
            separator.replace("{", "{{")
            .replace("}", "}}")
            .join(f"{{m{i}}}" for i in range(len(messages)))
        )
        return cls(template, tuple((f"m{i}", m) for i, m in enumerate(messages)))

    def in_language(self, language: str | None) -> str:
        values = {
            name: value.in_language(language) if isinstance(value, Message) else value
            for name, value in self.params
        }
        return translate(self.template, language, **values)

    def __str__(self) -> str:
        return self.in_language(None)


def _primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=16)
def _catalogue(language: str | None) -> gettext.NullTranslations:
    if not language:
        return gettext.NullTranslations()
    tag = language.replace("-", "_")
    region = tag.split("_")[1:]
    candidates = [_primary(tag)]
    if region:
        candidates.insert(0, f"{_primary(tag)}_{region[0].upper()}")
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=candidates, fallback=True)
