"""API errors: one JSON shape, ``{"error": {"code", "message", "details"?}}``, never a 500.

Messages are translated constants, reused by the tests.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

MAX_BODY_BYTES = 1024 * 1024

UNAUTHORIZED = _("Send a valid API token: “Authorization: Bearer mxt_…”.")
MALFORMED_JSON = _("The request body is not valid JSON.")
INVALID_REQUEST = _("The request does not match the schema; see details.")
BODY_TOO_LARGE = _("The request body is larger than 1 MB.")
NOT_FOUND = _("Not found.")
ACHIEVEMENT_UNKNOWN = _("This achievement is not one of your organization's.")
ACHIEVEMENT_NOT_PUBLISHED = _("This achievement is not published; publish it before issuing.")
ACHIEVEMENT_MISSING = _(
    "Name the achievement: credentialSubject.achievement.id (its URL) or options.achievement."
)
ACHIEVEMENT_MISMATCH = _(
    "credentialSubject.achievement.id and options.achievement name different achievements."
)
ISSUER_MISMATCH = _("The credential's issuer is not your organization's DID.")
INVALID_DATE = _("validFrom is not a date and time (ISO 8601).")
REVOCATION_PERMANENT = _("A revoked credential cannot be reinstated.")
REFUSED = _("The request was refused.")
VERIFICATION_CRASHED = _("The credential could not be verified.")


class ApiError(Exception):
    """A refusal with an HTTP status, a stable code and a translated message."""

    def __init__(self, status: int, code: str, message: Any, details: Any = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


class BodyTooLarge(Exception):
    pass


def error_body(code: str, message: Any, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": str(message)}
    if details:
        error["details"] = details
    return {"error": error}


def _respond(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: Any,
    *,
    details: Any = None,
) -> HttpResponse:
    return api.create_response(request, error_body(code, message, details), status=status)


def _on_api_error(request: HttpRequest, exc: ApiError, *, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, exc.status, exc.code, exc.message, details=exc.details)


def _on_validation(request: HttpRequest, exc: ValidationError, *, api: NinjaAPI) -> HttpResponse:
    details = [{"loc": e.get("loc"), "msg": e.get("msg")} for e in exc.errors]
    return _respond(api, request, 400, "invalid_request", INVALID_REQUEST, details=details)


def _on_http_error(request: HttpRequest, exc: HttpError, *, api: NinjaAPI) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        response = _respond(api, request, 401, "unauthorized", UNAUTHORIZED)
        response["WWW-Authenticate"] = "Bearer"
        return response
    if isinstance(exc.__cause__, BodyTooLarge):
        return _respond(api, request, 413, "body_too_large", BODY_TOO_LARGE)
    if exc.status_code == 400:  # ninja raises a 400 only when the body is not JSON
        return _respond(api, request, 400, "malformed_json", MALFORMED_JSON)
    return _respond(api, request, exc.status_code, "http_error", exc.message)


def _on_too_big(request: HttpRequest, exc: RequestDataTooBig, *, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, 413, "body_too_large", BODY_TOO_LARGE)


def _on_not_found(request: HttpRequest, exc: Http404, *, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, 404, "not_found", NOT_FOUND)


def _on_refused(request: HttpRequest, exc: DjangoValidationError, *, api: NinjaAPI) -> HttpResponse:
    """A service's ValidationError: the request was well-formed but cannot be done."""
    messages = [str(m) for m in exc.messages]
    return _respond(
        api, request, 422, "refused", messages[0] if messages else REFUSED, details=messages
    )


HANDLERS: dict[type[Exception], Any] = {
    ApiError: _on_api_error,
    ValidationError: _on_validation,
    HttpError: _on_http_error,
    RequestDataTooBig: _on_too_big,
    Http404: _on_not_found,
    DjangoValidationError: _on_refused,
}


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default error responses with ours."""
    for exception, handler in HANDLERS.items():
        api.add_exception_handler(exception, partial(handler, api=api))
