"""From a job posting or an occupation to the skills, the gap and the micro-credentials."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from tests.site.catalogue.catalogue_data import (
    BIG_DATA,
    DATA_ANALYSIS,
    DATA_ANALYST,
    DATA_MINING,
    MACHINE_LEARNING,
    PYTHON,
    SPREADSHEETS,
    STATISTICS,
    hold,
)

from mixtape.skills import load_framework
from mixtape_site.credentials.services import credential_revoke
from mixtape_site.goals.forms import OCCUPATION_UNKNOWN, POSTING_REQUIRED

PLAN = reverse("goals:plan")
POSTING_EN = """Data Analyst (junior). Join our analytics team in Sudbury. You will collect and
clean data, perform data analysis with Python, apply statistics to business questions and
present your findings to managers. Experience with machine learning is an asset."""
POSTING_FR = """Analyste de données (junior). Vous effectuerez l'analyse de données avec Python,
appliquerez les statistiques aux questions de l'entreprise et présenterez vos résultats.
Une expérience en apprentissage automatique est un atout."""


def skill_uris(response: Any) -> list[str]:
    return [s.concept.uri for s in response.context["plan"].skills]


def offers(response: Any) -> list[tuple[str, int]]:
    return [(o.achievement.name["en"], len(o.covers)) for o in response.context["plan"].offers]


def test_page_offers_both_ways_in(client: Any) -> None:
    page = client.get(PLAN).content.decode()
    assert PLAN == "/goals/"
    assert '<label for="id_posting">' in page and 'name="occupation_q"' in page
    assert "Sign in" in page


def test_posting_finds_its_skills_and_the_micro_credentials_that_teach_them(
    client: Any, catalogue: Any
) -> None:
    response = client.post(PLAN, {"posting": POSTING_EN})
    found = skill_uris(response)
    assert {DATA_ANALYSIS, STATISTICS, PYTHON, MACHINE_LEARNING} <= set(found)
    assert found[0] == DATA_ANALYSIS
    plan = response.context["plan"]
    assert plan.language == "en" and not plan.signed_in
    # Ranked by how many of the posting's skills each one covers, then fewest hours.
    ranked = offers(response)
    assert ranked[0] == ("Data Analysis with Python", 3)
    assert ranked[1] == ("Machine Learning in Practice", 2)
    page = response.content.decode()
    assert "perform data analysis" in page and "Micro-credentials that fill the gap" in page


def test_french_posting_is_detected_and_matched(client: Any, catalogue: Any) -> None:
    response = client.post(PLAN, {"posting": POSTING_FR})
    plan = response.context["plan"]
    assert plan.language == "fr"
    assert {DATA_ANALYSIS, STATISTICS, MACHINE_LEARNING} <= set(skill_uris(response))
    assert offers(response)[0][0] == "Data Analysis with Python"


def test_chosen_language_overrides_detection(client: Any, catalogue: Any) -> None:
    response = client.post(PLAN, {"posting": "Python, statistiques", "language": "fr"})
    assert response.context["plan"].language == "fr"
    assert STATISTICS in skill_uris(response)


def test_french_page_shows_french_labels(client: Any, catalogue: Any) -> None:
    client.cookies["django_language"] = "fr"
    page = client.post(PLAN, {"posting": POSTING_EN}).content.decode()
    assert "effectuer une analyse de données" in page and '<html lang="fr"' in page
    assert "Analyse de données avec Python" in page


def test_empty_posting_is_refused_with_a_message(client: Any) -> None:
    response = client.post(PLAN, {"posting": "  "})
    assert response.context["plan"] is None
    assert str(POSTING_REQUIRED) in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_posting_without_any_skill_says_so(client: Any, catalogue: Any) -> None:
    response = client.post(PLAN, {"posting": "Xyzzy plugh qwzx."})
    assert response.context["plan"].skills == ()
    assert "No skill of the framework was found" in response.content.decode()


def test_occupation_search_offers_choices_then_a_plan(client: Any, catalogue: Any) -> None:
    search = client.get(PLAN, {"occupation_q": "data analyst"})
    assert search.context["occupations"][0] == (DATA_ANALYST, "data analyst")
    assert f'type="radio" name="occupation" id="occupation-1" value="{DATA_ANALYST}"' in (
        search.content.decode()
    )

    response = client.get(PLAN, {"occupation": DATA_ANALYST})
    plan = response.context["plan"]
    fw = load_framework("esco")
    assert skill_uris(response) == list(fw.essential[DATA_ANALYST] + fw.optional[DATA_ANALYST])
    flags = [s.essential for s in plan.skills]
    assert flags == sorted(flags, reverse=True)  # essential first, then optional
    assert plan.occupation_label == "data analyst"
    # A narrower skill covers its broader one (the core's rule), so counts include those.
    by_name = {o.achievement.name["en"]: {c.uri for c in o.covers} for o in plan.offers}
    assert offers(response)[0][0] == "Data Analysis with Python"
    assert {STATISTICS, BIG_DATA} <= by_name["Data Analysis with Python"]
    assert DATA_MINING in by_name["Databases and SQL"]
    assert SPREADSHEETS in by_name["Machine Learning in Practice"]
    assert "Project Management Essentials" not in by_name


def test_unknown_occupation_is_refused(client: Any, catalogue: Any) -> None:
    response = client.get(PLAN, {"occupation": PYTHON})  # a skill, not an occupation
    assert response.context["plan"] is None
    assert str(OCCUPATION_UNKNOWN) in response.content.decode()


def test_signed_in_gap_counts_only_verified_wallet_credentials(
    client: Any, catalogue: Any, learner: Any, issuer_staff: Any
) -> None:
    hold(learner, catalogue["analysis"], issuer_staff)
    revoked = hold(learner, catalogue["sql"], issuer_staff)
    credential_revoke(credential=revoked.issued_credential, reason="Error", actor=issuer_staff)
    client.force_login(learner)

    response = client.get(PLAN, {"occupation": DATA_ANALYST})
    plan = response.context["plan"]
    covered = {s.concept.uri for s in plan.covered}
    assert plan.signed_in and {STATISTICS, BIG_DATA} <= covered
    assert DATA_MINING in {s.concept.uri for s in plan.missing}  # its credential is revoked
    # What is already covered no longer counts: the analysis course has nothing left to add.
    by_name = {o.achievement.name["en"]: {c.uri for c in o.covers} for o in plan.offers}
    assert "Data Analysis with Python" not in by_name
    assert DATA_MINING in by_name["Databases and SQL"]
    assert not covered & set().union(*by_name.values())
    page = response.content.decode()
    assert f"Your verified credentials cover {len(covered)} of the" in page
    assert "Covered" in page and "Missing" in page
