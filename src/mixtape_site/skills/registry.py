"""Every skills framework the platform knows: the bundled ESCO and the imported ones.

Imported frameworks are rebuilt from their CSV when their ``imported_at`` stamp
changes, so a re-import in one process is seen by every other process on its
next look-up (one small query), without a cache server.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterable
from datetime import datetime

from mixtape.errors import InvalidInputError
from mixtape.skills import (
    SKILL_KINDS,
    Concept,
    Framework,
    Kind,
    Suggestion,
    framework_from_csv,
    load_framework,
    suggest,
    warm_up,
)
from mixtape_site.skills.models import ImportedFramework

ESCO_ID = "esco"

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_built: dict[str, tuple[datetime, Framework]] = {}
_warming: list[threading.Thread] = []


def esco() -> Framework:
    """The bundled ESCO v1.1.1 (loaded once per process)."""
    return load_framework(ESCO_ID)


def framework_build(row: ImportedFramework) -> Framework:
    """The in-memory framework of an imported row (its CSV was checked on import)."""
    relations = io.StringIO(row.relations_csv) if row.relations_csv.strip() else None
    return framework_from_csv(
        io.StringIO(row.concepts_csv), id=row.id, name=row.name, version=row.version,
        attribution=row.attribution, relations=relations, url=row.url,
    )  # fmt: skip


def _imported() -> dict[str, Framework]:
    stamps = dict(ImportedFramework.objects.values_list("id", "imported_at"))
    with _lock:
        for gone in set(_built) - set(stamps):
            del _built[gone]
        for framework_id, stamp in stamps.items():
            if framework_id not in _built or _built[framework_id][0] != stamp:
                _rebuild(framework_id, stamp)
        return {fid: _built[fid][1] for fid in stamps if fid in _built}


def _rebuild(framework_id: str, stamp: datetime) -> None:
    row = ImportedFramework.objects.filter(pk=framework_id).first()
    try:
        built = framework_build(row) if row is not None else None
    except InvalidInputError:
        # Only a CSV edited behind the services' back gets here: leave it out, keep serving.
        logger.exception("The imported framework %s cannot be read", framework_id)
        built = None
    if built is None:
        _built.pop(framework_id, None)
    else:
        _built[framework_id] = (stamp, built)


def frameworks() -> dict[str, Framework]:
    """Every framework by id: ESCO first, then the imported ones by name."""
    return {ESCO_ID: esco(), **_imported()}


def framework(framework_id: str) -> Framework | None:
    """The framework with this id, or None."""
    if framework_id == ESCO_ID:
        return esco()
    return _imported().get(framework_id)


def concept(uri: str, *, among: Iterable[Framework] | None = None) -> Concept | None:
    """The concept with this URI, or None.

    Args:
        uri: the concept's URI.
        among: the frameworks to search, e.g. ``frameworks().values()`` when looking up
            many URIs; by default every framework, ESCO first (without a query).
    """
    if among is None:
        found = esco().concepts.get(uri)
        if found is not None:
            return found
        among = _imported().values()
    return next((fw.concepts[uri] for fw in among if uri in fw.concepts), None)


def suggestions(
    text: str, *, language: str, limit: int = 10, kinds: Iterable[Kind] = SKILL_KINDS
) -> list[Suggestion]:
    """Autocomplete across every framework: exact matches before corrected ones."""
    for thread in _warming:  # building the same index twice at once would take longer
        thread.join()
    found = [
        (position, suggestion)
        for candidate in frameworks().values()
        for position, suggestion in enumerate(
            suggest(candidate, text, language=language, limit=limit, kinds=kinds)
        )
    ]
    found.sort(key=lambda item: (item[1].fuzzy, item[0]))
    return [suggestion for _, suggestion in found[:limit]]


def suggest_index_warm() -> None:
    """Build ESCO's autocomplete index in the background, once per process.

    Called when a page with a skills search opens, so the first keystroke does not
    wait the second or so the index takes to build.
    """
    with _lock:
        if _warming:
            return
        thread = threading.Thread(target=_warm, name="skills-warm-up", daemon=True)
        _warming.append(thread)
    thread.start()


def _warm() -> None:
    warm_up(esco())  # every index: autocomplete, job-posting matcher, occupations
