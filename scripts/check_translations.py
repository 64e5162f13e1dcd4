"""Fail when the French catalogue lags the code: a new or changed string with no
translation, a fuzzy entry, or a compiled .mo file older than its .po.

It re-extracts the strings (``makemessages``) into a scratch copy of the
catalogue, so the committed files are never modified.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "src" / "mixtape_site"
CATALOGUE = SITE / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def extract(scratch: Path) -> Path:
    """Copy the site tree and re-extract its strings into the copy's catalogue."""
    copy = scratch / "mixtape_site"
    shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mixtape_site.config.settings",
        "MIXTAPE_DEBUG": "1",
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "fr",
            "--no-location",
            "--no-obsolete",
            "--ignore",
            "migrations/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def entries(po: Path, flag: str) -> str:
    result = subprocess.run(
        ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po)],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def main() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = extract(Path(scratch))
        for flag, what in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
            listed = entries(fresh, flag)
            if listed:
                problems.append(f"{what} strings in the French catalogue:\n{listed}")
        compiled = Path(scratch) / "fresh.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE)], check=True)
        committed = CATALOGUE.with_suffix(".mo")
        if not committed.exists() or committed.read_bytes() != compiled.read_bytes():
            problems.append("django.mo is not compiled from django.po (run: make messages)")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
