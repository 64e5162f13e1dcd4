"""The result of a verification: named checks, never an exception.

Shaped like Digital Bazaar's `{verified, log: [{id, valid}]}` so that tools
written for one read the other, with a plain-language message on each check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mixtape.i18n import Message


class Status(StrEnum):
    PASSED = "passed"
    WARNING = "warning"  # passed, with something the verifier should know
    FAILED = "failed"
    SKIPPED = "skipped"  # does not apply to this credential


@dataclass(frozen=True, slots=True)
class Check:
    """One named check. ``message`` and ``details`` are English.

    A check made with `Check.of` also keeps its messages as templates, so that
    `message_in` and `details_in` can say them in another language.
    """

    id: str
    status: Status
    message: str
    details: tuple[str, ...] = ()
    text: Message | None = field(default=None, compare=False, repr=False)
    detail_texts: tuple[Message, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def of(
        cls,
        check_id: str,
        status: Status,
        template: str | Message,
        /,
        *,
        details: Iterable[Message | str] = (),
        **params: object,
    ) -> Check:
        """A check whose message is ``template`` (marked with ``N_``) filled with ``params``.

        Plain strings in ``details`` are kept as they are, in every language.
        """
        text = template if isinstance(template, Message) else Message.of(template, **params)
        items = tuple(d if isinstance(d, Message) else Message.verbatim(d) for d in details)
        return cls(check_id, status, str(text), tuple(str(d) for d in items), text, items)

    def message_in(self, language: str | None) -> str:
        """The message in ``language``; English when it has no translation."""
        return self.text.in_language(language) if self.text is not None else self.message

    def details_in(self, language: str | None) -> tuple[str, ...]:
        """The details in ``language``; English when they have no translation."""
        if len(self.detail_texts) != len(self.details):
            return self.details
        return tuple(d.in_language(language) for d in self.detail_texts)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "status": str(self.status), "message": self.message}
        if self.details:
            data["details"] = list(self.details)
        return data


@dataclass(frozen=True, slots=True)
class VerificationReport:
    """What `verify()` found. `verified` is true only when no check failed.

    ``endorsements`` and ``credentials`` (the credentials a CLR embeds) hold the
    reports of the credentials verified inside this one, in document order.
    """

    checks: tuple[Check, ...]
    credential: Mapping[str, Any] | None = None
    endorsements: tuple[VerificationReport, ...] = field(default=())
    credentials: tuple[VerificationReport, ...] = field(default=())

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(c.status is not Status.FAILED for c in self.checks)

    @property
    def outcome(self) -> str:
        """`valid`, `valid-with-warnings` or `invalid`, as the 1EdTech validator says it."""
        if not self.verified:
            return "invalid"
        return "valid-with-warnings" if self.warnings else "valid"

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.status is Status.WARNING]

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if c.status is Status.FAILED]

    def check(self, check_id: str) -> Check:
        return next(c for c in self.checks if c.id == check_id)

    def to_json(self) -> dict[str, Any]:
        data = {
            "verified": self.verified,
            "outcome": self.outcome,
            "checks": [c.to_json() for c in self.checks],
            "log": [
                {"id": c.id, "valid": c.status is not Status.FAILED}
                for c in self.checks
                if c.status is not Status.SKIPPED
            ],
            "endorsements": [e.to_json() for e in self.endorsements],
        }
        if self.credentials:  # only records that embed credentials say so
            data["credentials"] = [c.to_json() for c in self.credentials]
        return data


@dataclass(frozen=True, slots=True)
class PresentationReport:
    """A presentation's own checks plus one report per credential it holds."""

    checks: tuple[Check, ...]
    credentials: tuple[VerificationReport, ...] = ()

    @property
    def verified(self) -> bool:
        own = bool(self.checks) and all(c.status is not Status.FAILED for c in self.checks)
        return own and all(r.verified for r in self.credentials)

    def to_json(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "checks": [c.to_json() for c in self.checks],
            "credentials": [r.to_json() for r in self.credentials],
        }
