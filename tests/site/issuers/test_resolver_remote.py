"""Remote keys and status lists go through the guarded fetcher: https, public addresses only."""

from __future__ import annotations

import pytest

from mixtape import KeyResolutionError
from mixtape_site.issuers.resolver import fetch_json


@pytest.fixture(autouse=True)
def remote_allowed(settings):
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = True


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/.well-known/did.json",
        "https://[::1]/.well-known/did.json",
        "https://169.254.169.254/latest/meta-data",
        "https://10.0.0.8/status/1",
    ],
)
def test_remote_documents_on_private_addresses_are_refused(url):
    with pytest.raises(KeyResolutionError, match="not a public address"):
        fetch_json(url)


def test_remote_documents_over_plain_http_are_refused():
    with pytest.raises(KeyResolutionError, match="scheme"):
        fetch_json("http://issuer.example.org/.well-known/did.json")


def test_remote_documents_are_not_fetched_unless_allowed(settings):
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = False
    with pytest.raises(KeyResolutionError, match="not a document this platform can resolve"):
        fetch_json("https://issuer.example.org/.well-known/did.json")
