"""Full `mixtape.verify()` per credential, as the platform runs it, and where the time goes.

Signs a batch of distinct OB 3.0 credentials (eddsa-rdfc-2022, a did:key issuer,
a suspension status entry, the OB 3.0 credentialSchema) and one signed status
list, served from memory as the platform's fetcher serves its own lists. Each
credential is verified once per mode ("first sight": nothing about it has been
seen before; the contexts, schemas and key are warm, as in a running server):

- fast: the default, the structure check's JSON-LD on the fast path;
- pyld structure: the structure check forced onto pyld safe-mode expansion
  (everything else unchanged): what verification cost before the fast path;
- all pyld: MIXTAPE_JSONLD_ENGINE=pyld, every JSON-LD step on the general path;
- jsonschema: the schema check on the ``jsonschema`` package alone (everything
  else as in "fast"): what it cost before jsonschema-rs answered first.

Prints verifications/s, µs per credential and the share of each check (the
status check includes verifying the status list credential), then the schema
check alone on each engine. Figures only: nothing here asserts a timing.

    python bench/bench_verify.py            # 400 credentials per mode
    python bench/bench_verify.py --quick    # 100
    python bench/bench_verify.py --json
"""

from __future__ import annotations

import argparse
import copy
import functools
import importlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mixtape import vcdm
from mixtape.jsonld.canonical import ENGINE_VARIABLE
from mixtape.keys import Ed25519Key
from mixtape.model import CredentialSchema, schema_check
from mixtape.model.schema import jsonschema_check
from mixtape.proofs import EddsaRdfc2022, add_proof
from mixtape.status import StatusList, status_entry, status_list_credential
from mixtape.verify import verify

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from interop.samples import achievement_credential

# `mixtape.verify` is also the function's name in the package: take the module itself.
pipeline = importlib.import_module("mixtape.verify")

NOW = datetime(2026, 6, 1, tzinfo=UTC)
SIGNED_AT = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
LIST_URL = "https://issuer.example/status/suspension/1"
MODES = ("fast", "pyld structure", "all pyld", "jsonschema")


def pin_to_one_core() -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def sign(document: Mapping[str, Any], key: Ed25519Key) -> dict[str, Any]:
    return add_proof(
        document,
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        created=SIGNED_AT,
    )


def credentials(n: int, key: Ed25519Key) -> list[dict[str, Any]]:
    """`n` distinct signed credentials of the shape the platform issues."""
    documents = []
    for i in range(n):
        document = copy.deepcopy(achievement_credential(issuer=key.did_key))
        document["id"] = f"urn:uuid:7b4c2b8e-2a63-4a0b-9c1e-{i:012d}"
        document["name"] = f"Python basics, cohort {i}"
        document["credentialSubject"]["id"] = f"did:example:learner-{i:06d}"
        document["credentialStatus"] = status_entry(
            list_credential_id=LIST_URL, index=i, purpose="suspension"
        )
        document["credentialSchema"] = [CredentialSchema().to_json()]
        documents.append(sign(document, key))
    return documents


def status_list(key: Ed25519Key) -> dict[str, Any]:
    unsigned = status_list_credential(
        id=LIST_URL,
        issuer=key.did_key,
        purpose="suspension",
        status_list=StatusList.create(),
        valid_from=SIGNED_AT,
    )
    return sign(unsigned, key)


