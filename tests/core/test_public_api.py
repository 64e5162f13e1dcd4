"""The library's public face: what `import mixtape` promises, and nothing else."""

from __future__ import annotations

import mixtape


def test_every_public_name_is_importable_from_the_package() -> None:
    missing = [name for name in mixtape.__all__ if not hasattr(mixtape, name)]
    assert missing == []


def test_the_public_api_is_sorted_and_has_no_private_names() -> None:
    assert mixtape.__all__ == sorted(mixtape.__all__)
    assert not [name for name in mixtape.__all__ if name.startswith("_")]


def test_every_error_the_library_raises_on_purpose_is_a_mixtape_error() -> None:
    errors = [getattr(mixtape, n) for n in mixtape.__all__ if n.endswith("Error")]
    assert errors
    assert all(issubclass(error, mixtape.MixtapeError) for error in errors)
