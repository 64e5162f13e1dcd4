"""Lexical ranking: BM25 over concepts, weighted by how completely a label is present.

A concept is a document made of its labels' stems. For a text (a posting or a
query), each concept scores BM25 × coverage², where coverage is the share of its
best label's idf mass found in the text (so "Python" and "SQL" beat a concept
that merely shares the word "data"), and × ``PHRASE_BONUS`` when that label's
stems occur in the text consecutively, in order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from mixtape.skills.index import StemIndex

K1 = 1.2
K3 = 1.5  # saturation of a stem repeated in the text
MIN_COVERAGE = 0.5
PHRASE_BONUS = 1.5


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked concept: its URI, score and the label id that matched best."""

    uri: str
    score: float
    label: int


def best_labels(index: StemIndex, query: Counter[str]) -> dict[int, tuple[float, int]]:
    """Document → (weighted coverage, label) of its best label at least half present."""
    matched: dict[int, float] = defaultdict(float)
    for stem in query:
        idf = index.idf.get(stem)
        if idf is not None:
            for label in index.label_postings[stem]:
                matched[label] += idf
    best: dict[int, tuple[float, int]] = {}
    for label, mass in matched.items():
        coverage = mass / index.label_mass[label]
        if coverage < MIN_COVERAGE:
            continue
        value = coverage * max(index.label_weight[label], 0.5)
        doc = index.label_doc[label]
        if value > best.get(doc, (0.0, -1))[0]:
            best[doc] = (value, label)
    return best


def bm25(
    index: StemIndex, query: Counter[str], docs: dict[int, tuple[float, int]]
) -> dict[int, float]:
    """BM25 of the documents in ``docs`` for the stems of ``query`` (with counts)."""
    scores: dict[int, float] = defaultdict(float)
    for stem, count in query.items():
        idf = index.idf.get(stem)
        if idf is None:
            continue
        weight = idf * count * (K3 + 1) / (count + K3)
        for doc, tf in index.doc_postings[stem]:
            if doc in docs:
                scores[doc] += weight * tf * (K1 + 1) / (tf + K1 * index.doc_norm[doc])
    return scores


def rank(index: StemIndex, stems: list[str], limit: int) -> list[Hit]:
    """The ``limit`` best concepts of ``index`` for a text's ``stems``, best first."""
    query = Counter(stems)
    best = best_labels(index, query)
    scores = bm25(index, query, best)
    text = " " + " ".join(stems) + " "
    hits = []
    for doc, (coverage, label) in best.items():
        phrase = " " + " ".join(index.label_stems[label]) + " "
        bonus = PHRASE_BONUS if len(index.label_stems[label]) > 1 and phrase in text else 1.0
        hits.append(Hit(index.uris[doc], scores[doc] * coverage * coverage * bonus, label))
    hits.sort(key=lambda h: (-h.score, h.uri))
    return hits[:limit]
