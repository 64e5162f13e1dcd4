"""The raw credentials of a mixtape as a zip, so a verifier can check them on their own."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence

from django.utils.text import slugify
from django.utils.translation import gettext as _

from mixtape_site.mixtapes.livestatus import credential_input
from mixtape_site.mixtapes.playback import PlayedTrack

# A fixed timestamp: the same mixtape gives the same bytes, and no clock leaks out.
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def credential_filename(position: int, track: PlayedTrack) -> str:
    """``01-data-analysis-fundamentals.json`` (``.jwt`` for a VC-JWT)."""
    is_jwt = isinstance(credential_input(track.credential), str)
    stem = slugify(track.name)[:60] or "credential"
    return f"{position:02d}-{stem}.{'jwt' if is_jwt else 'json'}"


def credentials_zip(*, title: str, tracks: Sequence[PlayedTrack], play_url: str) -> bytes:
    """One file per credential, exactly as the learner holds it, plus a README.txt."""
    buffer = io.BytesIO()
    names = [credential_filename(i, t) for i, t in enumerate(tracks, start=1)]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, track in zip(names, tracks, strict=True):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_DATE), _content(track))
        readme = _readme(title=title, tracks=tracks, names=names, play_url=play_url)
        archive.writestr(zipfile.ZipInfo("README.txt", _ZIP_DATE), readme)
    return buffer.getvalue()


def _content(track: PlayedTrack) -> str:
    document = credential_input(track.credential)
    if isinstance(document, str):
        return document + "\n"
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _readme(*, title: str, tracks: Sequence[PlayedTrack], names: list[str], play_url: str) -> str:
    lines = [
        title,
        "=" * len(title),
        "",
        _("The credentials of this mixtape, one file each, exactly as their holder keeps them."),
        _("Each one is signed by its issuer: any Open Badges 3.0 verifier can check it,"),
        _("for example the command line: mixtape verify <file>"),
        "",
        _("Played at: %(url)s") % {"url": play_url},
        "",
    ]
    for name, track in zip(names, tracks, strict=True):
        lines.append(f"{name}")
        lines.append(f"    {track.name}")
        if track.issuer_name:
            lines.append("    " + _("Issuer: %(issuer)s") % {"issuer": track.issuer_name})
        status = _("Status when downloaded: %(status)s") % {"status": track.result.label}
        lines.append(f"    {status}")
    return "\n".join(lines) + "\n"
