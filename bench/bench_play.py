"""Playing a mixtape: an employer opens a 50-credential link; how long does the server take?

Builds, on a throw-away database (SQLite in a temporary directory, or the
PostgreSQL database named by ``--database-url``, created and dropped here), a
learner holding N platform credentials from several issuers (eddsa-rdfc-2022 and
eddsa-jcs-2022 alternately, real signatures, real status lists, one revoked and
one suspended), all in one mixtape behind one share link. Then times the play:

- through the real view (Django test ``Client``: middleware, template, the play count),
- the playback service alone (``mixtapes.selectors.play``),

cold (Django cache and the verification caches cleared before each play) and
warm: median, p95, queries per play, peak Python memory (tracemalloc, a separate
run). Reference in the same run: the same N documents through ``mixtape.verify``
alone (keys and status lists handed over from memory), so what the platform adds
shows. Figures only: nothing here asserts a timing.

    python bench/bench_play.py                                   # SQLite, ~20 s
    python bench/bench_play.py --quick                           # fewer rounds
    python bench/bench_play.py --database-url postgresql:///mixtape_benchplay
    python bench/bench_play.py --json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from benchsite import postgres_drop, site_configure

HERE = Path(__file__).resolve().parent
SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022")
LEARNER = "learner@bench.example"
TARGET_MS = 200


# --- set-up --------------------------------------------------------------------------


def build(n: int, issuers: int) -> tuple[Any, list[dict[str, Any]]]:
    """The share link of a mixtape of ``n`` credentials, and their documents."""
    sys.path.insert(0, str(HERE.parent))
    from allauth.account.models import EmailAddress  # noqa: PLC0415
    from tests.site.factories import published_achievement_create  # noqa: PLC0415

    from mixtape_site.accounts.models import User  # noqa: PLC0415
    from mixtape_site.credentials import services as issuing  # noqa: PLC0415
    from mixtape_site.mixtapes import services as mixtapes  # noqa: PLC0415
    from mixtape_site.organizations.models import Organization  # noqa: PLC0415
    from mixtape_site.wallet.services import wallet_add_claimed  # noqa: PLC0415

    staff = User.objects.create_user("staff@bench.example", password="a-long-bench-password-1")
    learner = User.objects.create_user(LEARNER, password="a-long-bench-password-1")
    EmailAddress.objects.create(user=learner, email=LEARNER, verified=True, primary=True)
    held, issued = [], []
    for i in range(n):
        organization, suite = _issuer(Organization, i % issuers)
        achievement = published_achievement_create(organization=organization, created_by=staff)
        achievement.name = {"en": f"Micro-credential {i}", "fr": f"Microcertification {i}"}
        achievement.save()
        recipient = issuing.Recipient(name="Léa Tremblay", email=LEARNER)
        credential = issuing.credential_issue(
            achievement=achievement, recipient=recipient, issued_by=staff, suite=suite
        ).credential
        credential = issuing.credential_claim(token=credential.claim_token, user=learner)
        held.append(wallet_add_claimed(user=learner, issued_credential=credential))
        issued.append(credential)
    # Not every track verifies in real life: one revoked, one suspended (status bits set).
    issuing.credential_revoke(credential=issued[1], reason="Bench", actor=staff)
    issuing.credential_suspend(credential=issued[2], reason="Bench", actor=staff)
    mixtape = mixtapes.mixtape_create(owner=learner, title="Everything I can do")
    mixtapes.tracks_add(mixtape=mixtape, credentials=held)
    link = mixtapes.share_link_create(mixtape=mixtape, label="Employer")
    return link, [row.document for row in held]


def _issuer(model: Any, i: int) -> tuple[Any, str]:
    organization, _created = model.objects.get_or_create(
        slug=f"bench-college-{i}",
        defaults={
            "name": {"en": f"Bench College {i}", "fr": f"Collège banc {i}"},
            "kind": model.Kind.INSTITUTION,
            "url": f"https://college{i}.bench.example",
            "email": f"registrar@college{i}.bench.example",
        },
    )
    return organization, SUITES[i % len(SUITES)]


# --- measuring -----------------------------------------------------------------------


def caches_clear() -> None:
    from django.core.cache import cache  # noqa: PLC0415

    from mixtape_site.credentials.remembered import verification_caches_clear  # noqa: PLC0415

    cache.clear()
    verification_caches_clear()


def timed(action: Callable[[], object], *, rounds: int, cold: bool) -> dict[str, float]:
    """Median and p95 wall time (ms), median CPU time (ms) and queries per call of ``action``.

    CPU time is this process's alone: on a shared machine it moves less than wall time.
    """
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    times, cpu, queries = [], [], []
    for _ in range(rounds):
        if cold:
            caches_clear()
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            action()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        queries.append(len(captured))
    return {
        "median_ms": statistics.median(times),
        "p95_ms": _percentile(times, 95),
        "cpu_ms": statistics.median(cpu),
        "queries": statistics.median(queries),
    }


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def peak_mib(action: Callable[[], object], *, cold: bool) -> float:
    if cold:
        caches_clear()
    else:
        action()
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def library_reference(documents: list[dict[str, Any]], *, rounds: int) -> dict[str, float]:
    """``mixtape.verify`` of every document, keys and lists from memory (no platform)."""
    from mixtape import Resolver, verify  # noqa: PLC0415
    from mixtape_site.issuers.resolver import fetch_json  # noqa: PLC0415

    fetched: dict[str, Mapping[str, Any]] = {}

    def remembered(url: str) -> Mapping[str, Any]:
        if url not in fetched:
            fetched[url] = fetch_json(url)
        return fetched[url]

    resolver = Resolver(fetch_json=remembered)

    def all_of_them() -> None:
        for document in documents:
            verify(document, resolver=resolver, status_fetcher=remembered)

    all_of_them()  # fill `fetched`: the reference times verification only
    figures = timed(all_of_them, rounds=rounds, cold=False)
    return {key: figures[key] for key in ("median_ms", "p95_ms", "cpu_ms")}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from mixtape_site.mixtapes.selectors import play  # noqa: PLC0415

    started = time.perf_counter()
    link, documents = build(args.n, args.issuers)
    build_s = time.perf_counter() - started
    url = reverse("mixtapes:play", kwargs={"token": link.token})
    client = Client()

    def view() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"the player answered {response.status_code}")

    def service() -> None:
        playback = play(link=link)
        if playback.unverified_count != 2:  # the revoked and the suspended ones
            raise SystemExit(f"expected 2 unverified tracks, got {playback.unverified_count}")

    caches_clear()
    first = timed(view, rounds=1, cold=False)  # a fresh process: templates not compiled yet
    cold_rounds, warm_rounds = (3, 10) if args.quick else (7, 30)
    report: dict[str, Any] = {
        "database": "postgresql" if args.database_url else "sqlite",
        "credentials": args.n,
        "issuers": args.issuers,
        "build_s": round(build_s, 1),
        "load_average": os.getloadavg()[0],
        "first_view_ms": first["median_ms"],
    }
    for name, action in (("view", view), ("service", service)):
        report[name] = {
            "cold": timed(action, rounds=cold_rounds, cold=True),
            "warm": timed(action, rounds=warm_rounds, cold=False),
            "peak_mib_cold": peak_mib(action, cold=True),
            "peak_mib_warm": peak_mib(action, cold=False),
        }
    report["library"] = library_reference(documents, rounds=warm_rounds)
    return report


def table(report: dict[str, Any]) -> str:
    library = report["library"]["median_ms"]
    lines = [
        f"mixtape play — {report['credentials']} credentials from {report['issuers']} issuers "
        f"(eddsa-rdfc-2022 + eddsa-jcs-2022), {report['database']}, "
        f"built in {report['build_s']} s; target ≤ {TARGET_MS} ms warm",
        "",
        f"{'what':<10}{'cache':<7}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>9}{'queries':>9}"
        f"{'peak MiB':>10}{'x library':>11}",
    ]
    for name in ("view", "service"):
        for state in ("cold", "warm"):
            f = report[name][state]
            lines.append(
                f"{name:<10}{state:<7}{f['median_ms']:>11.1f}{f['p95_ms']:>9.1f}{f['cpu_ms']:>9.1f}"
                f"{f['queries']:>9.0f}{report[name]['peak_mib_' + state]:>10.1f}"
                f"{f['median_ms'] / library:>11.2f}"
            )
    lines += [
        "",
        f"reference: mixtape.verify of the same {report['credentials']} documents, library only "
        f"(keys and lists from memory): median {library:.1f} ms, "
        f"p95 {report['library']['p95_ms']:.1f} ms, CPU {report['library']['cpu_ms']:.1f} ms",
        f"first play of the process (templates compiled, caches empty): "
        f"{report['first_view_ms']:.1f} ms; load average before the plays: "
        f"{report['load_average']:.2f} on {os.cpu_count()} cores",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=50, help="credentials in the mixtape")
    parser.add_argument("--issuers", type=int, default=5)
    parser.add_argument("--database-url", help="postgresql:///mixtape_bench… (created, dropped)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    data = tempfile.mkdtemp(prefix="mixtape-bench-play-")
    pg_name = site_configure(data=data, database_url=args.database_url)
    try:
        report = run(args)
    finally:
        if pg_name:
            postgres_drop(pg_name)
        shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
