"""mixtape.jcs gives rfc8785's bytes and errors, whatever the JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from mixtape.jcs import canonical_json

# The examples of the JCS reference implementation (cyberphone/json-canonicalization,
# testdata/input and testdata/output), as JSON text and canonical form.
OFFICIAL_EXAMPLES = {
    "arrays": ('[56, {"d": true, "10": null, "1": [ ]}]', '[56,{"1":[],"10":null,"d":true}]'),
    "french": (
        '{"peach": "This sorting order", "péché": "is wrong according to French",'
        ' "pêche": "but canonicalization MUST", "sin": "ignore locale"}',
        '{"peach":"This sorting order","péché":"is wrong according to French",'
        '"pêche":"but canonicalization MUST","sin":"ignore locale"}',
    ),
    "structures": (
        '{"1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0}, "10": { }, "": "empty", "a": { },'
        ' "111": [ {"e": "yes","E": "no" } ], "A": {"b": "123"}}',
        '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],'
        '"A":{"b":"123"},"a":{}}',
    ),
    "values": (
        '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",'
        ' "literals": [null, true, false]}',
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    ),
    "weird": (
        '{"\\u20ac": "Euro Sign", "1": "One", "\\u0080": "Control", "\\ud83d\\ude02": "Smiley",'
        ' "\\u00f6": "Latin Small Letter O With Diaeresis",'
        ' "\\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}',
        '{"1":"One","</script>":"Browser Challenge","\u0080":"Control",'
        '"ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley",'
        '"\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ),
}

# Characters where the shortcut could go wrong: controls, escapes, DEL, the
# surrogate range (lone surrogates), the private use area and the BMP's end
# (which sort differently in UTF-16), and astral characters.
_TRICKY = st.sampled_from(
    (
        *("\x00", "\x07", "\b", "\t", "\n", "\f", "\r", "\x1f", '"', "\\", "/", "\x7f"),
        *("\x80", "\u2028", "\ud800", "\udfff", "\ue000", "\uf8ff", "\ufb33", "\uffff"),
        *("\U00010000", "\U0001f602", "\U0010ffff", "a", "A", "1", "é"),
    )
)
_TEXT = st.one_of(st.text(), st.lists(_TRICKY, max_size=6).map("".join))
_NUMBER = st.one_of(
    st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1),
    st.integers(),  # big integers: rfc8785 refuses them
    st.floats(),  # NaN, infinities, -0.0, integral floats, exponents
    st.sampled_from([2**53 - 1, 2**53, -(2**53) + 1, -(2**53), 0.0, -0.0, 1e21, 1e-7]),
)
_SCALAR = st.one_of(st.none(), st.booleans(), _NUMBER, _TEXT)
_JSON = st.recursive(
    _SCALAR,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(_TEXT, children, max_size=5),
        st.tuples(children, children),
    ),
    max_leaves=30,
)


def _outcome(serialize: Any, value: Any) -> tuple[str, Any]:
    try:
        return "bytes", serialize(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as error:
        return type(error).__name__, str(error)


@pytest.mark.parametrize("name", sorted(OFFICIAL_EXAMPLES))
def test_official_examples(name: str) -> None:
    source, expected = OFFICIAL_EXAMPLES[name]

    assert canonical_json(json.loads(source)) == expected.encode("utf-8")


@settings(max_examples=600, deadline=None)
@given(_JSON)
def test_same_bytes_and_errors_as_rfc8785(value: Any) -> None:
    assert _outcome(canonical_json, value) == _outcome(rfc8785.dumps, value)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_TEXT, _SCALAR, min_size=2, max_size=8))
def test_keys_sort_by_utf16_code_units(value: dict[str, Any]) -> None:
    assert _outcome(canonical_json, value) == _outcome(rfc8785.dumps, value)


@pytest.mark.parametrize("char", [chr(code) for code in range(0x20)] + ['"', "\\", "\x7f"])
def test_escapes_each_control_character_as_rfc8785(char: str) -> None:
    value = {char: [char, f"a{char}b"]}

    assert canonical_json(value) == rfc8785.dumps(value)


@pytest.mark.parametrize(
    "value",
    [
        {1: "not a string key"},
        {"k": object()},
        {"k": {1, 2}},
        {"k": float("nan")},
        {"k": 2**53},
        {"k": "\ud800"},
        {"\udc00": 1},
        {"😂": 1, "\ufb33": 2},
    ],
    ids=[
        "int-key",
        "object",
        "set",
        "nan",
        "big-int",
        "lone-high-surrogate",
        "lone-low-surrogate-key",
        "utf16-key-order",
    ],
)
def test_refuses_or_falls_back_like_rfc8785(value: Any) -> None:
    assert _outcome(canonical_json, value) == _outcome(rfc8785.dumps, value)


def test_deep_nesting_takes_rfc8785s_path() -> None:
    shallow: Any = "leaf"
    for _ in range(300):
        shallow = {"k": [shallow]}

    assert canonical_json(shallow) == rfc8785.dumps(shallow)


def test_a_cycle_fails_as_in_rfc8785() -> None:
    loop: dict[str, Any] = {}
    loop["self"] = loop

    with pytest.raises(RecursionError):
        rfc8785.dumps(loop)
    with pytest.raises(RecursionError):
        canonical_json(loop)


def test_subclasses_of_json_types_match_rfc8785() -> None:
    class Text(str):
        pass

    class Number(int):
        pass

    value = {"a": Text("x\n"), "b": Number(7), "c": True}

    assert canonical_json(value) == rfc8785.dumps(value)
