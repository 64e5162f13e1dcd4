"""Credentials: AchievementCredential (OpenBadgeCredential) and EndorsementCredential.

Also the classes only credentials use: AchievementSubject, Result, Evidence,
EndorsementSubject, CredentialSchema and CredentialStatus. ``proof``,
``refreshService`` and ``termsOfUse`` are kept as raw JSON: the proof modules
own them, and they must survive byte for byte for signatures to verify.
"""

# json_field() returns dataclasses.field(...); ruff cannot see that.
# ruff: noqa: RUF009

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from mixtape.model.base import (
    NUMBER,
    RAW,
    STRING,
    STRING_OR_INTEGER,
    STRINGS,
    TEXT,
    TYPES,
    JsonObject,
    Model,
    json_field,
    nested,
    nested_list,
    reference,
)
from mixtape.model.text import LANGUAGE_MAP_CONTEXT, MAP_SUFFIX, MULTILINGUAL_PROPERTIES, Text

if TYPE_CHECKING:
    from mixtape.model.achievement import Achievement, Alignment, Image
    from mixtape.model.identity import IdentityObject
    from mixtape.model.profile import Profile

VC_V2_CONTEXT: Final = "https://www.w3.org/ns/credentials/v2"
OB_V3P0_CONTEXT: Final = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_ACHIEVEMENT_CREDENTIAL_SCHEMA: Final = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
OB_ENDORSEMENT_CREDENTIAL_SCHEMA: Final = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
)
JSON_SCHEMA_TYPE: Final = "JsonSchema"
"""The VC 2.0 type for ``credentialSchema``. The OB 3.0 examples use
``1EdTechJsonSchemaValidator2019``, but no bundled context defines that term, so
safe-mode JSON-LD refuses to sign it; ``JsonSchema`` is defined by the VC 2.0
context and names the same kind of check."""


@dataclass(slots=True, kw_only=True)
class Result(Model):
    """A result the learner obtained (grade, level, status…)."""

    type: str | list[str] | None = json_field("type", TYPES, default=["Result"])
    result_description: str | None = json_field("resultDescription", STRING)
    value: str | None = json_field("value", STRING)
    achieved_level: str | None = json_field("achievedLevel", STRING)
    status: str | None = json_field("status", STRING)
    alignment: list[Alignment] | None = json_field("alignment", nested_list("Alignment"))


@dataclass(slots=True, kw_only=True)
class Evidence(Model):
    """Work or other proof supporting the award."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["Evidence"])
    narrative: Text | None = json_field("narrative", TEXT)
    name: Text | None = json_field("name", TEXT)
    description: Text | None = json_field("description", TEXT)
    genre: str | None = json_field("genre", STRING)
    audience: str | None = json_field("audience", STRING)


@dataclass(slots=True, kw_only=True)
class AchievementSubject(Model):
    """The learner and what they achieved (``credentialSubject``)."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["AchievementSubject"])
    identifier: list[IdentityObject] | None = json_field(
        "identifier", nested_list("IdentityObject")
    )
    achievement: Achievement | None = json_field("achievement", nested("Achievement"))
    result: list[Result] | None = json_field("result", nested_list("Result"))
    credits_earned: float | None = json_field("creditsEarned", NUMBER)
    activity_start_date: str | None = json_field("activityStartDate", STRING)
    activity_end_date: str | None = json_field("activityEndDate", STRING)
    term: str | None = json_field("term", STRING)
    license_number: str | None = json_field("licenseNumber", STRING)
    role: str | None = json_field("role", STRING)
    narrative: Text | None = json_field("narrative", TEXT)
    image: Image | None = json_field("image", nested("Image"))
    source: Profile | None = json_field("source", nested("Profile"))


