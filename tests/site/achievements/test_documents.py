"""The OB 3.0 Achievement a micro-credential becomes: complete, schema-valid, signable."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mixtape import verify
from mixtape.model.achievement import Achievement as ObAchievement
from mixtape.model.credential import AchievementCredential, AchievementSubject
from mixtape.model.identity import hashed_identity
from mixtape.model.schema import validate
from mixtape_site.achievements.documents import (
    CIP_IDENTIFIER_TYPE,
    NOC_IDENTIFIER_TYPE,
    achievement_json,
    achievement_model,
)
from mixtape_site.achievements.services import partner_endorse
from mixtape_site.issuers.documents import issuer_profile
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.issuers.services import document_sign


def _complete(achievement: Any) -> Any:
    achievement.assessment = {"en": "A practical exam.", "fr": "Un examen pratique."}
    achievement.assessment_evidence = {"en": "A clean data set.", "fr": "Des données propres."}
    achievement.duration_weeks = 8
    achievement.cost = Decimal("250.00")
    achievement.cip_code = "11.0701"
    achievement.noc_codes = ["21211", "21232"]
    achievement.credit_value = Decimal("0.50")
    achievement.validity_months = 24
    achievement.save()
    return achievement


def _signed_credential(achievement_document: dict[str, Any], issuer: Any) -> dict[str, Any]:
    credential = AchievementCredential(
        id="urn:uuid:2d1c5a3e-0000-4000-8000-000000000001",
        name=achievement_document["name"],
        issuer=issuer_profile(issuer),
        valid_from="2025-01-15T00:00:00Z",
        credential_subject=AchievementSubject(
            identifier=[hashed_identity(value="learner@example.org", salt="00ff")],
            achievement=ObAchievement.from_json(achievement_document),
        ),
    ).to_json()
    # The achievement exactly as the platform writes it (endorsements byte for byte).
    credential["credentialSubject"]["achievement"] = achievement_document
    validate(credential)
    # document_sign runs mixtape.add_proof with EddsaRdfc2022: safe mode refuses undefined terms.
    return document_sign(organization=issuer, document=credential, suite="eddsa-rdfc-2022")[0]


def test_achievement_carries_every_ob3_property(published_achievement):
    document = achievement_json(_complete(published_achievement))
    assert document["id"].endswith(f"/achievements/{published_achievement.uuid}")
    assert document["achievementType"] == "MicroCredential"
    assert document["name"] == "Data Analysis Fundamentals"
    assert document["nameMap"]["fr"] == "Fondements de l'analyse de données"
    assert document["descriptionMap"].keys() == {"en", "fr"}
    assert document["image"] == {
        "id": document["id"] + "/image", "type": "Image", "caption": "Data Analysis Fundamentals"
    }  # fmt: skip
    assert document["creditsAvailable"] == 0.5
    assert document["inLanguage"] == "en"
    assert document["creator"]["id"].startswith("did:web:")
    assert [a["targetFramework"] for a in document["alignment"]] == ["ESCO", "ESCO"]
    assert document["alignment"][1]["targetCode"] == "S5.6.1"
    assert document["alignment"][1]["targetName"] == "Python (computer programming)"
    assert document["otherIdentifier"] == [
        {"type": "IdentifierEntry", "identifier": "11.0701", "identifierType": CIP_IDENTIFIER_TYPE},
        {"type": "IdentifierEntry", "identifier": "21211", "identifierType": NOC_IDENTIFIER_TYPE},
        {"type": "IdentifierEntry", "identifier": "21232", "identifierType": NOC_IDENTIFIER_TYPE},
    ]


def test_framework_facts_are_readable_in_the_criteria_in_each_language(published_achievement):
    criteria = achievement_json(_complete(published_achievement))["criteria"]
    english, french = criteria["narrativeMap"]["en"], criteria["narrativeMap"]["fr"]
    assert criteria["narrative"] == english
    assert "## Learning outcomes\n\n- Clean a messy data set\n- Build a clear chart" in english
    assert "## Assessment\n\nA practical exam." in english
    assert "A clean data set." in english
    facts = ("Hours of learning: 40", "8 weeks", "Online", "English, French", "$250.00 CAD",
             "Credit value: 0.5", "24 months", "21211, 21232", "11.0701")  # fmt: skip
    for fact in facts:
        assert fact in english
    assert "- Nettoyer un jeu de données" in french
    assert "Un examen pratique." in french


def test_achievement_validates_and_signs_in_safe_mode_inside_a_credential(published_achievement):
    signed = _signed_credential(achievement_json(_complete(published_achievement)),
                                published_achievement.organization)  # fmt: skip
    report = verify(signed, resolver=platform_resolver())
    assert report.verified, [c for c in report.checks if c.status.value == "failed"]


def test_endorsed_achievement_still_validates_and_signs(
    published_achievement, partnership, employer_member
):
    partner_endorse(partner=partnership, comment={"en": "Job-ready."}, endorsed_by=employer_member)
    document = achievement_json(published_achievement)
    # The credentials app embeds the model form: it must keep the signed bytes too.
    assert achievement_model(published_achievement).to_json() == document
    assert document["endorsement"] == [partnership.__class__.objects.get().endorsement_document]
    signed = _signed_credential(document, published_achievement.organization)
    report = verify(signed, resolver=platform_resolver())
    assert report.verified, [c for c in report.checks if c.status.value == "failed"]
    assert len(report.endorsements) == 1 and report.endorsements[0].verified


def test_minimal_achievement_leaves_out_what_it_does_not_have(draft):
    document = achievement_json(draft)
    for absent in ("alignment", "otherIdentifier", "creditsAvailable", "endorsement"):
        assert absent not in document
    assert "## Details" in document["criteria"]["narrative"]
