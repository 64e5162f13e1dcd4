"""Skills become OB 3.0 alignments: schema-valid, signable in JSON-LD safe mode."""

from __future__ import annotations

from mixtape.model.schema import validate
from mixtape_site.achievements.documents import SKILL_TARGET_TYPE, achievement_json
from mixtape_site.credentials.services import Recipient, credential_issue
from mixtape_site.credentials.verification import credential_verify_live

from .conftest import OWN, PYTHON

CONFIGURE_ROUTER = {
    "url": f"{OWN}d1", "framework": "Northern College skills", "code": "D1",
    "name": {"en": "Configure a home router", "fr": "Configurer un routeur domestique"},
}  # fmt: skip
ESCO_PYTHON = {
    "url": PYTHON, "framework": "ESCO", "code": "",
    "name": {"en": "Python (computer programming)", "fr": "Python (programmation informatique)"},
}  # fmt: skip


def test_alignment_names_the_framework_the_code_and_the_competency_type(published_achievement):
    published_achievement.skills = [ESCO_PYTHON, CONFIGURE_ROUTER]
    published_achievement.save()
    alignment = achievement_json(published_achievement)["alignment"]
    assert SKILL_TARGET_TYPE == "ceasn:Competency"  # an AlignmentTargetType of OB 3.0
    assert alignment == [
        {"type": ["Alignment"], "targetName": "Python (computer programming)",
         "targetUrl": PYTHON, "targetFramework": "ESCO", "targetType": "ceasn:Competency"},
        {"type": ["Alignment"], "targetName": "Configure a home router",
         "targetUrl": f"{OWN}d1", "targetFramework": "Northern College skills",
         "targetCode": "D1", "targetType": "ceasn:Competency"},
    ]  # fmt: skip


def test_alignment_name_is_in_the_issuer_primary_language(published_achievement):
    published_achievement.organization.primary_language = "fr"
    published_achievement.organization.save()
    published_achievement.skills = [ESCO_PYTHON]
    published_achievement.save()
    alignment = achievement_json(published_achievement)["alignment"]
    assert alignment[0]["targetName"] == "Python (programmation informatique)"


def test_issued_credential_with_alignments_is_schema_valid_and_signed(
    published_achievement, issuer_staff
):
    published_achievement.skills = [ESCO_PYTHON, CONFIGURE_ROUTER]
    published_achievement.save()
    outcome = credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Léa Tremblay", email="learner@example.org"),
        issued_by=issuer_staff,
    )
    document = outcome.credential.document
    validate(document)  # the OB 3.0 JSON schema (targetType's enum included)
    assert credential_verify_live(document).verified  # safe-mode JSON-LD signed and verified
    types = [a["targetType"] for a in document["credentialSubject"]["achievement"]["alignment"]]
    assert types == ["ceasn:Competency", "ceasn:Competency"]
