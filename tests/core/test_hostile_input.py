"""Whatever a stranger hands the verifier, it answers with a report or one clear error."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support import CONFORMANCE, load_json

from mixtape.errors import MixtapeError
from mixtape.inputs import read_credential
from mixtape.jsonld import canonicalize
from mixtape.verify import verify

NOW = datetime(2025, 6, 1, tzinfo=UTC)
SIMPLE = load_json(CONFORMANCE / "examples/ob-v3p0/1edtech-validator/simple.json")
KEYS = st.sampled_from([*SIMPLE.keys(), "credentialSubject", "foo", "@id", "@type"])
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(replacements=st.dictionaries(KEYS, JSON, max_size=4))
def test_a_mangled_credential_gets_a_report_never_an_exception(
    replacements: dict[str, Any],
) -> None:
    document = {**SIMPLE, **replacements}
    report = verify(document, now=NOW)
    assert report.checks
    if report.verified:  # then the change must be one the signature cannot see
        assert _signed_data(document) == _signed_data(SIMPLE)


def _signed_data(document: dict[str, Any]) -> str:
    return canonicalize({k: v for k, v in document.items() if k != "proof"})


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_are_read_or_refused_with_a_mixtape_error(data: bytes) -> None:
    try:
        credential = read_credential(data)
    except MixtapeError as error:
        assert str(error)
        return
    assert isinstance(credential, dict | str)
    json.dumps(credential)
