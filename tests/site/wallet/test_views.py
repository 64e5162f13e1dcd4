"""The wallet pages: the list, the import forms, one credential, and what others cannot reach."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.site.conftest import make_user
from tests.site.wallet.conftest import LEARNER_EMAIL, ob2_assertion, outside_credential

from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke
from mixtape_site.wallet import importing, services
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_import_text


@pytest.fixture
def signed_in(client: Any, learner: Any) -> Any:
    client.force_login(learner)
    return client


@pytest.fixture
def held(learner: Any) -> WalletCredential:
    document = outside_credential(email=LEARNER_EMAIL)
    return wallet_import_text(user=learner, text=json.dumps(document))


def _page(response: Any) -> str:
    return response.content.decode()


def test_wallet_pages_need_sign_in(client, held):
    for url in (
        reverse("wallet:list"),
        reverse("wallet:import"),
        reverse("wallet:detail", kwargs={"uuid": held.uuid}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_identity_and_credentials_with_status_text(signed_in, learner, held):
    page = _page(signed_in.get(reverse("wallet:list")))

    assert learner_did(user=learner) in page
    assert LEARNER_EMAIL in page and reverse("account_email") in page
    assert "SQL for Analysts" in page and "Open Data Academy" in page
    assert "Verified" in page  # the status is said in words, not colour only


def test_list_search_filters_and_sort(signed_in, learner, held):
    ob2 = wallet_import_text(user=learner, text=json.dumps(ob2_assertion(email=LEARNER_EMAIL)))
    services.wallet_set_tags(user=learner, credential=ob2, tags="Data, spreadsheets")
    url = reverse("wallet:list")

    assert "Spreadsheet Wrangler" not in _page(signed_in.get(url, {"q": "sql"}))
    by_tag = _page(signed_in.get(url, {"tag": "spreadsheets"}))
    assert "Spreadsheet Wrangler" in by_tag and "SQL for Analysts" not in by_tag
    by_issuer = _page(signed_in.get(url, {"issuer": held.issuer_id}))
    assert "SQL for Analysts" in by_issuer and "Spreadsheet Wrangler" not in by_issuer
    by_skill = _page(signed_in.get(url, {"skill": held.skills[0]["url"]}))
    assert "SQL for Analysts" in by_skill and "Spreadsheet Wrangler" not in by_skill
    by_status = _page(signed_in.get(url, {"status": "verified"}))
    assert "SQL for Analysts" in by_status
    by_name = _page(signed_in.get(url, {"sort": "name"}))
    assert by_name.index("Spreadsheet Wrangler") < by_name.index("SQL for Analysts")
    newest_issue = _page(signed_in.get(url, {"sort": "issued"}))  # 2025 before 2024
    assert newest_issue.index("SQL for Analysts") < newest_issue.index("Spreadsheet Wrangler")
    assert signed_in.get(url, {"status": "nonsense", "sort": "nope"}).status_code == 200


def test_import_page_has_three_forms(signed_in):
    page = _page(signed_in.get(reverse("wallet:import")))

    for field in ('name="upload-file"', 'name="paste-text"', 'name="url-url"'):
        assert field in page
    assert page.count("<h1") == 1


def test_upload_imports_and_opens_the_credential(signed_in, issued_credential):
    upload = SimpleUploadedFile(
        "badge.json", json.dumps(issued_credential.document).encode(), "application/json"
    )

    response = signed_in.post(reverse("wallet:import"), {"form": "upload", "upload-file": upload})

    held = WalletCredential.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wallet:detail", kwargs={"uuid": held.uuid})


def test_paste_error_keeps_the_text_and_changes_nothing(signed_in):
    response = signed_in.post(
        reverse("wallet:import"), {"form": "paste", "paste-text": '{"name": "half'}
    )

    page = _page(response)
    assert response.status_code == 400
    assert str(importing.NOT_JSON) in page
    assert "{&quot;name&quot;: &quot;half</textarea>" in page
    assert 'aria-invalid="true"' in page
    assert not WalletCredential.objects.exists()


def test_url_error_keeps_the_url(signed_in):
    response = signed_in.post(
        reverse("wallet:import"), {"form": "url", "url-url": "http://127.0.0.1:8000/x.json"}
    )

    assert response.status_code == 400
    page = _page(response)
    assert str(importing.URL_PRIVATE) in page
    assert 'value="http://127.0.0.1:8000/x.json"' in page


def test_someone_elses_credential_points_to_the_email_page(signed_in, issued_credential):
    document = dict(issued_credential.document)
    other = make_user("other@example.org")
    theirs = credential_issue(
        achievement=issued_credential.achievement,
        recipient=Recipient(name="Other", email="other@example.org"),
        issued_by=other,
    ).credential
    assert document

    response = signed_in.post(
        reverse("wallet:import"), {"form": "paste", "paste-text": json.dumps(theirs.document)}
    )

    page = _page(response)
    assert str(importing.NOT_YOURS_EMAIL) in page
    assert reverse("account_email") in page


def test_duplicate_import_says_so(signed_in, held):
    response = signed_in.post(
        reverse("wallet:import"), {"form": "paste", "paste-text": json.dumps(held.document)}
    )

    assert str(importing.ALREADY_IN_WALLET) in _page(response)
    assert WalletCredential.objects.count() == 1


def test_import_without_recipient_warns(signed_in):
    response = signed_in.post(
        reverse("wallet:import"),
        {"form": "paste", "paste-text": json.dumps(outside_credential())},
        follow=True,
    )

    assert str(importing.RECIPIENT_UNKNOWN) in _page(response)


def test_detail_shows_status_checks_skills_and_share_spot(signed_in, held):
    response = signed_in.get(reverse("wallet:detail", kwargs={"uuid": held.uuid}))

    page = _page(response)
    assert response.status_code == 200
    assert "Verified" in page and "Signature" in page  # the check rows
    assert "SQL" in page and "ESCO" in page
    assert reverse("wallet:download", kwargs={"uuid": held.uuid}) in page
    assert reverse("wallet:remove", kwargs={"uuid": held.uuid}) in page


def test_download_gives_the_json_or_the_token(signed_in, held):
    response = signed_in.get(reverse("wallet:download", kwargs={"uuid": held.uuid}))

    assert json.loads(response.content) == held.document
    assert response["Content-Disposition"].startswith("attachment;")


def test_tags_are_normalized_and_limited(signed_in, held):
    url = reverse("wallet:tags", kwargs={"uuid": held.uuid})

    signed_in.post(url, {"tags": "  Data   Science, data science, SQL "})
    held.refresh_from_db()
    assert held.tags == ["data science", "sql"]

    too_many = signed_in.post(url, {"tags": ",".join(f"t{i}" for i in range(11))})
    assert too_many.status_code == 400 and str(services.TAGS_TOO_MANY) in _page(too_many)
    too_long = signed_in.post(url, {"tags": "x" * 31})
    assert str(services.TAG_TOO_LONG) in _page(too_long)
    held.refresh_from_db()
    assert held.tags == ["data science", "sql"]


def test_remove_asks_first_then_removes(signed_in, held):
    url = reverse("wallet:remove", kwargs={"uuid": held.uuid})

    assert signed_in.get(url).status_code == 200
    assert WalletCredential.objects.filter(pk=held.pk).exists()
    assert signed_in.post(url).status_code == 302
    assert not WalletCredential.objects.filter(pk=held.pk).exists()


def test_another_users_credential_is_never_reachable(client, held, outsider):
    client.force_login(outsider)
    kwargs = {"uuid": held.uuid}

    for name in ("wallet:detail", "wallet:download", "wallet:remove"):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    assert client.post(reverse("wallet:remove", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("wallet:tags", kwargs=kwargs), {"tags": "x"}).status_code == 404
    assert WalletCredential.objects.filter(pk=held.pk, tags=[]).exists()
    assert "SQL for Analysts" not in _page(client.get(reverse("wallet:list")))


# --- discovery and claiming -------------------------------------------------------------


def test_waiting_credentials_can_be_added_in_one_click(signed_in, learner, issued_credential):
    page = _page(signed_in.get(reverse("wallet:list")))
    assert "Credentials waiting for you" in page and "Data Analysis Fundamentals" in page

    response = signed_in.post(reverse("wallet:claim", kwargs={"uuid": issued_credential.uuid}))

    issued_credential.refresh_from_db()
    held = WalletCredential.objects.get(owner=learner)
    assert issued_credential.claimed_by == learner
    assert held.issued_credential == issued_credential
    assert held.source == WalletCredential.Source.CLAIMED
    assert response["Location"] == reverse("wallet:detail", kwargs={"uuid": held.uuid})
    assert "Credentials waiting for you" not in _page(signed_in.get(reverse("wallet:list")))


def test_revoked_or_others_credentials_are_not_waiting(
    signed_in, learner, issued_credential, issuer_staff, outsider
):
    credential_revoke(credential=issued_credential, reason="Error", actor=issuer_staff)

    assert "Credentials waiting for you" not in _page(signed_in.get(reverse("wallet:list")))
    url = reverse("wallet:claim", kwargs={"uuid": issued_credential.uuid})
    assert signed_in.post(url).status_code == 404


def test_claim_link_puts_the_credential_in_the_wallet(signed_in, learner, issued_credential):
    url = reverse("credentials:claim", kwargs={"token": issued_credential.claim_token})

    response = signed_in.post(url)

    held = WalletCredential.objects.get(owner=learner, issued_credential=issued_credential)
    assert response["Location"] == reverse("wallet:detail", kwargs={"uuid": held.uuid})
    page = _page(signed_in.get(url))
    assert reverse("wallet:detail", kwargs={"uuid": held.uuid}) in page
    signed_in.post(url)  # claiming again changes nothing
    assert WalletCredential.objects.filter(owner=learner).count() == 1


def test_nav_links_to_the_wallet_when_signed_in(signed_in, client):
    assert reverse("wallet:list") in _page(signed_in.get(reverse("web:home")))


def test_names_follow_the_readers_language_not_the_import_language(signed_in, held):
    french = _page(signed_in.get(reverse("wallet:list"), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "SQL pour analystes" in french
    detail = reverse("wallet:detail", kwargs={"uuid": held.uuid})
    assert "SQL pour analystes" in _page(signed_in.get(detail, HTTP_ACCEPT_LANGUAGE="fr"))
    assert "SQL for Analysts" in _page(signed_in.get(detail, HTTP_ACCEPT_LANGUAGE="en"))
