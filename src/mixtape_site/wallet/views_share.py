"""Sharing one held credential: its PDF certificate and its share page (owner only).

Another learner's credential is a 404, like one that does not exist: ids are
never confirmed by guessing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.sharing import (
    certificate_filename,
    certificate_pdf,
    certificate_text,
    linkedin_add_url,
    verification_url,
)


@login_required
@require_safe
def certificate(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = _owned(request, uuid)
    if not verification_url(credential):
        raise Http404("This credential has no public verification page.")
    language = _language(request)
    text = certificate_text(
        credential, holder=holder_name(request.user, credential), language=language
    )
    response = HttpResponse(
        certificate_pdf(text, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(credential)}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_safe
def share(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = _owned(request, uuid)
    return render(
        request, "wallet/share.html", {"credential": credential, **share_context(credential)}
    )


def share_context(credential: WalletCredential) -> dict[str, Any]:
    """What ``wallet/_share.html`` shows; the wallet's detail view may add it to its context."""
    url = verification_url(credential)
    return {
        "share": {
            "verification_url": url,
            "linkedin_url": linkedin_add_url(credential, language=get_language()),
            "certificate_url": reverse("wallet:certificate", kwargs={"uuid": credential.uuid})
            if url
            else "",
        }
    }


def holder_name(user: Any, credential: WalletCredential) -> str:
    """The name on the certificate: the learner's own, else the one the issuer used."""
    if user.display_name:
        return user.display_name
    if credential.issued_credential_id is not None:
        return credential.issued_credential.recipient_name
    return user.email


def _owned(request: HttpRequest, uuid: UUID) -> WalletCredential:
    rows = WalletCredential.objects.select_related("issued_credential__achievement")
    return get_object_or_404(rows, uuid=uuid, owner=request.user)


def _language(request: HttpRequest) -> str:
    preferred = getattr(request.user, "preferred_language", "")
    return preferred or get_language() or "en"


# Included at the end of wallet/urls.py: ``urlpatterns += share_urlpatterns``.
share_urlpatterns = [
    path("wallet/<uuid:uuid>/certificate.pdf", certificate, name="certificate"),
    path("wallet/<uuid:uuid>/share/", share, name="share"),
]
