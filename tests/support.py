"""Helpers shared by the tests: where the conformance data lives and how to read it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mixtape.keys import Ed25519Key

CONFORMANCE = Path(__file__).parent / "conformance"
ROOT = Path(__file__).parent.parent


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


W3C_EDDSA = CONFORMANCE / "test-vectors/vc-di-eddsa"


def load_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def w3c_key() -> Ed25519Key:
    """The key pair the W3C vc-di-eddsa vectors are signed with."""
    pair = load_json(W3C_EDDSA / "keyPair.json")
    return Ed25519Key.from_multibase(pair["publicKeyMultibase"], pair["privateKeyMultibase"])
