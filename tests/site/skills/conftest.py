"""Fixtures for the skills tests: the example NOC file, an institution's own skills, an operator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mixtape_site.accounts.models import User
from mixtape_site.skills.models import ImportedFramework
from mixtape_site.skills.services import framework_import

NOC_CSV = Path("src/mixtape_site/skills/fixtures/noc-2021-example.csv")
NOC = "https://mixtape.example/frameworks/noc-2021/"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
DATA_SCIENTIST = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"
OWN = "https://northern.example/skills/"
OWN_SKILLS_CSV = f"""uri,code,kind,label_en,label_fr,alt_en,alt_fr,broader
{OWN}digital,D,group,Digital skills,Compétences numériques,,,
{OWN}d1,D1,skill,Configure a home router,Configurer un routeur domestique,set up a router,,\
{OWN}digital
{OWN}d2,D2,knowledge,Wireless standards,Normes sans fil,,,{OWN}digital
{OWN}tech,,occupation,Help desk technician,Technicien/technicienne du soutien,,,
"""
OWN_RELATIONS_CSV = f"""occupation_uri,skill_uri,relation
{OWN}tech,{OWN}d1,essential
{OWN}tech,{OWN}d2,optional
"""


@pytest.fixture
def noc(db: None) -> ImportedFramework:
    return framework_import(
        id="noc2021", name="NOC 2021", version="2021 V1.0",
        concepts_csv=NOC_CSV.read_text(encoding="utf-8"),
        attribution="Adapted from Statistics Canada, NOC 2021 Version 1.0.",
    )  # fmt: skip


@pytest.fixture
def own_skills(db: None) -> ImportedFramework:
    return framework_import(
        id="northern-skills", name="Northern College skills",
        concepts_csv=OWN_SKILLS_CSV, relations_csv=OWN_RELATIONS_CSV,
    )  # fmt: skip


@pytest.fixture
def operator(client: Any, db: None) -> User:
    user = User.objects.create_superuser("ops@mixtape.example", password="ops-password-123")
    client.force_login(user)
    return user
