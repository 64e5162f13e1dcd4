"""Reads for the credentials pages: searches, counts, the audit trail, claim lookups.

An issuer may hold a million credentials, so the award list never counts them all:
counts stop at ``COUNT_CAP`` (the page says "more than 10,000") and pages past it
are out of range; narrowing the search is the way further. The list reads the
``credential_newest_first`` index; the search's ``icontains`` is answered by trigram
indexes on PostgreSQL (migration 0003) and by a scan on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential, StatusChange
from mixtape_site.organizations.models import Organization


def credential_list(
    *,
    organization: Organization,
    query: str = "",
    achievement: Achievement | None = None,
    state: str = "",
) -> QuerySet[IssuedCredential]:
    """The organization's credentials, newest first, filtered as the issuer asked."""
    credentials = (
        IssuedCredential.objects.filter(organization=organization)
        .select_related("achievement")
        .defer("document")  # a signed document per row: the list shows none of it
    )
    query = query.strip()
    if query:
        credentials = credentials.filter(_matching(query))
    if achievement is not None:
        credentials = credentials.filter(achievement=achievement)
    if state:
        credentials = credentials.filter(state=state)
    return credentials


def _matching(query: str) -> Q:
    """Part of a name, an external id or an e-mail address (the last only for a query
    without spaces: addresses have none, and each column searched costs an index scan)."""
    found = Q(recipient_name__icontains=query) | Q(external_id__icontains=query)
    if not any(character.isspace() for character in query):
        found |= Q(recipient_email__icontains=query)
    return found


COUNT_CAP = 10_000


def capped_count(rows: QuerySet[Any], *, cap: int | None = None) -> int:
    """How many rows, counting at most ``cap + 1`` (default ``COUNT_CAP``): above means more."""
    cap = COUNT_CAP if cap is None else cap
    return rows.order_by()[: cap + 1].count()


def credential_counts(*, organization: Organization) -> dict[str, int]:
    """How many credentials the organization has in each state, and in all.

    Each count stops at ``COUNT_CAP + 1``: a value above ``COUNT_CAP`` means more.
    """
    issued = IssuedCredential.objects.filter(organization=organization)
    counts = {
        state: capped_count(issued.filter(state=state)) for state in IssuedCredential.State.values
    }
    counts["all"] = min(sum(counts.values()), COUNT_CAP + 1)  # above the cap: "more than"
    return counts


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows: the pages past them are out of range."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, *, cap: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def found(self) -> int:
        return capped_count(self.object_list, cap=self.cap)

    @cached_property
    def count(self) -> int:
        return min(self.found, self.cap)

    @property
    def more(self) -> bool:
        """Whether rows lie past the cap (the count shown is "more than …")."""
        return self.found > self.cap


def credential_page(*, credentials: QuerySet[IssuedCredential], number: Any, size: int) -> Page:
    """One page of ``credentials``: the last page for a number past the end, the first for junk."""
    return CappedPaginator(credentials, size).get_page(number)


@dataclass(frozen=True)
class SearchPage:
    """A page of search results, found without counting them: ``size + 1`` rows say
    whether another page follows. A part-of-a-word search walks index lists that grow
    with the table; counting every match would walk them twice per page."""

    object_list: list[IssuedCredential]
    number: int
    more: bool

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.more

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.more

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def credential_search_page(
    *, credentials: QuerySet[IssuedCredential], number: Any, size: int
) -> SearchPage:
    """One page of search results; junk is page 1, and pages stop at ``COUNT_CAP`` rows."""
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    wanted = min(max(wanted, 1), max(COUNT_CAP // size, 1))
    start = (wanted - 1) * size
    rows = list(credentials[start : start + size + 1])
    return SearchPage(rows[:size], wanted, more=len(rows) > size and start + size < COUNT_CAP)


def credential_of(*, organization: Organization, uuid: Any) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("achievement", "issued_by", "claimed_by")
        .filter(organization=organization, uuid=uuid)
        .first()
    )


def status_history(*, credential: IssuedCredential) -> QuerySet[StatusChange]:
    return credential.status_changes.select_related("actor")


def status_changes_of(*, organization: Organization) -> QuerySet[StatusChange]:
    """The organization's audit trail, newest first."""
    return StatusChange.objects.filter(credential__organization=organization).select_related(
        "credential", "credential__achievement", "actor"
    )


def achievements_of(*, organization: Organization) -> QuerySet[Achievement]:
    return Achievement.objects.filter(organization=organization).order_by("id")


def credential_by_claim_token(*, token: str) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("organization", "achievement", "claimed_by")
        .filter(claim_token=token)
        .first()
    )
