"""Multilingual text in Open Badges 3.0 documents.

In Python a text value is either a plain ``str`` or a language map, a dict from
BCP 47 language tag to string (``{"en": "Python basics", "fr": "Bases de Python"}``).
The first entry of a map is the primary language.

How a language map is written in JSON, and why
----------------------------------------------
VC 2.0 §11.1 writes multilingual ``name``/``description`` as an array of value
objects (``[{"@value": "…", "@language": "en"}, …]``). The official OB 3.0 JSON
Schemas (2024-07 build) declare ``name``, ``description`` and ``narrative`` as
``"type": "string"`` on every class, so that form fails the schema, and the
1EdTech validator rejects it. Both the VC 2.0 and the OB 3.0.3 contexts are
``@protected``, so ``name`` cannot be given a ``@language`` container either.

Mixtape therefore uses the pattern of W3C Activity Streams 2.0 (``name`` plus
``nameMap``), which satisfies the schema and JSON-LD at once:

* ``name`` keeps a plain string: the primary language's text, which every
  OB 3.0 consumer can display;
* ``nameMap`` (likewise ``descriptionMap``, ``narrativeMap``) holds every language
  as a JSON-LD language map;
* a small inline context, :data:`LANGUAGE_MAP_CONTEXT`, appended after the
  VC 2.0 and OB 3.0.3 contexts, maps ``nameMap`` to the same IRI as ``name``
  (``https://schema.org/name``) with ``"@container": "@language"``. So the RDF
  graph holds each translation as a language-tagged literal of the standard
  property, and safe-mode JSON-LD processing drops nothing.

The schemas allow extra properties on these classes and object entries in
``@context``, so the document still validates. On input, Mixtape also accepts
the VC 2.0 §11.1 forms (a value object or an array of them) and reads them as a
language map; they are written back in the ``name`` + ``nameMap`` form.

Only ``name``, ``description`` and ``narrative`` are multilingual; other text
properties (``targetName``, ``caption``, …) are plain strings.
"""

from __future__ import annotations

from typing import Any, Final, TypeAlias

from mixtape.errors import InvalidInputError

LanguageMap: TypeAlias = dict[str, str]
"""Language tag → text, primary language first."""

Text: TypeAlias = str | LanguageMap
"""A plain string, or a language map."""

MULTILINGUAL_PROPERTIES: Final = {
    "name": "https://schema.org/name",
    "description": "https://schema.org/description",
    "narrative": "https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative",
}

MAP_SUFFIX: Final = "Map"

LANGUAGE_MAP_CONTEXT: Final[dict[str, Any]] = {
    f"{prop}{MAP_SUFFIX}": {"@id": iri, "@container": "@language"}
    for prop, iri in MULTILINGUAL_PROPERTIES.items()
}
"""Inline context that gives ``nameMap``/``descriptionMap``/``narrativeMap`` meaning."""


def text_in(text: Text, *, language: str | None = None) -> str:
    """Return the text to show for ``language``.

    Falls back to the primary language, because a badge must always show something.

    Args:
        text: A plain string or a language map.
        language: A language tag such as ``"fr"``; ``None`` for the primary language.
    """
    if isinstance(text, str):
        return text
    if language is not None and language in text:
        return text[language]
    return next(iter(text.values()), "")


def text_to_json(*, key: str, text: Text, out: dict[str, Any]) -> None:
    """Write ``text`` under ``key`` (and ``<key>Map`` for a language map) into ``out``."""
    if isinstance(text, str):
        out[key] = text
        return
    out[key] = text_in(text)
    out[f"{key}{MAP_SUFFIX}"] = dict(text)


def text_from_json(*, data: dict[str, Any], key: str, path: str) -> Text | None:
    """Read the text under ``key`` (and ``<key>Map``) from ``data``, removing both keys.

    Raises:
        InvalidInputError: the value is neither a string, a language map nor
            VC 2.0 language value objects.
    """
    plain = data.pop(key, None)
    language_map = data.pop(f"{key}{MAP_SUFFIX}", None)
    if language_map is not None:
        parsed = _language_map(language_map, path=_join(path, f"{key}{MAP_SUFFIX}"))
        return _primary_first(parsed, primary=plain)
    if plain is None or isinstance(plain, str):
        return plain
    return _value_objects(plain, path=_join(path, key))


def _language_map(value: Any, *, path: str) -> LanguageMap:
    if not isinstance(value, dict) or not all(
        isinstance(tag, str) and isinstance(text, str) for tag, text in value.items()
    ):
        raise InvalidInputError(f"{path}: expected a language map of strings")
    return dict(value)


def _primary_first(language_map: LanguageMap, *, primary: Any) -> LanguageMap:
    # The plain value names the primary language; keep it first so that
    # writing the map back reproduces the same plain value.
    for tag, text in language_map.items():
        if text == primary:
            return {tag: text} | {t: v for t, v in language_map.items() if t != tag}
    return language_map


def _value_objects(value: Any, *, path: str) -> LanguageMap:
    items = value if isinstance(value, list) else [value]
    result: LanguageMap = {}
    for item in items:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("@value"), str)
            and isinstance(item.get("@language"), str)
        ):
            raise InvalidInputError(f"{path}: expected a string or language-tagged values")
        result[item["@language"]] = item["@value"]
    return result


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
