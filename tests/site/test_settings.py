"""Production settings refuse to start with missing or development secrets."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mixtape_site.config.env import DEV_MASTER_KEY, DEV_SECRET_KEY

SECRET = "a-real-production-secret-" + "s" * 30
MASTER = "a-real-production-master-key-" + "m" * 30


def _load(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, with only ``env`` as Mixtape's config."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MIXTAPE_") and k != "DJANGO_SETTINGS_MODULE"
    }
    return subprocess.run(
        [sys.executable, "-c", "import mixtape_site.config.settings as s; print(s.DEBUG)"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _refused(result: subprocess.CompletedProcess[str], name: str) -> bool:
    return (
        result.returncode != 0
        and "ImproperlyConfigured" in result.stderr
        and name in (result.stderr)
    )


@pytest.mark.parametrize("secret", [None, "", DEV_SECRET_KEY])
def test_production_refuses_a_missing_or_development_secret_key(secret):
    env = {"MIXTAPE_DEBUG": "0", "MIXTAPE_MASTER_KEY": MASTER}
    if secret is not None:
        env["MIXTAPE_SECRET_KEY"] = secret
    assert _refused(_load(**env), "MIXTAPE_SECRET_KEY")


@pytest.mark.parametrize("master", [None, "", DEV_MASTER_KEY])
def test_production_refuses_a_missing_or_development_master_key(master):
    env = {"MIXTAPE_DEBUG": "0", "MIXTAPE_SECRET_KEY": SECRET}
    if master is not None:
        env["MIXTAPE_MASTER_KEY"] = master
    assert _refused(_load(**env), "MIXTAPE_MASTER_KEY")


def test_debug_off_is_the_default():
    assert _refused(_load(), "MIXTAPE_SECRET_KEY")


def test_production_loads_with_both_secrets():
    result = _load(MIXTAPE_DEBUG="0", MIXTAPE_SECRET_KEY=SECRET, MIXTAPE_MASTER_KEY=MASTER)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_mode_loads_with_the_development_defaults():
    result = _load(MIXTAPE_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
