"""The `mixtape` command as a person uses it: real keys, real files, real signatures."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mixtape.cli import main

ROOT = Path(__file__).parents[2]
DESCRIPTION = ROOT / "examples/describe/python-basics.yaml"
BADGE_SVG = ROOT / "examples/badge.svg"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def keyfile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "key.json"
    assert run(capsys, "keys", "generate", "-o", str(path))[0] == 0
    return path


@pytest.fixture
def credential_file(tmp_path: Path, keyfile: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "issue", "--key", str(keyfile), str(DESCRIPTION))
    assert code == 0
    path = tmp_path / "credential.json"
    path.write_text(out, encoding="utf-8")
    return path


def test_keys_generate_prints_the_did_key_and_keeps_the_file_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "key.json"
    code, out, _ = run(capsys, "keys", "generate", "-o", str(path))
    assert code == 0
    assert out.strip().startswith("did:key:z6Mk")
    assert json.loads(path.read_text())["controller"] == out.strip()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_keys_generate_never_overwrites_a_key_silently(
    keyfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = keyfile.read_text()
    code, _, err = run(capsys, "keys", "generate", "-o", str(keyfile))
    assert code == 2
    assert keyfile.read_text() == before
    assert err.count("\n") == 1


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_an_issued_credential_verifies(
    suite: str, tmp_path: Path, keyfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "issue", "--key", str(keyfile), "--suite", suite, str(DESCRIPTION))
    assert code == 0
    signed = json.loads(out)
    assert signed["proof"]["cryptosuite"] == suite
    path = tmp_path / "signed.json"
    path.write_text(out)
    code, out, _ = run(capsys, "verify", str(path))
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("VALID")


def test_the_issued_credential_carries_both_languages(credential_file: Path) -> None:
    credential = json.loads(credential_file.read_text())
    text = json.dumps(credential["credentialSubject"]["achievement"], ensure_ascii=False)
    assert '"en"' in text or '"@language": "en"' in text
    assert '"fr"' in text or '"@language": "fr"' in text


def test_a_one_character_change_is_reported_invalid(
    credential_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampered = credential_file.read_text().replace("Python", "Pythom", 1)
    credential_file.write_text(tampered)
    code, out, _ = run(capsys, "verify", str(credential_file))
    assert code == 1
    assert "✘ proof" in out
    assert out.strip().endswith("INVALID")


def test_verify_json_gives_named_checks(
    credential_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "verify", "--json", str(credential_file))
    report: dict[str, Any] = json.loads(out)
    assert code == 0
    assert report["verified"] is True
    assert {"id": "proof", "valid": True} in report["log"]


def test_verify_reads_standard_input(
    credential_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(credential_file.read_bytes())))
    assert run(capsys, "verify", "-")[0] == 0


def test_verify_checks_the_recipient(
    credential_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "verify", "--recipient", "learner@example.org", str(credential_file))[0] == 0
    code, out, _ = run(
        capsys, "verify", "--recipient", "someone.else@example.org", str(credential_file)
    )
    assert code == 1
    assert "✘ subject" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not json", "not valid JSON"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b"", "empty"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
        (b'{"a": "' + b"x" * 3_000_000 + b'"}', "too large"),
        (b"\xff\xfe\x00garbage", "neither UTF-8"),
    ],
)
def test_bad_input_gets_one_clear_line_and_no_traceback(
    content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "verify", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_a_credential_without_proof_is_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unsigned = (
        ROOT / "tests/conformance/examples/ob-v3p0/1edtech-spec/basicOpenBadgeCredential.json"
    )
    code, out, _ = run(capsys, "verify", str(unsigned))
    assert code == 1
    assert "no proof" in out


def test_wrong_types_are_refused_at_issue_time(
    tmp_path: Path, keyfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"issuer": 42, "achievement": "nope", "recipient": []}))
    code, out, err = run(capsys, "issue", "--key", str(keyfile), str(path))
    assert code == 2
    assert out == ""
    assert err.startswith("mixtape: error: ")
    assert err.count("\n") == 1


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "verify", "/no/such/file.json")
    assert code == 2
    assert "No such file" in err


def test_bake_and_unbake_an_svg_then_verify_the_image(
    tmp_path: Path, credential_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baked = tmp_path / "badge.svg"
    assert run(capsys, "bake", str(BADGE_SVG), str(credential_file), "-o", str(baked))[0] == 0
    code, out, _ = run(capsys, "unbake", str(baked))
    assert code == 0
    assert json.loads(out) == json.loads(credential_file.read_text())
    assert run(capsys, "verify", str(baked))[0] == 0


def test_the_console_script_is_installed(credential_file: Path) -> None:
    script = Path(sys.executable).parent / "mixtape"
    result = subprocess.run(
        [str(script), "verify", str(credential_file)], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "VALID" in result.stdout
