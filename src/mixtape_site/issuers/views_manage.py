"""Issuer management: the organization's identifier and its signing keys."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.models import SigningKey
from mixtape_site.issuers.services import signing_key_create
from mixtape_site.organizations.access import ADMIN_ONLY, member_required
from mixtape_site.organizations.models import Membership, Organization

KEY_ROTATED = _("A new signing key is in use. Credentials signed with earlier keys keep verifying.")
ROTATION_NOT_CONFIRMED = _("Tick the box to confirm that you want a new signing key.")


class KeyRotateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: new credentials will be signed with a new key."),
        error_messages={"required": ROTATION_NOT_CONFIRMED},
    )


@member_required()
def keys(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _keys_page(request, organization, KeyRotateForm())


@require_POST
@member_required(roles=ADMIN_ONLY)
def key_rotate(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = KeyRotateForm(request.POST)
    if not form.is_valid():
        return _keys_page(request, organization, form, status=400)
    signing_key_create(organization=organization)
    messages.success(request, KEY_ROTATED)
    return redirect("issuers:keys", org=organization.slug)


def _keys_page(
    request: HttpRequest, organization: Organization, form: KeyRotateForm, status: int = 200
) -> HttpResponse:
    # Only public columns are loaded: the private key never reaches a template.
    rows = SigningKey.objects.filter(organization=organization).only(
        "public_multibase", "created_at", "retired_at", "organization"
    )
    context = {
        "organization": organization,
        "did": organization_did(organization),
        "signing_keys": rows.order_by("-created_at", "-id"),
        "may_rotate": request.membership.role == Membership.Role.ADMIN,  # type: ignore[attr-defined]
        "form": form,
    }
    return render(request, "issuers/keys.html", context, status=status)
