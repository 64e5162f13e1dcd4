"""Wallet fixtures: a learner, credentials from outside issuers, and a local web server."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from joserfc import jws
from joserfc.jwk import OKPKey
from PIL import Image
from tests.site.conftest import make_user

from mixtape import Ed25519Key, EddsaRdfc2022, add_proof
from mixtape.model import (
    Achievement,
    AchievementCredential,
    AchievementSubject,
    Alignment,
    Criteria,
    Profile,
)
from mixtape.model.identity import hashed_identity

LEARNER_EMAIL = "learner@example.org"
ESCO_SQL = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"
OUTSIDE_KEY = Ed25519Key.from_private_bytes(bytes(range(32)))


@pytest.fixture(autouse=True)
def _offline(settings: Any) -> None:
    """No test here reaches the internet; the tests that need a fetch turn it on, locally."""
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = False


@pytest.fixture
def learner(db: None) -> Any:
    """The person the shared ``issued_credential`` fixture was awarded to."""
    return make_user(LEARNER_EMAIL)


def outside_credential(
    *,
    subject_id: str | None = None,
    email: str | None = None,
    valid_until: str | None = None,
    issuer: str = "",
    key: Ed25519Key = OUTSIDE_KEY,
) -> dict[str, Any]:
    """An OB 3.0 credential from an issuer outside the platform, signed with a did:key."""
    issuer_id = issuer or key.did_key
    credential = AchievementCredential(
        id="urn:uuid:6f1c8f5e-3a54-4c1e-9d51-8f0b2a6f8c11",
        name={"en": "SQL for Analysts", "fr": "SQL pour analystes"},
        issuer=Profile(id=issuer_id, name="Open Data Academy"),
        valid_from="2025-03-01T00:00:00Z",
        valid_until=valid_until,
        credential_subject=AchievementSubject(
            id=subject_id,
            identifier=[hashed_identity(value=email)] if email else None,
            achievement=Achievement(
                id="https://academy.example/achievements/sql",
                name={"en": "SQL for Analysts", "fr": "SQL pour analystes"},
                description="Write SQL queries to answer business questions.",
                criteria=Criteria(narrative="Pass the final SQL assessment."),
                alignment=[
                    Alignment(target_name="SQL", target_url=ESCO_SQL, target_framework="ESCO")
                ],
            ),
        ),
    ).to_json()
    method = key.did_key_verification_method if not issuer else f"{issuer}#{key.public_multibase}"
    return add_proof(credential, suite=EddsaRdfc2022(), key=key, verification_method=method)


def vc_jwt(*, email: str, with_jwk: bool = True) -> str:
    """A VC 2.0 ``vc+jwt`` credential, signed with Ed25519 (embedded public JWK)."""
    key = OKPKey.generate_key("Ed25519")
    payload = outside_credential(email=email)
    payload.pop("proof")
    header: dict[str, Any] = {"alg": "Ed25519", "typ": "vc+jwt"}
    if with_jwk:
        header["jwk"] = key.as_dict(private=False)
    else:
        header["kid"] = "https://academy.example/keys/1"
    registry = jws.JWSRegistry(algorithms=["Ed25519"])
    return jws.serialize_compact(header, json.dumps(payload).encode(), key, registry=registry)


def ob2_assertion(*, email: str, url: str = "https://badges.example.org/assertions/42") -> dict:
    """An Open Badges 2.0 hosted assertion with embedded badge and issuer."""
    salt = "deadsea"
    digest = hashlib.sha256((email + salt).encode()).hexdigest()
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": url,
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": f"sha256${digest}",
        },
        "badge": {
            "type": "BadgeClass",
            "id": "https://badges.example.org/badges/5",
            "name": "Spreadsheet Wrangler",
            "description": "Cleans messy spreadsheets.",
            "criteria": {"narrative": "Clean three data sets."},
            "image": "https://badges.example.org/badges/5/image",
            "alignment": [
                {
                    "targetName": "use spreadsheets software",
                    "targetUrl": "http://data.europa.eu/esco/skill/1973c966",
                    "targetFramework": "ESCO",
                }
            ],
            "issuer": {
                "type": "Issuer",
                "id": "https://badges.example.org/issuer",
                "name": "Badge Makers Guild",
                "url": "https://badges.example.org",
            },
        },
        "verification": {"type": "hosted"},
        "issuedOn": "2024-05-01T12:00:00+00:00",
    }


# --- a local web server ---------------------------------------------------------------


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before answering
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except OSError:
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.close()


@pytest.fixture
def allow_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the guarded fetcher reach 127.0.0.1 (only the address rule is changed)."""
    from mixtape_site.web import fetch  # noqa: PLC0415

    real = fetch.address_allowed
    monkeypatch.setattr(
        fetch, "address_allowed", lambda address: address == "127.0.0.1" or real(address)
    )


# --- images ---------------------------------------------------------------------------


def blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def ob2_png(assertion: dict[str, Any]) -> bytes:
    """A PNG baked the Open Badges 2.0 way: an uncompressed ``openbadges`` iTXt chunk."""
    png = blank_png()
    data = b"openbadges\0\0\0\0\0" + json.dumps(assertion).encode()
    chunk = struct.pack(">I", len(data)) + b"iTXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"iTXt" + data))
    end = png.rindex(b"IEND") - 4  # before the IEND chunk's length
    return png[:end] + chunk + png[end:]
