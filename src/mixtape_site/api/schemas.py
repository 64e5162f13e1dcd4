"""Request and response bodies of the VC-API and the JSON API, with examples."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential

ACHIEVEMENT_EXAMPLE = "https://mixtape.example/achievements/6f1c2b4e-8d0a-4c52-9b1e-2f3a4b5c6d7e"
CREDENTIAL_EXAMPLE = "https://mixtape.example/credentials/0b7d4c9a-1e2f-4a3b-8c5d-6e7f8a9b0c1d"


def _email(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError as error:
        raise ValueError("not a valid e-mail address") from error
    return value.strip()


def _url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError as error:
            raise ValueError("not an http(s) URL") from error
    return value


class ErrorDetail(Schema):
    code: str = Field(..., examples=["achievement_not_published"])
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorDetail


class RecipientIn(Schema):
    """The person who earns the credential: their name and the e-mail they claim it with."""

    name: str = Field(..., min_length=1, max_length=200, examples=["Amira Haddad"])
    email: str = Field(..., max_length=254, examples=["amira@example.org"])

    _check_email = field_validator("email")(_email)


class IssueOptions(Schema):
    model_config = ConfigDict(extra="allow")

    recipient: RecipientIn
    achievement: UUID | None = Field(
        None, description="The achievement's uuid, instead of credentialSubject.achievement.id."
    )
    result: str = Field("", max_length=100, examples=["A"])
    evidenceUrl: str = Field("", max_length=500, examples=["https://portfolio.example/amira"])
    externalId: str = Field("", max_length=100, examples=["STU-2025-0042"])

    _check_url = field_validator("evidenceUrl")(_url)


class IssueRequest(Schema):
    """VC-API IssueCredentialRequest.

    The platform signs Open Badges 3.0 credentials built from its own published
    achievements: ``credential.credentialSubject.achievement.id`` is the URL of one
    of your organization's published achievements (or give its uuid in
    ``options.achievement``), and ``options.recipient`` names the recipient
    (``{"name", "email"}``; the credential carries the e-mail only as a salted
    hash). ``credential.validFrom``, when present, is the issue date. If
    ``credential.issuer`` is present it must be your organization's DID. Other
    fields of ``credential`` are ignored: the platform writes the rest.
    Issuing the same award twice returns the credential issued the first time.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "credential": {
                        "@context": [
                            "https://www.w3.org/ns/credentials/v2",
                            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                        ],
                        "type": ["VerifiableCredential", "OpenBadgeCredential"],
                        "credentialSubject": {"achievement": {"id": ACHIEVEMENT_EXAMPLE}},
                    },
                    "options": {
                        "recipient": {"name": "Amira Haddad", "email": "amira@example.org"}
                    },
                }
            ]
        }
    )

    credential: dict[str, Any]
    options: IssueOptions


class IssueResponse(Schema):
    verifiableCredential: dict[str, Any]


class StatusEntryIn(Schema):
    type: str = Field("BitstringStatusListEntry", examples=["BitstringStatusListEntry"])
    status: bool = Field(..., description="true sets the bit (revoke or suspend); false clears it")
    statusPurpose: Literal["revocation", "suspension"]


class StatusRequest(Schema):
    """VC-API UpdateCredentialStatus. Revocation is permanent; suspension can be lifted."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "credentialId": CREDENTIAL_EXAMPLE,
                    "credentialStatus": [
                        {
                            "type": "BitstringStatusListEntry",
                            "status": True,
                            "statusPurpose": "suspension",
                        }
                    ],
                    "reason": "Under academic review",
                }
            ]
        }
    )

    credentialId: str = Field(..., max_length=500, examples=[CREDENTIAL_EXAMPLE])
    credentialStatus: list[StatusEntryIn] = Field(..., min_length=1, max_length=2)
    reason: str | None = Field(None, max_length=1000)


class StatusResponse(Schema):
    credentialId: str
    state: Literal["active", "suspended", "revoked"]


class VerifyOptions(Schema):
    model_config = ConfigDict(extra="allow")

    challenge: str | None = None
    domain: str | None = None


class VerifyCredentialRequest(Schema):
    verifiableCredential: dict[str, Any] | str = Field(
        ..., description="A credential (JSON object) or a VC-JWT string"
    )
    options: VerifyOptions = Field(default_factory=VerifyOptions)


class VerifyPresentationRequest(Schema):
    verifiablePresentation: dict[str, Any]
    options: VerifyOptions = Field(default_factory=VerifyOptions)


class Problem(Schema):
    type: str
    id: str = Field(..., description="The check that found it", examples=["proof"])
    title: str
    detail: str
    details: list[str] = Field(default_factory=list)


class VerifyResponse(Schema):
    verified: bool
    checks: list[str] = Field(..., description="The checks that ran (not skipped)")
    warnings: list[Problem]
    errors: list[Problem]
    log: list[dict[str, Any]] = Field(..., description="Every check, with its status")


class PresentationVerifyResponse(VerifyResponse):
    credentialResults: list[VerifyResponse]


# --- JSON API v1 -------------------------------------------------------------


class AchievementOut(Schema):
    uuid: UUID
    id: str = Field(..., description="The achievement's URL", examples=[ACHIEVEMENT_EXAMPLE])
    organization: str = Field(..., examples=["northern-college"])
    name: dict[str, str] = Field(..., examples=[{"en": "Data literacy", "fr": "Littératie"}])
    description: dict[str, str]
    hours: int
    delivery_mode: str
    languages: list[str]
    published_at: datetime | None

    @staticmethod
    def resolve_id(obj: Achievement) -> str:
        return achievement_url(obj)

    @staticmethod
    def resolve_organization(obj: Achievement) -> str:
        return obj.organization.slug


class AwardIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "achievement": "6f1c2b4e-8d0a-4c52-9b1e-2f3a4b5c6d7e",
                    "recipient": {"name": "Amira Haddad", "email": "amira@example.org"},
                    "issued_on": "2025-06-13T15:00:00-04:00",
                    "result": "A",
                    "external_id": "STU-2025-0042",
                }
            ]
        }
    )

    achievement: UUID
    recipient: RecipientIn
    issued_on: datetime | None = None
    result: str = Field("", max_length=100)
    evidence_url: str = Field("", max_length=500)
    external_id: str = Field("", max_length=100)

    _check_url = field_validator("evidence_url")(_url)


class AwardOut(Schema):
    uuid: UUID
    id: str = Field(..., description="The credential's URL", examples=[CREDENTIAL_EXAMPLE])
    achievement: UUID
    recipient_name: str
    recipient_email: str
    issued_on: datetime
    valid_until: datetime | None
    state: Literal["active", "suspended", "revoked"]
    result: str
    external_id: str
    claimed: bool
    created_at: datetime

    @staticmethod
    def resolve_id(obj: IssuedCredential) -> str:
        return str(obj.document.get("id", ""))

    @staticmethod
    def resolve_achievement(obj: IssuedCredential) -> UUID:
        return obj.achievement.uuid

    @staticmethod
    def resolve_claimed(obj: IssuedCredential) -> bool:
        return obj.claimed_at is not None


class AwardDetailOut(AwardOut):
    credential: dict[str, Any] = Field(..., description="The signed OB 3.0 credential")

    @staticmethod
    def resolve_credential(obj: IssuedCredential) -> dict[str, Any]:
        return obj.document
