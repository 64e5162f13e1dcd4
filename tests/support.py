"""Helpers shared by the tests: where the conformance data lives and how to read it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONFORMANCE = Path(__file__).parent / "conformance"
ROOT = Path(__file__).parent.parent


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
