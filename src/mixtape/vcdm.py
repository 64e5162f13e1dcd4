"""W3C Verifiable Credentials Data Model 2.0: the structural rules.

`credential_problems` and `presentation_problems` return plain-language
problems (an empty list means conformant). They check what JSON-LD alone does
not: required properties, single-valued URLs, typed sub-objects, date formats.
The JSON-LD side (unmapped types, protected terms) is checked by expanding the
document in safe mode; the fast JSON-LD path proves most documents clean without
pyld, and pyld words the problem of any document that has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from mixtape.errors import JsonLdError
from mixtape.jsonld import DocumentLoader, Engine, bundled_loader, safe_check
from mixtape.values import as_list

VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"

# A URL here is what VC 2.0 calls one: an absolute IRI, scheme first, no spaces.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
# XML Schema dateTimeStamp, the type VC 2.0 gives validFrom and validUntil.
_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# Properties whose values must be objects with a `type`.
_TYPED_PROPERTIES = (
    "evidence",
    "credentialStatus",
    "termsOfUse",
    "refreshService",
    "credentialSchema",
    "proof",
)


def is_url(value: object) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def parse_datetime(value: object) -> datetime | None:
    """Parse an XML Schema dateTimeStamp; None when it is not one."""
    if not isinstance(value, str) or not _DATETIME.match(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def types_of(document: Mapping[str, Any]) -> list[str]:
    """The `type` values that are strings (anything else is a structure problem)."""
    return [t for t in as_list(document.get("type")) if isinstance(t, str)]


def credential_problems(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader = bundled_loader,
    engine: Engine | None = None,
) -> list[str]:
    """Problems that make `document` a non-conformant VC 2.0 credential.

    `engine` picks the JSON-LD path of the safe-mode check (see
    `mixtape.jsonld.safe_check`); every engine finds the same problems.
    """
    problems = list(_context_problems(document, VC2_CONTEXT))
    problems += _type_problems(document, "VerifiableCredential")
    problems += _id_problems(document.get("id"), "id", required="id" in document)
    problems += _issuer_problems(document)
    problems += _subject_problems(document.get("credentialSubject"))
    problems += _validity_problems(document)
    for name in _TYPED_PROPERTIES:
        problems += _typed_object_problems(document, name)
    if not problems:
        problems += _jsonld_problems(document, loader, engine)
    return problems


def presentation_problems(
    document: Mapping[str, Any],
    *,
    loader: DocumentLoader = bundled_loader,
    engine: Engine | None = None,
) -> list[str]:
    """Problems that make `document` a non-conformant VC 2.0 presentation."""
    problems = list(_context_problems(document, VC2_CONTEXT))
    problems += _type_problems(document, "VerifiablePresentation")
    problems += _id_problems(document.get("id"), "id", required="id" in document)
    holder = document.get("holder")
    if holder is not None:
        holder_id = holder.get("id") if isinstance(holder, Mapping) else holder
        problems += _id_problems(holder_id, "holder", required=True)
    for index, credential in enumerate(as_list(document.get("verifiableCredential"))):
        problems += [
            f"verifiableCredential[{index}]: {p}"
            for p in _embedded_problems(credential, loader, engine)
        ]
    if not problems:
        problems += _jsonld_problems(document, loader, engine)
    return problems


def _embedded_problems(
    credential: object, loader: DocumentLoader, engine: Engine | None
) -> list[str]:
    if not isinstance(credential, Mapping):
        return ["must be an object (a credential, or an EnvelopedVerifiableCredential)"]
    if "EnvelopedVerifiableCredential" in as_list(credential.get("type")):
        identifier = credential.get("id")
        return (
            []
            if isinstance(identifier, str) and identifier.startswith("data:")
            else ["id must be a data: URL"]
        )
    return credential_problems(credential, loader=loader, engine=engine)


def _context_problems(document: Mapping[str, Any], base: str) -> Iterator[str]:
    contexts = as_list(document.get("@context"))
    if not contexts:
        yield "@context is missing"
        return
    if contexts[0] != base:
        yield f"@context must start with {base}"
    for entry in contexts[1:]:
        if isinstance(entry, str) and not is_url(entry):
            yield f"@context entry {entry!r} is not a URL"
        elif not isinstance(entry, str | Mapping):
            yield f"@context entry {entry!r} is neither a URL nor an object"


def _type_problems(document: Mapping[str, Any], required: str) -> list[str]:
    types = as_list(document.get("type"))
    if not types:
        return ["type is missing"]
    if not all(isinstance(t, str) for t in types):
        return ["type values must be strings"]
    return [] if required in types else [f"type must include {required}"]


def _id_problems(identifier: Any, name: str, *, required: bool) -> list[str]:
    if identifier is None:
        return [f"{name} is missing"] if required else []
    if isinstance(identifier, list):
        return [f"{name} must be a single URL, not a list"]
    return [] if is_url(identifier) else [f"{name} must be a URL, got {identifier!r}"]


def _issuer_problems(document: Mapping[str, Any]) -> list[str]:
    if "issuer" not in document:
        return ["issuer is missing"]
    issuer = document["issuer"]
    if isinstance(issuer, Mapping):
        return _id_problems(issuer.get("id"), "issuer.id", required=True)
    if issuer is None:
        return ["issuer must be a URL or an object with an id"]
    return _id_problems(issuer, "issuer", required=True)


def _subject_problems(subject: Any) -> list[str]:
    subjects = as_list(subject)
    if not subjects:
        return ["credentialSubject is missing"]
    problems: list[str] = []
    for index, item in enumerate(subjects):
        where = "credentialSubject" if len(subjects) == 1 else f"credentialSubject[{index}]"
        if not isinstance(item, Mapping) or not item:
            problems.append(f"{where} must be an object with at least one claim")
        elif "id" in item:
            problems += _id_problems(item["id"], f"{where}.id", required=True)
    return problems


def _validity_problems(document: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    dates: dict[str, datetime] = {}
    for name in ("validFrom", "validUntil"):
        if name in document:
            parsed = parse_datetime(document[name])
            if parsed is None:
                problems.append(
                    f"{name} must be an XML Schema dateTimeStamp, got {document[name]!r}"
                )
            else:
                dates[name] = parsed
    if len(dates) == 2 and dates["validUntil"] < dates["validFrom"]:
        problems.append("validUntil is earlier than validFrom")
    return problems


def _typed_object_problems(document: Mapping[str, Any], name: str) -> list[str]:
    problems: list[str] = []
    for index, item in enumerate(as_list(document.get(name))):
        where = f"{name}[{index}]" if isinstance(document.get(name), list) else name
        if not isinstance(item, Mapping):
            problems.append(f"{where} must be an object")
            continue
        types = as_list(item.get("type"))
        if not types or not all(isinstance(t, str) for t in types):
            problems.append(f"{where}.type is missing or not a string")
        if name == "credentialSchema" or "id" in item:
            problems += _id_problems(item.get("id"), f"{where}.id", required=True)
    return problems


def _jsonld_problems(
    document: Mapping[str, Any], loader: DocumentLoader, engine: Engine | None
) -> list[str]:
    # Proofs are separate graphs, each checked by its own suite; the rest must expand cleanly.
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    try:
        safe_check(unsigned, loader=loader, engine=engine)
    except JsonLdError as error:
        return [f"JSON-LD: {error}"]
    return []