@dataclass(slots=True, kw_only=True)
class EndorsementSubject(Model):
    """What an endorsement is about, and the endorser's comment."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["EndorsementSubject"])
    endorsement_comment: str | None = json_field("endorsementComment", STRING)


@dataclass(slots=True, kw_only=True)
class CredentialSchema(Model):
    """A JSON Schema the credential claims to satisfy."""

    id: str | None = json_field("id", STRING, default=OB_ACHIEVEMENT_CREDENTIAL_SCHEMA)
    type: str | None = json_field("type", STRING, default=JSON_SCHEMA_TYPE)


@dataclass(slots=True, kw_only=True)
class CredentialStatus(Model):
    """Where to check revocation, e.g. a ``BitstringStatusListEntry``."""

    id: str | None = json_field("id", STRING)
    type: str | None = json_field("type", STRING, default="BitstringStatusListEntry")
    status_purpose: str | None = json_field("statusPurpose", STRING)
    status_list_index: str | int | None = json_field("statusListIndex", STRING_OR_INTEGER)
    status_list_credential: str | None = json_field("statusListCredential", STRING)


@dataclass(slots=True, kw_only=True)
class _Credential(Model):
    """The VC 2.0 properties both credential classes share."""

    context: list[Any] | None = json_field(
        "@context", RAW, default=[VC_V2_CONTEXT, OB_V3P0_CONTEXT]
    )
    id: str | None = json_field("id", STRING)
    name: Text | None = json_field("name", TEXT)
    description: Text | None = json_field("description", TEXT)
    image: Image | None = json_field("image", nested("Image"))
    issuer: str | Profile | None = json_field("issuer", reference("Profile"))
    valid_from: str | None = json_field("validFrom", STRING)
    valid_until: str | None = json_field("validUntil", STRING)
    awarded_date: str | None = json_field("awardedDate", STRING)
    credential_schema: list[CredentialSchema] | None = json_field(
        "credentialSchema", nested_list("CredentialSchema")
    )
    credential_status: CredentialStatus | None = json_field(
        "credentialStatus", nested("CredentialStatus")
    )
    refresh_service: Any = json_field("refreshService", RAW)
    terms_of_use: Any = json_field("termsOfUse", RAW)
    proof: Any = json_field("proof", RAW)

    def _finish_parse(self, data: JsonObject) -> None:
        # to_json adds the language-map context whenever maps are used, so the
        # model does not keep it: a credential then equals its own round trip.
        if self.context and LANGUAGE_MAP_CONTEXT in self.context and uses_language_maps(data):
            self.context = [entry for entry in self.context if entry != LANGUAGE_MAP_CONTEXT]

    def _finish_json(self, out: JsonObject) -> None:
        # A language map needs the inline context that defines nameMap & co.
        contexts = out.get("@context")
        if (
            isinstance(contexts, list)
            and LANGUAGE_MAP_CONTEXT not in contexts
            and uses_language_maps(out)
        ):
            contexts.append(dict(LANGUAGE_MAP_CONTEXT))


@dataclass(slots=True, kw_only=True)
class EndorsementCredential(_Credential):
    """A third party's endorsement of a profile, achievement or credential."""

    type: str | list[str] | None = json_field(
        "type", TYPES, default=["VerifiableCredential", "EndorsementCredential"]
    )
    credential_subject: EndorsementSubject | None = json_field(
        "credentialSubject", nested("EndorsementSubject")
    )


@dataclass(slots=True, kw_only=True)
class AchievementCredential(_Credential):
    """An Open Badge: ``type`` includes ``OpenBadgeCredential`` or ``AchievementCredential``."""

    type: str | list[str] | None = json_field(
        "type", TYPES, default=["VerifiableCredential", "OpenBadgeCredential"]
    )
    credential_subject: AchievementSubject | None = json_field(
        "credentialSubject", nested("AchievementSubject")
    )
    evidence: list[Evidence] | None = json_field("evidence", nested_list("Evidence"))
    endorsement: list[EndorsementCredential] | None = json_field(
        "endorsement", nested_list("EndorsementCredential")
    )
    endorsement_jwt: list[str] | None = json_field("endorsementJwt", STRINGS)


OpenBadgeCredential = AchievementCredential
"""The OB 3.0 name of the same class."""

_MAP_KEYS: Final = frozenset(f"{prop}{MAP_SUFFIX}" for prop in MULTILINGUAL_PROPERTIES)


def uses_language_maps(document: Any) -> bool:
    """Tell whether a JSON document anywhere holds ``nameMap``-style language maps."""
    if isinstance(document, list):
        return any(uses_language_maps(item) for item in document)
    if not isinstance(document, dict):
        return False
    if _MAP_KEYS.intersection(document):
        return True
    # Embedded credentials carry their own @context; they answer for themselves.
    return any(
        uses_language_maps(value)
        for key, value in document.items()
        if key not in ("@context", "endorsement")
    )
