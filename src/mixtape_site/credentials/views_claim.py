"""The claim link from the award e-mail: ``/claim/<token>`` adds a credential to an account."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from mixtape_site.credentials import selectors, services
from mixtape_site.credentials.models import IssuedCredential

CLAIMED = _("The credential is now in your account.")


def masked_email(email: str) -> str:
    """``l•••@example.org``: enough to recognize one's address, not to harvest it."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def _situation(credential: IssuedCredential, user: object) -> str:
    if not getattr(user, "is_authenticated", False):
        return "signed_out"
    if credential.claimed_by_id is not None:
        return "yours" if credential.claimed_by_id == user.pk else "taken"  # type: ignore[attr-defined]
    if credential.state == IssuedCredential.State.REVOKED:
        return "revoked"
    return "can_claim" if services.credential_matches_user(credential, user) else "mismatch"


@require_http_methods(["GET", "HEAD", "POST"])
def claim(request: HttpRequest, token: str) -> HttpResponse:
    credential = selectors.credential_by_claim_token(token=token)
    if credential is None:
        raise Http404
    here = reverse("credentials:claim", kwargs={"token": token})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': here})}")
        try:
            services.credential_claim(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, CLAIMED)
        return redirect(here)
    context = {
        "credential": credential,
        "situation": _situation(credential, request.user),
        "masked_email": masked_email(credential.recipient_email),
        "next_query": urlencode({"next": here}),
        "public_path": f"/credentials/{credential.uuid}",
        "mismatch_message": services.CLAIM_EMAIL_MISMATCH,
    }
    response = render(request, "credentials/claim.html", context)
    # The link is a bearer secret: keep it out of caches and Referer headers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
