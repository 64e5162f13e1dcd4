"""Typed Open Badges 3.0 data model, JSON Schema validation and descriptions.

Every class reads and writes JSON with ``from_json`` / ``to_json`` and keeps
unknown (extension) properties in ``extra``, so ``to_json(from_json(x)) == x``.
"""

from mixtape.model.achievement import (
    Achievement,
    Alignment,
    Criteria,
    IdentifierEntry,
    Image,
    Related,
    ResultDescription,
    RubricCriterionLevel,
)
from mixtape.model.base import JsonObject, Model
from mixtape.model.credential import (
    OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
    OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
    OB_V3P0_CONTEXT,
    VC_V2_CONTEXT,
    AchievementCredential,
    AchievementSubject,
    CredentialSchema,
    CredentialStatus,
    EndorsementCredential,
    EndorsementSubject,
    Evidence,
    OpenBadgeCredential,
    Result,
)
from mixtape.model.describe import credential_from_description, description_from_text
from mixtape.model.identity import IdentityObject, hashed_identity
from mixtape.model.profile import Address, GeoCoordinates, Profile
from mixtape.model.schema import SchemaReport, schema_check, schema_errors, validate
from mixtape.model.text import LANGUAGE_MAP_CONTEXT, LanguageMap, Text, text_in

__all__ = [
    "LANGUAGE_MAP_CONTEXT",
    "OB_ACHIEVEMENT_CREDENTIAL_SCHEMA",
    "OB_ENDORSEMENT_CREDENTIAL_SCHEMA",
    "OB_V3P0_CONTEXT",
    "VC_V2_CONTEXT",
    "Achievement",
    "AchievementCredential",
    "AchievementSubject",
    "Address",
    "Alignment",
    "CredentialSchema",
    "CredentialStatus",
    "Criteria",
    "EndorsementCredential",
    "EndorsementSubject",
    "Evidence",
    "GeoCoordinates",
    "IdentifierEntry",
    "IdentityObject",
    "Image",
    "JsonObject",
    "LanguageMap",
    "Model",
    "OpenBadgeCredential",
    "Profile",
    "Related",
    "Result",
    "ResultDescription",
    "RubricCriterionLevel",
    "SchemaReport",
    "Text",
    "credential_from_description",
    "description_from_text",
    "hashed_identity",
    "schema_check",
    "schema_errors",
    "text_in",
    "validate",
]
