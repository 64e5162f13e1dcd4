"""Issuing one micro-credential to many recipients: the batch path of bulk issuance.

The result is what ``credential_issue`` gives row by row (same documents, dedupe
keys, status slots, one e-mail per recipient) with the per-credential costs paid
once per batch or per chunk of ``CHUNK_ROWS``:

- recipients are checked up front; a bad row is reported and the others issued;
- one query per chunk finds the awards issued before;
- status slots come in blocks (``status_slots_allocate``: one UPDATE per list);
- the signing key is unsealed once, and the documents are built from a template
  per document shape, checked against ``credential_document`` before it is used;
- a pool of forked processes signs (both cores) while this process does the
  database work; small batches sign in-process;
- rows go in with ``bulk_create``, one transaction per chunk, and one e-mail task
  per chunk is queued once the chunk commits.

Exactly once: the unique constraints decide. A chunk that collides with a
concurrent issuer rolls back and is issued row by row by ``credential_issue``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import secrets
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import JSONField, Value
from django.utils import timezone

from mixtape import status_entry
from mixtape.model.credential import Evidence, Result
from mixtape.model.identity import hashed_identity
from mixtape.model.schema import validate
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.documents import (
    PUBLISHED_PURPOSES,
    Award,
    add_months,
    credential_document,
    credential_url,
    xsd_datetime,
)
from mixtape_site.credentials.emails import award_emails_enqueue
from mixtape_site.credentials.models import IssuedCredential, StatusList
from mixtape_site.credentials.services import (
    ACHIEVEMENT_NOT_PUBLISHED,
    Recipient,
    credential_issue,
    dedupe_key,
    recipient_clean,
)
from mixtape_site.credentials.statuslists import status_list_url, status_slots_allocate
from mixtape_site.issuers.services import DEFAULT_SUITE, SUITES, DocumentSigner

logger = logging.getLogger(__name__)

CHUNK_ROWS = 1000
# Below this many credentials, forking signers costs more than it saves.
POOL_THRESHOLD = 200
INSERT_ROWS = 250  # rows per INSERT statement
PURPOSES = (StatusList.Purpose.REVOCATION, StatusList.Purpose.SUSPENSION)
# The fields a recipient fills in, checked as full_clean() would check them.
RECIPIENT_FIELDS = {
    "recipient_name": "name",
    "recipient_email": "email",
    "result": "result",
    "evidence_url": "evidence_url",
    "external_id": "external_id",
}


@dataclass(frozen=True)
class RowFailure:
    position: int  # index in the recipients given
    messages: list[str]


@dataclass
class BatchOutcome:
    """Primary keys of the credentials issued now and of those issued before, and bad rows."""

    created: list[int] = field(default_factory=list)
    existing: list[int] = field(default_factory=list)
    failed: list[RowFailure] = field(default_factory=list)

    def add(self, other: BatchOutcome) -> None:
        self.created += other.created
        self.existing += other.existing
        self.failed += other.failed


@dataclass(frozen=True)
class _Row:
    position: int
    recipient: Recipient  # cleaned
    key: str


def credentials_issue_batch(
    *,
    achievement: Achievement,
    recipients: Sequence[Recipient],
    issued_by: Any,
    batch: Any = None,
    suite: str = DEFAULT_SUITE,
    chunk_rows: int = CHUNK_ROWS,
    on_chunk: Callable[[BatchOutcome], None] | None = None,
) -> BatchOutcome:
    """Issue ``achievement`` to every recipient, each award once; see the module docstring.

    ``on_chunk`` is called after each chunk commits, with that chunk's outcome.

    Raises:
        ValidationError: the achievement is not published (nothing is issued).
    """
    if suite not in SUITES:
        raise ValueError(f"unknown proof suite {suite!r}")
    if achievement.status != Achievement.Status.PUBLISHED:
        raise ValidationError(ACHIEVEMENT_NOT_PUBLISHED)
    issuer = _Issuer(achievement=achievement, issued_by=issued_by, batch=batch, suite=suite)
    total = BatchOutcome()
    with _signing_pool(issuer.signer, len(recipients)) as sign:
        for start in range(0, len(recipients), chunk_rows):
            chunk = recipients[start : start + chunk_rows]
            outcome = issuer.chunk_issue(chunk, start=start, sign=sign)
            total.add(outcome)
            if on_chunk is not None:
                on_chunk(outcome)
    return total


# --- signing ---------------------------------------------------------------------------

# Proofs of the documents given, in order, yielded as they are made: the caller
# stores the first ones while the rest are still being signed.
Signer = Callable[[list[dict[str, Any]], datetime], Iterator[dict[str, Any]]]
SLICE_ROWS = 50  # documents per job sent to a signing process
# Set in the parent just before forking the pool: workers inherit the key by fork.
_POOL_SIGNER: DocumentSigner | None = None


def _sign_slice(job: tuple[list[dict[str, Any]], datetime]) -> list[dict[str, Any]]:
    documents, created = job
    assert _POOL_SIGNER is not None  # the pool is forked after it is set
    return [_POOL_SIGNER.proof(document, created=created) for document in documents]


@contextmanager
def _signing_pool(signer: DocumentSigner, count: int) -> Iterator[Signer]:
    """A signing function: a pool of forked processes when it pays, else in-process."""
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if count < POOL_THRESHOLD or workers < 2 or not forkable:
        yield lambda documents, created: (signer.proof(d, created=created) for d in documents)
        return
    pool = _LazyPool(signer, workers)
    try:
        yield pool.sign
    finally:
        pool.close()


class _LazyPool:
    """Forks its workers at the first documents, after signing one here to warm the
    canonicalization caches that the workers then inherit instead of each building them."""

    def __init__(self, signer: DocumentSigner, workers: int) -> None:
        self._signer, self._workers = signer, workers
        self._pool: Any = None

    def sign(self, documents: list[dict[str, Any]], created: datetime) -> Iterator[dict[str, Any]]:
        if self._pool is None and documents:
            yield self._signer.proof(documents[0], created=created)
            documents = documents[1:]
            self._fork()
        jobs = [
            (documents[i : i + SLICE_ROWS], created) for i in range(0, len(documents), SLICE_ROWS)
        ]
        for proofs in self._pool.imap(_sign_slice, jobs):
            yield from proofs

    def _fork(self) -> None:
        global _POOL_SIGNER  # noqa: PLW0603 - handed to the forked workers, cleared after
        _POOL_SIGNER = self._signer
        try:
            self._pool = multiprocessing.get_context("fork").Pool(self._workers)
        finally:
            _POOL_SIGNER = None  # the parent needs no copy once the workers have theirs

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()


# --- documents --------------------------------------------------------------------------


class _Documents:
    """``credential_document`` with the parts shared by the whole batch built once.

    Per shape (validity, result, evidence present or not) the first award is built by
    ``credential_document`` and schema-checked, and becomes the template; the second
    is built both ways and must be equal, or that shape stays on the slow path.
    """

    def __init__(self) -> None:
        self._templates: dict[tuple[bool, ...], dict[str, Any] | None] = {}
        self._checked: set[tuple[bool, ...]] = set()
        self._urls: dict[int, str] = {}

    def build(self, award: Award) -> dict[str, Any]:
        shape = (award.valid_until is not None, bool(award.result), bool(award.evidence_url))
        template = self._templates.get(shape)
        if award.evidence or (shape in self._templates and template is None):
            return self._slow(award)
        if template is None:
            self._templates[shape] = document = self._slow(award)
            return document
        document = self._fill(template, award)
        if shape not in self._checked:
            self._checked.add(shape)
            if document != credential_document(award):
                logger.warning("batch document template differs; building shape %s slowly", shape)
                self._templates[shape] = None
                return self._slow(award)
        return document

    def _slow(self, award: Award) -> dict[str, Any]:
        document = credential_document(award)
        validate(document)  # a schema error here is a bug in the document builder
        return document

    def _fill(self, template: dict[str, Any], award: Award) -> dict[str, Any]:
        subject = {**template["credentialSubject"], "identifier": [award.identity.to_json()]}
        if award.result:
            subject["result"] = [Result(value=award.result).to_json()]
        document = {
            **template,
            "id": credential_url(award.uuid),
            "validFrom": xsd_datetime(award.issued_on),
            "credentialSubject": subject,
        }
        if award.valid_until is not None:
            document["validUntil"] = xsd_datetime(award.valid_until)
        if award.evidence_url:
            document["evidence"] = [Evidence(id=award.evidence_url).to_json()]
        entries = [self._entry(purpose, *award.slots[purpose]) for purpose in PUBLISHED_PURPOSES]
        document["credentialStatus"] = entries[0] if len(entries) == 1 else entries
        return document

    def _entry(self, purpose: str, status_list: StatusList, index: int) -> dict[str, Any]:
        url = self._urls.get(status_list.pk) or self._urls.setdefault(
            status_list.pk, status_list_url(status_list)
        )
        return status_entry(list_credential_id=url, index=index, purpose=purpose)


# --- issuing ----------------------------------------------------------------------------


class _Issuer:
    def __init__(self, *, achievement: Achievement, issued_by: Any, batch: Any, suite: str):
        self.achievement = achievement
        self.organization = achievement.organization
        self.issued_by, self.batch, self.suite = issued_by, batch, suite
        self.signer = DocumentSigner(organization=self.organization, suite=suite)
        self.documents = _Documents()

    def chunk_issue(self, chunk: Sequence[Recipient], *, start: int, sign: Signer) -> BatchOutcome:
        outcome = BatchOutcome()
        rows = self._clean(chunk, start, outcome)
        fresh, twins = self._fresh(rows, outcome)
        if not fresh:
            return outcome
        try:
            with transaction.atomic():
                credentials = self._create(fresh, sign)
                ids = [credential.pk for credential in credentials]
                transaction.on_commit(lambda: award_emails_enqueue(credential_ids=ids))
        except IntegrityError:
            # A concurrent issuer took one of these awards or slots: row by row, each once.
            logger.info("bulk chunk collided with a concurrent issue; issuing row by row")
            self._one_by_one([*fresh, *twins], outcome)
            return outcome
        keys = {credential.dedupe_key: credential.pk for credential in credentials}
        outcome.created += ids
        outcome.existing += [keys[row.key] for row in twins]
        return outcome

    def _clean(self, chunk: Sequence[Recipient], start: int, outcome: BatchOutcome) -> list[_Row]:
        rows = []
        for position, recipient in enumerate(chunk, start):
            try:
                clean = recipient_clean(recipient)
                for name, attribute in RECIPIENT_FIELDS.items():
                    IssuedCredential._meta.get_field(name).clean(getattr(clean, attribute), None)
            except ValidationError as error:
                outcome.failed.append(RowFailure(position, error.messages))
                continue
            key = dedupe_key(achievement=self.achievement, recipient=clean)
            rows.append(_Row(position, clean, key))
        return rows

    def _fresh(self, rows: list[_Row], outcome: BatchOutcome) -> tuple[list[_Row], list[_Row]]:
        """Rows to issue now (each award once), and later twins of those within the chunk."""
        before = dict(
            IssuedCredential.objects.filter(
                organization=self.organization, dedupe_key__in={row.key for row in rows}
            ).values_list("dedupe_key", "pk")
        )
        fresh: dict[str, _Row] = {}
        twins: list[_Row] = []
        for row in rows:
            if row.key in before:
                outcome.existing.append(before[row.key])
            elif row.key in fresh:
                twins.append(row)
            else:
                fresh[row.key] = row
        return list(fresh.values()), twins

    def _create(self, rows: list[_Row], sign: Signer) -> list[IssuedCredential]:
        slots = {
            purpose: status_slots_allocate(
                organization=self.organization, purpose=purpose, count=len(rows)
            )
            for purpose in PURPOSES
        }
        awards = [
            self._award(row, {p: slots[p][i] for p in PURPOSES}) for i, row in enumerate(rows)
        ]
        documents = [self.documents.build(award) for award in awards]
        proofs = sign(documents, timezone.now())
        credentials: list[IssuedCredential] = []
        pending: list[IssuedCredential] = []
        for row, award, document, proof in zip(rows, awards, documents, proofs, strict=True):
            pending.append(self._credential(row, award, {**document, "proof": proof}))
            # Insert as proofs arrive: the database works while the rest are signed.
            if len(pending) == INSERT_ROWS:
                credentials += IssuedCredential.objects.bulk_create(pending)
                pending = []
        return credentials + IssuedCredential.objects.bulk_create(pending)

    def _award(self, row: _Row, slots: dict[str, tuple[StatusList, int]]) -> Award:
        recipient, months = row.recipient, self.achievement.validity_months
        assert recipient.issued_on is not None  # recipient_clean sets it
        return Award(
            uuid=uuid.uuid4(),
            achievement=self.achievement,
            identity=hashed_identity(value=recipient.email),
            issued_on=recipient.issued_on,
            valid_until=add_months(recipient.issued_on, months) if months else None,
            result=recipient.result,
            evidence_url=recipient.evidence_url,
            slots=slots,
            evidence=recipient.evidence,
        )

    def _credential(self, row: _Row, award: Award, signed: dict[str, Any]) -> IssuedCredential:
        recipient = row.recipient
        revocation, suspension = award.slots[PURPOSES[0]], award.slots[PURPOSES[1]]
        return IssuedCredential(
            uuid=award.uuid,
            organization=self.organization,
            achievement=self.achievement,
            recipient_name=recipient.name,
            recipient_email=recipient.email,
            identity_salt=award.identity.salt or "",
            issued_on=award.issued_on,
            valid_until=award.valid_until,
            result=recipient.result,
            evidence_url=recipient.evidence_url,
            external_id=recipient.external_id,
            dedupe_key=row.key,
            # An expression, not a plain value: on PostgreSQL, Django then inserts with
            # VALUES rather than UNNEST arrays, whose text escaping of JSON costs more
            # than signing it.
            document=Value(signed, output_field=JSONField()),
            signing_key=self.signer.key_row,
            revocation_list=revocation[0],
            revocation_index=revocation[1],
            suspension_list=suspension[0],
            suspension_index=suspension[1],
            claim_token=secrets.token_urlsafe(32),
            batch=self.batch,
            issued_by=self.issued_by,
        )

    def _one_by_one(self, rows: list[_Row], outcome: BatchOutcome) -> None:
        for row in rows:
            issued = credential_issue(
                achievement=self.achievement,
                recipient=row.recipient,
                issued_by=self.issued_by,
                batch=self.batch,
                suite=self.suite,
            )
            (outcome.created if issued.created else outcome.existing).append(issued.credential.pk)
