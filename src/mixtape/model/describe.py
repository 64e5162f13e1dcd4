"""Build an unsigned OpenBadgeCredential from a short description (YAML or JSON).

A description names the issuer, the achievement and the recipient; texts may be
plain strings or language maps (``{en: …, fr: …}``)::

    issuer: {id: did:key:z6Mk…, name: {en: Example College, fr: Collège Exemple}}
                                          # id optional when ``issuer_id`` is given
    achievement:
      id: https://example.edu/achievements/py101
      name: {en: Python basics, fr: Bases de Python}
      description: {en: …, fr: …}
      criteria: {en: …, fr: …}          # or {id: https://…, narrative: …}
      alignments: [{targetName: …, targetUrl: http://data.europa.eu/esco/skill/…}]
      creditsAvailable: 1
    recipient: {email: learner@example.org}   # or {id: did:key:…}, or both
    result: [{value: "A", status: Completed}]   # optional
    validFrom: 2026-01-01T00:00:00Z             # optional, defaults to ``now``

E-mail addresses are trimmed and lowercased before hashing, so a learner can
prove the address however they capitalise it. See ``examples/describe/``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

import yaml

from mixtape.errors import InvalidInputError
from mixtape.model.achievement import Achievement, Alignment, Criteria, Image
from mixtape.model.base import JsonObject
from mixtape.model.credential import (
    AchievementCredential,
    AchievementSubject,
    CredentialSchema,
    Result,
)
from mixtape.model.identity import hashed_identity
from mixtape.model.profile import Profile
from mixtape.model.schema import validate
from mixtape.model.text import Text

_TOP_KEYS: Final = {
    "issuer", "achievement", "recipient", "result", "validFrom", "validUntil",
    "name", "description", "creditsEarned",
}  # fmt: skip
_ISSUER_KEYS: Final = {"id", "name", "description", "url", "email", "image"}
_ACHIEVEMENT_KEYS: Final = {
    "id", "name", "description", "criteria", "alignments", "alignment", "creditsAvailable",
    "achievementType", "image", "tag", "tags", "fieldOfStudy", "humanCode", "inLanguage",
}  # fmt: skip
_RECIPIENT_KEYS: Final = {"email", "id"}


def description_from_text(text: str) -> dict[str, Any]:
    """Parse a YAML (or JSON, a subset of YAML) description.

    Raises:
        InvalidInputError: not YAML, or not a mapping at the top.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InvalidInputError(f"description: not valid YAML ({error})") from error
    return dict(_mapping(data, "description"))


def credential_from_description(
    description: Mapping[str, Any],
    *,
    now: datetime,
    salt: str | None = None,
    issuer_id: str | None = None,
) -> JsonObject:
    """Build the unsigned credential a description asks for.

    Args:
        description: The parsed description (see the module docstring).
        now: The current time (timezone-aware); the default ``validFrom``.
        salt: Salt for the hashed e-mail; random when omitted.
        issuer_id: The signer's DID or URL, used when the description's issuer
            has no ``id`` (a description can then be signed with any key).

    Returns:
        The credential JSON, with a ``urn:uuid`` id and ``credentialSchema``,
        valid against the OB 3.0 JSON Schema.

    Raises:
        InvalidInputError: the description is incomplete or malformed (one line).
        SchemaError: the result would not satisfy the OB 3.0 JSON Schema.
    """
    data = _mapping(description, "description")
    _check_keys(data, allowed=_TOP_KEYS, required={"issuer", "achievement", "recipient"})
    achievement = _achievement(data["achievement"])
    credential = AchievementCredential(
        id=f"urn:uuid:{uuid.uuid4()}",
        name=_text(data["name"], "description.name") if "name" in data else achievement.name,
        description=_optional_text(data, "description", "description"),
        issuer=_issuer(data["issuer"], issuer_id=issuer_id),
        valid_from=_timestamp(data.get("validFrom", now), "description.validFrom"),
        valid_until=_optional_timestamp(data.get("validUntil"), "description.validUntil"),
        credential_subject=_subject(data, achievement=achievement, salt=salt),
        credential_schema=[CredentialSchema()],
    )
    document = credential.to_json()
    validate(document, schema="achievementcredential")
    return document


def _issuer(value: Any, *, issuer_id: str | None) -> Profile:
    data = _mapping(value, "description.issuer")
    if issuer_id is not None:
        data = {"id": issuer_id, **data}
    _check_keys(data, allowed=_ISSUER_KEYS, required={"id"}, path="description.issuer")
    return Profile(
        id=_string(data["id"], "description.issuer.id"),
        name=_optional_text(data, "name", "description.issuer"),
        description=_optional_text(data, "description", "description.issuer"),
        url=_optional_string(data, "url", "description.issuer"),
        email=_optional_string(data, "email", "description.issuer"),
        image=_image(data.get("image"), "description.issuer.image"),
    )


