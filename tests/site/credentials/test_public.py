"""A credential's public page: what, to whom, by whom, verified live; JSON by Accept."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from mixtape import MixtapeError, verify
from mixtape_site.achievements.models import AchievementPartner
from mixtape_site.achievements.services import partner_endorse
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import (
    Recipient,
    credential_issue,
    credential_revoke,
    credential_suspend,
)
from mixtape_site.credentials.verification import (
    Outcome,
    credential_verification,
    credential_verify_live,
    status_list_fetch,
)
from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.resolver import platform_resolver


def page_url(credential: IssuedCredential, suffix: str = "") -> str:
    return f"/credentials/{credential.uuid}{suffix}"


def html(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def issue_expired(achievement: Any, staff: Any) -> IssuedCredential:
    """A credential valid for one month, issued two months ago."""
    achievement.validity_months = 1
    achievement.save()
    recipient = Recipient(
        name="Sam Roy",
        email="sam@example.org",
        issued_on=timezone.now() - timedelta(days=62),
    )
    outcome = credential_issue(achievement=achievement, recipient=recipient, issued_by=staff)
    return outcome.credential


# --- the page ----------------------------------------------------------------------


def test_page_shows_achievement_recipient_issuer_and_verified(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential)))

    assert '<h1 id="credential-title">Data Analysis Fundamentals</h1>' in text
    assert "Léa Tremblay" in text
    assert 'href="/issuers/northern-college"' in text
    assert organization_did(issued_credential.organization) in text
    assert "Complete four graded projects" in text
    assert "Build a clear chart" in text
    assert 'href="http://data.europa.eu/esco/skill/8a5b5a3e-ccc4-4e1a-8b4a-4ad2d5f7d0ec"' in text
    assert "40 hours" in text
    assert 'role="status"' in text
    assert "Verified" in text
    assert "Not verified" not in text


def test_page_lists_every_check_with_a_text_result(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential)))

    for title in ("Signature", "Issuer&#x27;s key", "Revocation and suspension", "Validity dates"):
        assert f'<th scope="row">{title}</th>' in text
    assert text.count(">Passed</span>") >= 6


def test_page_is_revalidated_on_every_visit_because_status_is_live(
    client: Any, issued_credential: Any
):
    response = client.get(page_url(issued_credential))

    assert response["Cache-Control"] == "no-cache"
    assert "Accept" in response["Vary"]


def test_page_offers_downloads_and_a_link_to_copy(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential)))

    for suffix in (".json", ".png", ".svg"):
        assert f'href="{page_url(issued_credential, suffix)}"' in text
    assert f'value="http://localhost:8000{page_url(issued_credential)}" readonly' in text
    assert "Copy link" in text


def test_page_has_open_graph_tags_for_link_previews(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential)))

    assert '<meta property="og:title" content="Data Analysis Fundamentals">' in text
    image = f"http://localhost:8000{page_url(issued_credential, '.png')}"
    assert f'<meta property="og:image" content="{image}">' in text


def test_revoked_credential_says_revoked_with_date_but_not_the_reason(
    client: Any, issued_credential: Any, issuer_staff: Any
):
    credential_revoke(
        credential=issued_credential, reason="Plagiarism found in project 3", actor=issuer_staff
    )

    text = html(client.get(page_url(issued_credential)))

    assert "verification-revoked" in text
    assert "Revoked" in text
    assert f"revoked this credential on {date_format(timezone.localdate())}." in text
    assert "Plagiarism" not in text
    status_row = '<tr class="check-failed">\n            <th scope="row">Revocation and suspension'
    assert status_row in text
    assert "The issuer has revoked this credential." in text


def test_revoked_credential_fails_live_verification(issued_credential: Any, issuer_staff: Any):
    credential_revoke(credential=issued_credential, reason="Issued in error", actor=issuer_staff)

    report = credential_verify_live(issued_credential.document)

    assert not report.verified
    assert report.check("status").status == "failed"


def test_suspended_credential_says_suspended(
    client: Any, issued_credential: Any, issuer_staff: Any
):
    credential_suspend(credential=issued_credential, reason="Under review", actor=issuer_staff)

    text = html(client.get(page_url(issued_credential)))

    assert "verification-suspended" in text
    assert "suspended this credential on" in text
    assert "Under review" not in text


def test_expired_credential_says_expired(
    client: Any, published_achievement: Any, issuer_staff: Any
):
    credential = issue_expired(published_achievement, issuer_staff)

    text = html(client.get(page_url(credential)))

    assert "verification-expired" in text
    assert "This credential expired on" in text


def test_live_verification_of_a_fresh_credential_passes(issued_credential: Any):
    verification = credential_verification(issued_credential.document)

    assert verification.outcome is Outcome.VERIFIED
    assert verification.report.check("status").status == "passed"
    assert {row.id for row in verification.rows} >= {"proof", "issuer", "status", "validity"}


def test_live_verification_rejects_a_tampered_credential(issued_credential: Any):
    tampered = json.loads(json.dumps(issued_credential.document))
    tampered["credentialSubject"]["achievement"]["name"] = "Brain Surgery"

    verification = credential_verification(tampered)

    assert verification.outcome is Outcome.FAILED
    assert next(r for r in verification.rows if r.id == "proof").status == "failed"


def test_status_lists_on_private_addresses_are_never_fetched(db: None):
    with pytest.raises(MixtapeError):
        status_list_fetch("https://127.0.0.1/status/list")


def test_recipient_name_is_escaped(client: Any, published_achievement: Any, issuer_staff: Any):
    recipient = Recipient(name="<script>alert(1)</script>", email="x@example.org")
    credential = credential_issue(
        achievement=published_achievement, recipient=recipient, issued_by=issuer_staff
    ).credential

    text = html(client.get(page_url(credential)))

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_page_shows_verified_endorsements_in_the_readers_language(
    client: Any, published_achievement: Any, employer: Any, issuer_staff: Any
):
    partner = AchievementPartner.objects.create(
        achievement=published_achievement, organization=employer
    )
    partner_endorse(
        partner=partner,
        comment={"en": "Exactly what we hire for.", "fr": "Exactement ce que nous recherchons."},
        endorsed_by=None,
    )
    recipient = Recipient(name="Kim Lee", email="kim@example.org")
    credential = credential_issue(
        achievement=published_achievement, recipient=recipient, issued_by=issuer_staff
    ).credential

    english = html(client.get(page_url(credential)))
    french = html(client.get(page_url(credential), headers={"Accept-Language": "fr"}))

    assert "Maple Tech" in english
    assert "Exactly what we hire for." in english
    assert "Verified endorsement" in english
    assert "Exactement ce que nous recherchons." in french


# --- JSON -------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["application/json", "application/ld+json", "application/vc"])
def test_json_by_accept_is_the_stored_signed_credential_and_verifies(
    client: Any, issued_credential: Any, accept: str
):
    response = client.get(page_url(issued_credential), headers={"Accept": accept})

    assert response["Content-Type"] == "application/vc"
    assert "Content-Disposition" not in response
    assert "Accept" in response["Vary"]
    document = json.loads(response.content)
    assert document == issued_credential.document
    assert verify(document, resolver=platform_resolver()).verified


def test_browsers_get_html(client: Any, issued_credential: Any):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(page_url(issued_credential), headers={"Accept": accept})

    assert response["Content-Type"].startswith("text/html")


def test_json_download_is_an_attachment_cached_for_an_hour(client: Any, issued_credential: Any):
    response = client.get(page_url(issued_credential, ".json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert response["Content-Disposition"] == (
        f'attachment; filename="data-analysis-fundamentals-{str(issued_credential.uuid)[:8]}.json"'
    )
    assert "max-age=3600" in response["Cache-Control"]
    assert json.loads(response.content) == issued_credential.document


# --- not found, languages --------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", ".json", ".png", ".svg"])
def test_unknown_credential_is_not_found(client: Any, db: None, suffix: str):
    response = client.get(f"/credentials/{uuid.uuid4()}{suffix}")

    assert response.status_code == 404


def test_page_is_read_only(client: Any, issued_credential: Any):
    assert client.post(page_url(issued_credential)).status_code == 405


def test_page_in_french_by_browser_language(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential), headers={"Accept-Language": "fr"}))

    assert '<html lang="fr">' in text
    assert "Fondements de l&#x27;analyse de données</h1>" in text
    assert "Collège du Nord" in text
    assert "analyser des mégadonnées" in text


def test_page_in_french_by_language_cookie(client: Any, settings: Any, issued_credential: Any):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    text = html(client.get(page_url(issued_credential)))

    assert '<html lang="fr">' in text
    assert "Fondements de l&#x27;analyse de données</h1>" in text


def test_french_page_shows_the_core_check_messages_in_french(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential), headers={"Accept-Language": "fr"}))

    assert "<span>la signature est valide</span>" in text
    assert "the signature verifies" not in text
    checks = text.split('id="checks-title"', 1)[1].split("</table>", 1)[0]
    assert 'lang="en"' not in checks


def test_english_page_shows_the_core_check_messages_in_english(client: Any, issued_credential: Any):
    text = html(client.get(page_url(issued_credential), headers={"Accept-Language": "en"}))

    assert "<span>the signature verifies</span>" in text
