"""Goal-plan fixtures: the shared catalogue, and a learner holding real signed credentials."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from tests.site.catalogue.catalogue_data import LEARNER_EMAIL, build_catalogue
from tests.site.conftest import make_user


@pytest.fixture(autouse=True)
def _offline(settings: Any) -> None:
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = False
    cache.clear()


@pytest.fixture
def catalogue(college: Any) -> dict[str, Any]:
    return build_catalogue(college)


@pytest.fixture
def learner(db: None) -> Any:
    return make_user(LEARNER_EMAIL)
