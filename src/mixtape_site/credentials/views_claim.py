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
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_add_claimed

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


def _held(credential: IssuedCredential, user: object) -> WalletCredential | None:
    """The user's wallet copy of a credential they claimed (None if they removed it)."""
    if credential.claimed_by_id is None or credential.claimed_by_id != getattr(user, "pk", None):
        return None
    return WalletCredential.objects.filter(owner=user, issued_credential=credential).first()


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
            claimed = services.credential_claim(token=token, user=request.user)
            held = wallet_add_claimed(user=request.user, issued_credential=claimed)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, CLAIMED)
            return redirect("wallet:detail", uuid=held.uuid)
        return redirect(here)
    context = {
        "credential": credential,
        "situation": _situation(credential, request.user),
        "masked_email": masked_email(credential.recipient_email),
        "next_query": urlencode({"next": here}),
        "public_path": f"/credentials/{credential.uuid}",
        "mismatch_message": services.CLAIM_EMAIL_MISMATCH,
        "held": _held(credential, request.user),
    }
    response = render(request, "credentials/claim.html", context)
    # The link is a bearer secret: keep it out of caches and other sites' Referer
    # headers. Not "no-referrer": browsers then send "Origin: null" with the page's own
    # forms (claiming, the language switcher), which Django's CSRF check refuses.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
