"""Build the bundled ESCO package data from the shared CSV subset.

Reads ``../shared/skills/esco-v1.1.1/*.csv`` and writes
``src/mixtape/skills/data/esco-1.1.1.json.gz``: labels and alt labels in English
and French, skill type, reuse level, broader links (skills, skill groups, ISCO
groups) and the occupation→skill relations as integer indexes. Descriptions are
dropped (the benchmark measures what they would add to matching).

    .venv/bin/python scripts/build_skills_data.py [--source DIR] [--out FILE]

The format is documented in ``mixtape/skills/store.py``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "skills" / "esco-v1.1.1"
OUT = ROOT / "src" / "mixtape" / "skills" / "data" / "esco-1.1.1.json.gz"

ESCO = "http://data.europa.eu/esco/"
PREFIXES = [ESCO + "skill/", ESCO + "occupation/", ESCO + "isco/C", ESCO + "isced-f/", ""]
KINDS = ["skill", "knowledge", "occupation", "group"]
REUSE = ["transversal", "cross-sector", "sector-specific", "occupation-specific"]
# The pillar's roots (S skills, K knowledge, T transversal, L languages): their
# children are the top-level categories a profile is grouped by.
ROOT_CODES = {"S", "K", "T", "L"}
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


def rows(source: Path, name: str) -> Iterator[dict[str, str]]:
    with (source / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def split_alt(value: str, label: str) -> list[str]:
    """Alt labels without the preferred label and without duplicates, in order."""
    seen = {label.casefold()}
    out = []
    for alt in (a.strip() for a in value.split("|")):
        if alt and alt.casefold() not in seen:
            seen.add(alt.casefold())
            out.append(alt)
    return out


def isco_groups(source: Path) -> list[dict[str, str]]:
    """ISCO-08 groups with the armed-forces codes repaired.

    The source lost the leading zero of the armed-forces codes (0110 became 110),
    so their French labels were joined onto the civil groups 1, 11, 2, 21, 3, 31.
    Armed-forces rows come first: restore the zero, and drop a civil group's
    French label when it is an armed-forces one (English is the fallback).
    """
    groups = list(rows(source, "isco08_groups_en_fr.csv"))
    first_civil = next(i for i, g in enumerate(groups) if g["label_en"] == "Managers")
    armed_fr = {g["label_fr"] for g in groups[:first_civil]}
    for i, group in enumerate(groups):
        if 0 < i < first_civil:
            group["code"] = "0" + group["code"]
        elif i >= first_civil and group["label_fr"] in armed_fr:
            group["label_fr"] = ""
    return groups


class Builder:
    def __init__(self) -> None:
        self.concepts: list[list[Any]] = []
        self.index: dict[str, int] = {}
        self.broader: dict[str, list[str]] = defaultdict(list)

    def add(self, uri: str, code: str, kind: str, labels: tuple[str, str], alts: Any) -> None:
        prefix = max(i for i, p in enumerate(PREFIXES) if uri.startswith(p) and p)
        self.index[uri] = len(self.concepts)
        self.concepts.append(
            [prefix, uri[len(PREFIXES[prefix]) :], code, KINDS.index(kind), *labels, *alts, [], -1]
        )

    def link(self) -> None:
        for uri, broader in self.broader.items():
            if uri in self.index:
                targets = [self.index[b] for b in broader if b in self.index]
                self.concepts[self.index[uri]][8] = targets


def add_groups(builder: Builder, source: Path) -> list[int]:
    roots = []
    for row in rows(source, "esco_skill_groups_en_fr.csv"):
        code = row["code"] or row["uri"].removeprefix(PREFIXES[3])  # ISCED-F field codes
        builder.add(row["uri"], code, "group", (row["label_en"], row["label_fr"]), ([], []))
        if row["code"] in ROOT_CODES:
            roots.append(builder.index[row["uri"]])
    for group in isco_groups(source):
        uri = PREFIXES[2] + group["code"]
        builder.add(uri, group["code"], "group", (group["label_en"], group["label_fr"]), ([], []))
        if len(group["code"]) > 1:
            builder.broader[uri].append(PREFIXES[2] + group["code"][:-1])
    for row in rows(source, "esco_skill_broader.csv"):
        builder.broader[row["concept_uri"]].append(row["broader_uri"])
    return roots


def add_skills(builder: Builder, source: Path) -> None:
    for row in rows(source, "esco_skills_en_fr.csv"):
        kind = "knowledge" if row["skill_type"] == "knowledge" else "skill"
        labels = (row["label_en"], row["label_fr"])
        alts = (split_alt(row["alt_en"], labels[0]), split_alt(row["alt_fr"], labels[1]))
        builder.add(PREFIXES[0] + row["id"], "", kind, labels, alts)
        reuse = row["reuse_level"]
        builder.concepts[-1][9] = REUSE.index(reuse) if reuse in REUSE else -1


def add_occupations(builder: Builder, source: Path) -> None:
    for row in rows(source, "esco_occupations_en_fr.csv"):
        uri = PREFIXES[1] + row["id"]
        labels = (row["label_en"], row["label_fr"])
        alts = (split_alt(row["alt_en"], labels[0]), split_alt(row["alt_fr"], labels[1]))
        builder.add(uri, row["code"], "occupation", labels, alts)
        builder.broader[uri].append(PREFIXES[2] + row["isco_group"].zfill(4))


def relations(builder: Builder, source: Path) -> list[list[Any]]:
    """Relations as [occupation, [essential skills], [optional skills]] indexes.

    67 source rows name occupation a9e54177-…, an obsolete ESCO ID that is not in
    the occupations file: they are skipped (and counted on stdout).
    """
    table: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    skipped = 0
    for row in rows(source, "esco_occupation_skill_relations.csv"):
        occupation = builder.index.get(PREFIXES[1] + row["occupation_id"], -1)
        if occupation < 0:
            skipped += 1
            continue
        skill = builder.index[PREFIXES[0] + row["skill_id"]]
        table[occupation][row["relation"] != "essential"].append(skill)
    print(f"skipped {skipped} relations to occupations missing from the occupations file")
    return [[occ, ess, opt] for occ, (ess, opt) in sorted(table.items())]


def build(source: Path) -> dict[str, Any]:
    builder = Builder()
    roots = add_groups(builder, source)
    add_skills(builder, source)
    add_occupations(builder, source)
    builder.link()
    categories = [i for i, c in enumerate(builder.concepts) if set(c[8]) & set(roots)]
    return {
        "format": 1,
        "id": "esco",
        "name": "ESCO",
        "version": "1.1.1",
        "attribution": ATTRIBUTION,
        "url": "https://esco.ec.europa.eu/",
        "prefixes": PREFIXES,
        "kinds": KINDS,
        "reuse_levels": REUSE,
        "columns": "prefix,local,code,kind,label_en,label_fr,alt_en,alt_fr,broader,reuse",
        "concepts": builder.concepts,
        "categories": categories,
        "relations": relations(builder, source),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.source)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    kinds = defaultdict(int)
    for concept in data["concepts"]:
        kinds[KINDS[concept[3]]] += 1
    size = args.out.stat().st_size
    print(f"{args.out.relative_to(ROOT)}: {size / 1e6:.2f} MB, {dict(kinds)}")


if __name__ == "__main__":
    main()
