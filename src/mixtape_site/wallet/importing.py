"""Turning what a learner hands over (a file, a pasted text, a URL) into a credential to hold.

Nothing here writes: ``services.py`` stores the result. Every refusal is one of
the message constants below, raised as a ValidationError, so a bad file changes
nothing. The core's ``read_credential`` applies the size and nesting limits.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mixtape import read_credential
from mixtape.errors import InvalidInputError
from mixtape.inputs import MAX_DOCUMENT_BYTES, parse_json_object
from mixtape.vcjwt import decode_vc_jwt, is_jwt
from mixtape_site.wallet import ob2
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import (
    RecipientMatch,
    Summary,
    content_hash,
    is_ob2,
    jwt_payload,
    vc_recipient,
    vc_summary,
)
from mixtape_site.web.fetch import (
    REASON_HTTP,
    REASON_PRIVATE,
    REASON_REDIRECTS,
    REASON_SCHEME,
    REASON_TIMEOUT,
    REASON_TOO_LARGE,
    FetchError,
    guarded_fetch,
)

logger = logging.getLogger(__name__)

MAX_IMPORT_BYTES = MAX_DOCUMENT_BYTES

FILE_TOO_LARGE = _("This file is too large: a credential file can be at most 2 MB.")
INPUT_EMPTY = _("There is nothing to import: choose a file, paste a credential or give a URL.")
NOT_READABLE = _(
    "This is not a credential we can read: it is neither JSON, a JWT, nor a badge image "
    "(PNG or SVG)."
)
IMAGE_WITHOUT_CREDENTIAL = _("This image holds no Open Badge we can read (or the file is damaged).")
NOT_JSON = _("This is not valid JSON (or it is nested too deeply).")
NOT_A_CREDENTIAL = _("This document is not a verifiable credential or an Open Badges assertion.")
JWT_UNREADABLE = _("This JWT does not carry a credential we can read.")
URL_INVALID = _("Enter a web address starting with http:// or https://.")
URL_PRIVATE = _(
    "This address points to a private or local network; only public web addresses are fetched."
)
URL_UNREACHABLE = _(
    "We could not fetch this address. Check it, or download the file and upload it."
)
URL_TIMEOUT = _("The address took too long to answer (more than 5 seconds).")
URL_TOO_LARGE = _("The address returned more than 2 MB: that is not a credential.")
URL_HTTP_ERROR = _("The address answered with an error instead of a credential.")
URL_TOO_MANY_REDIRECTS = _("The address redirected too many times.")
NOT_YOURS_EMAIL = _(
    "This credential was issued to an e-mail address that is not verified in your account. "
    "Add that address and verify it, then import the credential again."
)
NOT_YOURS_ID = _(
    "This credential was issued to someone else: it names another person's identifier, not "
    "your wallet's DID or one of your verified e-mail addresses."
)
RECIPIENT_UNKNOWN = _(
    "This credential does not say whom it was issued to, so we cannot confirm it is yours. "
    "It is in your wallet, but a verifier may not accept it as yours."
)
ALREADY_IN_WALLET = _("This credential is already in your wallet.")

# ValidationError codes the import page reads to offer the right next step.
CODE_NOT_YOURS_EMAIL = "not_yours_email"

_FETCH_MESSAGES = {
    REASON_SCHEME: URL_INVALID,
    REASON_PRIVATE: URL_PRIVATE,
    REASON_TIMEOUT: URL_TIMEOUT,
    REASON_TOO_LARGE: URL_TOO_LARGE,
    REASON_HTTP: URL_HTTP_ERROR,
    REASON_REDIRECTS: URL_TOO_MANY_REDIRECTS,
}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Candidate:
    """A credential read from the input, not yet stored."""

    format: str
    document: dict[str, Any]  # as stored: the JSON, or {"jwt": token}
    content_hash: str
    credential: dict[str, Any]  # the JSON to read summaries from (a token decoded)

    def summary(self, *, language: str | None) -> Summary:
        if self.format == WalletCredential.Format.OB2:
            return ob2.summary(self.credential, language=language)
        return vc_summary(self.credential, language=language)

    def recipient(self, *, emails: list[str], did: str) -> RecipientMatch:
        if self.format == WalletCredential.Format.OB2:
            return ob2.recipient(self.credential, emails=emails, did=did)
        return vc_recipient(self.credential, emails=emails, did=did)


def candidate_from_bytes(data: bytes) -> Candidate:
    """An uploaded or fetched body: JSON, a JWT, or a baked PNG or SVG (OB 3.0 or 2.0)."""
    if not data.strip():
        raise ValidationError(INPUT_EMPTY, code="empty")
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(FILE_TOO_LARGE, code="too_large")
    image = _image_format(data)
    try:
        value = read_credential(data)
    except InvalidInputError as error:
        logger.info("wallet import refused: %s", error)
        baked = ob2.unbake(data) if image else None
        if baked is None:
            raise ValidationError(_refusal(data, image), code="unreadable") from None
        if baked.startswith(("https://", "http://")):
            return candidate_from_url(baked)  # an image baked with its hosted assertion's URL
        value = _ob2_text(baked)
    return _candidate(value, baked_as=image)


def candidate_from_text(text: str) -> Candidate:
    """Pasted JSON or a compact JWT."""
    return candidate_from_bytes(text.strip().encode("utf-8"))


def candidate_from_url(url: str) -> Candidate:
    """The credential at ``url``, fetched with the wallet's guarded fetcher."""
    try:
        fetched = guarded_fetch(url.strip())
    except FetchError as error:
        logger.info("wallet import fetch refused: %s", error)
        message = _FETCH_MESSAGES.get(error.reason, URL_UNREACHABLE)
        raise ValidationError(message, code=error.reason) from None
    if len(fetched.body) > MAX_IMPORT_BYTES:
        raise ValidationError(URL_TOO_LARGE, code=REASON_TOO_LARGE)
    return candidate_from_bytes(fetched.body)


