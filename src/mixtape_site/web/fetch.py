"""Fetching a URL someone gave us, without letting it reach the platform's own network.

Used for a learner's credential import and, when allowed, a verifier's remote keys
and status lists.

Every hop (the first URL and each redirect) is resolved and refused unless all of
its addresses are public; the connection then goes to the address that was
checked, so a DNS answer that changes between the check and the connection
(DNS rebinding) cannot slip a private address in. The body is read in chunks
and the fetch stops at the size cap or the deadline, whichever comes first.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# Read at call time (not as default arguments) so tests can shorten them.
FETCH_TIMEOUT = 5.0
FETCH_MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_USER_AGENT = "Mixtape/1.0 (+credential import and verification)"


class FetchError(Exception):
    """The URL could not be fetched; ``reason`` says which rule stopped it."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason  # one of the REASON_* values below


REASON_SCHEME = "scheme"
REASON_PRIVATE = "private"
REASON_UNREACHABLE = "unreachable"
REASON_TIMEOUT = "timeout"
REASON_TOO_LARGE = "too_large"
REASON_HTTP = "http_status"
REASON_REDIRECTS = "redirects"


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    body: bytes
    content_type: str


def address_allowed(address: str) -> bool:
    """Only globally routable unicast addresses: no loopback, private, link-local, reserved."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _checked_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(REASON_UNREACHABLE, f"cannot resolve {host}") from error
    addresses = [str(info[4][0]) for info in infos]
    if not addresses or not all(address_allowed(a) for a in addresses):
        raise FetchError(REASON_PRIVATE, f"{host} is not a public address")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the pinned address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def guarded_fetch(
    url: str,
    *,
    accept: str = "*/*",
    schemes: tuple[str, ...] = ("http", "https"),
    max_bytes: int | None = None,
) -> Fetched:
    """GET ``url`` from a public address, following redirects that keep to ``schemes``.

    ``max_bytes`` lowers the size cap (``FETCH_MAX_BYTES``) for this call.

    Raises:
        FetchError: a refused scheme or address, a network error, a timeout, an
            HTTP error status, too many redirects, or a body over the size cap.
    """
    deadline = time.monotonic() + FETCH_TIMEOUT
    for _hop in range(MAX_REDIRECTS + 1):
        limits = _Limits(schemes, min(max_bytes or FETCH_MAX_BYTES, FETCH_MAX_BYTES), deadline)
        status, location, fetched = _get_once(url, accept=accept, limits=limits)
        if fetched is not None:
            return fetched
        if not location:
            raise FetchError(REASON_HTTP, f"{status} without a Location")
        url = urljoin(url, location)
    raise FetchError(REASON_REDIRECTS, url)


@dataclass(frozen=True)
class _Limits:
    schemes: tuple[str, ...]
    max_bytes: int
    deadline: float


def _get_once(url: str, *, accept: str, limits: _Limits) -> tuple[int, str | None, Fetched | None]:
    parts = urlsplit(url)
    deadline = limits.deadline
    if parts.scheme not in limits.schemes or not parts.hostname:
        raise FetchError(REASON_SCHEME, url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _checked_address(parts.hostname, port)
    remaining = max(deadline - time.monotonic(), 0.01)
    cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = cls(parts.hostname, port, address=address, timeout=remaining)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    response: http.client.HTTPResponse | None = None
    try:
        connection.request("GET", path, headers={"Accept": accept, "User-Agent": _USER_AGENT})
        response = connection.getresponse()
        if response.status in _REDIRECTS:
            return response.status, response.getheader("Location"), None
        if response.status != 200:
            raise FetchError(REASON_HTTP, str(response.status))
        body = _read_capped(response, limits)
        content_type = response.headers.get_content_type()
    except TimeoutError as error:
        raise FetchError(REASON_TIMEOUT, url) from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(REASON_UNREACHABLE, str(error)) from error
    finally:
        if response is not None:
            response.close()  # the response holds its own reference to the socket
        connection.close()
    return 200, None, Fetched(url=url, body=body, content_type=content_type)


def _read_capped(response: http.client.HTTPResponse, limits: _Limits) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(REASON_TOO_LARGE, declared)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(REASON_TOO_LARGE, f"over {limits.max_bytes} bytes")
        if time.monotonic() > limits.deadline:  # a server dripping bytes slowly
            raise FetchError(REASON_TIMEOUT, "the response took too long")
        chunks.append(chunk)
    return b"".join(chunks)
