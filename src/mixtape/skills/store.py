"""Bundled frameworks: the compact package data and its loader.

``data/esco-1.1.1.json.gz`` (built by ``scripts/build_skills_data.py``) is one
gzipped JSON object::

    {"format": 1, "id", "name", "version", "attribution", "url",
     "prefixes": [uri prefixes], "kinds": [...], "reuse_levels": [...],
     "concepts": [[prefix, local, code, kind, label_en, label_fr,
                   [alt_en], [alt_fr], [broader concept indexes], reuse level or -1]],
     "categories": [concept indexes of the top-level groups],
     "relations": [[occupation index, [essential skill indexes], [optional ones]]]}

A concept's URI is ``prefixes[prefix] + local``; small integers stand for the
repeated strings and for links, which keeps the file at about 2 MB.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import gzip
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from mixtape.skills.model import KINDS, Concept, Framework

BUNDLED: dict[str, str] = {"esco": "esco-1.1.1.json.gz"}


@functools.cache
def load_framework(framework_id: str = "esco") -> Framework:
    """The bundled framework ``framework_id``, loaded once per process.

    Raises:
        KeyError: no framework of that id is bundled (see ``BUNDLED``).
    """
    resource = resources.files("mixtape.skills") / "data" / BUNDLED[framework_id]
    with _no_gc():
        return framework_from_data(json.loads(gzip.decompress(resource.read_bytes())))


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    # Loading allocates ~400,000 lists, tuples and dicts, none of them cyclic garbage:
    # the collector's passes over them would double the load time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _concept(framework_id: str, uris: list[str], row: list[Any], data: dict[str, Any]) -> Concept:
    prefix, local, code, kind, label_en, label_fr, alt_en, alt_fr, broader, reuse = row
    labels = {"en": label_en, "fr": label_fr} if label_fr else {"en": label_en}
    alts = {lang: tuple(a) for lang, a in (("en", alt_en), ("fr", alt_fr)) if a}
    return Concept(
        framework=framework_id,
        uri=data["prefixes"][prefix] + local,
        code=code or None,
        kind=KINDS[kind],
        labels=labels,
        alt_labels=alts,
        broader=tuple(uris[i] for i in broader),
        reuse_level=data["reuse_levels"][reuse] if reuse >= 0 else None,
    )


def framework_from_data(data: dict[str, Any]) -> Framework:
    """A framework from the decoded package-data object (format 1, described above)."""
    prefixes = data["prefixes"]
    uris = [prefixes[row[0]] + row[1] for row in data["concepts"]]
    concepts = {
        uri: _concept(data["id"], uris, row, data)
        for uri, row in zip(uris, data["concepts"], strict=True)
    }
    return Framework(
        id=data["id"],
        name=data["name"],
        version=data["version"],
        attribution=data["attribution"],
        concepts=concepts,
        essential={uris[o]: tuple(uris[i] for i in e) for o, e, _ in data["relations"]},
        optional={uris[o]: tuple(uris[i] for i in p) for o, _, p in data["relations"]},
        categories=frozenset(uris[i] for i in data["categories"]),
        url=data.get("url", ""),
    )
