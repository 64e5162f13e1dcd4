"""The proofValue base58btc codec gives the base58 package's results and errors."""

from __future__ import annotations

import base58
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixtape.proofs.multibase import b58decode, b58encode

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=80), st.integers(min_value=0, max_value=4))
def test_encodes_and_decodes_like_base58(data: bytes, zeros: int) -> None:
    data = b"\0" * zeros + data
    encoded = base58.b58encode(data).decode("ascii")

    assert b58encode(data) == encoded
    assert b58decode(encoded) == bytes(base58.b58decode(encoded)) == data


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*_ALPHABET, "0", "O", "I", "l", " ", "\n", "é"])))
def test_any_text_decodes_or_fails_as_in_base58(text: str) -> None:
    try:
        expected: object = bytes(base58.b58decode(text))
    except ValueError as error:
        expected = str(error)
        with pytest.raises(ValueError) as raised:
            b58decode(text)
        assert str(raised.value) == expected
    else:
        assert b58decode(text) == expected