def _image_format(data: bytes) -> str | None:
    if data.startswith(_PNG_SIGNATURE):
        return WalletCredential.Format.BAKED_PNG
    head = data[:4096].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return WalletCredential.Format.BAKED_SVG
    return None


def _refusal(data: bytes, image: str | None) -> Any:
    if image:
        return IMAGE_WITHOUT_CREDENTIAL
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return NOT_READABLE
    return NOT_JSON if text[:1] in "{[" else NOT_READABLE


def _ob2_text(text: str) -> dict[str, Any] | str:
    if is_jwt(text):
        return text
    try:
        return parse_json_object(text)
    except InvalidInputError:
        raise ValidationError(IMAGE_WITHOUT_CREDENTIAL, code="unreadable") from None


def _candidate(value: Mapping[str, Any] | str, *, baked_as: str | None) -> Candidate:
    if isinstance(value, str):
        return _token_candidate(value, baked_as=baked_as)
    document = dict(value)
    if is_ob2(document):
        kind = WalletCredential.Format.OB2
    elif _is_vc(document):
        kind = baked_as or WalletCredential.Format.OB3_JSON
    else:
        raise ValidationError(NOT_A_CREDENTIAL, code="not_a_credential")
    return Candidate(kind, document, content_hash(document), document)


def _token_candidate(token: str, *, baked_as: str | None) -> Candidate:
    token = token.strip()
    try:
        payload = jwt_payload(token)
        if is_ob2(payload):
            kind, credential = WalletCredential.Format.OB2, payload
        else:
            kind, credential = WalletCredential.Format.VC_JWT, decode_vc_jwt(token).credential
    except InvalidInputError:
        raise ValidationError(JWT_UNREADABLE, code="unreadable") from None
    if kind == WalletCredential.Format.VC_JWT and not _is_vc(credential):
        raise ValidationError(NOT_A_CREDENTIAL, code="not_a_credential")
    if baked_as and kind != WalletCredential.Format.OB2:
        kind = baked_as
    return Candidate(kind, {"jwt": token}, content_hash(token), credential)


def _is_vc(document: Mapping[str, Any]) -> bool:
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    return "VerifiableCredential" in types and isinstance(
        document.get("credentialSubject"), (Mapping, list)
    )
