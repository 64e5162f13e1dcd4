"""W3C Bitstring Status List v1.0: build, encode, decode and check status lists.

A status list is a bitstring published inside a ``BitstringStatusListCredential``;
each credential points at one position of it with a ``BitstringStatusListEntry``.
Index 0 is the left-most (most significant) bit of the first byte, as the spec
requires. The published form is GZIP, then base64url without padding, behind the
multibase prefix ``u``.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mixtape.errors import StatusListError
from mixtape.i18n import N_, Message
from mixtape.values import as_list

__all__ = [
    "MAX_DECODED_BYTES",
    "MIN_ENTRIES",
    "STATUS_PURPOSES",
    "StatusList",
    "StatusResult",
    "check_status",
    "status_entry",
    "status_list_credential",
]

MIN_ENTRIES = 131_072
"""The spec's minimum number of entries (16 KB of single bits), for herd privacy."""

MAX_DECODED_BYTES = 16 * 1024 * 1024
"""Cap on a decompressed list: gzip turns a few kilobytes into gigabytes if asked."""

STATUS_PURPOSES = ("revocation", "suspension", "message", "refresh")

_VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
# Even a list of random bits compresses to about its own size; anything much
# longer than the decompression cap is not a status list.
_MAX_ENCODED_CHARS = MAX_DECODED_BYTES * 2


