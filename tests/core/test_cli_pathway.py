"""`mixtape pathway` as a person uses it: the example definition, real signed credentials."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import mixtape.cli
from mixtape.cli import main
from mixtape.keys import Ed25519Key
from mixtape.model.describe import credential_from_description
from mixtape.pathway_cli import read_definition
from mixtape.pathways import AllOf, Credential
from mixtape.proofs import EddsaJcs2022, add_proof
from mixtape.status import StatusList, status_entry, status_list_credential

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples/pathways"
DEFINITION = EXAMPLES / "data-analysis-certificate.json"
DESCRIPTIONS = {
    "python": ROOT / "examples/describe/python-basics.yaml",
    "sql": EXAMPLES / "credentials/sql-basics.yaml",
    "sql-job": EXAMPLES / "credentials/sql-on-the-job.yaml",
    "stats": EXAMPLES / "credentials/statistics.yaml",
}
STATUS_LIST = "https://example.edu/status/revocation/1"
NOW = datetime(2026, 3, 1, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sign(key: Ed25519Key, document: Mapping[str, Any]) -> dict[str, Any]:
    return add_proof(
        document,
        suite=EddsaJcs2022(),
        key=key,
        verification_method=key.did_key_verification_method,
    )


def unsigned(name: str, key: Ed25519Key) -> dict[str, Any]:
    description = yaml.safe_load(DESCRIPTIONS[name].read_text(encoding="utf-8"))
    return credential_from_description(description, now=NOW, issuer_id=key.did_key)


@pytest.fixture(scope="module")
def key() -> Ed25519Key:
    return Ed25519Key.generate()


@pytest.fixture(scope="module")
def files(key: Ed25519Key, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("credentials")
    paths = {}
    for name in DESCRIPTIONS:
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps(sign(key, unsigned(name, key))), encoding="utf-8")
    return paths


def test_the_example_definition_is_sound() -> None:
    definition = read_definition(DEFINITION.read_bytes(), source="example")
    assert definition.goal == "https://example.edu/achievements/data-analysis-certificate"
    assert definition.name == "Data analysis certificate"


def test_a_complete_pathway_shows_every_part_done_and_exits_0(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "pathway", DEFINITION, files["python"], files["sql"], files["stats"]
    )
    assert (code, err) == (0, "")
    lines = out.strip().splitlines()
    assert lines[0] == "Pathway to Data analysis certificate"
    assert lines[1] == "✔ 100%  all of"
    assert lines[-1] == "COMPLETE"
    assert "✘" not in "".join(lines[:4])


def test_a_partial_pathway_shows_percent_and_what_is_missing_and_exits_1(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "pathway", DEFINITION, files["python"])
    assert code == 1
    assert "✘  33%  all of" in out
    assert "✘   0%  https://example.edu/achievements/sql101" in out
    assert "or an equivalent: https://employer.example/badges/sql-on-the-job" in out
    assert "2 more needed" in out
    assert "missing: http://data.europa.eu/esco/skill/2b92a5b2" in out
    assert out.strip().endswith("NOT COMPLETE (33%)")


def test_another_issuers_equivalent_fills_the_step(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "pathway", DEFINITION, files["python"], files["sql-job"], files["stats"]
    )
    assert code == 1  # the employer's badge carries no credits: one short
    assert "✔ 100%  https://example.edu/achievements/sql101\n" in out
    assert f"counted: {files['sql-job']}" in out
    assert "1 more needed" in out


def test_no_credentials_at_all_is_zero_percent(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pathway", DEFINITION)
    assert code == 1
    assert out.strip().endswith("NOT COMPLETE (0%)")


def test_a_tampered_credential_counts_for_nothing_and_is_named(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampered = tmp_path / "tampered.json"
    tampered.write_text(files["sql"].read_text().replace("SQL basics", "SQL mastery"))
    code, out, _ = run(capsys, "pathway", DEFINITION, files["python"], tampered, files["stats"])
    assert code == 1
    assert "✘   0%  https://example.edu/achievements/sql101" in out
    assert f"Not counted:\n  {tampered}: proof:" in out


def test_a_revoked_credential_counts_for_nothing_with_network_checks(
    key: Ed25519Key,
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = unsigned("sql", key)
    document["credentialStatus"] = status_entry(
        list_credential_id=STATUS_LIST, index=7, purpose="revocation"
    )
    revoked = tmp_path / "revoked.json"
    revoked.write_text(json.dumps(sign(key, document)))
    bits = StatusList.create()
    bits.set(7)
    published = sign(
        key,
        status_list_credential(
            id=STATUS_LIST, issuer=key.did_key, purpose="revocation", status_list=bits,
            valid_from=NOW,
        ),
    )  # fmt: skip
    monkeypatch.setattr(mixtape.cli, "https_fetch_json", lambda url: {STATUS_LIST: published}[url])
    args = ("pathway", "--json", "--network", DEFINITION, files["python"], revoked, files["stats"])
    code, out, _ = run(capsys, *args)
    result = json.loads(out)
    assert code == 1
    assert result["met"] is False
    entry = next(c for c in result["credentials"] if c["source"] == str(revoked))
    assert entry["state"] == "revoked"
    assert entry["counted"] is False
    assert entry["problem"] == "status: the issuer has revoked this credential"
    sql_step = result["progress"]["children"][1]
    assert (sql_step["credential"], sql_step["met"]) == (
        "https://example.edu/achievements/sql101",
        False,
    )


def test_json_gives_the_progress_tree_for_programs(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "pathway", "--json", DEFINITION, files["python"], files["sql"])
    result = json.loads(out)
    assert code == 1
    assert result["goal"] == "https://example.edu/achievements/data-analysis-certificate"
    assert (result["met"], result["percent"]) == (False, 66)
    root = result["progress"]
    assert [child["type"] for child in root["children"]] == [
        "credential",
        "credential",
        "atLeast",
        "minTotal",
        "skills",
    ]
    credits = root["children"][3]
    assert (credits["measure"], credits["amount"], credits["remaining"]) == ("credits", 3, 1.0)
    assert all(c["counted"] and c["state"] == "active" for c in result["credentials"])


def test_a_bare_requirement_is_a_definition_too(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "bare.json"
    bare.write_text(
        json.dumps({"anyOf": [{"credential": "https://example.edu/achievements/py101"}]})
    )
    code, out, _ = run(capsys, "pathway", bare, files["python"])
    assert code == 0
    assert out.splitlines()[0] == "✔ 100%  any of"


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ({"goal": "g", "requirement": {"allOf": [{"credential": "g"}, {"anyOf": []}]}},
         "$.requirement.allOf[0]: g leads back to the goal; "
         "$.requirement.allOf[1]: an empty requirement"),
        ({"requirement": {"allOf": [{"credential": "a"}, {"atLeast": "2", "of": []}]}},
         "$.requirement.allOf[1].atLeast: must be a whole number"),
        ({"atLeast": 3, "of": [{"credential": "a"}, {"credential": "a"}]},
         "$: cannot ask for at least 3 of its items; $.of[1]: a appears twice in one group"),
        ({"minTotal": {"hours": 0}}, "$: the total must be a positive number, not 0"),
        ({"requirement": {"skills": ["s"]}, "title": "x"}, "$.title: unknown key"),
        ({"requirement": {"skills": ["s"]}, "goal": 3}, "$.goal: must be a non-empty string"),
    ],
)  # fmt: skip
def test_a_bad_definition_is_refused_in_one_line_naming_the_place(
    definition: object, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "definition.json"
    path.write_text(json.dumps(definition))
    code, out, err = run(capsys, "pathway", path)
    assert (code, out) == (2, "")
    assert err == f"mixtape: error: {path}: {message}\n"


def test_a_definition_that_is_not_json_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "definition.json"
    path.write_text("{not json")
    code, _, err = run(capsys, "pathway", path)
    assert code == 2
    assert err.startswith(f"mixtape: error: {path}: not a JSON object (not valid JSON")
    assert err.count("\n") == 1


def test_a_missing_credential_file_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pathway", DEFINITION, "/nonexistent/credential.json")
    assert code == 2
    assert err.count("\n") == 1


def test_the_report_can_be_asked_in_french(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "pathway", "--lang", "fr", DEFINITION, files["python"])
    assert code == 1
    assert "https://example.edu/achievements/py101" in out


def test_the_read_definition_keeps_the_requirement_tree() -> None:
    raw = json.dumps({"requirement": {"allOf": [{"credential": "a"}]}}).encode()
    assert read_definition(raw, source="x").requirement == AllOf((Credential("a"),))
