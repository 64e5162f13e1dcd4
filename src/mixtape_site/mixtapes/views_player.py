"""The public player, ``/m/<token>``: no account needed, nothing about the learner shown.

Every response (404 and 410 too) is private and uncacheable, sends no Referer to
other sites (the token is in the URL) and asks search engines not to index it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from mixtape_site.issuers.identity import absolute_url
from mixtape_site.mixtapes import selectors, services
from mixtape_site.mixtapes.archive import credentials_zip
from mixtape_site.mixtapes.models import ShareLink

View = Callable[..., HttpResponse]


def player_headers(view: View) -> View:
    """Private, unindexed, no referrer; a 404 page carries the same headers."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(request, "404.html", status=404)
        response["Cache-Control"] = "private, no-store"
        # Not "no-referrer": the language switcher would post "Origin: null" (CSRF 403).
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def _link(token: str) -> ShareLink:
    link = selectors.share_link_find(token=token)
    if link is None:
        raise Http404
    return link


def _gone(request: HttpRequest) -> HttpResponse:
    return render(request, "mixtapes/gone.html", {"message": selectors.LINK_GONE}, status=410)


def _playable(request: HttpRequest, token: str) -> ShareLink | HttpResponse:
    link = _link(token)
    if selectors.share_link_playable(token=token) is None:
        return _gone(request)
    return link


@require_safe
@player_headers
def play(request: HttpRequest, token: str) -> HttpResponse:
    link = _playable(request, token)
    if isinstance(link, HttpResponse):
        return link
    playback = selectors.play(link=link)
    services.share_link_played(link=link)
    return render(request, "mixtapes/play.html", {"playback": playback, "token": token})


@require_safe
@player_headers
def play_print(request: HttpRequest, token: str) -> HttpResponse:
    link = _playable(request, token)
    if isinstance(link, HttpResponse):
        return link
    playback = selectors.play(link=link)
    context = {"playback": playback, "token": token, "checked_at": timezone.now()}
    return render(request, "mixtapes/print.html", context)


@require_safe
@player_headers
def credentials_download(request: HttpRequest, token: str) -> HttpResponse:
    link = _playable(request, token)
    if isinstance(link, HttpResponse):
        return link
    playback = selectors.play(link=link)
    play_url = absolute_url(reverse("mixtapes:play", kwargs={"token": token}))
    data = credentials_zip(title=link.mixtape.title, tracks=playback.tracks, play_url=play_url)
    response = HttpResponse(data, content_type="application/zip")
    name = slugify(link.mixtape.title)[:60] or "mixtape"
    response["Content-Disposition"] = f'attachment; filename="{name}-credentials.zip"'
    return response
