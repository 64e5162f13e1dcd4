"""Fixtures for the mixtapes tests: learners holding real, signed platform credentials."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from tests.site.conftest import make_user
from tests.site.factories import PYTHON_SKILL, published_achievement_create

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import Recipient, credential_issue
from mixtape_site.mixtapes.models import Mixtape
from mixtape_site.mixtapes.services import mixtape_create, share_link_create, track_add
from mixtape_site.organizations.models import Organization
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import content_hash, vc_summary

LEARNER_EMAIL = "learner@example.org"
SQL_SKILL = "http://data.europa.eu/esco/skill/sql-databases"


@pytest.fixture(autouse=True)
def _offline(settings: Any) -> None:
    """No network: keys and status lists come from the database; caches start empty."""
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = False
    cache.clear()


def hold(owner: Any, issued: IssuedCredential) -> WalletCredential:
    """A claimed platform credential in ``owner``'s wallet, stored as the wallet stores it."""
    summary = vc_summary(issued.document, language="en")
    return WalletCredential.objects.create(
        owner=owner,
        source=WalletCredential.Source.CLAIMED,
        format=WalletCredential.Format.OB3_JSON,
        issued_credential=issued,
        document=issued.document,
        content_hash=content_hash(issued.document),
        name=summary.name,
        issuer_id=summary.issuer_id,
        issuer_name=summary.issuer_name,
        issued_on=summary.issued_on,
        valid_until=summary.valid_until,
        skills=summary.skills,
    )


def hold_document(owner: Any, document: dict[str, Any] | str, *, fmt: str, name: str) -> Any:
    """An imported credential (JSON object, or a VC-JWT kept as ``{"jwt": …}``)."""
    stored = {"jwt": document} if isinstance(document, str) else document
    return WalletCredential.objects.create(
        owner=owner,
        source=WalletCredential.Source.IMPORTED,
        format=fmt,
        document=stored,
        content_hash=content_hash(document),
        name=name,
    )


@pytest.fixture
def learner(db: None) -> Any:
    return make_user(LEARNER_EMAIL)


@pytest.fixture
def other_learner(db: None) -> Any:
    return make_user("other.learner@example.net")


@pytest.fixture
def sql_achievement(college: Organization, issuer_staff: Any) -> Any:
    """A second micro-credential of the same college: Python again, and SQL."""
    achievement = published_achievement_create(organization=college, created_by=issuer_staff)
    achievement.name = {"en": "Databases with SQL", "fr": "Bases de données et SQL"}
    achievement.skills = [
        {
            "url": PYTHON_SKILL,
            "name": {"en": "Python (computer programming)", "fr": "Python (programmation)"},
            "framework": "ESCO",
        },
        {"url": SQL_SKILL, "name": {"en": "SQL", "fr": "SQL (langage)"}, "framework": "ESCO"},
    ]
    achievement.save()
    return achievement


@pytest.fixture
def sql_issued(sql_achievement: Any, issuer_staff: Any) -> IssuedCredential:
    outcome = credential_issue(
        achievement=sql_achievement,
        recipient=Recipient(name="Léa Tremblay", email=LEARNER_EMAIL),
        issued_by=issuer_staff,
    )
    return outcome.credential


@pytest.fixture
def held(learner: Any, issued_credential: IssuedCredential) -> WalletCredential:
    return hold(learner, issued_credential)


@pytest.fixture
def held_sql(learner: Any, sql_issued: IssuedCredential) -> WalletCredential:
    return hold(learner, sql_issued)


@pytest.fixture
def mixtape(learner: Any) -> Mixtape:
    return mixtape_create(owner=learner, title="Data work", description="For data jobs.")


@pytest.fixture
def full_mixtape(mixtape: Mixtape, held: Any, held_sql: Any) -> Mixtape:
    track_add(mixtape=mixtape, credential=held, note="My first micro-credential.")
    track_add(mixtape=mixtape, credential=held_sql)
    return mixtape


@pytest.fixture
def link(full_mixtape: Mixtape) -> Any:
    return share_link_create(mixtape=full_mixtape, label="Maple Tech")
