"""Bulk issuance: N credentials signed, stored, given status slots and e-mails queued.

Runs ``credentials_issue_batch`` on a throw-away database (SQLite in a temporary
directory, or PostgreSQL ``mixtape_bench``, created and dropped here) with the
database task backend, so "e-mail queued" means a task row written. Prints the
time, credentials/s and peak memory, with references from the same run: raw
Ed25519 signing of N messages on every core, and ``credential_issue`` one by one
on 200 credentials, extrapolated to N. Then checks that every credential is
there, every status index is unique, full lists are closed and every recipient
is in a queued e-mail task. Figures only: nothing here asserts a timing.

    python bench/bench_bulk.py                         # 10,000 on SQLite
    python bench/bench_bulk.py --database postgresql   # on PostgreSQL
    python bench/bench_bulk.py --n 100000              # the linearity run
    python bench/bench_bulk.py --list-length 4096      # small lists: watch them roll over
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PG_NAME = "mixtape_bench"
REFERENCE_ONE_BY_ONE = 200


def configure(database: str) -> None:
    data = tempfile.mkdtemp(prefix="mixtape-bench-bulk-")
    # DEBUG off, as in production: with it on, Django keeps the SQL of every query
    # (a bulk insert of 500 signed documents is megabytes of it).
    os.environ.update(
        MIXTAPE_DEBUG="0",
        MIXTAPE_WARM_SKILLS="0",  # a worker issuing credentials needs no skills index
        MIXTAPE_SECRET_KEY=secrets.token_urlsafe(50),
        MIXTAPE_MASTER_KEY=secrets.token_urlsafe(50),
        MIXTAPE_DATA_DIR=data,
        DJANGO_SETTINGS_MODULE="mixtape_site.config.settings",
        MIXTAPE_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        MIXTAPE_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if database == "postgresql":
        subprocess.run(["dropdb", "--if-exists", PG_NAME], check=True)
        subprocess.run(["createdb", PG_NAME], check=True)
        os.environ["DATABASE_URL"] = f"postgresql:///{PG_NAME}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data}/bench.sqlite3"
    import django  # noqa: PLC0415 - settings must be configured first

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)


def fixtures() -> tuple[Any, Any]:
    sys.path.insert(0, str(HERE.parent))
    from tests.site.factories import published_achievement_create  # noqa: PLC0415

    from mixtape_site.accounts.models import User  # noqa: PLC0415
    from mixtape_site.organizations.models import Organization  # noqa: PLC0415

    organization = Organization.objects.create(
        slug="bench-college",
        name={"en": "Bench College", "fr": "Collège banc"},
        kind=Organization.Kind.INSTITUTION,
        url="https://bench.example",
        email="registrar@bench.example",
    )
    user = User.objects.create_user("staff@bench.example", password="a-long-bench-password-1")
    return published_achievement_create(organization=organization, created_by=user), user


def recipients(n: int, prefix: str) -> list[Any]:
    from mixtape_site.credentials.services import Recipient  # noqa: PLC0415

    return [
        Recipient(
            name=f"Learner {i}",
            email=f"{prefix}{i}@example.org",
            result="A" if i % 3 == 0 else "",
            evidence_url=f"https://portfolio.example.org/{i}" if i % 5 == 0 else "",
            external_id=f"S-{i}",
        )
        for i in range(n)
    ]


def _raw_sign(count: int) -> int:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (  # noqa: PLC0415
        Ed25519PrivateKey,
    )

    key = Ed25519PrivateKey.generate()
    message = bytes(64)
    for _ in range(count):
        key.sign(message)
    return count


def raw_ed25519(n: int) -> float:
    """Seconds to sign n 64-byte messages on every core (the floor under any issuance)."""
    cores = len(os.sched_getaffinity(0))
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_raw_sign, [n // cores] * cores)
    return time.perf_counter() - start


def one_by_one(achievement: Any, user: Any) -> float:
    """Seconds per credential through ``credential_issue`` (the per-credential path)."""
    from mixtape_site.credentials.services import credential_issue  # noqa: PLC0415

    batch = recipients(REFERENCE_ONE_BY_ONE, "single")
    start = time.perf_counter()
    for recipient in batch:
        credential_issue(achievement=achievement, recipient=recipient, issued_by=user)
    return (time.perf_counter() - start) / len(batch)


def checks(n: int, achievement: Any) -> list[str]:
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    from mixtape_site.credentials.models import IssuedCredential, StatusList  # noqa: PLC0415

    issued = IssuedCredential.objects.filter(achievement=achievement, batch=None)
    lines = [f"credentials stored: {issued.count():,} (expected {n + REFERENCE_ONE_BY_ONE:,})"]
    for purpose in ("revocation", "suspension"):
        pairs = issued.values_list(f"{purpose}_list", f"{purpose}_index").distinct().count()
        lists = StatusList.objects.filter(purpose=purpose)
        sizes = [
            (row.next_index, row.length, _used(IssuedCredential, purpose, row))
            for row in lists.order_by("id")
        ]
        closed_ok = all(used == length == next_ for next_, length, used in sizes[:-1])
        lines.append(
            f"{purpose}: {pairs:,} distinct (list, index) pairs; {len(sizes)} list(s), "
            f"used {[used for _n, _l, used in sizes]}, full lists closed: {closed_ok}"
        )
    tasks = DBTaskResult.objects.filter(task_path__endswith="award_emails_task")
    queued = sum(len(task.args_kwargs["args"][0]) for task in tasks)
    singles = DBTaskResult.objects.filter(task_path__endswith="award_email_task").count()
    lines.append(
        f"e-mail tasks queued: {tasks.count()} batch tasks for {queued:,} recipients "
        f"(+ {singles} single for the reference)"
    )
    return lines


def _used(model: Any, purpose: str, status_list: Any) -> int:
    return model.objects.filter(**{f"{purpose}_list": status_list}).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--list-length", type=int, default=None)
    parser.add_argument("--tracemalloc", action="store_true", help="Python peak (slower run)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()
    configure(args.database)
    try:
        run(args)
    finally:
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
        if args.database == "postgresql" and not args.keep:
            subprocess.run(["dropdb", "--if-exists", PG_NAME], check=True)


def run(args: argparse.Namespace) -> None:
    from mixtape_site.credentials import statuslists  # noqa: PLC0415
    from mixtape_site.credentials.bulk_issue import credentials_issue_batch  # noqa: PLC0415

    if args.list_length:
        statuslists.LIST_LENGTH = args.list_length
    achievement, user = fixtures()
    batch = recipients(args.n, "learner")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.tracemalloc:
        tracemalloc.start()
    load = os.getloadavg()[0]
    cpu_before = os.times()
    start = time.perf_counter()
    outcome = credentials_issue_batch(achievement=achievement, recipients=batch, issued_by=user)
    elapsed = time.perf_counter() - start
    cpu = os.times()
    parent_cpu = cpu.user + cpu.system - cpu_before.user - cpu_before.system
    workers_cpu = (
        cpu.children_user
        + cpu.children_system
        - cpu_before.children_user
        - cpu_before.children_system
    )
    python_peak = tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per_one = one_by_one(achievement, user)
    raw = raw_ed25519(args.n)
    print(f"bulk issuance, {args.database}, {args.n:,} credentials, {os.cpu_count()} cores")
    print(f"  batch:       {elapsed:8.2f} s   {args.n / elapsed:8.0f} credentials/s")
    print(
        f"               created {len(outcome.created):,}, existing {len(outcome.existing)}, "
        f"failed {len(outcome.failed)}"
    )
    print(
        f"  CPU:         parent {parent_cpu:.1f} s + signing workers {workers_cpu:.1f} s "
        f"(database server not counted); load average before: {load:.2f}"
    )
    print(
        f"  peak RSS:    parent {rss:.0f} MB (before the batch {rss_before:.0f} MB), "
        f"largest signing worker {children:.0f} MB"
    )
    if python_peak is not None:
        print(f"  tracemalloc: Python peak {python_peak:.1f} MB during the batch (slower run)")
    print(
        f"  reference:   credential_issue one by one {per_one * 1000:.2f} ms each "
        f"-> {per_one * args.n:.1f} s for {args.n:,} ({per_one * args.n / elapsed:.1f}x slower)"
    )
    print(f"  reference:   raw Ed25519 signing of {args.n:,} messages on all cores {raw:.2f} s")
    for line in checks(args.n, achievement):
        print(f"  check:       {line}")


if __name__ == "__main__":
    main()
