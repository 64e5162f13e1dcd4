"""``{{ credential.status|status_class }}``: the badge style of a wallet status.

The status is always shown as text too; the colour only repeats it.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import credential_json, vc_summary

register = template.Library()

Status = WalletCredential.Status
_CLASSES = {
    Status.VERIFIED: "badge-ok",
    Status.REVOKED: "badge-bad",
    Status.FAILED: "badge-bad",
    Status.SUSPENDED: "badge-warn",
    Status.EXPIRED: "badge-warn",
    Status.UNKNOWN_ISSUER: "badge-warn",
}
_SYMBOLS = {"badge-ok": "✓", "badge-bad": "✗", "badge-warn": "!"}


@register.filter
def status_class(status: str) -> str:
    return _CLASSES.get(status, "")


@register.filter
def status_symbol(status: str) -> str:
    return _SYMBOLS.get(_CLASSES.get(status, ""), "")


@register.filter
def shown_name(credential: WalletCredential) -> str:
    """The credential's name in the reader's language (the row keeps the one seen at import)."""
    try:
        name = vc_summary(credential_json(credential.document), language=get_language()).name
    except Exception:  # any unreadable document falls back to the stored name
        name = ""
    return name or credential.name


@register.filter
def shown_issuer(credential: WalletCredential) -> str:
    """The issuer's name in the reader's language, as ``shown_name`` does for the name."""
    try:
        name = vc_summary(credential_json(credential.document), language=get_language()).issuer_name
    except Exception:  # any unreadable document falls back to the stored name
        name = ""
    return name or credential.issuer_name
