"""Proof throughput: Mixtape against raw Ed25519 and Digital Bazaar's JavaScript.

Prints, for eddsa-rdfc-2022 and eddsa-jcs-2022, on one core and in one run:
Mixtape issue/s and verify/s (for RDFC both on the fast canonicalization path
and on the general pyld path), canonicalization time per credential, the
Ed25519 floor (`cryptography` sign/verify of the 64 signed bytes), and the
JavaScript peer's issue/s and verify/s timed inside node (no pipe or JSON
cost), with ratios, and peak memory. Figures only: nothing here asserts a timing.

    python bench/bench_proofs.py            # about a minute
    python bench/bench_proofs.py --quick    # about ten seconds
    python bench/bench_proofs.py --json     # machine-readable
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mixtape.jcs import canonical_json
from mixtape.jsonld import canonicalize
from mixtape.jsonld.canonical import ENGINE_VARIABLE
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaJcs2022, EddsaRdfc2022, Suite, add_proof, verify_proofs
from mixtape.resolve import Resolver

# The peer harness and the sample credential live with the interop tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from interop.peer import JsPeer
from interop.samples import achievement_credential

SUITES: dict[str, Suite] = {"eddsa-rdfc-2022": EddsaRdfc2022(), "eddsa-jcs-2022": EddsaJcs2022()}
ISSUER = "https://issuer.example/issuers/42"
CREATED = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
CREATED_TEXT = "2025-01-15T09:30:00Z"
# Measurements per run: 2 suites x (issue, verify, canonicalize, JS issue, JS verify),
# RDFC again on the pyld path (issue, verify, canonicalize), raw sign and verify.
MEASUREMENTS = 15


def pin_to_one_core() -> int | None:
    """Pin this process (and the node child it starts) to one CPU, where the OS allows."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def rate(action: Callable[[], object], *, budget: float) -> float:
    """Calls per second of `action`, timed over about `budget` seconds after one warm-up."""
    action()
    calls, start = 0, time.perf_counter()
    elapsed = 0.0
    while elapsed < budget or calls < 3:
        action()
        calls += 1
        elapsed = time.perf_counter() - start
    return calls / elapsed


def js_rate(peer: JsPeer, *, budget: float, **request: Any) -> float:
    """The peer's own ops/s, with `n` sized from a short calibration run."""
    probe = peer.request("bench", n=5, **request)["ops_per_sec"]
    n = max(5, int(probe * budget))
    ops: float = peer.request("bench", n=n, **request)["ops_per_sec"]
    return ops


@contextmanager
def engine(name: str) -> Iterator[None]:
    """Run Mixtape's canonicalization on one path ("auto" is the fast path)."""
    previous = os.environ.get(ENGINE_VARIABLE)
    os.environ[ENGINE_VARIABLE] = name
    try:
        yield
    finally:
        if previous is None:
            del os.environ[ENGINE_VARIABLE]
        else:
            os.environ[ENGINE_VARIABLE] = previous


def measure_suite(name: str, *, key: Ed25519Key, peer: JsPeer, budget: float) -> dict[str, float]:
    suite = SUITES[name]
    method = f"{ISSUER}#{key.public_multibase}"
    # The VC 2.0 value-object form keeps the credential bilingual without an
    # inline context, which Digital Bazaar's JCS verifier refuses (see README).
    credential = achievement_credential(issuer=ISSUER, value_objects=True)
    resolver = Resolver()

    def issue() -> dict[str, Any]:
        return add_proof(
            credential, suite=suite, key=key, verification_method=method, created=CREATED
        )

    signed = issue()
    if not all(r.verified for r in verify_proofs(signed, suites=[suite], resolver=resolver)):
        raise SystemExit(f"{name}: Mixtape cannot verify its own benchmark credential")
    canon: Callable[[], object] = (
        (lambda: canonicalize(credential))
        if name == "eddsa-rdfc-2022"
        else (lambda: canonical_json(credential))
    )
    pyld: dict[str, float] = {}
    if name == "eddsa-rdfc-2022":
        with engine("pyld"):
            pyld = {
                "pyld_issue_per_s": rate(issue, budget=budget),
                "pyld_verify_per_s": rate(
                    lambda: verify_proofs(signed, suites=[suite], resolver=resolver), budget=budget
                ),
                "pyld_canonicalize_ms": 1000 / rate(canon, budget=budget),
            }
    js_key = {
        "publicKeyMultibase": key.public_multibase,
        "secretKeyMultibase": key.private_multibase,
        "id": method,
        "controller": ISSUER,
    }
    return {
        **pyld,
        "issue_per_s": rate(issue, budget=budget),
        "verify_per_s": rate(
            lambda: verify_proofs(signed, suites=[suite], resolver=resolver), budget=budget
        ),
        "canonicalize_ms": 1000 / rate(canon, budget=budget),
        "js_issue_per_s": js_rate(
            peer,
            budget=budget,
            suite=name,
            action="sign",
            credential=credential,
            key=js_key,
            created=CREATED_TEXT,
        ),
        "js_verify_per_s": js_rate(
            peer, budget=budget, action="verify", mode="proof", credential=signed
        ),
    }


