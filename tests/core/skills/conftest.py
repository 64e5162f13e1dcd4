"""The bundled ESCO framework, loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mixtape.skills import Framework, load_framework

POSTINGS = Path(__file__).resolve().parents[3] / "bench" / "data" / "job_postings.yaml"


@pytest.fixture(scope="session")
def esco() -> Framework:
    return load_framework("esco")


@pytest.fixture(scope="session")
def postings() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in yaml.safe_load(POSTINGS.read_text(encoding="utf-8"))}
