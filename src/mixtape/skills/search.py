"""Autocomplete and occupation search.

``suggest`` is for a search box: each word of the query matches the start of a
word of a label (English or French, preferred or alternative), whole-label
prefixes first; a word that starts no label word is corrected to the nearest
words of the vocabulary (``rapidfuzz``), so "pyhton" still finds Python.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from mixtape.skills.index import WordIndex, stem_index, word_index
from mixtape.skills.model import SKILL_KINDS, Concept, Framework, Kind
from mixtape.skills.rank import rank
from mixtape.skills.text import detect_language, stems, tokens

FUZZY_CUTOFF = 75.0  # rapidfuzz ratio (0-100): "pyhton" vs "python" is 83
MAX_PREFIX_WORDS = 400  # a one-letter prefix opens too many words to be useful


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An autocomplete answer.

    Attributes:
        concept: the concept suggested.
        label: its preferred label in the requested language (English fallback).
        matched: the label (of either language, maybe an alternative) that matched.
        fuzzy: True when a query word was corrected to find it.
    """

    concept: Concept
    label: str
    matched: str
    fuzzy: bool


@dataclass(frozen=True, slots=True)
class Match:
    """A concept found in a text, with its score (higher is better) and the label found."""

    concept: Concept
    score: float
    matched: str


def _prefix_words(index: WordIndex, prefix: str) -> list[str]:
    start = bisect.bisect_left(index.words, prefix)
    end = bisect.bisect_left(index.words, prefix + "\uffff", start)
    return index.words[start : min(end, start + MAX_PREFIX_WORDS)]


def _entries(index: WordIndex, words: Iterable[Iterable[str]]) -> set[int]:
    """Entries that contain, for each query word, one of its alternatives."""
    found: set[int] | None = None
    for alternatives in sorted(
        ({e for w in alt for e in index.postings[w]} for alt in words), key=len
    ):
        found = alternatives if found is None else found & alternatives
        if not found:
            return set()
    return found or set()


def _corrections(index: WordIndex, word: str) -> list[str]:
    hits = process.extract(word, index.words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3)
    return [hit[0] for hit in hits]


def suggest(
    framework: Framework,
    text: str,
    *,
    language: str = "en",
    limit: int = 10,
    kinds: Iterable[Kind] = SKILL_KINDS,
) -> list[Suggestion]:
    """Concepts whose labels start like ``text``, for an autocomplete; typo-tolerant.

    Args:
        framework: the framework to search.
        text: what the user typed so far, in English or French.
        language: the viewer's language: its labels rank first and are the ones shown.
        limit: the most suggestions returned.
        kinds: the kinds of concepts wanted (skills and knowledge by default).

    Returns:
        Suggestions, best first: exact before corrected words; then labels in ``language``;
        then whole-label prefixes before word prefixes.
    """
    index = word_index(framework, frozenset(kinds))
    words = tokens(text)
    options = [_prefix_words(index, w) for w in words]
    exact = _entries(index, options) if words else set()
    fuzzy: set[int] = set()
    if words and len(exact) < limit:
        corrected = [opts or _corrections(index, w) for w, opts in zip(words, options, strict=True)]
        fuzzy = _entries(index, corrected) - exact
    return _ranked(
        framework,
        index,
        query=" ".join(words),
        exact=exact,
        fuzzy=fuzzy,
        language=language,
        limit=limit,
    )


def _ranked(
    framework: Framework,
    index: WordIndex,
    *,
    query: str,
    exact: set[int],
    fuzzy: set[int],
    language: str,
    limit: int,
) -> list[Suggestion]:
    def key(entry: int) -> tuple[bool, bool, bool, bool, int, str]:
        text, _, uri, lang, preferred = index.entries[entry]
        # The viewer's language first, then whole-label prefixes, preferred labels, short ones.
        return (
            entry in fuzzy,
            lang != language,
            not text.startswith(query),
            not preferred,
            len(text),
            uri,
        )

    out: dict[str, Suggestion] = {}
    for entry in heapq.nsmallest(limit * 8, exact | fuzzy, key=key):
        _, label, uri, _, _ = index.entries[entry]
        if uri not in out and len(out) < limit:
            concept = framework.concepts[uri]
            out[uri] = Suggestion(concept, concept.label(language), label, entry in fuzzy)
    return list(out.values())


def find_occupations(
    framework: Framework, text: str, *, language: str | None = None, limit: int = 10
) -> list[Match]:
    """Occupations whose labels (preferred or alternative) best match ``text``, best first.

    Args:
        framework: the framework to search.
        text: a job title or a description, in English or French.
        language: ``"en"`` or ``"fr"``; detected from the text when None.
        limit: the most occupations returned.
    """
    return ranked_matches(framework, text, language, limit, frozenset({"occupation"}))


def ranked_matches(
    framework: Framework, text: str, language: str | None, limit: int, kinds: frozenset[Kind]
) -> list[Match]:
    """The concepts of ``kinds`` that best match ``text`` (BM25 with label coverage)."""
    lang = language or detect_language(text)
    index = stem_index(framework, lang, kinds)
    hits = rank(index, stems(text, lang), limit)
    return [
        Match(framework.concepts[h.uri], h.score, _label_text(framework, h.uri, lang)) for h in hits
    ]


def _label_text(framework: Framework, uri: str, language: str) -> str:
    return framework.concepts[uri].label(language)
