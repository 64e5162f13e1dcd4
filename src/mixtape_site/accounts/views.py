"""The account page: display name and preferred language."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from mixtape_site.accounts.forms import ProfileForm
from mixtape_site.accounts.language import language_apply
from mixtape_site.accounts.services import user_profile_update

PROFILE_SAVED = _("Your account settings are saved.")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_profile_update(user=request.user, **form.cleaned_data)
        response = redirect("accounts:profile")
        if user.preferred_language:
            # Activated before the message is queued, so it is shown in that language.
            language_apply(response, user.preferred_language)
        messages.success(request, PROFILE_SAVED)
        return response
    return render(request, "accounts/profile.html", {"form": form})
