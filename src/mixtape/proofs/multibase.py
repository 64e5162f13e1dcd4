"""Base58btc for ``proofValue``: the ``base58`` package's results, faster.

``base58`` converts one digit (or one byte) per big-integer step; signatures
are converted on every issue and verify, so these convert through Python's
integer conversions instead. Anything that is not plain base58btc text (a
character outside the alphabet, trailing whitespace) goes to ``base58``
itself, so the result and the error message are always that package's.
"""

from __future__ import annotations

import re

import base58

__all__ = ["b58decode", "b58encode"]

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_PLAIN = re.compile("[1-9A-HJ-NP-Za-km-z]*")
# Each ASCII alphabet byte to its digit value, for bytes.translate.
_DIGITS = bytes.maketrans(_ALPHABET.encode("ascii"), bytes(range(58)))
# Two digits at a time: half the big-integer divisions.
_PAIR = 58 * 58
_PAIRS = [a + b for a in _ALPHABET for b in _ALPHABET]


def b58encode(data: bytes) -> str:
    """``base58.b58encode(data).decode("ascii")``."""
    number = int.from_bytes(data, "big")
    pairs = []
    while number:
        number, pair = divmod(number, _PAIR)
        pairs.append(_PAIRS[pair])
    # The top pair may start with a zero digit ("1") that is not part of the number.
    digits = "".join(reversed(pairs)).lstrip("1")
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + digits


def b58decode(text: str) -> bytes:
    """``bytes(base58.b58decode(text))``.

    Raises:
        ValueError: as ``base58.b58decode`` does (with its message).
    """
    if not _PLAIN.fullmatch(text):
        return bytes(base58.b58decode(text))
    significant = text.lstrip("1")
    number = 0
    for digit in significant.encode("ascii").translate(_DIGITS):
        number = number * 58 + digit
    zeros = len(text) - len(significant)
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")
