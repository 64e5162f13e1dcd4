"""Receivers connected in ``AccountsConfig.ready``."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress


def verify_sole_address_on_password_reset(*, user: Any, **_: Any) -> None:
    """An invited member proves their address by using the e-mailed password link.

    Only when the account has a single address can the link have gone nowhere
    else, so only then is that address marked verified.
    """
    addresses = list(EmailAddress.objects.filter(user=user))
    if len(addresses) == 1 and not addresses[0].verified:
        address = addresses[0]
        address.verified = True
        address.save(update_fields=["verified"])
