"""The search indexes: an inverted index of label stems (for BM25) and a word index (for suggest).

Both are built on first use from a framework's labels and cached per framework
object (weakly, so a framework imported from a CSV and dropped is freed).
"""

from __future__ import annotations

import math
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from mixtape.skills.model import Concept, Framework, Kind
from mixtape.skills.text import normalize, stems, tokens

K = TypeVar("K")
V = TypeVar("V")

BM25_B = 0.5  # concepts with many alt labels are long documents; only half-normalize
ALT_WEIGHT = 0.9  # an alternative label is a little weaker evidence than the preferred one


@dataclass(frozen=True, slots=True)
class StemIndex:
    """An inverted index of the stemmed labels of one language (documents are concepts)."""

    language: str
    uris: list[str]  # document → concept URI
    label_doc: list[int]  # label → document
    label_stems: list[tuple[str, ...]]
    label_weight: list[float]
    label_mass: list[float]  # sum of the idf of the label's distinct stems
    label_postings: dict[str, list[int]]  # stem → labels that contain it
    doc_postings: dict[str, list[tuple[int, int]]]  # stem → (document, labels containing it)
    doc_norm: list[float]  # BM25's length normalization, 1 - b + b * length / average length
    idf: dict[str, float]


@dataclass(frozen=True, slots=True)
class WordIndex:
    """Normalized labels of both languages, and the words they contain, for autocomplete."""

    entries: list[tuple[str, str, str, str, bool]]  # (normalized, label, URI, language, preferred)
    words: list[str]  # sorted vocabulary, for prefix ranges with bisect
    postings: dict[str, list[int]]  # word → entries that contain it


_caches: dict[str, weakref.WeakKeyDictionary[Framework, dict[object, object]]] = {}


def cached(name: str, framework: Framework, key: K, build: Callable[[], V]) -> V:
    """``build()``, computed once per framework object, ``name`` and ``key``."""
    per_framework = _caches.setdefault(name, weakref.WeakKeyDictionary()).setdefault(framework, {})
    if key not in per_framework:
        per_framework[key] = build()
    return per_framework[key]  # type: ignore[return-value]


def labels_of(concept: Concept, language: str) -> Iterator[tuple[str, bool]]:
    """(label, is preferred) in ``language``; English ones when the concept has none."""
    lang = language if concept.labels.get(language) else "en"
    if concept.labels.get(lang):
        yield concept.labels[lang], True
    for alt in concept.alt_labels.get(lang, ()):
        yield alt, False


def stem_index(framework: Framework, language: str, kinds: frozenset[Kind]) -> StemIndex:
    """The cached :class:`StemIndex` of ``framework`` for ``language`` and concept ``kinds``."""
    key = (language, kinds)
    return cached("stems", framework, key, lambda: build_stem_index(framework, language, kinds))


def build_stem_index(
    framework: Framework,
    language: str,
    kinds: frozenset[Kind],
    extra: Callable[[Concept], Iterable[str]] | None = None,
) -> StemIndex:
    """Build a :class:`StemIndex`; ``extra`` may add texts per concept (e.g. descriptions)."""
    uris: list[str] = []
    labels: list[tuple[int, tuple[str, ...], float]] = []
    for concept in framework.concepts.values():
        if concept.kind not in kinds:
            continue
        texts = [(t, 1.0 if pref else ALT_WEIGHT) for t, pref in labels_of(concept, language)]
        texts += [(t, 0.0) for t in (extra(concept) if extra else ())]
        for text, weight in texts:
            stemmed = tuple(dict.fromkeys(stems(text, language)))
            if stemmed:
                labels.append((len(uris), stemmed, weight))
        uris.append(concept.uri)
    return _assemble(language, uris, labels)


def _assemble(
    language: str, uris: list[str], labels: list[tuple[int, tuple[str, ...], float]]
) -> StemIndex:
    doc_tf: list[Counter[str]] = [Counter() for _ in uris]
    label_postings: dict[str, list[int]] = defaultdict(list)
    for label_id, (doc, stemmed, _) in enumerate(labels):
        doc_tf[doc].update(stemmed)
        for stem in stemmed:
            label_postings[stem].append(label_id)
    doc_postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc, tf in enumerate(doc_tf):
        for stem, count in tf.items():
            doc_postings[stem].append((doc, count))
    n = len(uris)
    idf = {s: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for s, p in doc_postings.items()}
    lengths = [sum(tf.values()) for tf in doc_tf]
    average_length = max(sum(lengths), 1) / max(n, 1)
    return StemIndex(
        language=language,
        uris=uris,
        label_doc=[doc for doc, _, _ in labels],
        label_stems=[stemmed for _, stemmed, _ in labels],
        label_weight=[weight for _, _, weight in labels],
        label_mass=[sum(idf[s] for s in stemmed) for _, stemmed, _ in labels],
        label_postings=dict(label_postings),
        doc_postings=dict(doc_postings),
        doc_norm=[1 - BM25_B + BM25_B * length / average_length for length in lengths],
        idf=idf,
    )


def word_index(framework: Framework, kinds: frozenset[Kind]) -> WordIndex:
    """The cached :class:`WordIndex` of ``framework`` for concept ``kinds``."""
    return cached("words", framework, kinds, lambda: _build_word_index(framework, kinds))


def _build_word_index(framework: Framework, kinds: frozenset[Kind]) -> WordIndex:
    entries: list[tuple[str, str, str, str, bool]] = []
    seen: set[tuple[str, str]] = set()
    for concept in framework.concepts.values():
        if concept.kind not in kinds:
            continue
        for language in ("en", "fr"):
            for label, preferred in labels_of(concept, language):
                text = normalize(label)
                if (text, concept.uri) not in seen:
                    seen.add((text, concept.uri))
                    entries.append((text, label, concept.uri, language, preferred))
    postings: dict[str, list[int]] = defaultdict(list)
    for entry_id, (text, *_) in enumerate(entries):
        for word in dict.fromkeys(tokens(text)):
            postings[word].append(entry_id)
    return WordIndex(entries=entries, words=sorted(postings), postings=dict(postings))
