"""Remembered verification reports.

Reports are remembered (per process, bounded) by the document's content, so a
credential played or checked again is not re-canonicalized: a remembered report is
returned only when every input of the verification is unchanged *now* — each key
it resolved resolves to the same key, each status list it read has the same
content (read again, through the caller's fetcher), and no date in the credential
or its lists lies between the first verification and now. So a revocation, a key
change or an expiry shows exactly as a fresh verification would show it.

One allowance, for callers that use the default fetcher (the public API): a key or
list confirmed unchanged less than ``RECHECK_SECONDS`` ago is not read again. Any
change made in this process forgets those confirmations at once (signals below),
so a revocation shows immediately here and within ``RECHECK_SECONDS`` in the other
worker processes — far inside the ``max-age`` the status lists are published with.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models.signals import post_delete, post_save

from mixtape import KeyResolutionError, MixtapeError, Resolver, VerificationReport
from mixtape.resolve import VerificationMethod
from mixtape.vcdm import parse_datetime
from mixtape_site.credentials.models import StatusList
from mixtape_site.issuers.models import SigningKey
from mixtape_site.organizations.models import Organization

StatusFetcher = Callable[[str], Mapping[str, Any]]
# Keys resolved for one play or page: method id -> key, or the reason it failed.
KeyMemo = dict[str, VerificationMethod | str]

# Remembered reports per process; a report with its credential is a few KB.
REPORT_CACHE_SIZE = 1024
RECHECK_SECONDS = 1.0
_JWT = re.compile(r"^ey[\w-]*\.[\w-]+\.[\w-]*$")


def remembered_holds(
    entry: Remembered, *, resolver: MemoResolver, fetch: StatusFetcher, now: datetime,
    own_lists: bool,
) -> bool:  # fmt: skip
    """Whether ``entry`` is still the answer now. ``own_lists``: the caller reads lists the
    platform's way, so a confirmation from the last ``RECHECK_SECONDS`` counts."""
    confirmed = CONFIRMED if own_lists else None
    return entry.holds(resolver=resolver, fetch=fetch, now=now, confirmed=confirmed)


def verification_caches_clear() -> None:
    """Forget every remembered report (tests and benches start cold)."""
    REPORTS.clear()
    CONFIRMED.clear()


def _forget_confirmations(**_kwargs: Any) -> None:
    CONFIRMED.clear()


# A list re-signed, a key added or removed, an organization renamed (its did:web):
# the next verification in this process reads keys and lists again.
for _model in (StatusList, SigningKey, Organization):
    post_save.connect(_forget_confirmations, sender=_model, dispatch_uid=f"verifying-{_model}")
    post_delete.connect(_forget_confirmations, sender=_model, dispatch_uid=f"verifying-{_model}-")


# --- remembered reports ------------------------------------------------------------


class MemoResolver(Resolver):
    """The platform resolver, each answer kept in ``memo`` and noted in ``seen``."""

    def __init__(self, inner: Resolver, memo: KeyMemo | None) -> None:
        super().__init__()
        self._inner = inner
        self._memo: KeyMemo = {} if memo is None else memo
        self.seen: dict[str, VerificationMethod | str] = {}

    def resolve(self, verification_method_id: str) -> VerificationMethod:
        if not isinstance(verification_method_id, str):
            self.seen[repr(verification_method_id)] = "not a string"
            return self._inner.resolve(verification_method_id)
        answer = self._memo.get(verification_method_id)
        if answer is None:
            try:
                answer = self._inner.resolve(verification_method_id)
            except KeyResolutionError as error:
                answer = str(error)
            self._memo[verification_method_id] = answer
        self.seen[verification_method_id] = answer
        if isinstance(answer, str):
            raise KeyResolutionError(answer)
        return answer


class RecordingFetcher:
    """The caller's status-list fetcher, with the content digest of each list it read."""

    def __init__(self, fetch: StatusFetcher) -> None:
        self._fetch = fetch
        self.digests: dict[str, str | None] = {}
        self.documents: list[Mapping[str, Any]] = []

    def __call__(self, url: str) -> Mapping[str, Any]:
        self.digests[url] = None  # a failed fetch: the report is not remembered
        document = self._fetch(url)
        self.digests[url] = content_digest(document)
        self.documents.append(document)
        return document


