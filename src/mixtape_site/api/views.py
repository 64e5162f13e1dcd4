"""Managing an organization's API tokens (organization admins only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.api.forms import TokenCreateForm
from mixtape_site.api.models import ApiToken
from mixtape_site.api.selectors import tokens_of
from mixtape_site.api.services import token_create, token_revoke
from mixtape_site.organizations.access import ADMIN_ONLY, member_required
from mixtape_site.organizations.models import Organization

TOKEN_REVOKED = _("The token “%(name)s” is revoked: requests that use it are now refused.")


@member_required(roles=ADMIN_ONLY)
def tokens(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    plaintext = None
    if request.method == "POST" and form.is_valid():
        _token, plaintext = token_create(
            organization=organization, name=form.cleaned_data["name"], created_by=request.user
        )
        form = TokenCreateForm()
    context = {
        "organization": organization,
        "form": form,
        "plaintext": plaintext,
        "tokens": tokens_of(organization=organization),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@require_POST
@member_required(roles=ADMIN_ONLY)
def token_revoke_view(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, organization=organization)
    token_revoke(token=token)
    messages.success(request, TOKEN_REVOKED % {"name": token.name})
    return redirect("api:tokens", org=organization.slug)
