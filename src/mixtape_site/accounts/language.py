"""The reader's preferred language follows them: at sign-in and when they change it.

Django's ``LocaleMiddleware`` reads the language from the ``django_language``
cookie, so the preference is applied by setting that cookie on a response.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

PENDING_ATTRIBUTE = "_mixtape_login_language"


def language_apply(response: HttpResponse, language: str) -> None:
    """Activate ``language`` now and remember it in the language cookie."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def remember_login_language(*, request: HttpRequest, user: Any, **_: Any) -> None:
    """``user_logged_in`` receiver: the response of this request will set the cookie."""
    language = getattr(user, "preferred_language", "")
    if request is not None and language in dict(settings.LANGUAGES):
        setattr(request, PENDING_ATTRIBUTE, language)
        translation.activate(language)


class PreferredLanguageMiddleware:
    """Sets the language cookie on the response of the request that signed the user in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = getattr(request, PENDING_ATTRIBUTE, "")
        if language:
            language_apply(response, language)
        return response
