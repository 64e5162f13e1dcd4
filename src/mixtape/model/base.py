"""The JSON mapping shared by every model class.

Each model is a slotted, keyword-only dataclass whose fields carry their JSON key
and a :class:`Codec` in the field metadata. One generic reader and one generic
writer then serve every class, so a class is only a list of typed fields.

Two fields exist on every model so that no content a document held is lost:
``extra`` keeps the properties Mixtape does not model (extensions), and
``json_singletons`` remembers which "one or many" properties were written as a
single object rather than an array, so ``to_json(from_json(x)) == x``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Self, TypeAlias

from mixtape.errors import InvalidInputError
from mixtape.model.text import text_from_json, text_to_json

JsonObject: TypeAlias = dict[str, Any]

_REGISTRY: dict[str, type[Model]] = {}


def join_path(path: str, key: str) -> str:
    """Extend a JSON-path-like location (``a.b``, ``a[0]``) for error messages."""
    if key.startswith("["):
        return f"{path}{key}"
    return f"{path}.{key}" if path else key


@dataclass(frozen=True, slots=True)
class Codec:
    """How one property is read from and written to JSON."""

    parse: Callable[[Any, str], Any]
    emit: Callable[[Any], Any]
    many: bool = False
    text: bool = False


def json_field(key: str, codec: Codec, *, default: Any = None) -> Any:
    """Declare a dataclass field stored under ``key`` in JSON."""
    metadata = {"json": key, "codec": codec}
    if isinstance(default, list):
        frozen = list(default)
        return field(default_factory=lambda: list(frozen), metadata=metadata)
    return field(default=default, metadata=metadata)


def _expect(kind: type | tuple[type, ...], label: str) -> Callable[[Any, str], Any]:
    def parse(value: Any, path: str) -> Any:
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise InvalidInputError(f"{path}: expected {label}")
        if not isinstance(value, kind):
            raise InvalidInputError(f"{path}: expected {label}")
        return value

    return parse


def _identity(value: Any) -> Any:
    return value


def _parse_strings(value: Any, path: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInputError(f"{path}: expected an array of strings")
    return list(value)


def _parse_types(value: Any, path: str) -> str | list[str]:
    # VC 2.0 allows a single type as a string; keep the form the document used.
    if isinstance(value, str):
        return value
    return _parse_strings(value, path)


STRING = Codec(parse=_expect(str, "a string"), emit=_identity)
NUMBER = Codec(parse=_expect((int, float), "a number"), emit=_identity)
BOOLEAN = Codec(parse=_expect(bool, "a boolean"), emit=_identity)
STRING_OR_INTEGER = Codec(parse=_expect((str, int), "a string"), emit=_identity)
STRINGS = Codec(parse=_parse_strings, emit=list)
TYPES = Codec(
    parse=_parse_types, emit=lambda value: value if isinstance(value, str) else list(value)
)
RAW = Codec(parse=lambda value, path: copy.deepcopy(value), emit=copy.deepcopy)
TEXT = Codec(parse=lambda value, path: value, emit=_identity, text=True)


def _model(name: str) -> type[Model]:
    return _REGISTRY[name]


def nested(name: str) -> Codec:
    """A property holding one object of the model class called ``name``."""
    return Codec(
        parse=lambda value, path: _model(name).from_json(value, path=path),
        emit=lambda value: value.to_json(),
    )


def nested_list(name: str) -> Codec:
    """A property holding an array of ``name`` objects (a single object is accepted)."""

    def parse(value: Any, path: str) -> list[Model]:
        items = [value] if isinstance(value, dict) else value
        if not isinstance(items, list):
            raise InvalidInputError(f"{path}: expected an array of objects")
        return [
            _model(name).from_json(item, path=join_path(path, f"[{index}]"))
            for index, item in enumerate(items)
        ]

    return Codec(parse=parse, emit=lambda values: [v.to_json() for v in values], many=True)


def reference(name: str) -> Codec:
    """A property holding either an IRI string or an embedded ``name`` object."""

    def parse(value: Any, path: str) -> str | Model:
        if isinstance(value, str):
            return value
        if not isinstance(value, dict):
            raise InvalidInputError(f"{path}: expected a string or an object")
        return _model(name).from_json(value, path=path)

    return Codec(
        parse=parse, emit=lambda value: value if isinstance(value, str) else value.to_json()
    )


@dataclass(slots=True, kw_only=True)
class Model:
    """Base of every OB 3.0 class: generic ``from_json`` / ``to_json``."""

    extra: JsonObject = field(default_factory=dict)
    """Properties Mixtape does not model, kept verbatim."""
    json_singletons: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    """JSON keys whose one-or-many value was a single object in the source."""

    def __init_subclass__(cls) -> None:
        # Codecs name nested classes as strings (Profile and
        # EndorsementCredential refer to each other); this registry resolves
        # them. A slotted dataclass is created twice; the last one is kept.
        _REGISTRY[cls.__name__] = cls

    @classmethod
    def from_json(cls, data: Any, *, path: str = "") -> Self:
        """Build an instance from parsed JSON.

        Raises:
            InvalidInputError: a property has the wrong JSON type; the message
                starts with its location, e.g. ``credentialSubject.achievement.criteria``.
        """
        if not isinstance(data, dict):
            raise InvalidInputError(f"{path or 'document'}: expected an object")
        rest = dict(data)
        # Absent properties stay absent (None), whatever the constructor default.
        values: dict[str, Any] = {
            spec.name: None for spec in fields(cls) if "json" in spec.metadata
        }
        singletons: set[str] = set()
        for spec in fields(cls):
            if "json" in spec.metadata:
                _read_field(
                    name=spec.name,
                    metadata=spec.metadata,
                    rest=rest,
                    path=path,
                    values=values,
                    singletons=singletons,
                )
        instance = cls(**values, extra=copy.deepcopy(rest), json_singletons=frozenset(singletons))
        instance._finish_parse(data)
        return instance

    def to_json(self) -> JsonObject:
        """Return the JSON object, omitting absent (``None``) properties."""
        out: JsonObject = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if "json" not in spec.metadata or value is None:
                continue
            key, codec = spec.metadata["json"], spec.metadata["codec"]
            if codec.text:
                text_to_json(key=key, text=value, out=out)
                continue
            emitted = codec.emit(value)
            if codec.many and key in self.json_singletons and len(emitted) == 1:
                emitted = emitted[0]
            out[key] = emitted
        out.update(copy.deepcopy(self.extra))
        self._finish_json(out)
        return out

    def _finish_parse(self, data: JsonObject) -> None:
        """Hook for classes that normalise what they read (e.g. ``@context``)."""

    def _finish_json(self, out: JsonObject) -> None:
        """Hook for classes whose JSON needs a last adjustment (e.g. ``@context``)."""


def _read_field(
    *,
    name: str,
    metadata: Any,
    rest: JsonObject,
    path: str,
    values: dict[str, Any],
    singletons: set[str],
) -> None:
    key, codec = metadata["json"], metadata["codec"]
    if codec.text:
        text = text_from_json(data=rest, key=key, path=path)
        if text is not None:
            values[name] = text
        return
    if key not in rest:
        return
    raw = rest.pop(key)
    if codec.many and isinstance(raw, dict):
        singletons.add(key)
    values[name] = codec.parse(raw, join_path(path, key))
