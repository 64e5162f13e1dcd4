"""Skills matching: load time, autocomplete and matcher latency, precision on labelled postings.

Prints, on one core: the bundled framework's load time and index build time;
``suggest`` latency for keystroke-sized queries; ``skills_in_text`` latency
(p50/p95) against a naive baseline (exact label substrings) in the same run;
precision@5 and recall@10 per language and overall on ``bench/data/job_postings.yaml``
for the matcher, the baseline and the matcher with ESCO descriptions indexed too
(read from ``../shared/skills`` when present); peak memory. Figures only: nothing
here asserts a timing.

    python bench/bench_skills.py
"""

from __future__ import annotations

import csv
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mixtape.skills import SKILL_KINDS, Framework, load_framework, skills_in_text, suggest, warm_up
from mixtape.skills.index import build_stem_index, labels_of
from mixtape.skills.rank import rank
from mixtape.skills.text import normalize, stems

HERE = Path(__file__).resolve().parent
POSTINGS = HERE / "data" / "job_postings.yaml"
SHARED = HERE.parents[1] / "shared" / "skills" / "esco-v1.1.1" / "esco_skills_en_fr.csv"
QUERIES = [
    "py",
    "pyth",
    "pyhton",
    "sql",
    "comptab",
    "comptabilite",
    "credit",
    "soins infirm",
    "programmation Python",
    "project manag",
    "gestion de projet",
    "weld",
    "soudage",
    "customer serv",
    "servise a la clientele",
    "excel",
    "javascrpit",
    "premiers soins",
    "a",
    "de",
]
Matcher = Callable[[str, str], list[str]]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def p(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def baseline(framework: Framework) -> Matcher:
    """Exact, normalized label substrings; longer labels first."""
    labels = {
        lang: [
            (" " + normalize(text) + " ", c.uri)
            for c in framework.of_kind("skill", "knowledge")
            for text, _ in labels_of(c, lang)
        ]
        for lang in ("en", "fr")
    }

    def match(text: str, language: str) -> list[str]:
        body = " " + " ".join(normalize(text).replace(",", " ").replace(".", " ").split()) + " "
        found = sorted((-len(label), uri) for label, uri in labels[language] if label in body)
        return list(dict.fromkeys(uri for _, uri in found))

    return match


def with_descriptions(framework: Framework) -> Matcher | None:
    if not SHARED.exists():
        return None
    with SHARED.open(encoding="utf-8") as handle:
        rows = {"http://data.europa.eu/esco/skill/" + r["id"]: r for r in csv.DictReader(handle)}
    indexes = {
        lang: build_stem_index(
            framework, lang, SKILL_KINDS, lambda c, lang=lang: [rows[c.uri][f"description_{lang}"]]
        )
        for lang in ("en", "fr")
    }
    return lambda text, lang: [h.uri for h in rank(indexes[lang], stems(text, lang), 10)]


def quality(name: str, matcher: Matcher, postings: list[dict[str, Any]]) -> None:
    scores: dict[str, list[tuple[float, float]]] = {"en": [], "fr": []}
    for posting in postings:
        expected = {e["uri"] for e in posting["expected"]}
        found = matcher(posting["text"], posting["language"])
        scores[posting["language"]].append(
            (len(expected & set(found[:5])) / 5, len(expected & set(found[:10])) / len(expected))
        )
    everything = scores["en"] + scores["fr"]
    cells = [
        f"{lang} P@5 {statistics.mean(s[0] for s in v):.2f} "
        f"R@10 {statistics.mean(s[1] for s in v):.2f}"
        for lang, v in (*scores.items(), ("all", everything))
    ]
    print(f"  {name:<28} " + " | ".join(cells))


def main() -> None:
    start = time.perf_counter()
    esco = load_framework("esco")
    print(f"framework load (first, cold): {ms(time.perf_counter() - start)}")
    loads = timed(lambda: load_framework.__wrapped__("esco"), 5)
    print(
        f"framework load (median of 5): {ms(statistics.median(loads))}; "
        f"{len(esco.concepts)} concepts"
    )
    print(
        f"index build (en+fr, skills, occupations, words): {ms(timed(lambda: warm_up(esco), 1)[0])}"
    )

    keys = [t for q in QUERIES for t in timed(lambda q=q: suggest(esco, q, language="fr"), 20)]
    print(
        f"suggest ({len(QUERIES)} queries x 20): "
        f"p50 {ms(p(keys, 0.5))}, p95 {ms(p(keys, 0.95))}, max {ms(max(keys))}"
    )

    postings = yaml.safe_load(POSTINGS.read_text(encoding="utf-8"))
    naive = baseline(esco)
    ours = [t for x in postings for t in timed(lambda x=x: skills_in_text(esco, x["text"]), 20)]
    base = [t for x in postings for t in timed(lambda x=x: naive(x["text"], x["language"]), 20)]
    print(f"skills_in_text (language detected): p50 {ms(p(ours, 0.5))}, p95 {ms(p(ours, 0.95))}")
    print(f"naive baseline (label substrings):  p50 {ms(p(base, 0.5))}, p95 {ms(p(base, 0.95))}")

    print(f"quality on {len(postings)} labelled postings:")
    quality(
        "BM25 matcher",
        lambda t, lang: [m.concept.uri for m in skills_in_text(esco, t, language=lang)],
        postings,
    )
    quality("naive baseline", naive, postings)
    described = with_descriptions(esco)
    if described:
        quality("BM25 + descriptions", described, postings)
    print(
        f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
