"""How the platform resolves keys and status lists when it verifies a credential.

Documents the platform publishes itself (its issuers' did:web documents and
status lists) are read from the database, never over the network. Anything
else is fetched only when ``MIXTAPE_VERIFY_FETCH_REMOTE`` is on, and then only
over HTTPS, through the guarded fetcher of ``web.fetch``: public addresses only,
pinned against DNS rebinding, with a size cap and a timeout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from mixtape import KeyResolutionError, Resolver
from mixtape_site.web.fetch import FetchError, guarded_fetch

ACCEPT = "application/did+ld+json, application/did+json, application/ld+json, application/json"

LocalDocument = Callable[[Mapping[str, Any]], Mapping[str, Any] | None]


def is_platform_url(url: str) -> bool:
    """Whether ``url`` is on the platform's own host (any scheme: did:web says https)."""
    return urlsplit(url).netloc == urlsplit(settings.MIXTAPE_BASE_URL).netloc


def local_document(url: str) -> Mapping[str, Any] | None:
    """The platform's own document at ``url`` (DID document, status list…), if any.

    Views that publish documents declare ``local_document=<callable>`` in their
    URL pattern's kwargs; the callable builds the JSON from the database.
    """
    if not is_platform_url(url):
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    builder = match.func.__dict__.get("local_document")
    return builder(match.kwargs) if builder else None


def fetch_json(url: str) -> Mapping[str, Any]:
    """Local documents from the database; remote ones only if allowed, with limits."""
    document = local_document(url)
    if document is not None:
        return document
    if is_platform_url(url) or not getattr(settings, "MIXTAPE_VERIFY_FETCH_REMOTE", False):
        raise KeyResolutionError(f"{url} is not a document this platform can resolve")
    try:
        fetched = guarded_fetch(url, accept=ACCEPT, schemes=("https",), max_bytes=512_000)
        document = json.loads(fetched.body)
    except (FetchError, ValueError) as error:
        raise KeyResolutionError(f"cannot fetch {url}: {error}") from error
    if not isinstance(document, dict):
        raise KeyResolutionError(f"{url} is not a JSON object")
    return document


def platform_resolver() -> Resolver:
    return Resolver(fetch_json=fetch_json)
