"""The public verify API under load: gunicorn on loopback, driven by wrk.

Issues a few hundred real credentials (eddsa-rdfc-2022 and eddsa-jcs-2022, real
status lists) on a throw-away database (SQLite in a temporary directory, or the
PostgreSQL database named by ``--database-url``, created and dropped here), starts
gunicorn on 127.0.0.1 with production-like settings (DEBUG off, a generated
secret, no access log), then POSTs them to ``/vc-api/credentials/verify``:

1. first sight: every credential once, at the same concurrency (a small Python
   client, since wrk cannot send each body exactly once): what a verifier that has
   never seen the credentials pays;
2. steady load: wrk at a fixed concurrency for a fixed time, cycling through the
   credentials, every response checked in wrk's Lua hook.

An error is a failed connection, a non-2xx answer or ``"verified": false`` (every
credential sent is valid). Reference in the same run: ``mixtape.verify`` of the
same documents in this one process (keys and status lists from memory).

Why wrk: it is a C event loop with Lua hooks, so it cycles through hundreds of
bodies and checks every answer while using a fraction of a core; a Python load
generator on the same two cores would take CPU from the server it measures.
The bench installs it with apt-get when it is missing (root only).

    python bench/bench_verify_api.py                      # 300 credentials, 2 x 15 s
    python bench/bench_verify_api.py --quick              # 100 credentials, 5 s
    python bench/bench_verify_api.py --database-url postgresql:///mixtape_benchverify
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchsite import postgres_drop, site_configure

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
PATH = "/vc-api/credentials/verify"
TARGET_PER_S = 500

WRK_SCRIPT = r"""
-- Globals, not locals: done() reads each thread's counters with thread:get().
bodies, next_body, errors, checked = {}, 1, 0, 0
function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  next_body = (tonumber(args[2]) % #bodies) + 1  -- threads start at different bodies
end
function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or not string.find(body, '"verified":%s*true') then errors = errors + 1 end
end
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end
function done(summary, latency, requests)
  local bad, seen = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("errors")
    seen = seen + thread:get("checked")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "seconds": %.3f, "checked": %d, "bad_answers": %d, ' ..
    '"socket_errors": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, seen, bad,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


# --- set-up ----------------------------------------------------------------------------


def issue(n: int) -> list[dict[str, Any]]:
    """``n`` signed credentials, half per suite, from two issuers."""
    sys.path.insert(0, str(HERE.parent))
    from tests.site.factories import published_achievement_create  # noqa: PLC0415

    from mixtape_site.accounts.models import User  # noqa: PLC0415
    from mixtape_site.credentials.bulk_issue import credentials_issue_batch  # noqa: PLC0415
    from mixtape_site.credentials.models import IssuedCredential  # noqa: PLC0415
    from mixtape_site.credentials.services import Recipient  # noqa: PLC0415
    from mixtape_site.organizations.models import Organization  # noqa: PLC0415

    staff = User.objects.create_user("staff@bench.example", password="a-long-bench-password-1")
    documents = []
    for i, suite in enumerate(("eddsa-rdfc-2022", "eddsa-jcs-2022")):
        organization = Organization.objects.create(
            slug=f"bench-college-{i}",
            name={"en": f"Bench College {i}", "fr": f"Collège banc {i}"},
            kind=Organization.Kind.INSTITUTION,
            url=f"https://college{i}.bench.example",
            email=f"registrar@college{i}.bench.example",
        )
        achievement = published_achievement_create(organization=organization, created_by=staff)
        recipients = [
            Recipient(name=f"Learner {k}", email=f"learner{k}@bench.example")
            for k in range(n // 2 + (n % 2 if i == 0 else 0))
        ]
        outcome = credentials_issue_batch(
            achievement=achievement, recipients=recipients, issued_by=staff, suite=suite
        )
        rows = IssuedCredential.objects.filter(pk__in=outcome.created).order_by("pk")
        documents += [row.document for row in rows]
    return documents


# --- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(*, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        str(VENV_BIN / "gunicorn"),
        "mixtape_site.config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",  # CPU-bound requests: one process per core, no threads
        "--preload",  # import Django once; workers fork with it warm
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {log}\n{log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start in 30 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- load ------------------------------------------------------------------------------


def post(port: int, body: bytes) -> tuple[float, bool]:
    """One verification: (seconds, answered 200 with ``"verified": true``)."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", PATH, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        ok = response.status == 200 and json.loads(response.read()).get("verified") is True
    except (OSError, ValueError, http.client.HTTPException):
        ok = False
    finally:
        connection.close()
    return time.perf_counter() - start, ok


def first_sight(port: int, bodies: list[bytes], *, concurrency: int) -> dict[str, float]:
    """Every credential once (the server has never verified them)."""
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda body: post(port, body), bodies))
    elapsed = time.perf_counter() - start
    latencies = sorted(seconds * 1000 for seconds, _ok in results)
    return {
        "requests": len(results),
        "per_s": len(results) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p95_ms": _percentile(latencies, 95),
        "p99_ms": _percentile(latencies, 99),
        "errors": sum(1 for _seconds, ok in results if not ok),
    }


def _percentile(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing: apt-get install wrk")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def steady(
    port: int, bodies_file: Path, script: Path, *, concurrency: int, seconds: int
) -> dict[str, Any]:
    command = [
        wrk_binary(),
        "--threads=1",  # one core's fraction is plenty for wrk; the server gets the rest
        f"--connections={concurrency}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={script}",
        f"http://127.0.0.1:{port}{PATH}",
        "--",
        str(bodies_file),
        "0",
    ]
    finished = subprocess.run(command, check=False, capture_output=True, text=True)
    if finished.returncode != 0:
        raise SystemExit(f"wrk failed: {finished.stdout}{finished.stderr}")
    output = finished.stdout
    line = next(text for text in output.splitlines() if text.startswith("WRK "))
    figures: dict[str, Any] = json.loads(line[4:])
    figures["per_s"] = figures["requests"] / figures["seconds"]
    # A request cut off by the end of the run is neither checked nor an error.
    figures["errors"] = figures["bad_answers"] + figures["socket_errors"]
    return figures


def library_rate(documents: list[dict[str, Any]], *, budget: float) -> float:
    """``mixtape.verify`` per second in this process, keys and lists from memory."""
    from mixtape import Resolver, verify  # noqa: PLC0415
    from mixtape_site.issuers.resolver import fetch_json  # noqa: PLC0415

    fetched: dict[str, Any] = {}

    def remembered(url: str) -> Any:
        if url not in fetched:
            fetched[url] = fetch_json(url)
        return fetched[url]

    resolver = Resolver(fetch_json=remembered)
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < budget:
        report = verify(
            documents[calls % len(documents)], resolver=resolver, status_fetcher=remembered
        )
        if not report.verified:
            raise SystemExit("the library does not verify a benchmark credential")
        calls += 1
    return calls / (time.perf_counter() - start)


# --- report ----------------------------------------------------------------------------


def run(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    started = time.perf_counter()
    documents = issue(args.n)
    bodies = [json.dumps({"verifiableCredential": d}).encode() for d in documents]
    bodies_file, script = data / "bodies.jsonl", data / "verify.lua"
    bodies_file.write_bytes(b"\n".join(bodies) + b"\n")
    script.write_text(WRK_SCRIPT)
    from django.db import connections  # noqa: PLC0415

    connections.close_all()  # the server's workers open their own
    port = free_port()
    load = os.getloadavg()[0]
    server = start_server(port=port, workers=args.workers, log=data / "gunicorn.log")
    try:
        cold = first_sight(port, bodies, concurrency=args.concurrency)
        runs = [
            steady(port, bodies_file, script, concurrency=args.concurrency, seconds=args.seconds)
            for _ in range(args.repeat)
        ]
    finally:
        stop_server(server)
    return {
        "database": "postgresql" if args.database_url else "sqlite",
        "credentials": len(documents),
        "workers": args.workers,
        "concurrency": args.concurrency,
        "cores": os.cpu_count(),
        "load_average": load,
        "setup_s": round(time.perf_counter() - started, 1),
        "first_sight": cold,
        "steady": runs,
        "library_per_s": library_rate(documents, budget=3.0 if args.quick else 8.0),
    }


def table(report: dict[str, Any]) -> str:
    lines = [
        f"verify API — {report['credentials']} credentials (eddsa-rdfc-2022 + eddsa-jcs-2022), "
        f"{report['database']}, gunicorn {report['workers']} sync workers on "
        f"{report['cores']} cores, {report['concurrency']} concurrent connections; "
        f"target ≥ {TARGET_PER_S}/s, 0 errors",
        "",
        f"{'phase':<24}{'requests':>9}{'verif/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'errors':>8}",
    ]
    phases = [("first sight (Python)", report["first_sight"])]
    phases += [(f"steady, wrk run {i + 1}", run) for i, run in enumerate(report["steady"])]
    for name, f in phases:
        lines.append(
            f"{name:<24}{f['requests']:>9}{f['per_s']:>9.0f}{f['p50_ms']:>8.1f}"
            f"{f['p95_ms']:>8.1f}{f['p99_ms']:>8.1f}{f['errors']:>8}"
        )
    lines += [
        "",
        f"reference: mixtape.verify in one process (library only, keys and lists from memory): "
        f"{report['library_per_s']:.0f} verifications/s",
        f"load average before the server started: {report['load_average']:.2f}; "
        f"set-up {report['setup_s']} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=None, help="credentials (300; quick: 100)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=None, help="per wrk run (15; quick: 5)")
    parser.add_argument("--repeat", type=int, default=2, help="wrk runs")
    parser.add_argument("--database-url", help="postgresql:///mixtape_bench… (created, dropped)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    args.n = args.n or (100 if args.quick else 300)
    args.seconds = args.seconds or (5 if args.quick else 15)
    data = Path(tempfile.mkdtemp(prefix="mixtape-bench-verify-"))
    pg_name = site_configure(data=str(data), database_url=args.database_url)
    try:
        report = run(args, data)
    finally:
        if pg_name:
            postgres_drop(pg_name)
        shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
