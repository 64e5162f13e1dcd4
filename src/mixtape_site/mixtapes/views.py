"""The learner's mixtape pages: owner only; every object is loaded through its owner."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from mixtape_site.issuers.identity import absolute_url
from mixtape_site.mixtapes import forms, selectors, services
from mixtape_site.mixtapes.models import Mixtape, ShareLink
from mixtape_site.mixtapes.presentation import mixtape_presentation, presentable
from mixtape_site.mixtapes.qr import qr_svg
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.status import wallet_status

MIXTAPE_CREATED = _("Mixtape created. Now add credentials from your wallet.")
MIXTAPE_SAVED = _("Mixtape saved.")
MIXTAPE_DELETED = _("Mixtape deleted. Its share links no longer work.")
TRACKS_ADDED = _("Credentials added to the mixtape.")
TRACK_REMOVED = _("Credential removed from the mixtape.")
NOTE_SAVED = _("Note saved.")
LINK_CREATED = _("Share link created. Copy it or show its QR code.")
LINK_REVOKED = _("Share link withdrawn. It no longer works.")
VP_MEDIA_TYPE = "application/vp"


@login_required
def mixtape_list(request: HttpRequest) -> HttpResponse:
    mixtapes = selectors.mixtapes_of(owner=request.user)
    return render(request, "mixtapes/list.html", {"mixtapes": mixtapes})


@login_required
@require_http_methods(["GET", "POST"])
def mixtape_create(request: HttpRequest) -> HttpResponse:
    form = forms.MixtapeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mixtape = services.mixtape_create(owner=request.user, **form.cleaned_data)
        messages.success(request, MIXTAPE_CREATED)
        return redirect("mixtapes:detail", uuid=mixtape.uuid)
    status = 400 if form.is_bound else 200
    return render(request, "mixtapes/create.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def mixtape_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    form = forms.MixtapeForm(request.POST or None, instance=mixtape)
    if request.method == "POST":
        if not form.is_valid():
            return _detail(request, mixtape, status=400, edit_form=form)
        services.mixtape_update(mixtape=mixtape, **form.cleaned_data)
        messages.success(request, MIXTAPE_SAVED)
        return redirect("mixtapes:detail", uuid=mixtape.uuid)
    return _detail(request, mixtape)


def _detail(
    request: HttpRequest, mixtape: Mixtape, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The detail page; a bound form with errors replaces its blank twin."""
    mixtape = Mixtape.objects.get(pk=mixtape.pk)  # a failed edit form changed the instance
    note_form = bound.pop("note_form", None)
    tracks = [
        {
            "track": track,
            "status": _wallet_status(track.credential),
            "note_form": note_form
            if note_form is not None and note_form.instance.pk == track.pk
            else forms.TrackNoteForm(instance=track, prefix=f"track-{track.pk}"),
        }
        for track in mixtape.tracks.select_related("credential")
    ]
    context = {
        "mixtape": mixtape,
        "tracks": tracks,
        "edit_form": forms.MixtapeForm(instance=mixtape),
        "add_form": forms.AddTracksForm(candidates=selectors.wallet_candidates(mixtape=mixtape)),
        "link_form": forms.ShareLinkForm(),
        "links": [_link_row(link) for link in mixtape.share_links.all()],
        **bound,
    }
    return render(request, "mixtapes/detail.html", context, status=status)


def _wallet_status(credential: WalletCredential) -> dict[str, Any]:
    """The wallet's live status (re-checked after a few minutes), for the owner's page."""
    status, _report = wallet_status(credential)
    return {"verdict": status, "label": WalletCredential.Status(status).label}


def _link_row(link: ShareLink) -> dict[str, Any]:
    url = absolute_url(reverse("mixtapes:play", kwargs={"token": link.token}))
    state = selectors.link_state(link)
    row: dict[str, Any] = {
        "link": link,
        "url": url,
        "state": state,
        "state_label": selectors.LINK_STATE_LABELS[state],
    }
    if state is selectors.LinkState.ACTIVE:
        row["qr"] = qr_svg(url, label=str(_("QR code of the share link")))
    return row