@dataclass(frozen=True)
class Remembered:
    report: VerificationReport
    keys: tuple[tuple[str, VerificationMethod], ...]
    lists: tuple[tuple[str, str], ...]
    moments: tuple[datetime, ...]  # sorted: every date the verdict may turn on
    checked_at: datetime

    def holds(
        self,
        *,
        resolver: MemoResolver,
        fetch: StatusFetcher,
        now: datetime,
        confirmed: _Confirmations | None,
    ) -> bool:
        """Whether verifying again now would give this report: same keys, lists, dates."""
        low, high = sorted((self.checked_at, now))
        at = bisect_left(self.moments, low)
        if at < len(self.moments) and self.moments[at] <= high:
            return False
        known = confirmed or _Confirmations(0)  # remembers nothing: read everything again
        try:
            if any(
                known.read(f"key {m}", lambda m=m: resolver.resolve(m)) != key
                for m, key in self.keys
            ):
                return False
            return all(
                known.read(f"list {url}", lambda url=url: content_digest(fetch(url))) == digest
                for url, digest in self.lists
            )
        except MixtapeError:  # unreachable now: verify again, and report why
            return False


class _Confirmations:
    """What was read within the last ``seconds``, per process: a key, a list's digest."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._read: dict[str, tuple[object, float]] = {}
        self._lock = threading.Lock()

    def read(self, what: str, reader: Callable[[], object]) -> object:
        with self._lock:
            value, at = self._read.get(what, (None, 0.0))
        if value is not None and time.monotonic() - at < self._seconds:
            return value
        value = reader()
        if self._seconds:
            with self._lock:
                self._read[what] = (value, time.monotonic())
        return value

    def clear(self) -> None:
        with self._lock:
            self._read.clear()


def remember(
    digest: str,
    report: VerificationReport,
    document: Mapping[str, Any],
    *,
    resolver: MemoResolver,
    recorder: RecordingFetcher,
    now: datetime,
) -> None:
    keys = [(m, key) for m, key in resolver.seen.items() if not isinstance(key, str)]
    lists = [(url, d) for url, d in recorder.digests.items() if d is not None]
    if len(keys) < len(resolver.seen) or len(lists) < len(recorder.digests):
        return  # something could not be read: the next verification tries again
    moments = _moments([document, *recorder.documents])
    if moments is not None:
        REPORTS.put(digest, Remembered(report, tuple(keys), tuple(lists), moments, now))


def content_digest(document: Mapping[str, Any] | str) -> str | None:
    """SHA-256 of the JSON, keys sorted; None for a VC-JWT (its dates are encoded)."""
    if not isinstance(document, Mapping):
        return None
    try:
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def _moments(documents: list[Mapping[str, Any]]) -> tuple[datetime, ...] | None:
    """Every date in the documents, sorted; None if the verdict may turn on one we can't see
    (an embedded VC-JWT's ``exp``, a date without a time zone)."""
    moments = []
    for value in _strings(documents):
        if _JWT.match(value):
            return None
        moment = parse_datetime(value)
        if moment is not None:
            if moment.tzinfo is None:
                return None
            moments.append(moment)
    return tuple(sorted(moments))


def _strings(documents: list[Any]) -> Iterator[str]:
    stack = list(documents)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class _ReportCache:
    """A bounded, thread-safe LRU of remembered reports."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[str, Remembered] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, digest: str) -> Remembered | None:
        with self._lock:
            entry = self._entries.get(digest)
            if entry is not None:
                self._entries.move_to_end(digest)
            return entry

    def put(self, digest: str, entry: Remembered) -> None:
        with self._lock:
            self._entries[digest] = entry
            self._entries.move_to_end(digest)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


REPORTS = _ReportCache(REPORT_CACHE_SIZE)
CONFIRMED = _Confirmations(RECHECK_SECONDS)
