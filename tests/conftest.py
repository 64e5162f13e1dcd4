"""Shared test fixtures: the conformance data copied from the standards' repositories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CONFORMANCE = Path(__file__).parent / "conformance"


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def conformance() -> Path:
    return CONFORMANCE
