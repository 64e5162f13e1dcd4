"""Profile: the issuer, creator or source of a credential (OB 3.0 ``Profile``)."""

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
    from mixtape.model.achievement import IdentifierEntry, Image
    from mixtape.model.credential import EndorsementCredential


@dataclass(slots=True, kw_only=True)
class GeoCoordinates(Model):
    """A point on Earth."""

    type: str | list[str] | None = json_field("type", TYPES, default="GeoCoordinates")
    latitude: float | None = json_field("latitude", NUMBER, default=0.0)
    longitude: float | None = json_field("longitude", NUMBER, default=0.0)


@dataclass(slots=True, kw_only=True)
class Address(Model):
    """A postal address."""

    type: str | list[str] | None = json_field("type", TYPES, default=["Address"])
    address_country: str | None = json_field("addressCountry", STRING)
    address_country_code: str | None = json_field("addressCountryCode", STRING)
    address_region: str | None = json_field("addressRegion", STRING)
    address_locality: str | None = json_field("addressLocality", STRING)
    street_address: str | None = json_field("streetAddress", STRING)
    post_office_box_number: str | None = json_field("postOfficeBoxNumber", STRING)
    postal_code: str | None = json_field("postalCode", STRING)
    geo: GeoCoordinates | None = json_field("geo", nested("GeoCoordinates"))


@dataclass(slots=True, kw_only=True)
class Profile(Model):
    """A person or organisation (issuer, creator, source, parent organisation)."""

    id: str | None = json_field("id", STRING)
    type: str | list[str] | None = json_field("type", TYPES, default=["Profile"])
    name: Text | None = json_field("name", TEXT)
    url: str | None = json_field("url", STRING)
    phone: str | None = json_field("phone", STRING)
    description: Text | None = json_field("description", TEXT)
    email: str | None = json_field("email", STRING)
    image: Image | None = json_field("image", nested("Image"))
    address: Address | None = json_field("address", nested("Address"))
    other_identifier: list[IdentifierEntry] | None = json_field(
        "otherIdentifier", nested_list("IdentifierEntry")
    )
    official: str | None = json_field("official", STRING)
    parent_org: Profile | None = json_field("parentOrg", nested("Profile"))
    family_name: str | None = json_field("familyName", STRING)
    given_name: str | None = json_field("givenName", STRING)
    additional_name: str | None = json_field("additionalName", STRING)
    patronymic_name: str | None = json_field("patronymicName", STRING)
    honorific_prefix: str | None = json_field("honorificPrefix", STRING)
    honorific_suffix: str | None = json_field("honorificSuffix", STRING)
    family_name_prefix: str | None = json_field("familyNamePrefix", STRING)
    date_of_birth: str | None = json_field("dateOfBirth", STRING)
    endorsement: list[EndorsementCredential] | None = json_field(
        "endorsement", nested_list("EndorsementCredential")
    )
    endorsement_jwt: list[str] | None = json_field("endorsementJwt", STRINGS)
