"""Offline JSON-LD document loader over the bundled, SHA-256-pinned contexts.

Mixtape never dereferences a context URL over the network: a credential may
only use contexts shipped in ``contexts/`` and listed in ``contexts/index.json``.
Each file is checked against its pinned SHA-256 the first time it is loaded, so
a context edited on disk (which would change what a signature covers) is refused.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from mixtape.errors import ContextNotBundledError, JsonLdError

__all__ = [
    "CONTEXT_URLS",
    "ContextBundle",
    "DocumentLoader",
    "bundled_loader",
    "load_bundle",
]

#: pyld's document loader signature: ``loader(url, options) -> RemoteDocument``.
DocumentLoader = Callable[[str, "dict[str, Any] | None"], dict[str, Any]]

_INDEX_FILE = "index.json"
_CONTENT_TYPE = "application/ld+json"


@dataclass(frozen=True)
class _Pin:
    file: str
    sha256: str


class ContextBundle:
    """A directory of context files plus the index that pins them.

    Instances are document loaders: call one with a URL. Parsed contexts are
    cached for the life of the instance; callers get a deep copy because pyld
    rewrites parts of a loaded context in place.
    """

    def __init__(self, directory: Traversable, pins: Mapping[str, _Pin]) -> None:
        self._directory = directory
        self._pins = dict(pins)
        self._parsed: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    @property
    def urls(self) -> frozenset[str]:
        """The context URLs this bundle can serve."""
        return frozenset(self._pins)

    def __call__(self, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        """Return the context at ``url`` as a pyld RemoteDocument.

        Raises:
            ContextNotBundledError: ``url`` is not in the bundle.
            JsonLdError: the file does not match its pinned SHA-256.
        """
        return {
            "contentType": _CONTENT_TYPE,
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(self.document(url)),
        }

    def document(self, url: str) -> dict[str, Any]:
        """The parsed context at ``url`` (shared: do not mutate)."""
        parsed = self._parsed.get(url)
        if parsed is None:
            with self._lock:
                parsed = self._parsed.get(url) or self._read_verified(url)
                self._parsed[url] = parsed
        return parsed

    def _read_verified(self, url: str) -> dict[str, Any]:
        pin = self._pins.get(url)
        if pin is None:
            raise ContextNotBundledError(
                f"context {url} is not bundled; Mixtape never fetches remote contexts"
            )
        data = self._directory.joinpath(pin.file).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != pin.sha256:
            raise JsonLdError(
                f"bundled context file {pin.file} for {url} does not match its pinned "
                f"SHA-256 (expected {pin.sha256}, found {digest}); refusing to use it"
            )
        document = json.loads(data)
        if not isinstance(document, dict):
            raise JsonLdError(f"bundled context file {pin.file} is not a JSON object")
        return document


def load_bundle(directory: Traversable | Path | str) -> ContextBundle:
    """Build a document loader from a directory holding ``index.json`` and contexts.

    Args:
        directory: folder with ``index.json`` (``{"contexts": {url: {"file", "sha256"}}}``)
            and the files it names.

    Returns:
        A :class:`ContextBundle`, usable wherever a document loader is expected.

    Raises:
        JsonLdError: the index is missing or malformed.
    """
    folder = Path(directory) if isinstance(directory, str) else directory
    try:
        index = json.loads(folder.joinpath(_INDEX_FILE).read_bytes())
        pins = {
            url: _Pin(file=entry["file"], sha256=entry["sha256"])
            for url, entry in index["contexts"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise JsonLdError(f"cannot read the context index in {folder}: {error}") from error
    return ContextBundle(folder, pins)


_DEFAULT_BUNDLE = load_bundle(resources.files("mixtape.jsonld").joinpath("contexts"))

#: Every context URL Mixtape can process.
CONTEXT_URLS: frozenset[str] = _DEFAULT_BUNDLE.urls


def bundled_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Load a bundled context as a pyld RemoteDocument; never touches the network.

    Args:
        url: the context URL, matched exactly.
        options: pyld's loader options (unused).

    Returns:
        ``{"contentType", "contextUrl", "documentUrl", "document"}``.

    Raises:
        ContextNotBundledError: ``url`` is not a bundled context.
        JsonLdError: the bundled file does not match its pinned SHA-256.
    """
    return _DEFAULT_BUNDLE(url, options)
