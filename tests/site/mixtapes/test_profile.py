"""The player's skills profile: verified skills grouped by framework category, in the
reader's language; a revoked credential's skills do not count."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from tests.site.factories import PYTHON_SKILL
from tests.site.mixtapes.conftest import SQL_SKILL

from mixtape_site.credentials.services import credential_revoke
from mixtape_site.mixtapes.selectors import play
from mixtape_site.wallet.profile import OTHER_SKILLS

ICT = "information and communication technologies (icts)"


def groups(playback: Any) -> dict[str, list[str]]:
    return {g.label: [s.key for s in g.skills] for g in playback.skill_groups}


def test_verified_skills_are_grouped_by_category_unknown_ones_last(link: Any) -> None:
    found = groups(play(link=link))
    assert found[ICT.capitalize()] == [PYTHON_SKILL]
    # The factories' other skill URIs are not ESCO's: the credentials' own names are kept.
    assert list(found)[-1] == str(OTHER_SKILLS)
    assert SQL_SKILL in found[str(OTHER_SKILLS)]


def test_revoked_credentials_skills_leave_the_groups(
    link: Any, sql_issued: Any, issuer_staff: Any
) -> None:
    credential_revoke(credential=sql_issued, reason="Issued in error", actor=issuer_staff)
    found = groups(play(link=link))
    assert SQL_SKILL not in [key for keys in found.values() for key in keys]
    assert found[ICT.capitalize()] == [PYTHON_SKILL]  # still shown by a verified credential


def test_player_page_shows_groups_in_the_readers_language(client: Client, link: Any) -> None:
    url = reverse("mixtapes:play", kwargs={"token": link.token})
    page = client.get(url).content.decode()
    assert f'<h3 id="skills-group-1">{ICT.capitalize()}</h3>' in page
    assert f">{OTHER_SKILLS}</h3>" in page
    client.cookies["django_language"] = "fr"
    page = client.get(url).content.decode()
    assert "Technologies de l’information et de la communication (tic)</h3>" in page
    assert "Python (programmation)" in page
