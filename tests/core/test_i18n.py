"""The core's messages in French: a complete catalogue, placeholders kept, English fallback."""

from __future__ import annotations

import ast
import gettext
import json
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import mixtape
from mixtape.cli import main
from mixtape.i18n import DOMAIN, LOCALE_DIR, N_, Message, has_language, translate
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaRdfc2022, add_proof
from mixtape.report import Check, Status, VerificationReport
from mixtape.verify import verify

SRC = Path(mixtape.__file__).parent
PO = LOCALE_DIR / "fr/LC_MESSAGES/mixtape.po"
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def marked_templates() -> set[str]:
    """Every ``N_("…")`` literal in the core, as xgettext --keyword=N_ finds them."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "N_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def po_entries(path: Path = PO) -> dict[str, str]:
    """msgid → msgstr of a .po file (no plurals or contexts: the core uses neither)."""
    entries: dict[str, str] = {}
    key, parts = "", {"msgid": [], "msgstr": []}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ")):
            key, _, literal = line.partition(" ")
            parts[key] = [ast.literal_eval(literal)]
        elif line.startswith('"'):
            parts[key].append(ast.literal_eval(line))
        elif not line.strip() and parts["msgid"]:
            entries["".join(parts["msgid"])] = "".join(parts["msgstr"])
            parts = {"msgid": [], "msgstr": []}
    entries.pop("", None)  # the header
    return entries


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.fixture(scope="module")
def report() -> VerificationReport:
    key = Ed25519Key.generate()
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:0b8a4b5e-3a4c-4d3e-9f5e-1d2c3b4a5f60",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": key.did_key, "type": ["Profile"], "name": "Example College"},
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": "2099-01-01T00:00:00Z",
        "name": "Python basics",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://college.example/achievements/py101",
                "type": ["Achievement"],
                "name": "Python basics",
                "description": "Writes and tests small Python programs.",
                "criteria": {"narrative": "Passed the final project."},
            },
        },
    }
    signed = add_proof(
        credential,
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        created=NOW - timedelta(days=30),
    )
    result = verify(signed, now=NOW)
    assert result.outcome == "valid", result.to_json()
    return result


# --- the catalogue -----------------------------------------------------------------


def test_the_catalogue_holds_exactly_the_marked_templates() -> None:
    assert set(po_entries()) == marked_templates()


def test_every_template_in_the_catalogue_has_a_french_translation() -> None:
    untranslated = [msgid for msgid, msgstr in po_entries().items() if not msgstr]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    compiled = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=["fr"])
    stale = {
        msgid: msgstr for msgid, msgstr in po_entries().items() if compiled.gettext(msgid) != msgstr
    }
    assert stale == {}


def test_translations_keep_every_placeholder() -> None:
    drifted = {
        msgid: msgstr for msgid, msgstr in po_entries().items() if fields(msgid) != fields(msgstr)
    }
    assert drifted == {}


# --- checks in French ----------------------------------------------------------------


def test_a_verified_credentials_checks_read_in_french(report: VerificationReport) -> None:
    for check in report.checks:
        assert check.message_in("fr") != check.message, check.id
    assert report.check("proof").message == "the signature verifies"
    assert report.check("proof").message_in("fr") == "la signature est valide"
    assert report.check("structure").message_in("fr") == "un titre VC 2.0 bien formé"


def test_values_in_a_message_are_kept_as_they_are(report: VerificationReport) -> None:
    validity = report.check("validity")
    assert validity.message == "valid until 2099-01-01T00:00:00+00:00"
    assert validity.message_in("fr") == "valide jusqu'au 2099-01-01T00:00:00+00:00"
    issuer = report.check("issuer").message_in("fr")
    assert issuer.startswith("signé avec une clé de l'émetteur, did:key:z6Mk")


def test_a_value_that_reads_like_a_template_is_not_translated() -> None:
    message = Message.of(N_("issued to {recipient}"), recipient="revocation")
    assert message.in_language("fr") == "délivré à revocation"


def test_details_are_translated_too(report: VerificationReport) -> None:
    (detail,) = report.check("proof").details_in("fr")
    assert detail.startswith("eddsa-rdfc-2022: vérifiée avec did:key:z6Mk")
    assert report.check("proof").details[0].startswith("eddsa-rdfc-2022: verified with did:key")


def test_a_regional_language_tag_finds_the_french_catalogue(report: VerificationReport) -> None:
    proof = report.check("proof")
    assert proof.message_in("fr-CA") == proof.message_in("fr_CA") == "la signature est valide"
    assert has_language("fr-ca")


# --- English fallback ----------------------------------------------------------------


@pytest.mark.parametrize("language", [None, "", "en", "de", "zz-ZZ"])
def test_an_unknown_language_falls_back_to_english(
    report: VerificationReport, language: str | None
) -> None:
    for check in report.checks:
        assert check.message_in(language) == check.message
        assert check.details_in(language) == check.details


def test_a_template_without_a_translation_stays_english() -> None:
    assert translate("not in any catalogue: {n}", "fr", n=3) == "not in any catalogue: 3"


def test_a_check_made_without_a_template_keeps_its_message() -> None:
    check = Check("verification", Status.FAILED, "cannot be verified: boom", ("detail",))
    assert check.message_in("fr") == "cannot be verified: boom"
    assert check.details_in("fr") == ("detail",)


def test_check_of_gives_the_same_english_as_before() -> None:
    check = Check.of(
        "validity", Status.FAILED, N_("expired on {date}"), details=["plain"], date="2026-01-01"
    )
    assert check == Check("validity", Status.FAILED, "expired on 2026-01-01", ("plain",))
    assert check.to_json() == {
        "id": "validity",
        "status": "failed",
        "message": "expired on 2026-01-01",
        "details": ["plain"],
    }
    assert check.details_in("fr") == ("plain",)


def test_joined_messages_are_each_translated() -> None:
    joined = Message.join([Message.of(N_("no endorsements")), Message.verbatim("as {is}")])
    assert str(joined) == "no endorsements; as {is}"
    assert joined.in_language("fr") == "aucune reconnaissance; as {is}"


def test_only_english_and_shipped_catalogues_count_as_languages() -> None:
    assert has_language("en") and has_language("fr") and has_language(None)
    assert not has_language("de")


# --- the command line ---------------------------------------------------------------


def test_the_cli_prints_the_report_in_french_on_request(
    report: VerificationReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(report.credential), encoding="utf-8")

    assert main(["verify", str(path)]) == 0
    english = capsys.readouterr().out
    assert main(["verify", "--lang", "fr", str(path)]) == 0
    french = capsys.readouterr().out

    assert "the signature verifies" in english
    assert "la signature est valide" in french
    assert french.strip().splitlines()[-1].startswith("VALIDE")