class StatusList:
    """A mutable bitstring; index 0 is the most significant bit of byte 0."""

    def __init__(self, bits: bytes | bytearray) -> None:
        if not bits:
            raise StatusListError("a status list needs at least one byte")
        self._bits = bytearray(bits)

    @classmethod
    def create(cls, *, length: int = MIN_ENTRIES) -> StatusList:
        """Return an all-zero list of ``length`` bits.

        Raises:
            StatusListError: ``length`` is under the spec minimum or not a multiple of 8.
        """
        if length < MIN_ENTRIES or length % 8:
            raise StatusListError(
                f"a status list holds a multiple of 8 bits, at least {MIN_ENTRIES:,}; "
                f"got {length:,}"
            )
        return cls(bytes(length // 8))

    @property
    def length(self) -> int:
        """Number of bits in the list."""
        return len(self._bits) * 8

    def get(self, index: int) -> bool:
        """Return whether the bit at ``index`` is set."""
        self._check_range(index, 1)
        return bool(self._bits[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool = True) -> None:
        """Set (or, with ``value=False``, clear) the bit at ``index``."""
        self._check_range(index, 1)
        mask = 0x80 >> (index % 8)
        if value:
            self._bits[index // 8] |= mask
        else:
            self._bits[index // 8] &= ~mask & 0xFF

    def clear(self, index: int) -> None:
        """Clear the bit at ``index``."""
        self.set(index, False)

    def get_value(self, index: int, *, size: int) -> int:
        """Return entry ``index`` of a list whose entries are ``size`` bits wide."""
        start = index * size
        self._check_range(start, size)
        value = 0
        for position in range(start, start + size):
            value = (value << 1) | self.get(position)
        return value

    def set_value(self, index: int, value: int, *, size: int) -> None:
        """Store ``value`` in entry ``index`` of ``size``-bit entries, high bit first."""
        if not 0 <= value < (1 << size):
            raise StatusListError(f"status value {value} does not fit in {size} bit(s)")
        start = index * size
        self._check_range(start, size)
        for offset in range(size):
            self.set(start + offset, bool(value >> (size - 1 - offset) & 1))

    def encode(self) -> str:
        """Return the multibase (``u``) base64url form of the gzipped bitstring."""
        # mtime=0 keeps the output identical for identical lists.
        compressed = gzip.compress(bytes(self._bits), mtime=0)
        return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, encoded_list: str) -> StatusList:
        """Parse an ``encodedList`` value.

        Raises:
            StatusListError: not multibase base64url, not gzip, empty, or too big.
        """
        return cls(_gunzip_capped(_multibase_base64url_decode(encoded_list)))

    def to_bytes(self) -> bytes:
        """Return the raw (uncompressed) bitstring."""
        return bytes(self._bits)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StatusList) and self._bits == other._bits

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def _check_range(self, start: int, size: int) -> None:
        if size < 1:
            raise StatusListError(f"status size must be at least 1, got {size}")
        if start < 0 or start + size > self.length:
            raise StatusListError(f"index {start} is outside a list of {self.length:,} bits")


def _multibase_base64url_decode(encoded_list: str) -> bytes:
    if not isinstance(encoded_list, str) or not encoded_list.startswith("u"):
        raise StatusListError("encodedList must be multibase base64url (starting with 'u')")
    body = encoded_list[1:]
    if len(body) > _MAX_ENCODED_CHARS:
        raise StatusListError("encodedList is too long")
    if not _BASE64URL.fullmatch(body):
        raise StatusListError("encodedList is not base64url without padding")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except binascii.Error as error:
        raise StatusListError(f"encodedList is not valid base64url: {error}") from error


def _gunzip_capped(compressed: bytes) -> bytes:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing only
    try:
        bits = decompressor.decompress(compressed, MAX_DECODED_BYTES + 1)
    except zlib.error as error:
        raise StatusListError(f"encodedList is not GZIP data: {error}") from error
    if len(bits) > MAX_DECODED_BYTES or decompressor.unconsumed_tail:
        raise StatusListError(
            f"encodedList expands past {MAX_DECODED_BYTES // (1024 * 1024)} MB; refused"
        )
    if not decompressor.eof or decompressor.unused_data:
        raise StatusListError("encodedList is truncated or has trailing data after the GZIP")
    return bits


def _xsd_datetime(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise StatusListError("dates must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_list_credential(
    *,
    id: str,
    issuer: str | Mapping[str, Any],
    purpose: str,
    status_list: StatusList,
    valid_from: datetime,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """Build an unsigned ``BitstringStatusListCredential`` (VC 2.0).

    Args:
        id: URL the list credential will be published at (entries point here).
        issuer: issuer URL/DID, or an issuer object.
        purpose: one of ``STATUS_PURPOSES``.
        status_list: the bits to publish.
        valid_from, valid_until: timezone-aware validity period.

    Returns:
        The credential, ready to be signed by ``mixtape.proofs``.

    Raises:
        StatusListError: unknown purpose or naive dates.
    """
    _require_known_purpose(purpose)
    credential: dict[str, Any] = {
        "@context": [_VC_V2_CONTEXT],
        "id": id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer if isinstance(issuer, str) else dict(issuer),
        "validFrom": _xsd_datetime(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = _xsd_datetime(valid_until)
    credential["credentialSubject"] = {
        "id": f"{id}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": status_list.encode(),
    }
    return credential


def status_entry(
    *,
    list_credential_id: str,
    index: int,
    purpose: str,
    status_size: int = 1,
    status_messages: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """Build the ``credentialStatus`` entry pointing at ``index`` of a list.

    ``status_messages`` maps each possible value to its message; the spec
    requires one for every value when ``status_size`` is above 1.

    Raises:
        StatusListError: unknown purpose, negative index, or incomplete messages.
    """
    _require_known_purpose(purpose)
    if index < 0:
        raise StatusListError(f"statusListIndex must be 0 or more, got {index}")
    entry: dict[str, Any] = {
        "id": f"{list_credential_id}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_credential_id,
    }
    if status_size != 1:
        entry["statusSize"] = status_size
    if status_messages is not None or status_size > 1:
        messages = status_messages or {}
        if sorted(messages) != list(range(1 << status_size)):
            raise StatusListError(
                f"statusMessage needs one message per value 0..{(1 << status_size) - 1}"
            )
        entry["statusMessage"] = [
            {"status": hex(value), "message": messages[value]} for value in sorted(messages)
        ]
    return entry


def _require_known_purpose(purpose: str) -> None:
    if purpose not in STATUS_PURPOSES:
        raise StatusListError(
            f"statusPurpose must be one of {', '.join(STATUS_PURPOSES)}; got {purpose!r}"
        )


@dataclass(frozen=True)
class StatusResult:
    """What a status check found. ``error`` is set when the status could not be read.

    ``is_set`` is True when the entry's value is non-zero: for ``revocation`` the
    credential is revoked, for ``suspension`` it is suspended. ``status`` is the
    entry's value (0 or 1 unless ``statusSize`` is larger).
    """

    purpose: str | None
    index: int | None
    is_set: bool = False
    status: int = 0
    message: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    # The same error and warnings as translatable templates (see mixtape.i18n).
    error_text: Message | None = field(default=None, compare=False, repr=False)
    warning_texts: tuple[Message, ...] = field(default=(), compare=False, repr=False)


class _StatusCheckFailed(Exception):
    """Internal: stops a check with the message that goes into StatusResult.error."""

    def __init__(self, template: str | Message, /, **params: object) -> None:
        self.text = template if isinstance(template, Message) else Message.of(template, **params)
        super().__init__(str(self.text))


@dataclass(frozen=True)
class _Entry:
    purpose: str
    index: int
    size: int
    list_url: str
    messages: dict[int, str]


def check_status(
    entry: Mapping[str, Any],
    list_credential: Mapping[str, Any],
    *,
    minimum_entries: int = MIN_ENTRIES,
    require_matching_id: bool = True,
) -> StatusResult:
    """Read the status an entry points at, in an already fetched list credential.

    The list credential's proof and validity period are the caller's to verify
    (the spec demands it); this checks shapes, purpose, length and the bit.

    Args:
        entry: a ``BitstringStatusListEntry`` (a credential's ``credentialStatus``).
        list_credential: the ``BitstringStatusListCredential`` it points at.
        minimum_entries: the herd-privacy minimum; lower only for an ecosystem that says so.
        require_matching_id: when False, a list whose ``id`` differs from the entry's
            ``statusListCredential`` only earns a warning (the spec makes that ``id``
            optional, and some published samples do not match).

    Returns:
        A StatusResult; it never raises for bad input.
    """
    warnings: list[Message] = []
    purpose, index = _peek(entry)
    try:
        parsed = _parse_entry(entry, warnings)
        purpose, index = parsed.purpose, parsed.index
        subject = _list_subject(list_credential, parsed, warnings, require_matching_id)
        encoded_list = subject.get("encodedList")
        if not isinstance(encoded_list, str):
            raise _StatusCheckFailed(N_("the status list has no encodedList string"))
        status_list = StatusList.decode(encoded_list)
        value = _read_value(status_list, parsed, minimum_entries)
    except _StatusCheckFailed as error:
        return _unreadable(purpose, index, error.text, warnings)
    except StatusListError as error:
        return _unreadable(purpose, index, Message.verbatim(str(error)), warnings)
    return StatusResult(
        purpose=parsed.purpose,
        index=parsed.index,
        is_set=value != 0,
        status=value,
        message=parsed.messages.get(value),
        warnings=[str(w) for w in warnings],
        warning_texts=tuple(warnings),
    )


def _unreadable(
    purpose: str | None, index: int | None, error: Message, warnings: list[Message]
) -> StatusResult:
    return StatusResult(
        purpose=purpose,
        index=index,
        error=str(error),
        warnings=[str(w) for w in warnings],
        error_text=error,
        warning_texts=tuple(warnings),
    )


def _peek(entry: object) -> tuple[str | None, int | None]:
    """Best-effort purpose and index for an error report about a malformed entry."""
    if not isinstance(entry, Mapping):
        return None, None
    purpose = entry.get("statusPurpose")
    raw_index = entry.get("statusListIndex")
    index = int(raw_index) if isinstance(raw_index, str) and raw_index.isdecimal() else None
    return (purpose if isinstance(purpose, str) else None), index


def _parse_entry(entry: object, warnings: list[Message]) -> _Entry:
    if not isinstance(entry, Mapping):
        raise _StatusCheckFailed(N_("credentialStatus is not an object"))
    if "BitstringStatusListEntry" not in as_list(entry.get("type")):
        raise _StatusCheckFailed(N_("credentialStatus type is not BitstringStatusListEntry"))
    purpose = entry.get("statusPurpose")
    if not isinstance(purpose, str) or not purpose:
        raise _StatusCheckFailed(N_("credentialStatus.statusPurpose must be a string"))
    list_url = entry.get("statusListCredential")
    if not isinstance(list_url, str) or not list_url:
        raise _StatusCheckFailed(N_("credentialStatus.statusListCredential must be a URL"))
    size = entry.get("statusSize", 1)
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 32:
        raise _StatusCheckFailed(N_("credentialStatus.statusSize must be an integer from 1 to 32"))
    return _Entry(
        purpose=purpose,
        index=_parse_index(entry.get("statusListIndex"), warnings),
        size=size,
        list_url=list_url,
        messages=_parse_messages(entry.get("statusMessage"), size),
    )


def _parse_index(raw: object, warnings: list[Message]) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        # Seen in the wild (1EdTech samples); the spec asks for a base-10 string.
        warnings.append(
            Message.of(N_("statusListIndex should be a string of digits, not a JSON number"))
        )
        return raw
    if isinstance(raw, str) and raw.isascii() and raw.isdecimal() and len(raw) <= 12:
        return int(raw)
    raise _StatusCheckFailed(
        N_("credentialStatus.statusListIndex is not a base-10 integer: {value}"), value=repr(raw)
    )


def _parse_messages(raw: object, size: int) -> dict[int, str]:
    if raw is None:
        if size > 1:
            raise _StatusCheckFailed(N_("statusMessage is required when statusSize is above 1"))
        return {}
    if not isinstance(raw, list) or len(raw) != 1 << size:
        raise _StatusCheckFailed(
            N_("statusMessage must list {count} messages for statusSize {size}"),
            count=1 << size,
            size=size,
        )
    messages: dict[int, str] = {}
    for item in raw:
        status = item.get("status") if isinstance(item, Mapping) else None
        message = item.get("message") if isinstance(item, Mapping) else None
        if not isinstance(status, str) or not isinstance(message, str):
            raise _StatusCheckFailed(N_("each statusMessage needs string 'status' and 'message'"))
        try:
            messages[int(status, 16)] = message
        except ValueError as error:
            raise _StatusCheckFailed(
                N_("statusMessage status {value} is not hexadecimal"), value=repr(status)
            ) from error
    return messages


def _list_subject(
    list_credential: object,
    entry: _Entry,
    warnings: list[Message],
    require_matching_id: bool,
) -> Mapping[str, Any]:
    if not isinstance(list_credential, Mapping):
        raise _StatusCheckFailed(N_("the status list credential is not an object"))
    if "BitstringStatusListCredential" not in as_list(list_credential.get("type")):
        raise _StatusCheckFailed(
            N_("the status list credential's type lacks BitstringStatusListCredential")
        )
    if list_credential.get("id") != entry.list_url:
        mismatch = Message.of(
            N_(
                "the status list credential's id {id} is not the entry's statusListCredential {url}"
            ),
            id=repr(list_credential.get("id")),
            url=repr(entry.list_url),
        )
        if require_matching_id:
            raise _StatusCheckFailed(mismatch)
        warnings.append(mismatch)
    subject = list_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or "BitstringStatusList" not in as_list(
        subject.get("type")
    ):
        raise _StatusCheckFailed(
            N_("the status list credential's subject is not a BitstringStatusList")
        )
    if entry.purpose not in as_list(subject.get("statusPurpose")):
        raise _StatusCheckFailed(
            N_("entry purpose {purpose} is not a purpose of the list ({purposes})"),
            purpose=repr(entry.purpose),
            purposes=repr(subject.get("statusPurpose")),
        )
    return subject


def _read_value(status_list: StatusList, entry: _Entry, minimum_entries: int) -> int:
    if status_list.length // entry.size < minimum_entries:
        raise _StatusCheckFailed(
            N_("the status list has {count} entries, under the minimum of {minimum}"),
            count=f"{status_list.length // entry.size:,}",
            minimum=f"{minimum_entries:,}",
        )
    if (entry.index + 1) * entry.size > status_list.length:
        raise _StatusCheckFailed(
            N_("statusListIndex {index} is outside the list"), index=entry.index
        )
    return status_list.get_value(entry.index, size=entry.size)
