"""How the platform resolves keys and status lists when it verifies a credential.

Documents the platform publishes itself (its issuers' did:web documents and
status lists) are read from the database, never over the network. Anything
else is fetched only when ``MIXTAPE_VERIFY_FETCH_REMOTE`` is on, and then only
over HTTPS to public addresses, with a size cap and a timeout (no SSRF into
the platform's own network).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from mixtape import KeyResolutionError, Resolver, https_fetch_json

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


def refuse_private_address(url: str) -> None:
    """Raise unless ``url`` is https and its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise KeyResolutionError(f"only https URLs are fetched: {url}")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as error:
        raise KeyResolutionError(f"cannot resolve {parts.hostname}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise KeyResolutionError(f"{parts.hostname} is not a public address")


def fetch_json(url: str) -> Mapping[str, Any]:
    """Local documents from the database; remote ones only if allowed, with limits."""
    document = local_document(url)
    if document is not None:
        return document
    if is_platform_url(url) or not getattr(settings, "MIXTAPE_VERIFY_FETCH_REMOTE", False):
        raise KeyResolutionError(f"{url} is not a document this platform can resolve")
    refuse_private_address(url)
    return https_fetch_json(url, timeout=5.0, max_bytes=512_000)


def platform_resolver() -> Resolver:
    return Resolver(fetch_json=fetch_json)
