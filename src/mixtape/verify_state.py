"""The state one `verify` call carries through its checks (see mixtape.verify)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mixtape.embedded import Budget
from mixtape.errors import MixtapeError
from mixtape.jsonld import DocumentLoader
from mixtape.proofs import ProofResult, Suite
from mixtape.report import VerificationReport
from mixtape.resolve import Resolver
from mixtape.status_check import ListVerifier, StatusFetcher
from mixtape.vcjwt import JwtResult


@dataclass(slots=True)
class Memo:
    """Status lists fetched and verified in one `verify` call, nested ones included.

    A CLR's credentials, or one credential's entries, often name the same list.
    Its report depends only on the suites, keys, loader and clock, which nested
    verifications share; reports are kept by identity of the fetched document.
    """

    fetched: dict[str, Mapping[str, Any] | MixtapeError] = field(default_factory=dict)
    reports: dict[int, tuple[Mapping[str, Any], VerificationReport]] = field(default_factory=dict)

    def fetch(self, url: str, fetcher: StatusFetcher) -> Mapping[str, Any]:
        if url not in self.fetched:
            try:
                self.fetched[url] = fetcher(url)
            except MixtapeError as error:  # "could not be fetched", for every entry
                self.fetched[url] = error
        found = self.fetched[url]
        if isinstance(found, MixtapeError):
            raise found
        return found

    def report(self, document: Mapping[str, Any], verify_list: ListVerifier) -> VerificationReport:
        found = self.reports.get(id(document))
        if found is None or found[0] is not document:
            found = self.reports[id(document)] = (document, verify_list(document))
        return found[1]


@dataclass(frozen=True, slots=True)
class Options:
    suites: Sequence[Suite]
    resolver: Resolver
    loader: DocumentLoader
    now: datetime
    status_fetcher: StatusFetcher | None
    recipient: str | None
    endorsements: bool = True
    embedded: bool = True
    depth: int = 0  # how deep inside records that embed credentials
    budget: Budget = field(default_factory=Budget)
    memo: Memo = field(default_factory=Memo)


@dataclass(slots=True)
class State:
    credential: dict[str, Any]
    options: Options
    jwt: JwtResult | None = None
    proofs: list[ProofResult] = field(default_factory=list)
