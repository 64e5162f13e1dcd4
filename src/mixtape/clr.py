"""Comprehensive Learner Record 2.0: one signed record of a learner's signed credentials.

A ``ClrCredential`` is a VC 2.0 credential whose subject (a ``ClrSubject``)
carries the learner's OB 3.0 credentials exactly as their issuers signed them
(``verifiableCredential``), every achievement the record speaks of
(``achievement``) and how those achievements relate (``association``). The
record's issuer signs the bundle with `mixtape.add_proof`; `mixtape.verify`
then checks the record's own proof and every credential it embeds (see
`mixtape.embedded`).

Multilingual ``name`` and ``description`` follow `mixtape.model.text`: a plain
primary-language string plus ``nameMap``, given meaning by the same inline
context the OB credentials use.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from mixtape.errors import InvalidInputError
from mixtape.model.credential import OB_V3P0_CONTEXT, uses_language_maps
from mixtape.model.text import LANGUAGE_MAP_CONTEXT, text_to_json
from mixtape.values import as_list
from mixtape.vcdm import VC1_CONTEXT, VC2_CONTEXT, credential_problems, is_url

__all__ = ["ASSOCIATION_TYPES", "CLR_CONTEXT", "Association", "clr_credential"]

CLR_CONTEXT: Final = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
# The order of the 1EdTech CLR 2.0 examples and signed test vector.
CLR_CONTEXTS: Final = (VC2_CONTEXT, CLR_CONTEXT, OB_V3P0_CONTEXT)
ASSOCIATION_TYPES: Final = frozenset(
    {
        "exactMatchOf",
        "isChildOf",
        "isParentOf",
        "isPartOf",
        "isPeerOf",
        "isRelatedTo",
        "precedes",
        "replacedBy",
    }
)
# Contexts a CLR already has, or that would clash with its @protected ones.
_OWN_CONTEXT_PREFIXES: Final = (
    VC2_CONTEXT,
    VC1_CONTEXT,
    "https://purl.imsglobal.org/spec/ob/v3p0/context",
    "https://purl.imsglobal.org/spec/clr/v2p0/context",
)

# Messages of InvalidInputError (programmer-facing English, like the rest of the core's errors).
NO_CREDENTIALS = "a CLR needs at least one signed credential to embed"
CREDENTIAL_NOT_OBJECT = "credentials[{index}] must be a JSON object (a signed credential)"
CREDENTIAL_UNSIGNED = "credentials[{index}] has no proof: only signed credentials can be embedded"
CREDENTIAL_INVALID = "credentials[{index}] is not a VC 2.0 credential: {problems}"
CREDENTIAL_ID_INVALID = "credential_id must be a URL, got {value!r}"
ISSUER_INVALID = "issuer must be a Profile object whose id is a URL"
SUBJECT_INVALID = "subject must hold an id (a URL) and/or an identifier list"
SUBJECT_RESERVED = "subject must not hold {key!r}: the CLR fills it in"
TEXT_INVALID = "{field} must be a non-empty string or a language map of strings"
ACHIEVEMENT_INVALID = "achievements[{index}] must be an Achievement object whose id is a URL"
ASSOCIATION_TYPE_INVALID = "association type {value!r} is not one of: {allowed}"
ASSOCIATION_UNKNOWN = "association {end} {value!r} names no achievement of this CLR"
VALID_FROM_NAIVE = "valid_from must be timezone-aware"

_SUBJECT_FILLED: Final = ("type", "verifiableCredential", "achievement", "association")


@dataclass(frozen=True, slots=True)
class Association:
    """CLR 2.0 Association: how one achievement of the record relates to another.

    ``association_type`` is one of `ASSOCIATION_TYPES` (e.g. ``isChildOf``:
    the source achievement is part of the target, as a micro-credential is of
    the certificate it stacks into); both ids name achievements of the CLR.
    """

    association_type: str
    source_id: str
    target_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "Association",
            "associationType": self.association_type,
            "sourceId": self.source_id,
            "targetId": self.target_id,
        }


def clr_credential(
    *,
    credential_id: str,
    issuer: Mapping[str, Any],
    subject: Mapping[str, Any],
    credentials: Sequence[Mapping[str, Any]],
    name: str | Mapping[str, str],
    description: str | Mapping[str, str] | None = None,
    achievements: Sequence[Mapping[str, Any]] = (),
    associations: Sequence[Association] = (),
    valid_from: datetime,
    partial: bool = False,
) -> dict[str, Any]:
    """Build an unsigned ClrCredential (VC 2.0, CLR 2.0.1, OB 3.0.3 contexts).

    Args:
        credential_id: the record's URL (or ``urn:uuid:``).
        issuer: the signer's OB 3.0 Profile JSON (its ``id`` is the record's issuer).
        subject: the learner: ``id`` and/or ``identifier`` (IdentityObjects).
        credentials: signed credentials (JSON objects with a proof), embedded as they are.
        name, description: plain strings or language maps ``{"en": …, "fr": …}``.
        achievements: further achievements (e.g. a pathway's goal); the embedded
            credentials' achievements are added after them, each id once.
        associations: relations between achievements of the record.
        valid_from: timezone-aware start of validity.
        partial: true when the record leaves out credentials its issuer knows of.

    Returns:
        The credential, ready to be signed with `mixtape.add_proof`.

    Raises:
        InvalidInputError: any argument that would make a record the verifier refuses.
    """
    embedded = [_embeddable(index, item) for index, item in enumerate(credentials)]
    if not embedded:
        raise InvalidInputError(NO_CREDENTIALS)
    listed = _achievements(achievements, embedded)
    document: dict[str, Any] = {
        "@context": [*CLR_CONTEXTS, *_extra_contexts(embedded)],
        "id": _url(credential_id, CREDENTIAL_ID_INVALID),
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": _issuer(issuer),
        "validFrom": _xsd_datetime(valid_from),
    }
    text_to_json(key="name", text=_text(name, "name"), out=document)
    if description is not None:
        text_to_json(key="description", text=_text(description, "description"), out=document)
    if partial:
        document["partial"] = True
    document["credentialSubject"] = _subject(subject) | {"verifiableCredential": embedded}
    if listed:
        document["credentialSubject"]["achievement"] = listed
    if associations:
        ids = {a["id"] for a in listed}
        document["credentialSubject"]["association"] = [
            _association(a, ids).to_json() for a in associations
        ]
    if _needs_language_maps(document):
        document["@context"].append(dict(LANGUAGE_MAP_CONTEXT))
    return document


def _embeddable(index: int, item: object) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise InvalidInputError(CREDENTIAL_NOT_OBJECT.format(index=index))
    if not item.get("proof"):
        raise InvalidInputError(CREDENTIAL_UNSIGNED.format(index=index))
    # A VC 1.1 credential cannot sit inside a VC 2.0 record: its context
    # redefines the VC 2.0 context's protected terms, so JSON-LD refuses it.
    problems = credential_problems(item)
    if problems:
        raise InvalidInputError(
            CREDENTIAL_INVALID.format(index=index, problems="; ".join(problems[:3]))
        )
    return copy.deepcopy(dict(item))


def _achievements(
    given: Sequence[Mapping[str, Any]], embedded: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for index, achievement in enumerate(given):
        if not isinstance(achievement, Mapping) or not is_url(achievement.get("id")):
            raise InvalidInputError(ACHIEVEMENT_INVALID.format(index=index))
        by_id.setdefault(achievement["id"], copy.deepcopy(dict(achievement)))
    for credential in embedded:
        for achievement in _achievements_of(credential):
            by_id.setdefault(achievement["id"], copy.deepcopy(dict(achievement)))
    return list(by_id.values())


def _achievements_of(credential: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    subjects = [s for s in as_list(credential.get("credentialSubject")) if isinstance(s, Mapping)]
    found = [s.get("achievement") for s in subjects]
    return [a for a in found if isinstance(a, Mapping) and isinstance(a.get("id"), str)]


def _extra_contexts(embedded: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Other contexts the embedded credentials use, e.g. the OB extensions.

    Their achievements are copied into the record's own ``achievement`` list,
    where the record's contexts must define every term they use.
    """
    extra: list[Any] = []
    for credential in embedded:
        for entry in as_list(credential.get("@context")):
            own = isinstance(entry, str) and entry.startswith(_OWN_CONTEXT_PREFIXES)
            if not own and entry != LANGUAGE_MAP_CONTEXT and entry not in extra:
                extra.append(copy.deepcopy(entry))
    return extra


def _issuer(issuer: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(issuer, Mapping) or not is_url(issuer.get("id")):
        raise InvalidInputError(ISSUER_INVALID)
    return copy.deepcopy(dict(issuer))


def _subject(subject: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(subject, Mapping):
        raise InvalidInputError(SUBJECT_INVALID)
    reserved = next((key for key in _SUBJECT_FILLED if key in subject), None)
    if reserved is not None:
        raise InvalidInputError(SUBJECT_RESERVED.format(key=reserved))
    identifiers = as_list(subject.get("identifier"))
    has_id = "id" in subject
    if (has_id and not is_url(subject["id"])) or not (has_id or identifiers):
        raise InvalidInputError(SUBJECT_INVALID)
    if not all(isinstance(item, Mapping) for item in identifiers):
        raise InvalidInputError(SUBJECT_INVALID)
    out: dict[str, Any] = {"type": ["ClrSubject"], **copy.deepcopy(dict(subject))}
    if identifiers:
        out["identifier"] = copy.deepcopy(identifiers)
    return out


def _association(association: Association, achievement_ids: set[str]) -> Association:
    if association.association_type not in ASSOCIATION_TYPES:
        raise InvalidInputError(
            ASSOCIATION_TYPE_INVALID.format(
                value=association.association_type, allowed=", ".join(sorted(ASSOCIATION_TYPES))
            )
        )
    for end, value in (("sourceId", association.source_id), ("targetId", association.target_id)):
        if value not in achievement_ids:
            raise InvalidInputError(ASSOCIATION_UNKNOWN.format(end=end, value=value))
    return association


def _text(value: object, field: str) -> str | dict[str, str]:
    if isinstance(value, str) and value:
        return value
    if (
        isinstance(value, Mapping)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items())
    ):
        return dict(value)
    raise InvalidInputError(TEXT_INVALID.format(field=field))


def _url(value: object, message: str) -> str:
    if not is_url(value):
        raise InvalidInputError(message.format(value=value))
    assert isinstance(value, str)
    return value


def _xsd_datetime(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise InvalidInputError(VALID_FROM_NAIVE)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _needs_language_maps(document: Mapping[str, Any]) -> bool:
    # The embedded credentials carry their own contexts; everything else
    # (the record's name, the copied achievements) is read under the record's.
    subject = {
        k: v for k, v in document["credentialSubject"].items() if k != "verifiableCredential"
    }
    rest = {k: v for k, v in document.items() if k not in ("@context", "credentialSubject")}
    return uses_language_maps(rest) or uses_language_maps(subject)
