"""The structure check finds the same problems with the fast JSON-LD path on and off.

For every W3C VC 2.0 data-model fixture and every 1EdTech OB 3.0 / CLR 2.0
example, and for random OB 3.0 credentials with unknown properties, undefined
terms and relative ids or types: the same problems (every message, every path),
and ``verify()`` the same report, check by check, whether JSON-LD runs on the
default engine or on pyld alone (``MIXTAPE_JSONLD_ENGINE=pyld``).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support import CONFORMANCE, load_json

from mixtape.errors import MixtapeError
from mixtape.inputs import read_credential
from mixtape.jsonld.canonical import ENGINE_VARIABLE
from mixtape.report import VerificationReport
from mixtape.values import as_list
from mixtape.vcdm import credential_problems, presentation_problems
from mixtape.verify import verify

W3C = CONFORMANCE / "w3c-test-suites/vc-data-model-2.0/input"
EXAMPLES = CONFORMANCE / "examples"
STATUS_LIST = EXAMPLES / "ob-v3p0/1edtech-validator/bit-string-list/testlist"
VECTOR = CONFORMANCE / "test-vectors/1edtech-ob-v3p0-eddsa-rdfc-2022/unsigned.json"
ISSUER = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _problems(document: dict[str, Any], engine: str) -> list[str]:
    if "VerifiablePresentation" in as_list(document.get("type")):
        return presentation_problems(document, engine=engine)  # type: ignore[arg-type]
    return credential_problems(document, engine=engine)  # type: ignore[arg-type]


def _w3c(path: Path) -> dict[str, Any]:
    """A data-model fixture as the suite's issuer fills it in (see test_vcdm.py)."""
    document: dict[str, Any] = load_json(path)
    if not path.name.startswith("presentation-"):
        document.setdefault("issuer", ISSUER)
        if document["issuer"] == {}:
            document["issuer"] = {"id": ISSUER}
    return document


W3C_FIXTURES = sorted(W3C.glob("*.json"))
EXAMPLE_FILES = sorted(
    p
    for p in EXAMPLES.rglob("*")
    if p.is_file() and p.suffix in {".json", ".jwt", ".svg", ".1ob"} and p.parent.name != "sd"
    if not p.name.startswith("EXPECTATIONS")
)


@pytest.mark.parametrize("path", W3C_FIXTURES, ids=lambda p: p.stem)
def test_w3c_fixtures_have_the_same_problems_on_both_engines(path: Path) -> None:
    document = _w3c(path)
    assert _problems(document, "auto") == _problems(document, "pyld")


@pytest.mark.parametrize("path", W3C_FIXTURES, ids=lambda p: p.stem)
def test_w3c_fixtures_without_their_other_problems_reach_json_ld_alike(path: Path) -> None:
    """Strip what the plain checks catch first, so the JSON-LD check runs on each fixture."""
    document = _w3c(path) | {"validFrom": "2020-01-01T00:00:00Z"}
    document.pop("validUntil", None)
    assert _problems(document, "auto") == _problems(document, "pyld")


def _fetch_status_list(url: str) -> Any:
    if url.endswith("/bit-string-list/testlist"):
        return load_json(STATUS_LIST)
    raise MixtapeError(f"no network in tests: {url}")


def _report_on(engine: str, credential: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv(ENGINE_VARIABLE, engine)
    report: VerificationReport = verify(credential, now=NOW, status_fetcher=_fetch_status_list)
    return report.to_json()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_1edtech_examples_get_the_same_report_on_both_engines(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        credential = read_credential(path.read_bytes())
    except MixtapeError:
        pytest.skip("not a credential Mixtape reads")
    fast = _report_on("auto", credential, monkeypatch)
    assert fast == _report_on("pyld", credential, monkeypatch)
    if isinstance(credential, dict):
        assert _problems(credential, "auto") == _problems(credential, "pyld")


def test_the_examples_are_all_there() -> None:
    assert len(W3C_FIXTURES) >= 80
    assert len(EXAMPLE_FILES) >= 40


# --- random OB 3.0 credentials, made awkward ----------------------------------------

KEYS = st.sampled_from(
    [
        "foo",
        "secret",
        "@secret",
        "https://example.org/ns#note",
        "_:p",
        "ex:thing",
        "obi:thing",
        "name",
        "description",
        "narrative",
        "id",
        "type",
        "@id",
        "@type",
        "@value",
        "@language",
        "@graph",
        "@list",
        "achievementType",
        "endorsement",
    ]
)
IDS = st.sampled_from(
    [
        "https://example.org/things/1",
        "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
        "did:example:learner",
        "_:b0",
        "credentials/3527",
        "#me",
        "",
        "not a url",
        "ex:compact",
    ]
) | st.sampled_from([42, None, ["https://example.org/a"], {"id": "https://example.org/a"}])
TYPES = st.sampled_from(
    [
        ["Achievement"],
        "Profile",
        "Mystery",
        ["Profile", "Mystery"],
        ["https://example.org/ns#Type"],
        "relative/type",
        "_:blank",
        "@json",
        7,
        [],
        ["Evidence"],
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | IDS
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=8,
)


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every object in a JSON value, the value itself first."""
    found = []
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            found.append(item)
            pending += list(item.values())
        elif isinstance(item, list):
            pending += item
    return found


@st.composite
def awkward_credentials(draw: st.DrawFn) -> dict[str, Any]:
    """The 1EdTech OB 3.0 vector (valid) with a few random changes anywhere in it."""
    credential: dict[str, Any] = copy.deepcopy(load_json(VECTOR))
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(_objects(credential)))
        change = draw(st.sampled_from(["add", "id", "type"]))
        # Copies: sampled values are shared objects, and a change must not make a cycle.
        if change == "add":
            target[draw(KEYS)] = copy.deepcopy(draw(VALUES))
        elif change == "id":
            target["id"] = copy.deepcopy(draw(IDS))
        else:
            target["type"] = copy.deepcopy(draw(TYPES))
    return credential


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awkward_credentials())
def test_random_credentials_have_the_same_problems_on_both_engines(
    credential: dict[str, Any],
) -> None:
    assert _problems(credential, "auto") == _problems(credential, "pyld")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awkward_credentials())
def test_random_credentials_get_the_same_structure_check_from_verify(
    credential: dict[str, Any],
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast = verify(credential, now=NOW).check("structure")
        monkeypatch.setenv(ENGINE_VARIABLE, "pyld")
        general = verify(credential, now=NOW).check("structure")
    assert (fast.status, fast.message, fast.details) == (
        general.status,
        general.message,
        general.details,
    )


def test_the_random_credentials_reach_both_verdicts() -> None:
    """The generator is worth its time: the vector passes, an undefined term fails."""
    clean = copy.deepcopy(load_json(VECTOR))
    assert _problems(clean, "auto") == []
    clean["credentialSubject"]["foo"] = 1
    assert _problems(clean, "auto") == [
        'JSON-LD: term "foo" at credentialSubject.foo is not defined by the contexts '
        "and would be dropped from the signature"
    ]
