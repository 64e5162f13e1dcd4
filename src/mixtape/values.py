"""JSON values as credentials write them: many properties hold one item or a list."""

from __future__ import annotations

from typing import Any


def as_list(value: Any) -> list[Any]:
    """`value` as a new list: None is empty, a single item is a list of one."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
