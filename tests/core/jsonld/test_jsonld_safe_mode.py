"""Safe mode refuses documents whose signature would cover less than they show."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import SafeModeError
from mixtape.jsonld import canonicalize, expand

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"


def _credential(**changes: Any) -> dict[str, Any]:
    """The 1EdTech OB 3.0 test vector (valid), with some fields changed."""
    vector = load_json(CONFORMANCE / "test-vectors/1edtech-ob-v3p0-eddsa-rdfc-2022/unsigned.json")
    return {**vector, **changes}


def _subject(**changes: Any) -> dict[str, Any]:
    return {**_credential()["credentialSubject"], **changes}


def test_vector_itself_is_accepted() -> None:
    assert canonicalize(_credential())


def test_undefined_term_is_refused_with_its_path() -> None:
    document = _credential(credentialSubject=_subject(foo="smuggled"))
    with pytest.raises(SafeModeError) as caught:
        canonicalize(document)
    assert str(caught.value) == (
        'term "foo" at credentialSubject.foo is not defined by the contexts '
        "and would be dropped from the signature"
    )


def test_without_safe_mode_the_undefined_term_silently_vanishes() -> None:
    """Why safe mode exists: the extra field would not be covered by the proof."""
    document = _credential(credentialSubject=_subject(foo="smuggled"))
    assert canonicalize(document, safe=False) == canonicalize(_credential())


def test_undefined_term_deep_in_an_array_is_refused() -> None:
    subject = _subject()
    achievement = {**subject["achievement"], "criteria": {"narrative": "x", "secret": 1}}
    document = _credential(credentialSubject={**subject, "achievement": achievement})
    with pytest.raises(SafeModeError, match=r"credentialSubject\.achievement\.criteria\.secret"):
        canonicalize(document)


def test_relative_credential_id_is_refused() -> None:
    with pytest.raises(SafeModeError, match='id "credentials/3527" at id is a relative IRI'):
        canonicalize(_credential(id="credentials/3527"))


def test_relative_subject_id_is_refused() -> None:
    document = _credential(credentialSubject=_subject(id="#me"))
    with pytest.raises(SafeModeError, match=r'id "#me" at credentialSubject\.id'):
        canonicalize(document)


def test_relative_iri_in_an_id_valued_property_is_refused() -> None:
    """``issuer`` as a string is coerced to an @id; a relative one would be dropped."""
    with pytest.raises(SafeModeError, match='id "issuer-1" at issuer'):
        canonicalize(_credential(issuer="issuer-1"))


def test_undefined_type_is_refused() -> None:
    with pytest.raises(SafeModeError, match='type "SecretBadge" at type is not defined'):
        canonicalize(_credential(type=["VerifiableCredential", "SecretBadge"]))


def test_undefined_nested_type_is_refused() -> None:
    document = _credential(credentialSubject={"id": "did:example:me", "type": ["Mystery"]})
    with pytest.raises(SafeModeError, match=r"credentialSubject\.type"):
        canonicalize(document)


def test_absolute_iri_terms_and_types_are_accepted() -> None:
    document = _credential(
        type=["VerifiableCredential", "OpenBadgeCredential", "https://example.org/ns#Extra"],
        credentialSubject=_subject(**{"https://example.org/ns#note": "kept"}),
    )
    assert "<https://example.org/ns#note>" in canonicalize(document)


def test_blank_node_ids_are_accepted() -> None:
    document = _credential(credentialSubject=_subject(id="_:subject"))
    assert "_:c14n" in canonicalize(document)


def test_vocab_context_makes_undefined_terms_safe() -> None:
    """With an @vocab (examples/v2) an undefined term expands instead of being dropped."""
    document = {**_credential(), "@context": [VC2, OB303, EXAMPLES]}
    document["credentialSubject"] = _subject(favourite="blue")
    assert "<https://www.w3.org/ns/credentials/examples#favourite>" in canonicalize(document)


def test_keyword_lookalike_term_is_refused() -> None:
    with pytest.raises(SafeModeError, match='term "@secret"'):
        canonicalize(_credential(**{"@secret": "x"}))


def test_blank_node_property_is_refused() -> None:
    with pytest.raises(SafeModeError, match="blank node"):
        canonicalize({"@context": {"p": "_:p"}, "@id": "urn:x", "p": "value"})


def test_relative_datatype_of_a_value_object_is_refused() -> None:
    value = {"@value": "v", "@type": "relative-type"}
    document = {"@context": {"p": "urn:ex:p"}, "@id": "urn:x", "p": value}
    with pytest.raises(SafeModeError, match='type "relative-type"'):
        canonicalize(document)


def test_free_floating_value_in_graph_is_refused() -> None:
    with pytest.raises(SafeModeError, match="not attached to any node"):
        canonicalize({"@context": {"p": "urn:ex:p"}, "@graph": ["loose", {"@id": "urn:x", "p": 1}]})


def test_expand_in_safe_mode_refuses_too() -> None:
    with pytest.raises(SafeModeError):
        expand(_credential(credentialSubject=_subject(foo=1)))
    assert expand(_credential(credentialSubject=_subject(foo=1)), safe=False)


@pytest.mark.parametrize(
    "name",
    [
        "simple-err-type.json",
        "simple-err-issuer-type.json",
        "simple-err-credential-subject-type.json",
        "simple-err-evidence-type.json",
    ],
)
def test_1edtech_tampered_samples_are_refused(name: str) -> None:
    """These samples change fields after signing to terms the contexts do not know."""
    sample = load_json(CONFORMANCE / "examples/ob-v3p0/1edtech-validator" / name)
    with pytest.raises(SafeModeError):
        canonicalize({key: value for key, value in sample.items() if key != "proof"})
