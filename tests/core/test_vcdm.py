"""The W3C VC 2.0 test-suite fixtures: `-ok` conforms, `-fail` is refused.

The suite's issuer fills in `issuer` when a fixture has none; so does this test.
`-fail-or-inject` fixtures may be refused or repaired: Mixtape refuses them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.vcdm import credential_problems, presentation_problems

FIXTURES = CONFORMANCE / "w3c-test-suites/vc-data-model-2.0/input"
ISSUER = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"


def _fixtures(outcome: str) -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*.json") if p.stem.endswith(outcome))


def _problems(path: Path) -> list[str]:
    document: dict[str, Any] = load_json(path)
    if path.name.startswith("presentation-"):
        return presentation_problems(document)
    # What the suite's issuer fills in before it signs a fixture.
    document.setdefault("issuer", ISSUER)
    if document["issuer"] == {}:
        document["issuer"] = {"id": ISSUER}
    placeholders = {"PAST DATE": "2020-01-01T00:00:00Z", "FUTURE DATE": "2099-01-01T00:00:00Z"}
    for name in ("validFrom", "validUntil"):
        if name in document:
            document[name] = placeholders.get(document[name], document[name])
    return credential_problems(document)


@pytest.mark.parametrize("path", _fixtures("-ok"), ids=lambda p: p.stem)
def test_conforming_fixtures_have_no_problems(path: Path) -> None:
    assert _problems(path) == []


@pytest.mark.parametrize(
    "path", _fixtures("-fail") + _fixtures("-fail-or-inject"), ids=lambda p: p.stem
)
def test_non_conforming_fixtures_are_refused_with_a_reason(path: Path) -> None:
    problems = _problems(path)
    assert problems
    assert all(isinstance(p, str) and p for p in problems)


def test_the_fixture_set_is_complete() -> None:
    assert len(_fixtures("-ok")) >= 40
    assert len(_fixtures("-fail")) >= 40


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"issuer": None}, "issuer must be a URL or an object with an id"),
        ({"id": "not a url"}, "id must be a URL"),
        ({"validFrom": "yesterday"}, "validFrom must be an XML Schema dateTimeStamp"),
        ({"credentialSubject": {}}, "credentialSubject must be an object with at least one claim"),
    ],
)
def test_problems_are_plain_language(change: dict[str, Any], problem: str) -> None:
    document = load_json(FIXTURES / "credential-ok.json") | {"issuer": ISSUER} | change
    assert any(problem in p for p in credential_problems(document))
