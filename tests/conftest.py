"""Shared fixtures: the conformance data copied from the standards' repositories."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support import CONFORMANCE


@pytest.fixture(scope="session")
def conformance() -> Path:
    return CONFORMANCE
