"""Every page forbids inline and foreign scripts, framing and plug-ins."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/achievements/", "/accounts/login/", "/api/docs"])
def test_pages_send_a_strict_content_security_policy(client, db, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy


def test_the_credential_page_has_no_inline_script(client, issued_credential):
    page = client.get(f"/credentials/{issued_credential.uuid}").content.decode()
    assert "<script>" not in page
    assert "copy-link.js" in page
