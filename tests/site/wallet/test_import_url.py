"""Importing from a URL: public addresses only, with a timeout and a size cap on every hop."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from tests.site.wallet.conftest import LEARNER_EMAIL, Route, outside_credential

from mixtape_site.wallet import importing
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_import_url
from mixtape_site.web import fetch
from mixtape_site.web.fetch import address_allowed


def _refused(learner, url: str) -> list[str]:
    with pytest.raises(ValidationError) as error:
        wallet_import_url(user=learner, url=url)
    assert not WalletCredential.objects.exists()
    return error.value.messages


def test_local_server_is_refused_as_a_private_address(learner, server):
    server.routes["/badge.json"] = Route(json.dumps(outside_credential()).encode())

    assert _refused(learner, server.url("/badge.json")) == [importing.URL_PRIVATE]


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/badge.json",
        "http://10.0.0.8/badge.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/badge.json",
        "http://[::ffff:127.0.0.1]/badge.json",
        "http://0.0.0.0/badge.json",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(learner, url):
    assert _refused(learner, url) == [importing.URL_PRIVATE]


@pytest.mark.parametrize("url", ["ftp://example.org/badge.json", "file:///etc/passwd", "badge"])
def test_only_http_and_https_are_fetched(learner, url):
    assert _refused(learner, url) == [importing.URL_INVALID]


def test_multicast_and_reserved_addresses_are_not_allowed():
    assert not address_allowed("224.0.0.1")
    assert not address_allowed("240.0.0.1")
    assert address_allowed("93.184.215.14")


def test_public_url_is_imported(learner, server, allow_local):
    document = outside_credential(email=LEARNER_EMAIL)
    server.routes["/badge.json"] = Route(json.dumps(document).encode())

    held = wallet_import_url(user=learner, url=server.url("/badge.json"))

    assert held.name == "SQL for Analysts" and held.document == document


def test_redirects_are_followed_and_each_hop_checked(learner, server, allow_local):
    server.routes["/badge.json"] = Route(json.dumps(outside_credential()).encode())
    server.routes["/old"] = Route(b"", status=301, headers={"Location": "/badge.json"})
    server.routes["/sneaky"] = Route(
        b"", status=302, headers={"Location": "http://10.1.2.3/admin.json"}
    )

    assert wallet_import_url(user=learner, url=server.url("/old")).pk
    WalletCredential.objects.all().delete()
    assert _refused(learner, server.url("/sneaky")) == [importing.URL_PRIVATE]


def test_too_many_redirects_are_refused(learner, server, allow_local):
    server.routes["/loop"] = Route(b"", status=302, headers={"Location": "/loop"})

    assert _refused(learner, server.url("/loop")) == [importing.URL_TOO_MANY_REDIRECTS]


def test_huge_response_is_refused(learner, server, allow_local):
    server.routes["/huge.json"] = Route(b"{" + b" " * (fetch.FETCH_MAX_BYTES + 10) + b"}")

    assert _refused(learner, server.url("/huge.json")) == [importing.URL_TOO_LARGE]


def test_declared_huge_response_is_refused_before_reading(learner, server, allow_local):
    server.routes["/liar.json"] = Route(b"{}", headers={"Content-Length": str(10**9)})

    assert _refused(learner, server.url("/liar.json")) == [importing.URL_TOO_LARGE]


def test_slow_response_times_out(learner, server, allow_local, monkeypatch):
    monkeypatch.setattr(fetch, "FETCH_TIMEOUT", 0.3)
    server.routes["/slow.json"] = Route(b"{}", delay=1.0)

    assert _refused(learner, server.url("/slow.json")) == [importing.URL_TIMEOUT]


def test_error_status_is_refused(learner, server, allow_local):
    assert _refused(learner, server.url("/missing.json")) == [importing.URL_HTTP_ERROR]


def test_unreachable_host_is_refused(learner, allow_local):
    # Port 9 on 127.0.0.1 (discard) has nothing listening in the test environment.
    assert _refused(learner, "http://127.0.0.1:9/badge.json") == [importing.URL_UNREACHABLE]


def test_web_page_instead_of_a_credential_is_refused(learner, server, allow_local):
    server.routes["/page"] = Route(b"<html><body>Hi</body></html>", content_type="text/html")

    assert _refused(learner, server.url("/page")) == [importing.NOT_READABLE]
