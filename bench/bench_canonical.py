"""RDFC-1.0 canonicalization time per document: the fast path against the pyld path.

For each document (the W3C and 1EdTech test vectors, their proof
configurations, and the benchmark credential of bench_proofs.py) it prints the
microseconds per canonicalization on both paths, their ratio, the number of
quads, and checks that both paths give the same bytes. Figures only.

    python bench/bench_canonical.py            # about 20 seconds
    python bench/bench_canonical.py --quick    # about 5 seconds
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mixtape.jsonld import canonicalize

# The sample credential lives with the interop tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from interop.samples import achievement_credential

ROOT = Path(__file__).resolve().parents[1]
VECTORS = ROOT / "tests/conformance/test-vectors"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def documents() -> dict[str, dict[str, Any]]:
    w3c = _json(VECTORS / "vc-di-eddsa/unsigned.json")
    found = {
        "W3C vc-di-eddsa credential": w3c,
        "W3C proof configuration": _json(
            VECTORS / "vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json"
        ),
        "bench credential (OB 3.0)": achievement_credential(
            issuer="https://issuer.example/issuers/42", value_objects=True
        ),
    }
    for label, folder in (("OB 3.0", "ob-v3p0"), ("CLR 2.0", "clr-v2p0")):
        unsigned = _json(VECTORS / f"1edtech-{folder}-eddsa-rdfc-2022/unsigned.json")
        config = _json(VECTORS / f"1edtech-{folder}-eddsa-rdfc-2022/proofConfig.json")
        found[f"1EdTech {label} vector"] = unsigned
        found[f"1EdTech {label} proof config"] = {"@context": unsigned["@context"], **config}
    return found


def per_call_us(action: Callable[[], object], *, budget: float) -> float:
    action()
    calls, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < budget or calls < 3:
        action()
        calls += 1
    return elapsed / calls * 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="about 5 s instead of about 20 s")
    args = parser.parse_args(argv)
    found = documents()
    budget = (5.0 if args.quick else 20.0) / (2 * len(found))
    print(f"{'document':<30}{'quads':>6}{'fast µs':>10}{'pyld µs':>10}{'pyld/fast':>11}")
    for name, document in found.items():
        fast = canonicalize(document, engine="fast")
        if fast != canonicalize(document, engine="pyld"):
            raise SystemExit(f"{name}: the two paths disagree")
        fast_us = per_call_us(lambda d=document: canonicalize(d, engine="fast"), budget=budget)
        pyld_us = per_call_us(lambda d=document: canonicalize(d, engine="pyld"), budget=budget)
        print(
            f"{name:<30}{fast.count(chr(10)):>6}{fast_us:>10.0f}{pyld_us:>10.0f}"
            f"{pyld_us / fast_us:>11.1f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
