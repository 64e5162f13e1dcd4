"""Sharing one held credential: LinkedIn's "Add to profile" link and the PDF certificate."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mixtape_site.issuers.identity import absolute_url
from mixtape_site.wallet import sharing
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.sharing import (
    certificate_pdf,
    certificate_text,
    linkedin_add_url,
    verification_url,
)

IMPORTED_ID = "https://badges.example.org/assertions/42"


def _hold(owner: Any, document: dict[str, Any], **fields: Any) -> WalletCredential:
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    return WalletCredential.objects.create(
        owner=owner,
        source=fields.pop("source", WalletCredential.Source.CLAIMED),
        format=WalletCredential.Format.OB3_JSON,
        document=document,
        content_hash=digest,
        **fields,
    )


@pytest.fixture
def learner(issued_credential: Any) -> Any:
    from tests.site.conftest import make_user  # noqa: PLC0415

    user = make_user("learner@example.org")
    user.display_name = "Léa Tremblay"
    user.save()
    return user


@pytest.fixture
def held(learner: Any, issued_credential: Any) -> WalletCredential:
    return _hold(
        learner,
        issued_credential.document,
        issued_credential=issued_credential,
        name="Data Analysis Fundamentals",
        issuer_name="Northern College",
        issued_on=issued_credential.issued_on,
        valid_until=timezone.now() + timedelta(days=400),
    )


@pytest.fixture
def imported(learner: Any) -> WalletCredential:
    document = {
        "id": IMPORTED_ID,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {"achievement": {"name": "Forklift Safety"}},
    }
    return _hold(
        learner,
        document,
        source=WalletCredential.Source.IMPORTED,
        name="Forklift Safety",
        issuer_name="Safety Council",
        issued_on=timezone.now(),
    )


def _query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.linkedin.com/profile/add"
    return {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}


def test_platform_credential_links_to_its_public_page(
    held: WalletCredential, issued_credential: Any
) -> None:
    path = reverse("credentials:public", kwargs={"uuid": issued_credential.uuid})
    assert verification_url(held) == absolute_url(path)


def test_linkedin_link_carries_the_certification(
    held: WalletCredential, issued_credential: Any
) -> None:
    query = _query(linkedin_add_url(held, language="fr"))
    issued = timezone.localtime(held.issued_on)
    expires = timezone.localtime(held.valid_until)
    assert query == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Fondements de l'analyse de données",
        "organizationName": "Northern College",
        "issueYear": str(issued.year),
        "issueMonth": str(issued.month),
        "expirationYear": str(expires.year),
        "expirationMonth": str(expires.month),
        "certUrl": verification_url(held),
        "certId": str(issued_credential.uuid),
    }


def test_imported_credential_with_an_https_id_links_to_it(imported: WalletCredential) -> None:
    query = _query(linkedin_add_url(imported))
    assert query["certUrl"] == IMPORTED_ID
    assert query["name"] == "Forklift Safety"
    assert "expirationYear" not in query


def test_credential_without_a_public_page_offers_no_sharing(
    client: Client, imported: WalletCredential, learner: Any
) -> None:
    imported.document = {**imported.document, "id": "urn:uuid:1234"}
    imported.save()
    assert linkedin_add_url(imported) == ""
    client.force_login(learner)
    url = reverse("wallet:certificate", kwargs={"uuid": imported.uuid})
    assert client.get(url).status_code == 404
    page = client.get(reverse("wallet:share", kwargs={"uuid": imported.uuid}))
    assert "has no public verification page" in page.content.decode()
    assert "linkedin.com" not in page.content.decode()


def test_share_page_opens_linkedin_in_a_new_tab_and_says_so(
    client: Client, held: WalletCredential, learner: Any
) -> None:
    client.force_login(learner)
    page = client.get(reverse("wallet:share", kwargs={"uuid": held.uuid})).content.decode()
    link = re.search(r'<a class="button" href="([^"]+)" target="_blank" rel="([^"]+)">', page)
    assert link is not None
    assert "noopener" in link.group(2).split()
    assert link.group(1).startswith("https://www.linkedin.com/profile/add?startTask=")
    assert "&amp;certUrl=" in link.group(1)
    assert "opens LinkedIn in a new tab" in page
    assert reverse("wallet:certificate", kwargs={"uuid": held.uuid}) in page


def test_wallet_detail_page_leads_to_sharing(
    client: Client, held: WalletCredential, learner: Any
) -> None:
    client.force_login(learner)
    page = client.get(reverse("wallet:detail", kwargs={"uuid": held.uuid})).content.decode()
    assert reverse("wallet:share", kwargs={"uuid": held.uuid}) in page or "linkedin.com" in page


def test_owner_downloads_a_pdf_certificate_linking_to_the_verification_page(
    client: Client, held: WalletCredential, learner: Any
) -> None:
    client.force_login(learner)
    response = client.get(reverse("wallet:certificate", kwargs={"uuid": held.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="certificate-')
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    # The QR code and the printed URL are both links (annotations, never compressed).
    url = verification_url(held).encode()
    assert pdf.count(b"/URI (" + url + b")") >= 2
    assert b"/Subtype /Image" in pdf  # the QR code
    assert b"DejaVu" in pdf  # a Unicode font is embedded, so accents print


def test_certificate_speaks_the_learners_language(held: WalletCredential, learner: Any) -> None:
    text = certificate_text(held, holder="Léa Tremblay", language="fr")
    assert text.name == "Fondements de l'analyse de données"
    assert "Python (programmation)" in text.skills
    pdf = certificate_pdf(text, language="fr", compress=False)
    assert _info(pdf, "Subject") == "Fondements de l'analyse de données"
    assert _info(pdf, "Author") == "Northern College"
    assert _info(pdf, "Title").endswith(text.name)
    assert b"/Lang (fr)" in pdf


def test_certificate_falls_back_to_core_fonts_without_a_ttf(
    monkeypatch: pytest.MonkeyPatch, held: WalletCredential
) -> None:
    monkeypatch.setattr(sharing, "_fonts", lambda: None)
    text = certificate_text(held, holder="Łukasz Żółć", language="fr")
    pdf = certificate_pdf(text, language="fr", compress=False)
    assert pdf.startswith(b"%PDF") and b"DejaVu" not in pdf
    # Ł, Ż and ć lose their accents; ó is Latin-1, so it prints as is.
    assert "(Lukasz Zólc)".encode("latin-1") in pdf


def test_another_learner_gets_404(client: Client, held: WalletCredential, outsider: Any) -> None:
    client.force_login(outsider)
    for name in ("wallet:certificate", "wallet:share"):
        assert client.get(reverse(name, kwargs={"uuid": held.uuid})).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(client: Client, held: WalletCredential) -> None:
    response = client.get(reverse("wallet:certificate", kwargs={"uuid": held.uuid}))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def _info(pdf: bytes, key: str) -> str:
    match = re.search(rb"/" + key.encode() + rb" (<feff[0-9a-f]*>|\([^)]*\))", pdf)
    assert match is not None, key
    value = match.group(1)
    if value.startswith(b"<"):
        return bytes.fromhex(value[5:-1].decode()).decode("utf-16-be")
    return value[1:-1].decode("latin-1")