def measure_raw(*, key: Ed25519Key, budget: float) -> dict[str, float]:
    # Both suites sign sha256(proof config) || sha256(document): 64 bytes.
    message = bytes(range(64))
    signature = key.sign(message)
    return {
        "sign_per_s": rate(lambda: key.sign(message), budget=budget),
        "verify_per_s": rate(lambda: key.verify(signature, message), budget=budget),
    }


def run(*, total_seconds: float) -> dict[str, Any]:
    core = pin_to_one_core()
    budget = total_seconds / MEASUREMENTS
    key = Ed25519Key.generate()
    started = time.perf_counter()
    with JsPeer() as peer:
        node = peer.request("ping")["versions"]
        suites = {name: measure_suite(name, key=key, peer=peer, budget=budget) for name in SUITES}
    raw = measure_raw(key=key, budget=budget)
    return {
        "core": core,
        "python": platform.python_version(),
        "node": node,
        "seconds": round(time.perf_counter() - started, 1),
        "suites": suites,
        "raw_ed25519": raw,
        # ru_maxrss is in KiB on Linux; the node figure is known once it exited.
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "node_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def table(report: dict[str, Any]) -> str:
    raw = report["raw_ed25519"]
    lines = [
        f"Mixtape proof benchmark — one core ({report['core']}), Python {report['python']}, "
        f"node {report['node']}, {report['seconds']} s",
        "",
        f"{'suite':<17}{'op':<8}{'Mixtape/s':>11}{'pyld path/s':>13}{'JS/s':>8}"
        f"{'Mixtape/JS':>12}{'raw Ed25519/s':>15}{'Mixtape/raw':>13}",
    ]
    for name, figures in report["suites"].items():
        for op, raw_rate in (("issue", raw["sign_per_s"]), ("verify", raw["verify_per_s"])):
            ours, theirs = figures[f"{op}_per_s"], figures[f"js_{op}_per_s"]
            general = figures.get(f"pyld_{op}_per_s")
            general_text = f"{general:>13.0f}" if general else f"{'-':>13}"
            lines.append(
                f"{name:<17}{op:<8}{ours:>11.0f}{general_text}{theirs:>8.0f}"
                f"{ours / theirs:>12.1f}{raw_rate:>15.0f}{ours / raw_rate:>13.3f}"
            )
    lines.append("")
    for name, figures in report["suites"].items():
        if name == "eddsa-rdfc-2022":
            fast, general = figures["canonicalize_ms"], figures["pyld_canonicalize_ms"]
            lines.append(
                f"canonicalization {name}: {fast * 1000:.0f} µs/credential on the fast path, "
                f"{general * 1000:.0f} µs on the pyld path ({general / fast:.1f}x)"
            )
        else:
            lines.append(
                f"canonicalization {name}: {figures['canonicalize_ms'] * 1000:.0f} µs/credential "
                "(mixtape.jcs, RFC 8785)"
            )
    lines.append(
        f"peak RSS: Python {report['peak_rss_mib']:.0f} MiB, "
        f"node peer {report['node_peak_rss_mib']:.0f} MiB"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="about 10 s instead of about 60 s")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    report = run(total_seconds=8.0 if args.quick else 55.0)
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
