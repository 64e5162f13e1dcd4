"""RDFC-1.0 details pyld's URDNA2015 gets wrong or leaves unbounded."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from mixtape.errors import JsonLdError
from mixtape.jsonld import canonicalize

CONTEXT = {"p": "urn:ex:p", "next": {"@id": "urn:ex:next", "@type": "@id"}}


def _literal_line(value: str) -> str:
    return canonicalize({"@context": CONTEXT, "@id": "urn:ex:s", "p": value})


def test_control_characters_use_rdfc_canonical_escapes() -> None:
    """Input and output of the RDFC-1.0 test suite's canonical N-Quads literal test."""
    line = _literal_line("\u0008\u0009\u000a\u000b\u000c\u000d\u0022\u005c\u007f")
    assert line == '<urn:ex:s> <urn:ex:p> "\\b\\t\\n\\u000B\\f\\r\\"\\\\\\u007F" .\n'


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("\u0000", "\\u0000"),
        ("\u0001", "\\u0001"),
        ("\u001f", "\\u001F"),
        ("\u000e", "\\u000E"),
        ('say "hi"', 'say \\"hi\\"'),
        ("C:\\path", "C:\\\\path"),
        ("café 😀 ✓", "café 😀 ✓"),
        ("\u0080\u2028", "\u0080\u2028"),
    ],
)
def test_literal_escaping(value: str, escaped: str) -> None:
    assert _literal_line(value) == f'<urn:ex:s> <urn:ex:p> "{escaped}" .\n'


def test_output_is_utf8_text_not_ascii_escapes() -> None:
    assert _literal_line("Zoë").encode("utf-8").endswith('"Zoë" .\n'.encode())


def test_escaping_applies_inside_blank_node_hashing() -> None:
    """Blank nodes holding control characters still get canonical labels and escapes."""
    document = {
        "@context": CONTEXT,
        "@id": "urn:ex:s",
        "next": [{"p": "a\u0001"}, {"p": "b\u0002"}],
    }
    canonical = canonicalize(document)
    assert '"a\\u0001"' in canonical
    assert '"b\\u0002"' in canonical
    assert "_:c14n0" in canonical
    assert "_:c14n1" in canonical


def _ring(labels: list[str]) -> dict[str, Any]:
    """A directed cycle of blank nodes: every node looks alike at first degree."""
    nodes = [
        {"@id": label, "next": labels[(index + 1) % len(labels)]}
        for index, label in enumerate(labels)
    ]
    return {"@context": CONTEXT, "@graph": nodes}


def test_symmetric_blank_nodes_get_the_same_labels_whatever_their_input_names() -> None:
    first = canonicalize(_ring(["_:a", "_:b", "_:c", "_:d"]))
    second = canonicalize(_ring(["_:z", "_:y", "_:x", "_:w"]))
    assert first == second
    assert sorted(first.split()[0::4]) == ["_:c14n0", "_:c14n1", "_:c14n2", "_:c14n3"]


def _clique(size: int) -> dict[str, Any]:
    """Every blank node linked to every other: the RDFC-1.0 'poison graph' shape."""
    labels = [f"_:n{index}" for index in range(size)]
    nodes = [
        {"@id": label, "next": [other for other in labels if other != label]} for label in labels
    ]
    return {"@context": CONTEXT, "@graph": nodes}


def test_small_symmetric_graph_still_canonicalizes() -> None:
    assert canonicalize(_clique(4)).count("\n") == 12


def test_poison_graph_is_refused_instead_of_hanging() -> None:
    with pytest.raises(JsonLdError, match="too complex to canonicalize"):
        canonicalize(_clique(12))


def test_self_loop_counts_once_in_the_first_degree_hash() -> None:
    """RDFC-1.0 4.4.3 step 2.1 maps each blank node to the quads it occurs in, once each.

    Labels follow the order of the first-degree hashes (SHA-256 of the node's quads,
    itself written _:a). With the value "d" the order flips if the loop is hashed twice.
    """
    loop_hash = hashlib.sha256(b"_:a <urn:ex:next> _:a .\n").hexdigest()
    value_hash = hashlib.sha256(b'_:a <urn:ex:p> "d" .\n').hexdigest()
    assert loop_hash < value_hash  # so the loop is labelled first
    graph = [{"@id": "_:x", "next": "_:x"}, {"@id": "_:y", "p": "d"}]
    canonical = canonicalize({"@context": CONTEXT, "@graph": graph})
    assert canonical == '_:c14n0 <urn:ex:next> _:c14n0 .\n_:c14n1 <urn:ex:p> "d" .\n'
