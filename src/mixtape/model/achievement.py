"""Achievement and the small classes it is built from (OB 3.0 §B.1)."""

# json_field() returns dataclasses.field(...); ruff cannot see that.
# ruff: noqa: RUF009

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mixtape.model.base import (
    NUMBER,
    STRING,
    STRINGS,
    TEXT,
    TYPES,
    Model,
    json_field,
    nested,
    nested_list,
)
from mixtape.model.text import Text

if TYPE_CHECKING:
    from mixtape.model.credential import EndorsementCredential
    from mixtape.model.profile import Profile


@dataclass(slots=True, kw_only=True)
class Image(Model):
    """An image (``type`` is always ``"Image"``); ``id`` is a URL or data URI."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default="Image")
    caption: str | None = json_field("caption", STRING)


@dataclass(slots=True, kw_only=True)
class IdentifierEntry(Model):
    """Another identifier of a profile or achievement (``otherIdentifier``)."""

    type: str | list[str] | None = json_field("type", TYPES, default="IdentifierEntry")
    identifier: str | None = json_field("identifier", STRING)
    identifier_type: str | None = json_field("identifierType", STRING)


@dataclass(slots=True, kw_only=True)
class Criteria(Model):
    """How the achievement is earned: a URL (``id``) and/or a Markdown ``narrative``."""

    id: str | None = json_field("id", STRING)
    narrative: Text | None = json_field("narrative", TEXT)


@dataclass(slots=True, kw_only=True)
class Alignment(Model):
    """A link to a skill or competency in a framework (ESCO, CASE, CTDL, …)."""

    type: str | list[str] | None = json_field("type", TYPES, default=["Alignment"])
    target_name: str | None = json_field("targetName", STRING)
    target_url: str | None = json_field("targetUrl", STRING)
    target_description: str | None = json_field("targetDescription", STRING)
    target_framework: str | None = json_field("targetFramework", STRING)
    target_code: str | None = json_field("targetCode", STRING)
    target_type: str | None = json_field("targetType", STRING)


@dataclass(slots=True, kw_only=True)
class RubricCriterionLevel(Model):
    """One level of a rubric criterion."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["RubricCriterionLevel"])
    name: Text | None = json_field("name", TEXT)
    description: Text | None = json_field("description", TEXT)
    level: str | None = json_field("level", STRING)
    points: str | None = json_field("points", STRING)
    alignment: list[Alignment] | None = json_field("alignment", nested_list("Alignment"))


@dataclass(slots=True, kw_only=True)
class ResultDescription(Model):
    """Describes a possible result (grade, level, status…) of the achievement."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["ResultDescription"])
    name: Text | None = json_field("name", TEXT)
    result_type: str | None = json_field("resultType", STRING)
    alignment: list[Alignment] | None = json_field("alignment", nested_list("Alignment"))
    allowed_value: list[str] | None = json_field("allowedValue", STRINGS)
    required_level: str | None = json_field("requiredLevel", STRING)
    required_value: str | None = json_field("requiredValue", STRING)
    rubric_criterion_level: list[RubricCriterionLevel] | None = json_field(
        "rubricCriterionLevel", nested_list("RubricCriterionLevel")
    )
    value_max: str | None = json_field("valueMax", STRING)
    value_min: str | None = json_field("valueMin", STRING)


@dataclass(slots=True, kw_only=True)
class Related(Model):
    """Another version of the achievement, e.g. in another language."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["Related"])
    in_language: str | None = json_field("inLanguage", STRING)
    version: str | None = json_field("version", STRING)


@dataclass(slots=True, kw_only=True)
class Achievement(Model):
    """What was accomplished (OB 3.0 ``Achievement``)."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["Achievement"])
    achievement_type: str | None = json_field("achievementType", STRING)
    name: Text | None = json_field("name", TEXT)
    description: Text | None = json_field("description", TEXT)
    criteria: Criteria | None = json_field("criteria", nested("Criteria"))
    alignment: list[Alignment] | None = json_field("alignment", nested_list("Alignment"))
    result_description: list[ResultDescription] | None = json_field(
        "resultDescription", nested_list("ResultDescription")
    )
    image: Image | None = json_field("image", nested("Image"))
    credits_available: float | None = json_field("creditsAvailable", NUMBER)
    field_of_study: str | None = json_field("fieldOfStudy", STRING)
    in_language: str | None = json_field("inLanguage", STRING)
    tag: list[str] | None = json_field("tag", STRINGS)
    human_code: str | None = json_field("humanCode", STRING)
    specialization: str | None = json_field("specialization", STRING)
    version: str | None = json_field("version", STRING)
    creator: Profile | None = json_field("creator", nested("Profile"))
    other_identifier: list[IdentifierEntry] | None = json_field(
        "otherIdentifier", nested_list("IdentifierEntry")
    )
    related: list[Related] | None = json_field("related", nested_list("Related"))
    endorsement: list[EndorsementCredential] | None = json_field(
        "endorsement", nested_list("EndorsementCredential")
    )
    endorsement_jwt: list[str] | None = json_field("endorsementJwt", STRINGS)
