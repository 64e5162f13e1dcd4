"""CLR 2.0: a record of two issuers' signed credentials, signed, verified, tampered with."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape import clr
from mixtape.cli import main
from mixtape.clr import CLR_CONTEXTS, Association, clr_credential
from mixtape.embedded import MAX_EMBEDDED, MAX_NESTING, Budget, embedded_check
from mixtape.errors import InvalidInputError, MixtapeError
from mixtape.inputs import read_credential
from mixtape.keys import Ed25519Key
from mixtape.model.text import LANGUAGE_MAP_CONTEXT
from mixtape.proofs import EddsaJcs2022, EddsaRdfc2022, Suite, add_proof
from mixtape.report import Status
from mixtape.status import StatusList, status_entry, status_list_credential
from mixtape.verify import verify

NOW = datetime(2026, 6, 1, tzinfo=UTC)
VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
LEARNER = "did:example:learner-7"
GOAL_ID = "https://college.example/achievements/certificate"
CLR_EXAMPLES = CONFORMANCE / "examples/clr-v2p0/1edtech-validator"
CLR_VECTOR = CONFORMANCE / "test-vectors/1edtech-clr-v2p0-eddsa-rdfc-2022/signed.json"


class Issuer:
    """An issuer with a did:key and its published status list (served from memory)."""

    def __init__(self, slug: str, name: str) -> None:
        self.key = Ed25519Key.generate()
        self.slug, self.name = slug, name
        self.revoked = StatusList.create()

    @property
    def profile(self) -> dict[str, Any]:
        return {"id": self.key.did_key, "type": ["Profile"], "name": self.name}

    def sign(self, document: Mapping[str, Any], suite: Suite | None = None) -> dict[str, Any]:
        return add_proof(
            document,
            suite=suite or EddsaRdfc2022(),
            key=self.key,
            verification_method=self.key.did_key_verification_method,
            created=NOW - timedelta(days=10),
        )

    def list_url(self) -> str:
        return f"https://{self.slug}.example/status/revocation"

    def status_list(self) -> dict[str, Any]:
        unsigned = status_list_credential(
            id=self.list_url(),
            issuer=self.key.did_key,
            purpose="revocation",
            status_list=self.revoked,
            valid_from=NOW - timedelta(days=1),
        )
        return self.sign(unsigned)

    def badge(self, achievement: str, name: Any, *, index: int) -> dict[str, Any]:
        names = {"name": name} if isinstance(name, str) else {"name": name["en"], "nameMap": name}
        document = {
            "@context": [VC2, OB3] + ([] if isinstance(name, str) else [LANGUAGE_MAP_CONTEXT]),
            "id": f"urn:uuid:00000000-0000-4000-8000-{index:012d}",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": self.profile,
            "validFrom": "2026-01-01T00:00:00Z",
            "name": names["name"],
            "credentialSubject": {
                "id": LEARNER,
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": f"https://{self.slug}.example/achievements/{achievement}",
                    "type": ["Achievement"],
                    **names,
                    "description": "What the learner showed.",
                    "criteria": {"narrative": "Passed the assessment."},
                },
            },
            "credentialStatus": status_entry(
                list_credential_id=self.list_url(), index=index, purpose="revocation"
            ),
        }
        return self.sign(document)


@pytest.fixture(scope="module")
def college() -> Issuer:
    return Issuer("college", "Example College")


@pytest.fixture(scope="module")
def employer() -> Issuer:
    return Issuer("employer", "Example Employer")


@pytest.fixture(scope="module")
def credentials(college: Issuer, employer: Issuer) -> list[dict[str, Any]]:
    bilingual = {"en": "Python basics", "fr": "Bases de Python"}
    return [
        college.badge("py101", bilingual, index=3),
        employer.badge("teamwork", "Teamwork", index=5),
    ]


def status_fetcher(*issuers: Issuer) -> Any:
    lists = {issuer.list_url(): issuer for issuer in issuers}

    def fetch(url: str) -> Mapping[str, Any]:
        if url not in lists:
            raise MixtapeError(f"404 {url}")
        return lists[url].status_list()

    return fetch


def record(issuer: Issuer, credentials: list[dict[str, Any]], /, **extra: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "credential_id": "https://college.example/clr/1",
        "issuer": issuer.profile,
        "subject": {"id": LEARNER},
        "credentials": credentials,
        "name": {"en": "Certificate record", "fr": "Relevé du certificat"},
        "valid_from": NOW - timedelta(days=1),
    }
    return clr_credential(**(arguments | extra))


@pytest.mark.parametrize("suite", [EddsaRdfc2022(), EddsaJcs2022()], ids=lambda s: s.cryptosuite)
def test_a_record_of_two_issuers_credentials_signs_and_verifies(
    college: Issuer, employer: Issuer, credentials: list[dict[str, Any]], suite: Suite
) -> None:
    signed = college.sign(record(college, credentials), suite)
    report = verify(signed, now=NOW, status_fetcher=status_fetcher(college, employer))
    assert report.outcome == "valid", report.to_json()
    check = report.check("credentials")
    assert check.status is Status.PASSED
    assert check.message == "2 of 2 embedded credential(s) verified"
    assert check.details == (
        "Python basics (urn:uuid:00000000-0000-4000-8000-000000000003): verified",
        "Teamwork (urn:uuid:00000000-0000-4000-8000-000000000005): verified",
    )
    assert [r.verified for r in report.credentials] == [True, True]
    assert report.to_json()["credentials"][1]["verified"] is True


def test_the_record_has_the_clr_shape(college: Issuer, credentials: list[dict[str, Any]]) -> None:
    document = record(college, credentials, description="Two micro-credentials.", partial=True)
    assert document["@context"][:3] == list(CLR_CONTEXTS)
    assert document["type"] == ["VerifiableCredential", "ClrCredential"]
    assert document["issuer"] == college.profile
    assert document["validFrom"] == "2026-05-31T00:00:00Z"
    assert document["partial"] is True
    subject = document["credentialSubject"]
    assert subject["type"] == ["ClrSubject"]
    assert subject["id"] == LEARNER
    assert subject["verifiableCredential"] == credentials
    assert subject["verifiableCredential"][0] is not credentials[0]  # a copy, not an alias


def test_a_bilingual_name_is_a_language_map_under_the_inline_context(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    document = record(college, credentials)
    assert document["name"] == "Certificate record"
    assert document["nameMap"] == {"en": "Certificate record", "fr": "Relevé du certificat"}
    assert document["@context"][-1] == LANGUAGE_MAP_CONTEXT
    plain = record(college, credentials[1:], name="Record")
    assert LANGUAGE_MAP_CONTEXT not in plain["@context"]


def test_an_embedded_achievements_language_map_needs_the_inline_context_too(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    # The first credential's achievement has a nameMap: copied into the record's
    # own achievement list, it is read under the record's contexts.
    document = record(college, credentials[:1], name="Record")
    assert document["@context"][-1] == LANGUAGE_MAP_CONTEXT
    assert verify(college.sign(document), now=NOW).check("structure").status is Status.PASSED


def test_every_achievement_is_listed_once_with_its_associations(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    goal = {"id": GOAL_ID, "type": ["Achievement"], "name": "Certificate"}
    part = credentials[0]["credentialSubject"]["achievement"]
    document = record(
        college,
        credentials,
        achievements=[goal, copy.deepcopy(part)],
        associations=[Association("isChildOf", part["id"], GOAL_ID)],
    )
    subject = document["credentialSubject"]
    assert [a["id"] for a in subject["achievement"]] == [
        GOAL_ID,
        part["id"],
        "https://employer.example/achievements/teamwork",
    ]
    assert subject["association"] == [
        {
            "type": "Association",
            "associationType": "isChildOf",
            "sourceId": part["id"],
            "targetId": GOAL_ID,
        }
    ]
    assert verify(college.sign(document), now=NOW).verified


def test_a_changed_embedded_credential_fails_the_check_and_says_which(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    document = record(college, credentials)
    document["credentialSubject"]["verifiableCredential"][1]["name"] = "Leadership"
    report = verify(college.sign(document), now=NOW)  # the record itself signs the change
    assert report.check("proof").status is Status.PASSED
    check = report.check("credentials")
    assert check.status is Status.FAILED
    assert check.message == "1 of 2 embedded credential(s) verified"
    assert check.details[1] == (
        "Leadership (urn:uuid:00000000-0000-4000-8000-000000000005): "
        "not verified: proof: the signature does not verify"
    )
    assert not report.verified


def test_a_change_after_the_record_is_signed_breaks_both_proofs(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    signed = college.sign(record(college, credentials))
    signed["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["id"] = "did:x:y"
    report = verify(signed, now=NOW)
    assert {c.id for c in report.failures} == {"proof", "credentials"}


def test_a_revoked_embedded_credential_fails_the_record(
    college: Issuer, employer: Issuer, credentials: list[dict[str, Any]]
) -> None:
    signed = college.sign(record(college, credentials))
    employer.revoked.set(5)
    try:
        report = verify(signed, now=NOW, status_fetcher=status_fetcher(college, employer))
    finally:
        employer.revoked.clear(5)
    check = report.check("credentials")
    assert check.status is Status.FAILED
    assert "status: the issuer has revoked this credential" in check.details[1]
    assert report.credentials[0].verified
    assert report.check("proof").status is Status.PASSED


def test_without_a_status_fetcher_the_embedded_status_is_a_warning(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    report = verify(college.sign(record(college, credentials)), now=NOW)
    check = report.check("credentials")
    assert check.status is Status.WARNING
    assert check.details[0].endswith("verified, with warnings (status)")
    assert report.verified


def test_the_1edtech_signed_clr_vector_still_verifies() -> None:
    report = verify(load_json(CLR_VECTOR), now=NOW)
    assert report.verified, report.to_json()
    # Its credential writes `type` as a string, which the 2024 OB schema build
    # refuses: authentic and current, so a warning, not a failure.
    check = report.check("credentials")
    assert check.status is Status.WARNING
    assert "does not match the Open Badges schema" in check.details[0]


@pytest.mark.parametrize("path", sorted(CLR_EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_the_official_clr_examples_pass_the_structure_check(path: Path) -> None:
    report = verify(load_json(path), now=NOW)
    # The VC 1.1 examples are readable, with a warning that CLR 2.0 now uses VC 2.0.
    expected = Status.PASSED if path.name == "simple.json" else Status.WARNING
    assert report.check("structure").status is expected


def test_the_official_vc2_clr_example_verifies_with_its_credential() -> None:
    report = verify(load_json(CLR_EXAMPLES / "simple.json"), now=NOW)
    assert report.verified, report.to_json()
    # Offline, the example's https issuer key is taken from the proof, unconfirmed.
    check = report.check("credentials")
    assert check.message == "1 of 1 embedded credential(s) verified, with warnings"
    assert check.details[0].endswith("verified, with warnings (proof, issuer)")


def test_a_record_in_a_vc_jwt_has_its_credentials_verified_too() -> None:
    token = read_credential((CLR_EXAMPLES / "simple.jwt").read_bytes())
    report = verify(token, now=NOW)
    assert report.verified
    assert report.check("credentials").details[0].startswith("Example University Degree (urn:")


def test_other_credentials_get_no_credentials_check(credentials: list[dict[str, Any]]) -> None:
    report = verify(credentials[1], now=NOW)
    assert "credentials" not in [c.id for c in report.checks]
    assert "credentials" not in report.to_json()
    assert report.credentials == ()


def test_a_record_nested_in_a_record_is_verified_through(
    college: Issuer, employer: Issuer, credentials: list[dict[str, Any]]
) -> None:
    inner = college.sign(record(college, credentials))
    outer = employer.sign(record(employer, [inner], credential_id="https://employer.example/r"))
    report = verify(outer, now=NOW)
    assert report.verified
    assert report.credentials[0].check("credentials").message.startswith("2 of 2")


def test_records_nested_too_deep_are_not_checked(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    document = credentials[1]
    for level in range(MAX_NESTING + 1):
        document = college.sign(
            record(college, [document], credential_id=f"https://college.example/r/{level}")
        )
    report = verify(document, now=NOW)
    assert not report.verified
    innermost = report
    for _ in range(MAX_NESTING):
        innermost = innermost.credentials[0]
    assert innermost.credentials[0].failures[0].message == (
        f"not checked: records are nested more than {MAX_NESTING} levels deep"
    )


def test_one_verification_checks_a_bounded_number_of_embedded_credentials(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    document = college.sign(record(college, credentials))
    result = embedded_check(
        document, verify_one=lambda c: verify(c, now=NOW), depth=0, budget=Budget(remaining=1)
    )
    assert result is not None
    assert result.check.status is Status.FAILED
    assert result.check.details[1].endswith(
        f"not checked: more than {MAX_EMBEDDED} embedded credentials in all"
    )


@pytest.mark.parametrize("junk", [[], [42, "not a jwt", {"type": "Nothing"}], "x", {"a": 1}])
def test_hostile_embedded_values_are_failures_not_crashes(college: Issuer, junk: Any) -> None:
    document = {
        "@context": list(CLR_CONTEXTS),
        "id": "https://college.example/clr/junk",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": college.profile,
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Junk",
        "credentialSubject": {"id": LEARNER, "type": ["ClrSubject"], "verifiableCredential": junk},
    }
    check = verify(document, now=NOW).check("credentials")
    expected = Status.SKIPPED if junk == [] else Status.FAILED
    assert check.status is expected


def test_an_embedded_credentials_message_is_said_in_french(
    college: Issuer, credentials: list[dict[str, Any]]
) -> None:
    document = record(college, credentials)
    document["credentialSubject"]["verifiableCredential"][1]["name"] = "Leadership"
    check = verify(college.sign(document), now=NOW).check("credentials")
    assert check.message_in("fr") == "1 titre(s) intégré(s) sur 2 vérifié(s)"
    assert check.details_in("fr")[1].endswith("non vérifié: proof: la signature n'est pas valide")


def signed_vc11() -> dict[str, Any]:
    document = load_json(CLR_EXAMPLES / "simple_v1.json")["credentialSubject"]
    return dict(document["verifiableCredential"][0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"credentials": []}, clr.NO_CREDENTIALS),
        ({"credentials": ["token"]}, clr.CREDENTIAL_NOT_OBJECT.format(index=0)),
        ({"credentials": "unsigned"}, clr.CREDENTIAL_UNSIGNED.format(index=1)),
        ({"credentials": "vc11"}, "credentials[0] is not a VC 2.0 credential: @context"),
        ({"credential_id": "clr-1"}, clr.CREDENTIAL_ID_INVALID.format(value="clr-1")),
        ({"issuer": {"name": "No id"}}, clr.ISSUER_INVALID),
        ({"subject": {"name": "Ann"}}, clr.SUBJECT_INVALID),
        ({"subject": {"id": LEARNER, "achievement": []}}, "subject must not hold 'achievement'"),
        ({"name": ""}, clr.TEXT_INVALID.format(field="name")),
        ({"description": {"en": 3}}, clr.TEXT_INVALID.format(field="description")),
        ({"achievements": [{"name": "No id"}]}, clr.ACHIEVEMENT_INVALID.format(index=0)),
        ({"associations": [Association("contains", GOAL_ID, GOAL_ID)]}, "association type"),
        (
            {"associations": [Association("isChildOf", "urn:x:unknown", GOAL_ID)]},
            clr.ASSOCIATION_UNKNOWN.format(end="sourceId", value="urn:x:unknown"),
        ),
        ({"valid_from": datetime(2026, 1, 1)}, clr.VALID_FROM_NAIVE),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    college: Issuer, credentials: list[dict[str, Any]], change: dict[str, Any], message: str
) -> None:
    if change.get("credentials") == "unsigned":
        unsigned = {k: v for k, v in credentials[1].items() if k != "proof"}
        change = {"credentials": [credentials[0], unsigned]}
    elif change.get("credentials") == "vc11":
        change = {"credentials": [signed_vc11()]}
    with pytest.raises(InvalidInputError) as raised:
        record(college, credentials, **change)
    assert str(raised.value).startswith(message)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_the_command_line_prints_each_embedded_credential(
    college: Issuer,
    credentials: list[dict[str, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "clr.json"
    path.write_text(json.dumps(college.sign(record(college, credentials))), encoding="utf-8")
    code, out = run_cli(capsys, "verify", str(path))
    assert code == 0
    assert "! credentials  2 of 2 embedded credential(s) verified, with warnings" in out
    assert "    Teamwork (urn:uuid:00000000-0000-4000-8000-000000000005): verified" in out

    document = record(college, credentials)
    document["credentialSubject"]["verifiableCredential"][0]["validFrom"] = "2026-01-02T00:00:00Z"
    path.write_text(json.dumps(college.sign(document)), encoding="utf-8")
    code, out = run_cli(capsys, "verify", "--lang", "fr", str(path))
    assert code == 1
    assert "✘ credentials  1 titre(s) intégré(s) sur 2 vérifié(s)" in out
    assert "Python basics (urn:uuid:00000000-0000-4000-8000-000000000003): non vérifié" in out
    assert out.strip().endswith("INVALIDE")
