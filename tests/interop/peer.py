"""Python end of the JavaScript reference peer (interop/js/peer.mjs).

The peer is one long-running node process speaking JSON lines, so a test run
or a benchmark pays node's start-up and module loading once.
"""

from __future__ import annotations

import contextlib
import json
import queue
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
PEER_DIR = REPO_ROOT / "interop" / "js"
NODE_MISSING = (
    "Node.js (v20 or later) is required for the interop tests and the benchmark's "
    "JavaScript figures: install it and make `node` and `npm` available on PATH."
)


class PeerError(RuntimeError):
    """The peer refused a request, died, or did not answer in time."""


def ensure_installed(*, peer_dir: Path = PEER_DIR) -> None:
    """Run `npm ci` once when the pinned JavaScript packages are not installed."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise PeerError(NODE_MISSING)
    if (peer_dir / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        return
    completed = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"],
        cwd=peer_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise PeerError(f"`npm ci` failed in {peer_dir}:\n{completed.stderr[-2000:]}")


class JsPeer:
    """A running `node interop/js/peer.mjs`; use as a context manager."""

    def __init__(self, *, peer_dir: Path = PEER_DIR, timeout: float = 60.0) -> None:
        ensure_installed(peer_dir=peer_dir)
        self.timeout = timeout
        # stderr goes to a file: a pipe nobody reads could fill and stall node.
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._process = subprocess.Popen(
            ["node", str(peer_dir / "peer.mjs")],
            cwd=peer_dir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        # A reader thread lets a request time out instead of blocking forever
        # on a peer that hangs.
        self._replies: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()

    def _read_replies(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._replies.put(line)
        self._replies.put("")  # end of stream: the process exited

    def request(self, op: str, **fields: Any) -> dict[str, Any]:
        """Send one request and return the reply; raise PeerError unless ok."""
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
            self._process.stdin.flush()
            line = self._replies.get(timeout=self.timeout)
        except queue.Empty:
            raise PeerError(f"peer gave no answer to {op!r} within {self.timeout} s") from None
        except BrokenPipeError:
            line = ""
        if not line:
            raise PeerError(f"peer exited: {self._stderr_tail()}")
        reply: dict[str, Any] = json.loads(line)
        if not reply.get("ok"):
            raise PeerError(f"peer refused {op!r}: {reply.get('error')}")
        return reply

    def sign(
        self, credential: dict[str, Any], *, suite: str, key: dict[str, str], **options: Any
    ) -> dict[str, Any]:
        """Return the document signed by Digital Bazaar's libraries."""
        signed: dict[str, Any] = self.request(
            "sign", credential=credential, suite=suite, key=key, **options
        )["signed"]
        return signed

    def verify(
        self, credential: dict[str, Any], *, mode: str = "credential", **options: Any
    ) -> dict[str, Any]:
        """Return {verified, proofs:[…], errors:[…]}; mode "proof" checks proofs only."""
        return self.request("verify", credential=credential, mode=mode, **options)

    def verify_presentation(
        self, presentation: dict[str, Any], *, challenge: str, domain: str | None = None
    ) -> dict[str, Any]:
        """Return {verified, presentation, credentials, errors} for a signed VP."""
        return self.request(
            "verify_presentation", presentation=presentation, challenge=challenge, domain=domain
        )

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read()[-2000:] or "(nothing on stderr)"

    def close(self) -> None:
        if self._process.stdin is not None:
            # A peer that already exited breaks the pipe; its stderr says why.
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._stderr.close()

    def __enter__(self) -> JsPeer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
