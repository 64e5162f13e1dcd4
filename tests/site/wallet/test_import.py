"""Importing credentials: every format, the recipient rule, duplicates and bad files."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.site.conftest import make_user
from tests.site.wallet.conftest import (
    ESCO_SQL,
    LEARNER_EMAIL,
    blank_png,
    ob2_assertion,
    ob2_png,
    outside_credential,
    vc_jwt,
)

from mixtape import Ed25519Key, bake_png
from mixtape_site.wallet import importing
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import (
    wallet_import_file,
    wallet_import_text,
)

Format = WalletCredential.Format


def _refusal(error: Any) -> list[str]:
    return error.value.messages


def _download(client: Any, name: str, issued_credential: Any) -> bytes:
    response = client.get(reverse(f"credentials:{name}", kwargs={"uuid": issued_credential.uuid}))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_platform_json_file_is_imported_with_its_summary(learner, issued_credential):
    data = json.dumps(issued_credential.document).encode()

    held = wallet_import_file(user=learner, data=data)

    assert held.format == Format.OB3_JSON and held.source == WalletCredential.Source.IMPORTED
    assert held.name == "Data Analysis Fundamentals"
    assert held.issuer_name == "Northern College"
    assert held.issuer_id.startswith("did:web:")
    assert held.issued_on is not None
    assert {s["framework"] for s in held.skills} == {"ESCO"} and len(held.skills) == 2
    # The platform's own record is linked, so its status comes from the issuer's record.
    assert held.issued_credential == issued_credential


def test_name_follows_the_learners_language(learner, issued_credential):
    learner.preferred_language = "fr"
    learner.save()

    held = wallet_import_text(user=learner, text=json.dumps(issued_credential.document))

    assert held.name == "Fondements de l'analyse de données"
    assert held.issuer_name == "Collège du Nord"


@pytest.mark.parametrize(
    ("name", "kind"), [("download_png", Format.BAKED_PNG), ("download_svg", Format.BAKED_SVG)]
)
def test_baked_images_from_the_download_views_are_imported(
    client, learner, issued_credential, name, kind
):
    held = wallet_import_file(user=learner, data=_download(client, name, issued_credential))

    assert held.format == kind
    assert held.document == issued_credential.document
    assert held.name == "Data Analysis Fundamentals"


def test_the_same_credential_as_json_and_as_image_is_held_once(client, learner, issued_credential):
    wallet_import_file(user=learner, data=json.dumps(issued_credential.document).encode())
    png = _download(client, "download_png", issued_credential)

    with pytest.raises(ValidationError) as error:
        wallet_import_file(user=learner, data=png)

    assert _refusal(error) == [importing.ALREADY_IN_WALLET]
    assert WalletCredential.objects.filter(owner=learner).count() == 1


def test_vc_jwt_is_imported_as_a_token(learner):
    token = vc_jwt(email=LEARNER_EMAIL)

    held = wallet_import_text(user=learner, text=token)

    assert held.format == Format.VC_JWT
    assert held.document == {"jwt": token}
    assert held.name == "SQL for Analysts"
    assert held.issuer_name == "Open Data Academy"
    assert held.skills == [{"url": ESCO_SQL, "name": "SQL", "framework": "ESCO"}]


def test_credential_issued_to_the_learners_did_is_accepted(learner):
    document = outside_credential(subject_id=learner_did(user=learner))

    held = wallet_import_text(user=learner, text=json.dumps(document))

    assert held.issuer_id.startswith("did:key:")


def test_ob2_hosted_assertion_is_imported_with_embedded_badge_and_issuer(learner):
    assertion = ob2_assertion(email=LEARNER_EMAIL)

    held = wallet_import_file(user=learner, data=json.dumps(assertion).encode())

    assert held.format == Format.OB2
    assert held.name == "Spreadsheet Wrangler"
    assert held.issuer_name == "Badge Makers Guild"
    assert held.issuer_id == "https://badges.example.org/issuer"
    assert held.issued_on is not None and held.issued_on.year == 2024
    assert held.skills[0]["name"] == "use spreadsheets software"


def test_baked_ob2_png_is_imported(learner):
    held = wallet_import_file(user=learner, data=ob2_png(ob2_assertion(email=LEARNER_EMAIL)))

    assert held.format == Format.OB2 and held.name == "Spreadsheet Wrangler"


def test_someone_elses_credential_is_refused(learner, published_achievement, issuer_staff):
    from mixtape_site.credentials.services import Recipient, credential_issue  # noqa: PLC0415

    theirs = credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Other Person", email="other@example.org"),
        issued_by=issuer_staff,
    ).credential

    with pytest.raises(ValidationError) as error:
        wallet_import_text(user=learner, text=json.dumps(theirs.document))

    assert _refusal(error) == [importing.NOT_YOURS_EMAIL]
    assert error.value.error_list[0].code == importing.CODE_NOT_YOURS_EMAIL
    assert not WalletCredential.objects.exists()


def test_unverified_address_does_not_count(db, issued_credential):
    unverified = make_user(LEARNER_EMAIL, verified=False)

    with pytest.raises(ValidationError) as error:
        wallet_import_text(user=unverified, text=json.dumps(issued_credential.document))

    assert _refusal(error) == [importing.NOT_YOURS_EMAIL]


def test_credential_for_another_did_is_refused(learner):
    document = outside_credential(subject_id=Ed25519Key.generate().did_key)

    with pytest.raises(ValidationError) as error:
        wallet_import_text(user=learner, text=json.dumps(document))

    assert _refusal(error) == [importing.NOT_YOURS_ID]


def test_ob2_assertion_for_another_email_is_refused(learner):
    with pytest.raises(ValidationError) as error:
        wallet_import_text(user=learner, text=json.dumps(ob2_assertion(email="x@example.org")))

    assert _refusal(error) == [importing.NOT_YOURS_EMAIL]


def test_credential_without_recipient_is_accepted(learner):
    held = wallet_import_text(user=learner, text=json.dumps(outside_credential()))

    assert held.pk is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, importing.IMAGE_WITHOUT_CREDENTIAL),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', importing.IMAGE_WITHOUT_CREDENTIAL),
        (b"%PDF-1.7 \xff\xfe binary", importing.NOT_READABLE),
        (b"hello, this is a letter", importing.NOT_READABLE),
        (b'{"name": "broken"', importing.NOT_JSON),
        (b"[" * 100 + b"]" * 100, importing.NOT_JSON),
        (b'{"hello": "world"}', importing.NOT_A_CREDENTIAL),
        (b"   ", importing.INPUT_EMPTY),
        (b"{" + b" " * (2 * 1024 * 1024 + 10) + b"}", importing.FILE_TOO_LARGE),
    ],
    ids=[
        "bad-png",
        "svg-no-badge",
        "binary",
        "text",
        "broken-json",
        "deep",
        "foreign",
        "empty",
        "huge",
    ],
)
def test_bad_files_are_refused_and_change_nothing(learner, data, message):
    with pytest.raises(ValidationError) as error:
        wallet_import_file(user=learner, data=data)

    assert _refusal(error) == [message]
    assert not WalletCredential.objects.exists()


def test_truncated_platform_png_is_refused(client, learner, issued_credential):
    png = _download(client, "download_png", issued_credential)

    with pytest.raises(ValidationError) as error:
        wallet_import_file(user=learner, data=png[: len(png) // 2])

    assert _refusal(error) == [importing.IMAGE_WITHOUT_CREDENTIAL]


def test_baked_png_holding_something_else_is_refused(learner):
    image = bake_png(blank_png(), json.dumps({"not": "a credential"}))

    with pytest.raises(ValidationError) as error:
        wallet_import_file(user=learner, data=image)

    assert _refusal(error) == [importing.NOT_A_CREDENTIAL]


def test_baked_ob2_svg_is_imported(learner):
    assertion = ob2_assertion(email=LEARNER_EMAIL)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        f'<openbadges:assertion verify="{assertion["id"]}">'
        f"<![CDATA[{json.dumps(assertion)}]]></openbadges:assertion></svg>"
    )

    held = wallet_import_file(user=learner, data=svg.encode())

    assert held.format == Format.OB2 and held.issuer_name == "Badge Makers Guild"


def test_claiming_after_importing_keeps_one_copy(client, learner, issued_credential):
    from mixtape_site.credentials.services import credential_claim  # noqa: PLC0415
    from mixtape_site.wallet.services import wallet_add_claimed  # noqa: PLC0415

    imported = wallet_import_file(
        user=learner, data=_download(client, "download_svg", issued_credential)
    )
    claimed = credential_claim(token=issued_credential.claim_token, user=learner)

    held = wallet_add_claimed(user=learner, issued_credential=claimed)

    assert held.pk == imported.pk and held.issued_credential == issued_credential
    assert wallet_add_claimed(user=learner, issued_credential=claimed).pk == held.pk
    assert WalletCredential.objects.filter(owner=learner).count() == 1
