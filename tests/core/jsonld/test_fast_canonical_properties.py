"""Fast path against pyld on random Open Badges 3.0 and CLR 2.0 credentials (hypothesis).

The credentials are what Mixtape issues and receives, made awkward: names with
unicode and control characters, optional ids (so many blank nodes), identical
objects side by side (blank nodes that only Hash N-Degree Quads can tell
apart), language maps from an inline context, several subjects, proofs as
named graphs, credentials embedded in CLRs. The fast path must cover them all
and give pyld's bytes. A second property runs the RDFC-1.0 step on its own
against pyld's URDNA2015 on random blank-node-heavy datasets.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mixtape.jsonld import canonicalize
from mixtape.jsonld.fast_context import Unsupported
from mixtape.jsonld.fast_rdfc import canonical_nquads_from_terms
from mixtape.jsonld.rdfc import canonical_nquads

FAST = settings(max_examples=120, deadline=None)

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CLR201 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
LANGUAGE_MAPS = {
    "nameMap": {"@id": "https://schema.org/name", "@container": "@language"},
    "descriptionMap": {"@id": "https://schema.org/description", "@container": "@language"},
}

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
languages = st.sampled_from(["en", "fr", "de-CH", "EN-gb", "zh-Hant"])
iris = st.sampled_from(
    [
        "https://example.edu/a/1",
        "https://example.edu/a/2",
        "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
        "did:example:ebfeb1f712ebc6f1c276e12ec21",
        "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi#key",
    ]
)
blank_ids = st.sampled_from(["_:a", "_:b", "_:subject"])
optional_ids = st.none() | iris | blank_ids
date_times = st.sampled_from(["2010-01-01T00:00:00Z", "2024-02-29T23:59:59.5+01:00", "soon"])
numbers = st.integers(-(10**22), 10**22) | st.floats(allow_nan=False, allow_infinity=False)


def _maybe_id(node: dict[str, Any], identifier: str | None) -> dict[str, Any]:
    return node if identifier is None else {"id": identifier, **node}


def _symmetric(items: list[Any], twice: bool) -> list[Any]:
    """The same objects twice: identical blank nodes only N-degree hashing separates."""
    return items + items if twice else items


value_objects = st.lists(
    st.builds(lambda text, lang: {"@value": text, "@language": lang}, texts, languages),
    min_size=1,
    max_size=3,
)
names = texts | value_objects


@st.composite
def alignments(draw: st.DrawFn) -> dict[str, Any]:
    node: dict[str, Any] = {"type": ["Alignment"], "targetName": draw(texts)}
    node["targetUrl"] = draw(iris)
    if draw(st.booleans()):
        node["targetType"] = draw(st.sampled_from(["ceasn:Competency", "CFItem", "ext:x"]))
    return node


@st.composite
def achievements(draw: st.DrawFn, *, maps: bool) -> dict[str, Any]:
    node: dict[str, Any] = {"type": ["Achievement"], "name": draw(names)}
    if draw(st.booleans()):
        node["description"] = draw(names)
    if draw(st.booleans()):
        node["criteria"] = {"narrative": draw(texts)}
    if draw(st.booleans()):
        node["alignment"] = _symmetric(
            draw(st.lists(alignments(), max_size=3)), draw(st.booleans())
        )
    if draw(st.booleans()):
        node["creditsAvailable"] = draw(numbers)
    if draw(st.booleans()):
        node["tag"] = draw(st.lists(texts, max_size=3))
    if maps and draw(st.booleans()):
        node["nameMap"] = draw(st.dictionaries(languages, texts | st.lists(texts, max_size=2)))
    if draw(st.booleans()):
        node["image"] = {"id": draw(iris), "type": "Image", "caption": draw(texts)}
    return _maybe_id(node, draw(optional_ids))


@st.composite
def results(draw: st.DrawFn) -> dict[str, Any]:
    node: dict[str, Any] = {"type": ["Result"], "value": draw(texts)}
    if draw(st.booleans()):
        node["resultDescription"] = draw(iris)
    if draw(st.booleans()):
        node["status"] = draw(st.sampled_from(["Completed", "Enrolled"]))
    return node


@st.composite
def subjects(draw: st.DrawFn, *, maps: bool) -> dict[str, Any]:
    achievement = draw(achievements(maps=maps))
    node: dict[str, Any] = {"type": ["AchievementSubject"], "achievement": achievement}
    if draw(st.booleans()):
        node["result"] = _symmetric(draw(st.lists(results(), max_size=3)), draw(st.booleans()))
    if draw(st.booleans()):
        node["creditsEarned"] = draw(numbers)
    if draw(st.booleans()):
        node["activityEndDate"] = draw(date_times)
    return _maybe_id(node, draw(optional_ids))


@st.composite
def proofs(draw: st.DrawFn) -> dict[str, Any]:
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": draw(date_times),
        "verificationMethod": draw(iris),
        "proofPurpose": "assertionMethod",
        "proofValue": "z" + draw(st.text("123456789ABCDEFGHJKLMNPQRSTUVWXYZabc", max_size=8)),
    }
    return _maybe_id(proof, draw(st.none() | iris))


@st.composite
def credentials(draw: st.DrawFn) -> dict[str, Any]:
    context: list[Any] = [VC2, OB303]
    if draw(st.booleans()):
        context.append(EXTENSIONS)
    maps = draw(st.booleans())
    if maps:
        context.append(LANGUAGE_MAPS)
    issuer = draw(
        iris | st.builds(lambda i, n: {"id": i, "type": ["Profile"], "name": n}, iris, names)
    )
    many = draw(st.lists(subjects(maps=maps), min_size=1, max_size=3))
    credential: dict[str, Any] = {
        "@context": context,
        "type": [
            "VerifiableCredential",
            draw(st.sampled_from(["OpenBadgeCredential", "AchievementCredential"])),
        ],
        "issuer": issuer,
        "validFrom": draw(date_times),
        "name": draw(names),
        "credentialSubject": many[0] if len(many) == 1 else many,
    }
    if draw(st.booleans()):
        credential["evidence"] = [
            _maybe_id({"type": ["Evidence"], "narrative": draw(texts)}, draw(optional_ids))
        ]
    if draw(st.booleans()):
        found = draw(st.lists(proofs(), min_size=1, max_size=2))
        credential["proof"] = found[0] if len(found) == 1 else found
    if not draw(st.booleans()):
        credential = _maybe_id(credential, draw(iris))
    return credential


@st.composite
def clrs(draw: st.DrawFn) -> dict[str, Any]:
    inner = draw(st.lists(credentials(), min_size=1, max_size=2))
    subject: dict[str, Any] = {"type": "ClrSubject", "verifiableCredential": inner}
    if draw(st.booleans()):
        subject["association"] = [
            {
                "type": "Association",
                "associationType": draw(st.sampled_from(["isChildOf", "isParentOf"])),
                "sourceId": draw(iris),
                "targetId": draw(iris),
            }
        ]
    clr = {
        "@context": [VC2, CLR201, OB303],
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": draw(iris),
        "validFrom": "2010-01-01T00:00:00Z",
        "name": draw(names),
        "credentialSubject": _maybe_id(subject, draw(optional_ids)),
    }
    if draw(st.booleans()):
        clr["proof"] = draw(proofs())
    return clr


@FAST
@given(credentials())
def test_fast_path_gives_pyld_bytes_for_random_open_badges(credential: dict[str, Any]) -> None:
    assert canonicalize(credential, engine="fast") == canonicalize(credential, engine="pyld")


@settings(max_examples=40, deadline=None)
@given(clrs())
def test_fast_path_gives_pyld_bytes_for_random_clrs(clr: dict[str, Any]) -> None:
    assert canonicalize(clr, engine="fast") == canonicalize(clr, engine="pyld")


# -- the canonicalization step on its own -------------------------------------

_BLANKS = [f"_:n{index}" for index in range(6)]
_PREDICATES = ["<urn:ex:p>", "<urn:ex:q>"]
terms = st.sampled_from(_BLANKS) | st.sampled_from(["<urn:ex:s>", "<urn:ex:t>"])
objects = terms | st.sampled_from(['"x"', '"y"@en', '"1"^^<urn:ex:dt>'])
graphs = st.sampled_from(["", "", "_:n0", "_:n5", "<urn:ex:g>"])
datasets = st.lists(
    st.tuples(terms, st.sampled_from(_PREDICATES), objects, graphs), max_size=14, unique=True
)


def _pyld_term(term: str) -> dict[str, str]:
    if term.startswith("_:"):
        return {"type": "blank node", "value": term}
    if term.startswith("<"):
        return {"type": "IRI", "value": term[1:-1]}
    lexical, _, rest = term[1:].partition('"')
    if rest.startswith("@"):
        return {"type": "literal", "value": lexical, "datatype": _LANG_STRING, "language": rest[1:]}
    datatype = rest[3:-1] if rest else "http://www.w3.org/2001/XMLSchema#string"
    return {"type": "literal", "value": lexical, "datatype": datatype}


_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@settings(max_examples=200, deadline=None)
@given(datasets)
def test_rdfc_step_matches_pyld_urdna2015_on_blank_node_heavy_datasets(
    quads: list[tuple[str, str, str, str]],
) -> None:
    as_pyld = []
    for subject, predicate, obj, graph in quads:
        quad = {"subject": _pyld_term(subject), "predicate": _pyld_term(predicate)}
        quad["object"] = _pyld_term(obj)
        if graph:
            quad["name"] = _pyld_term(graph)
        as_pyld.append(quad)
    try:
        fast = canonical_nquads_from_terms(quads, max_work=20_000)
    except Unsupported:  # groups pyld's permutation generator only partly explores
        return
    assert fast == canonical_nquads(as_pyld)
