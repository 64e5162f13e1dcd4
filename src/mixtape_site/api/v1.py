"""JSON API v1: the public catalogue of achievements and an organization's awards."""

from typing import Any, Literal
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from mixtape_site.achievements.documents import achievement_json
from mixtape_site.achievements.models import Achievement
from mixtape_site.api.auth import ApiTokenAuth, token_of
from mixtape_site.api.issuing import issuable_achievement
from mixtape_site.api.schemas import AchievementOut, AwardDetailOut, AwardIn, AwardOut, ErrorOut
from mixtape_site.api.selectors import award_of, awards_of, published_achievements
from mixtape_site.credentials import services as credential_services
from mixtape_site.credentials.models import IssuedCredential

router = Router()


class AchievementFilters(Schema):
    organization: str | None = None
    q: str | None = None


class AwardFilters(Schema):
    state: Literal["active", "suspended", "revoked"] | None = None
    achievement: UUID | None = None
    q: str | None = None


@router.get("/achievements", response=list[AchievementOut], tags=["Achievements"])
@paginate(PageNumberPagination)
def list_achievements(
    request: HttpRequest, filters: Query[AchievementFilters]
) -> QuerySet[Achievement]:
    """Published achievements of every organization, newest first."""
    achievements = published_achievements(organization_slug=filters.organization, q=filters.q)
    return achievements


@router.get(
    "/achievements/{uuid}", response={200: dict[str, Any], 404: ErrorOut}, tags=["Achievements"]
)
def get_achievement(request: HttpRequest, uuid: UUID) -> dict[str, Any]:
    """A published achievement as an Open Badges 3.0 ``Achievement``."""
    achievement = published_achievements().filter(uuid=uuid).first()
    if achievement is None:
        raise Http404
    return achievement_json(achievement)


@router.get("/awards", auth=ApiTokenAuth(), response=list[AwardOut], tags=["Awards"])
@paginate(PageNumberPagination)
def list_awards(request: HttpRequest, filters: Query[AwardFilters]) -> QuerySet[IssuedCredential]:
    """The credentials your organization issued, newest first."""
    awards = awards_of(
        organization=token_of(request).organization,
        state=filters.state,
        achievement=filters.achievement,
        q=filters.q,
    )
    return awards


@router.get(
    "/awards/{uuid}",
    auth=ApiTokenAuth(),
    response={200: AwardDetailOut, 401: ErrorOut, 404: ErrorOut},
    tags=["Awards"],
)
def get_award(request: HttpRequest, uuid: UUID) -> IssuedCredential:
    award = award_of(organization=token_of(request).organization, uuid=uuid)
    if award is None:
        raise Http404
    return award


@router.post(
    "/awards",
    auth=ApiTokenAuth(),
    response={(200, 201): AwardDetailOut, (400, 401, 413, 422): ErrorOut},
    tags=["Awards"],
)
def create_award(request: HttpRequest, body: AwardIn) -> Status[IssuedCredential]:
    """Issue a credential: 201 when new, 200 with the existing one when already issued."""
    token = token_of(request)
    achievement = issuable_achievement(organization=token.organization, uuid=body.achievement)
    outcome = credential_services.credential_issue(
        achievement=achievement,
        recipient=credential_services.Recipient(
            name=body.recipient.name.strip(),
            email=body.recipient.email,
            issued_on=body.issued_on,
            result=body.result,
            evidence_url=body.evidence_url,
            external_id=body.external_id,
        ),
        issued_by=token.created_by,
    )
    return Status(201 if outcome.created else 200, outcome.credential)
