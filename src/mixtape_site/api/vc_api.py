"""W3C VC-API: issue, update status, verify credentials and presentations.

Issuing and status changes need an organization's API token; verifying is public.
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from mixtape_site.api import errors
from mixtape_site.api.auth import ApiTokenAuth, token_of
from mixtape_site.api.errors import ApiError
from mixtape_site.api.issuing import (
    check_issuer,
    credential_uuid,
    requested_achievement,
    requested_recipient,
)
from mixtape_site.api.schemas import (
    ErrorOut,
    IssueRequest,
    IssueResponse,
    PresentationVerifyResponse,
    StatusEntryIn,
    StatusRequest,
    StatusResponse,
    VerifyCredentialRequest,
    VerifyPresentationRequest,
    VerifyResponse,
)
from mixtape_site.api.selectors import award_of
from mixtape_site.api.verifying import credential_verify, presentation_verify
from mixtape_site.credentials import services as credential_services
from mixtape_site.credentials.models import IssuedCredential

router = Router(tags=["VC-API"])

API_STATUS_REASON = _("Changed through the VC-API.")
REFUSALS: dict[int | tuple[int, ...], Any] = {(400, 401, 413, 422): ErrorOut}


@router.post(
    "/credentials/issue",
    auth=ApiTokenAuth(),
    response={(200, 201): IssueResponse, **REFUSALS},
    summary="Issue an Open Badges 3.0 credential",
)
def issue_credential(request: HttpRequest, body: IssueRequest) -> Status[dict[str, Any]]:
    """201 with the signed credential; 200 with the same one if this award was issued before."""
    token = token_of(request)
    organization = token.organization
    check_issuer(organization=organization, credential=body.credential)
    achievement = requested_achievement(
        organization=organization, credential=body.credential, options=body.options
    )
    outcome = credential_services.credential_issue(
        achievement=achievement,
        recipient=requested_recipient(credential=body.credential, options=body.options),
        issued_by=token.created_by,
    )
    status = 201 if outcome.created else 200
    return Status(status, {"verifiableCredential": outcome.credential.document})


@router.post(
    "/credentials/status",
    auth=ApiTokenAuth(),
    response={200: StatusResponse, 404: ErrorOut, **REFUSALS},
    summary="Revoke, suspend or reinstate a credential",
)
def update_status(request: HttpRequest, body: StatusRequest) -> dict[str, Any]:
    token = token_of(request)
    uuid = credential_uuid(body.credentialId)
    credential = award_of(organization=token.organization, uuid=uuid) if uuid else None
    if credential is None:
        raise Http404
    reason = (body.reason or "").strip() or str(API_STATUS_REASON)
    for entry in body.credentialStatus:
        credential = _apply(credential, entry, reason=reason, actor=token.created_by)
    return {"credentialId": body.credentialId, "state": credential.state}


def _apply(
    credential: IssuedCredential, entry: StatusEntryIn, *, reason: str, actor: Any
) -> IssuedCredential:
    """One status entry; asking for the state the credential is already in changes nothing."""
    state = credential.state
    states = IssuedCredential.State
    if entry.statusPurpose == "revocation":
        if not entry.status:
            if state == states.REVOKED:
                raise ApiError(422, "revocation_permanent", errors.REVOCATION_PERMANENT)
            return credential
        change = credential_services.credential_revoke if state != states.REVOKED else None
    elif entry.status:
        change = credential_services.credential_suspend if state == states.ACTIVE else None
    else:
        change = credential_services.credential_reinstate if state == states.SUSPENDED else None
    if change is not None:
        change(credential=credential, reason=reason, actor=actor)
        credential.refresh_from_db()
    return credential


@router.post(
    "/credentials/verify",
    response={200: VerifyResponse, 400: ErrorOut, 413: ErrorOut},
    summary="Verify a credential",
)
def verify_credential(request: HttpRequest, body: VerifyCredentialRequest) -> dict[str, Any]:
    """200 whatever the outcome: ``verified`` says whether the credential holds."""
    return credential_verify(body.verifiableCredential)


@router.post(
    "/presentations/verify",
    response={200: PresentationVerifyResponse, 400: ErrorOut, 413: ErrorOut},
    summary="Verify a presentation and the credentials in it",
)
def verify_presentation(request: HttpRequest, body: VerifyPresentationRequest) -> dict[str, Any]:
    """The holder's proof is checked against ``options.challenge`` and ``options.domain``."""
    return presentation_verify(
        body.verifiablePresentation,
        challenge=body.options.challenge,
        domain=body.options.domain,
    )
