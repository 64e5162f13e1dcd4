"""The catalogue tests' micro-credentials (see catalogue_data)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.site.catalogue.catalogue_data import build_catalogue


@pytest.fixture
def catalogue(college: Any) -> dict[str, Any]:
    return build_catalogue(college)