@login_required
@require_POST
def mixtape_delete(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    services.mixtape_delete(mixtape=mixtape)
    messages.success(request, MIXTAPE_DELETED)
    return redirect("mixtapes:list")


@login_required
@require_POST
def tracks_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    candidates = selectors.wallet_candidates(mixtape=mixtape)
    form = forms.AddTracksForm(request.POST, candidates=candidates)
    if not form.is_valid():
        return _detail(request, mixtape, status=400, add_form=form)
    services.tracks_add(mixtape=mixtape, credentials=list(form.cleaned_data["credentials"]))
    messages.success(request, TRACKS_ADDED)
    return redirect("mixtapes:detail", uuid=mixtape.uuid)


@login_required
@require_POST
def track_move(request: HttpRequest, uuid: UUID, track_id: int) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    track = selectors.track_get(mixtape=mixtape, track_id=track_id)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.track_move(track=track, direction=direction)  # type: ignore[arg-type]
    return redirect(reverse("mixtapes:detail", kwargs={"uuid": uuid}) + f"#track-{track.pk}")


@login_required
@require_POST
def track_note(request: HttpRequest, uuid: UUID, track_id: int) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    track = selectors.track_get(mixtape=mixtape, track_id=track_id)
    form = forms.TrackNoteForm(request.POST, instance=track, prefix=f"track-{track.pk}")
    if not form.is_valid():
        return _detail(request, mixtape, status=400, note_form=form)
    services.track_set_note(track=track, note=form.cleaned_data["note"])
    messages.success(request, NOTE_SAVED)
    return redirect(reverse("mixtapes:detail", kwargs={"uuid": uuid}) + f"#track-{track.pk}")


@login_required
@require_POST
def track_remove(request: HttpRequest, uuid: UUID, track_id: int) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    services.track_remove(track=selectors.track_get(mixtape=mixtape, track_id=track_id))
    messages.success(request, TRACK_REMOVED)
    return redirect("mixtapes:detail", uuid=uuid)


@login_required
@require_POST
def link_create(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    form = forms.ShareLinkForm(request.POST)
    if not form.is_valid():
        return _detail(request, mixtape, status=400, link_form=form)
    services.share_link_create(
        mixtape=mixtape, label=form.cleaned_data["label"], expires_at=form.expires_at
    )
    messages.success(request, LINK_CREATED)
    return redirect(reverse("mixtapes:detail", kwargs={"uuid": uuid}) + "#share")


@login_required
@require_POST
def link_revoke(request: HttpRequest, uuid: UUID, link_id: int) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    link = selectors.share_link_get(mixtape=mixtape, link_id=link_id)
    try:
        services.share_link_revoke(link=link)
        messages.success(request, LINK_REVOKED)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    return redirect(reverse("mixtapes:detail", kwargs={"uuid": uuid}) + "#share")


@login_required
@require_http_methods(["GET", "POST"])
def presentation(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mixtape = selectors.mixtape_get(owner=request.user, uuid=uuid)
    form = forms.PresentationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signed = mixtape_presentation(mixtape=mixtape, **form.cleaned_data)
        response = HttpResponse(
            json.dumps(signed.document, ensure_ascii=False, indent=2), content_type=VP_MEDIA_TYPE
        )
        name = slugify(mixtape.title)[:60] or "mixtape"
        response["Content-Disposition"] = f'attachment; filename="{name}-presentation.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    tracks = mixtape.tracks.select_related("credential")
    left_out = [t.credential for t in tracks if not presentable(t.credential)]
    context = {"mixtape": mixtape, "form": form, "left_out": left_out}
    status = 400 if form.is_bound else 200
    return render(request, "mixtapes/presentation.html", context, status=status)


@login_required
@require_POST
def add_from_wallet(request: HttpRequest) -> HttpResponse:
    form = forms.AddFromWalletForm(request.POST, owner=request.user)
    if not form.is_valid():
        messages.error(request, forms.NO_MIXTAPE_CHOSEN)
        return redirect("mixtapes:list")
    credential = get_object_or_404(
        WalletCredential, owner=request.user, uuid=form.cleaned_data["credential"]
    )
    mixtape = form.cleaned_data["mixtape"]
    try:
        services.track_add(mixtape=mixtape, credential=credential)
        messages.success(request, TRACKS_ADDED)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    return redirect("mixtapes:detail", uuid=mixtape.uuid)