class StepTimer:
    """Wraps the pipeline's steps to add up the time each one takes (top level only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._depth = 0

    def wrap(self, name: str, step: Callable[[Any], Any]) -> Callable[[Any], Any]:
        @functools.wraps(step)
        def timed(state: Any) -> Any:
            self._depth += 1
            start = time.perf_counter()
            try:
                return step(state)
            finally:
                if self._depth == 1:  # the status list's own checks count under "status"
                    self.seconds[name] = self.seconds.get(name, 0.0) + (time.perf_counter() - start)
                self._depth -= 1

        return timed


@contextmanager
def mode(name: str) -> Iterator[None]:
    """Run verify() in one of MODES."""
    saved_env = os.environ.get(ENGINE_VARIABLE)
    saved_problems = pipeline.credential_problems
    saved_schema = pipeline.schema_errors
    if name == "all pyld":
        os.environ[ENGINE_VARIABLE] = "pyld"
    elif name == "pyld structure":
        pipeline.credential_problems = functools.partial(vcdm.credential_problems, engine="pyld")
    elif name == "jsonschema":
        pipeline.schema_errors = lambda document, *, schema: (
            jsonschema_check(document, schema=schema).errors
        )
    try:
        yield
    finally:
        pipeline.credential_problems = saved_problems
        pipeline.schema_errors = saved_schema
        if saved_env is None:
            os.environ.pop(ENGINE_VARIABLE, None)
        else:
            os.environ[ENGINE_VARIABLE] = saved_env


def measure(documents: list[dict[str, Any]], fetch: Callable[[str], Any]) -> dict[str, Any]:
    timer = StepTimer()
    saved_steps = pipeline._STEPS
    pipeline._STEPS = tuple((name, timer.wrap(name, step)) for name, step in saved_steps)
    try:
        verify(documents[0], now=NOW, status_fetcher=fetch)  # warm contexts, schema, key
        timer.seconds.clear()
        start = time.perf_counter()
        for document in documents:
            report = verify(document, now=NOW, status_fetcher=fetch)
            if not report.verified or report.warnings:
                raise SystemExit(f"unexpected report: {report.to_json()}")
        elapsed = time.perf_counter() - start
    finally:
        pipeline._STEPS = saved_steps
    per_check = {name: seconds / len(documents) for name, seconds in timer.seconds.items()}
    return {
        "per_s": len(documents) / elapsed,
        "us_per_credential": elapsed / len(documents) * 1e6,
        "us_per_check": {name: seconds * 1e6 for name, seconds in per_check.items()},
        "share_per_check": {name: seconds / elapsed for name, seconds in timer.seconds.items()},
    }


def run(n: int, modes: list[str]) -> dict[str, Any]:
    core = pin_to_one_core()
    key = Ed25519Key.generate()
    signed_list = status_list(key)
    batches = {name: credentials(n, key) for name in modes}

    def fetch(url: str) -> Mapping[str, Any]:
        return signed_list

    results = {}
    for name in modes:
        with mode(name):
            results[name] = measure(batches[name], fetch)
    engines = schema_engines(batches[modes[0]])
    return {
        "core": core,
        "python": platform.python_version(),
        "n": n,
        "modes": results,
        "schema_engines": engines,
    }


def schema_engines(documents: list[dict[str, Any]]) -> dict[str, float]:
    """µs per credential of the schema check alone: as verify() runs it, and on jsonschema."""
    figures = {}
    for name, check in (("jsonschema-rs first", schema_check), ("jsonschema", jsonschema_check)):
        check(documents[0])  # warm the validator
        start = time.perf_counter()
        for document in documents:
            if not check(document).ok:
                raise SystemExit(f"unexpected schema errors on {name}")
        figures[name] = (time.perf_counter() - start) / len(documents) * 1e6
    return figures


def table(report: dict[str, Any]) -> str:
    modes = report["modes"]
    checks = list(next(iter(modes.values()))["us_per_check"])
    lines = [
        f"mixtape.verify() — one core ({report['core']}), Python {report['python']}, "
        f"{report['n']} distinct credentials per mode, status list from memory",
        "",
        f"{'mode':<16}{'verify/s':>10}{'µs/cred':>10}" + "".join(f"{c:>14}" for c in checks),
    ]
    for name, figures in modes.items():
        cells = "".join(
            f"{figures['us_per_check'][c]:>7.0f} µs {figures['share_per_check'][c]:>3.0%}"
            for c in checks
        )
        lines.append(
            f"{name:<16}{figures['per_s']:>10.0f}{figures['us_per_credential']:>10.0f}{cells}"
        )
    if "fast" in modes and "pyld structure" in modes:
        ratio = modes["fast"]["per_s"] / modes["pyld structure"]["per_s"]
        lines += ["", f"fast structure check: {ratio:.1f}x the verifications/s of pyld's"]
    if "fast" in modes and "jsonschema" in modes:
        ratio = modes["fast"]["per_s"] / modes["jsonschema"]["per_s"]
        lines += [f"jsonschema-rs first: {ratio:.1f}x the verifications/s of jsonschema alone"]
    engines = report["schema_engines"]
    fast, slow = engines["jsonschema-rs first"], engines["jsonschema"]
    lines.append(
        f"schema engine: {fast:.0f} µs/cred with jsonschema-rs first, {slow:.0f} µs on"
        f" jsonschema alone ({slow / fast:.0f}x)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="100 credentials per mode")
    parser.add_argument("--n", type=int, default=400, help="credentials per mode")
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"comma-separated subset of {MODES}"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    report = run(100 if args.quick else args.n, args.modes.split(","))
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
