"""One JavaScript reference peer for the whole interop session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .peer import JsPeer, PeerError


@pytest.fixture(scope="session")
def js_peer() -> Iterator[JsPeer]:
    # Node is a documented requirement: a missing node fails loudly, never skips.
    try:
        peer = JsPeer()
    except (PeerError, OSError) as error:
        pytest.fail(f"cannot start the JavaScript peer: {error}", pytrace=False)
    with peer:
        yield peer