def _achievement(value: Any) -> Achievement:
    path = "description.achievement"
    data = _mapping(value, path)
    required = {"id", "name", "description", "criteria"}
    _check_keys(data, allowed=_ACHIEVEMENT_KEYS, required=required, path=path)
    alignments = data.get("alignments", data.get("alignment"))
    credits = data.get("creditsAvailable")
    if credits is not None and (isinstance(credits, bool) or not isinstance(credits, int | float)):
        raise InvalidInputError(f"{path}.creditsAvailable: expected a number")
    return Achievement(
        id=_string(data["id"], f"{path}.id"),
        name=_text(data["name"], f"{path}.name"),
        description=_text(data["description"], f"{path}.description"),
        criteria=_criteria(data["criteria"], f"{path}.criteria"),
        alignment=_alignments(alignments, f"{path}.alignments"),
        credits_available=credits,
        achievement_type=_optional_string(data, "achievementType", path),
        image=_image(data.get("image"), f"{path}.image"),
        tag=_tags(data.get("tags", data.get("tag")), f"{path}.tags"),
        field_of_study=_optional_string(data, "fieldOfStudy", path),
        human_code=_optional_string(data, "humanCode", path),
        in_language=_optional_string(data, "inLanguage", path),
    )


def _criteria(value: Any, path: str) -> Criteria:
    # A bare text is the narrative; a mapping with id/narrative is Criteria itself.
    if isinstance(value, Mapping) and set(value) <= {"id", "narrative"}:
        narrative = value.get("narrative")
        return Criteria(
            id=_optional_string(value, "id", path),
            narrative=None if narrative is None else _text(narrative, f"{path}.narrative"),
        )
    return Criteria(narrative=_text(value, path))


def _alignments(value: Any, path: str) -> list[Alignment] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise InvalidInputError(f"{path}: expected a list of alignments")
    alignments = []
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        entry = {"type": ["Alignment"], **_mapping(item, where)}
        _check_keys(entry, allowed=set(entry), required={"targetName", "targetUrl"}, path=where)
        alignments.append(Alignment.from_json(entry, path=where))
    return alignments


def _subject(
    data: Mapping[str, Any], *, achievement: Achievement, salt: str | None
) -> AchievementSubject:
    path = "description.recipient"
    recipient = _mapping(data["recipient"], path)
    _check_keys(recipient, allowed=_RECIPIENT_KEYS, required=set(), path=path)
    if not recipient:
        raise InvalidInputError(f"{path}: give an email or an id")
    email = _optional_string(recipient, "email", path)
    identifier = None
    if email is not None:
        identifier = [hashed_identity(value=email.strip().lower(), salt=salt)]
    credits = data.get("creditsEarned")
    if credits is not None and (isinstance(credits, bool) or not isinstance(credits, int | float)):
        raise InvalidInputError("description.creditsEarned: expected a number")
    return AchievementSubject(
        id=_optional_string(recipient, "id", path),
        identifier=identifier,
        achievement=achievement,
        result=_results(data.get("result")),
        credits_earned=credits,
    )


def _results(value: Any) -> list[Result] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    results = []
    for index, item in enumerate(items):
        entry = {"type": ["Result"], **_mapping(item, f"description.result[{index}]")}
        results.append(Result.from_json(entry, path=f"description.result[{index}]"))
    return results


def _image(value: Any, path: str) -> Image | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Image(id=value)
    data = {"type": "Image", **_mapping(value, path)}
    if "id" not in data:
        raise InvalidInputError(f"{path}: 'id' is required")
    return Image.from_json(data, path=path)


def _tags(value: Any, path: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise InvalidInputError(f"{path}: expected a list of strings")
    return list(value)


def _text(value: Any, path: str) -> Text:
    if isinstance(value, str) and value:
        return value
    if (
        isinstance(value, Mapping)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items())
    ):
        return dict(value)
    raise InvalidInputError(f"{path}: expected a text or a map of language to text")


def _optional_text(data: Mapping[str, Any], key: str, path: str) -> Text | None:
    return None if data.get(key) is None else _text(data[key], f"{path}.{key}")


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidInputError(f"{path}: expected a non-empty string")
    return value


def _optional_string(data: Mapping[str, Any], key: str, path: str) -> str | None:
    return None if data.get(key) is None else _string(data[key], f"{path}.{key}")


def _timestamp(value: Any, path: str) -> str:
    # YAML turns an unquoted timestamp into a datetime; accept both forms.
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as error:
            raise InvalidInputError(f"{path}: expected an ISO 8601 date-time") from error
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InvalidInputError(f"{path}: expected a date-time with a time zone")
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _optional_timestamp(value: Any, path: str) -> str | None:
    return None if value is None else _timestamp(value, path)


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{path}: expected a mapping")
    return value


def _check_keys(
    data: Mapping[str, Any],
    *,
    allowed: set[str],
    required: set[str],
    path: str = "description",
) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise InvalidInputError(
            f"{path}: unknown key {unknown[0]!r}; expected one of {', '.join(sorted(allowed))}"
        )
    missing = sorted(required - set(data))
    if missing:
        raise InvalidInputError(f"{path}: {missing[0]!r} is required")
