"""Settings read from the environment (twelve-factor), with safe defaults.

Only ``DEBUG`` mode may fall back to development secrets; anything else refuses
to start without ``MIXTAPE_SECRET_KEY`` and ``MIXTAPE_MASTER_KEY``.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

DEV_SECRET_KEY = "mixtape-development-only-secret-key-never-use-in-production"  # noqa: S105
DEV_MASTER_KEY = "mixtape-development-only-master-key"


def env_flag(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def required_secret(name: str, *, debug: bool, dev_value: str) -> str:
    """The secret in ``name``; in debug mode a development value may stand in."""
    value = os.environ.get(name, "")
    if value and value != dev_value:
        return value
    if debug:
        return dev_value
    raise ImproperlyConfigured(
        f"{name} must be set to a secret value when MIXTAPE_DEBUG is off "
        "(the development default is refused)."
    )
