"""Text processing for English and French: normalization, tokens, stems, language.

Text is case-folded and stripped of accents before anything else, so "Crédit"
and "credit" are the same token; French elisions (l', d', qu') split off. Stems
come from Snowball (``snowballstemmer``, which uses PyStemmer's C code when it is
installed). Stop words are data: ``data/stopwords/{en,fr}.txt``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from importlib import resources

import snowballstemmer  # type: ignore[import-untyped]

LANGUAGES = ("en", "fr")
_STEMMERS = {"en": "english", "fr": "french"}
# Keep "c++", "c#" and "f#" whole; split on everything else that is not a letter or digit.
_TOKEN = re.compile(r"[a-z0-9]+[+#]*")
_ACCENTS = {
    ord(c): None
    for c in "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0327\u0328"
}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "’": "'"})


def normalize(text: str) -> str:
    """Case-folded text without accents: ``"Élaborer"`` → ``"elaborer"``."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize(
        "NFC",
        unicodedata.normalize("NFD", text.casefold().translate(_LIGATURES)).translate(_ACCENTS),
    )


def tokens(text: str) -> list[str]:
    """Normalized word tokens, elisions split off: ``"l'équipe"`` → ``["l", "equipe"]``."""
    return _TOKEN.findall(normalize(text))


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words of ``language`` (``"en"`` or ``"fr"``), normalized."""
    text = (resources.files("mixtape.skills") / "data" / "stopwords" / f"{language}.txt").read_text(
        encoding="utf-8"
    )
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(normalize(w) for w in words)


@functools.cache
def stemmer(language: str) -> Callable[[str], str]:
    """A cached Snowball stemmer for ``language``.

    Raises:
        KeyError: the language is neither ``"en"`` nor ``"fr"``.
    """
    return functools.lru_cache(maxsize=200_000)(
        snowballstemmer.stemmer(_STEMMERS[language]).stemWord
    )


def stems(text: str, language: str) -> list[str]:
    """Stems of the tokens of ``text`` that are not stop words, in order."""
    stop, stem = stop_words(language), stemmer(language)
    return [stem(t) for t in tokens(text) if t not in stop]


def detect_language(text: str) -> str:
    """``"fr"`` or ``"en"``: the language whose own stop words are more frequent in ``text``.

    Words that are stop words in both languages count for neither; a tie is English.
    """
    en, fr = stop_words("en"), stop_words("fr")
    words = tokens(text)
    en_hits = sum(1 for w in words if w in en and w not in fr)
    fr_hits = sum(1 for w in words if w in fr and w not in en)
    return "fr" if fr_hits > en_hits else "en"
