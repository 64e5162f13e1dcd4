"""Writes on accounts."""

from __future__ import annotations

from django.db import transaction

from mixtape_site.accounts.models import User


def user_profile_update(*, user: User, display_name: str, preferred_language: str) -> User:
    with transaction.atomic():
        user.display_name = display_name.strip()
        user.preferred_language = preferred_language
        user.full_clean()
        user.save(update_fields=["display_name", "preferred_language"])
    return user
