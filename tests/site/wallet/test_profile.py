"""The wallet's skills profile: the holder's verified skills grouped by framework category."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from tests.site.catalogue.catalogue_data import (
    BIG_DATA,
    DATA_ANALYSIS,
    PYTHON,
    SQL,
    STATISTICS,
    UNKNOWN_SKILL,
    hold,
    make_achievement,
)

from mixtape_site.credentials.services import credential_revoke
from mixtape_site.skills.services import framework_import
from mixtape_site.wallet.profile import (
    OTHER_SKILLS,
    held_skill_uris,
    skills_profile,
    verified_credentials,
)


def test_profile_groups_skills_by_category_and_counts_credentials(
    learner: Any, college: Any, issuer_staff: Any
) -> None:
    analysis = make_achievement(
        college, name=("Analysis", "Analyse"), skills=(DATA_ANALYSIS, PYTHON, STATISTICS)
    )
    welding = make_achievement(college, name=("Welding", "Soudage"), skills=(UNKNOWN_SKILL, PYTHON))
    held = [hold(learner, analysis, issuer_staff), hold(learner, welding, issuer_staff)]

    profile = skills_profile(held, language="en")

    by_label = {g.label: [(s.label, s.credentials) for s in g.skills] for g in profile}
    assert by_label == {
        "Information and communication technologies (icts)": [("Python (computer programming)", 2)],
        "Natural sciences, mathematics and statistics": [("statistics", 1)],
        "Working with computers": [("perform data analysis", 1)],
        str(OTHER_SKILLS): [("welding safety", 1)],  # not in ESCO: the credential's name
    }
    french = skills_profile(held, language="fr")
    assert french[-1].skills[0].label == "sécurité en soudage"
    assert french[0].label == "Sciences naturelles, mathématiques et statistiques"


def test_only_verified_credentials_count(learner: Any, college: Any, issuer_staff: Any) -> None:
    kept = make_achievement(college, name=("Big data", "Mégadonnées"), skills=(BIG_DATA,))
    lost = make_achievement(college, name=("SQL", "SQL"), skills=(SQL,))
    hold(learner, kept, issuer_staff)
    revoked = hold(learner, lost, issuer_staff)
    credential_revoke(credential=revoked.issued_credential, reason="Error", actor=issuer_staff)

    assert [c.name for c in verified_credentials(owner=learner)] == ["Big data"]
    assert held_skill_uris(owner=learner) == {BIG_DATA}


def test_wallet_page_shows_your_skills(
    client: Any, learner: Any, college: Any, issuer_staff: Any
) -> None:
    analysis = make_achievement(college, name=("Analysis", "Analyse"), skills=(PYTHON,))
    hold(learner, analysis, issuer_staff)
    client.force_login(learner)

    page = client.get(reverse("wallet:list")).content.decode()
    assert '<h2 id="skills-title">Your skills</h2>' in page
    assert "<h3>Information and communication technologies (icts)</h3>" in page
    assert "Python (computer programming)" in page and "(1 credential)" in page
    assert reverse("goals:plan") in page

    client.cookies["django_language"] = "fr"
    page = client.get(reverse("wallet:list")).content.decode()
    assert "Python (programmation informatique)" in page


def test_empty_profile_says_so(client: Any, learner: Any) -> None:
    client.force_login(learner)
    page = client.get(reverse("wallet:list")).content.decode()
    assert "No verified credential in your wallet names a skill yet." in page


def test_skills_of_an_imported_framework_group_under_its_own_categories(
    learner: Any, college: Any, issuer_staff: Any
) -> None:
    base = "https://skills.example.org/digital/"
    framework_import(
        id="digital",
        name="Digital skills",
        concepts_csv=(
            "uri,code,kind,label_en,label_fr,alt_en,alt_fr,broader\n"
            f"{base}g,G,group,Digital literacy,Littératie numérique,,,\n"
            f"{base}s,S,skill,Safe browsing,Navigation sécuritaire,,,{base}g\n"
        ),
    )
    course = make_achievement(college, name=("Web", "Web"), skills=(PYTHON,))
    course.skills = [{"url": base + "s", "name": {"en": "browsing"}, "framework": "Digital"}]
    course.save()
    profile = skills_profile([hold(learner, course, issuer_staff)], language="fr")
    assert [(g.label, [s.label for s in g.skills]) for g in profile] == [
        ("Littératie numérique", ["Navigation sécuritaire"])
    ]
