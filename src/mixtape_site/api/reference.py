"""A readable API reference built from the OpenAPI description, for a server-rendered page.

Swagger UI's markup fails WCAG (nested interactive controls, colour-only cues), so
the docs page is plain HTML made from the same ``api.get_openapi_schema()``: each
operation with its method, path, summary, whether it needs a token, its parameters,
and JSON examples of its request and success response, derived from the schemas.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Tags in the order a reader needs them, with a translated title and introduction.
TAGS: dict[str, tuple[Any, Any]] = {
    "VC-API": (
        _("VC-API: issue, update and verify credentials"),
        _("The W3C Credentials Community Group VC-API. Issuing and changing a status need "
          "your organization's API token; verifying is open to anyone."),
    ),
    "Achievements": (
        _("Achievements: the public catalogue"),
        _("Published micro-credentials of every organization, as JSON. No token needed."),
    ),
    "Awards": (
        _("Awards: the credentials your organization issued"),
        _("Issue credentials and list or read the ones your organization issued. "
          "These need your organization's API token."),
    ),
}  # fmt: skip
# Translated meanings of the statuses the API answers with; others keep OpenAPI's English.
STATUS_MEANINGS = {
    "200": _("OK"),
    "201": _("Created"),
    "400": _("Malformed request"),
    "401": _("No valid API token"),
    "404": _("Not found, or not yours"),
    "413": _("Body over 1 MB"),
    "422": _("Refused"),
}
METHODS = ("get", "post", "put", "patch", "delete")
MAX_DEPTH = 6
FORMAT_EXAMPLES = {
    "uuid": "6f1c2b4e-8d0a-4c52-9b1e-2f3a4b5c6d7e",
    "date-time": "2025-06-30T14:00:00Z",
    "date": "2025-06-30",
    "email": "amira@example.org",
    "uri": "https://mixtape.example/",
}
TYPE_EXAMPLES = {"string": "…", "integer": 1, "number": 1.0, "boolean": True, "null": None}
_INLINE_CODE = re.compile(r"``?([^`]+?)``?")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str
    link: str = ""  # the anchor of the data type it refers to, if any


@dataclass(frozen=True)
class Response:
    status: str
    description: Any
    translated: bool
    schema: str
    link: str
    example: str | None


@dataclass(frozen=True)
class Example:
    statuses: str
    text: str


@dataclass(frozen=True)
class DataType:
    name: str
    anchor: str
    description: SafeString
    fields: list[Parameter]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: SafeString
    needs_token: bool
    parameters: list[Parameter]
    body_type: str
    body_description: SafeString
    body_fields: list[Parameter]
    body_example: str | None
    responses: list[Response]

    @property
    def response_examples(self) -> list[Example]:
        """Success examples, one per distinct body (200 and 201 often share one)."""
        merged: dict[str, list[str]] = {}
        for response in self.responses:
            if response.example is not None:
                merged.setdefault(response.example, []).append(response.status)
        return [Example(", ".join(statuses), text) for text, statuses in merged.items()]


@dataclass
class Section:
    tag: str
    anchor: str
    title: Any
    introduction: Any
    operations: list[Operation] = field(default_factory=list)


def api_reference(schema: dict[str, Any]) -> list[Section]:
    """The operations of an OpenAPI 3.1 description, grouped by tag (known tags first)."""
    sections: dict[str, Section] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = _operation(schema, method, path, item[method])
                tag = (item[method].get("tags") or ["API"])[0]
                title, introduction = TAGS.get(tag, (tag, ""))
                section = sections.setdefault(
                    tag, Section(tag, f"tag-{slugify(tag)}", title, introduction)
                )
                section.operations.append(operation)
    order = list(TAGS)
    return sorted(sections.values(), key=lambda s: order.index(s.tag) if s.tag in order else 99)


def data_types(schema: dict[str, Any]) -> list[DataType]:
    """The named schemas the operations use, with their fields, alphabetically.

    A request body's own schema is left out: its fields are shown with its operation.
    """
    named = schema.get("components", {}).get("schemas", {})
    return [
        DataType(
            name=name,
            anchor=type_anchor(name),
            description=paragraphs(named[name].get("description", "")),
            fields=_fields(schema, named[name]),
        )
        for name in sorted(_used_types(schema), key=str.lower)
    ]


def _used_types(schema: dict[str, Any]) -> set[str]:
    named = schema.get("components", {}).get("schemas", {})
    roots: list[Any] = []
    for item in schema.get("paths", {}).values():
        for op in (item[method] for method in METHODS if method in item):
            roots += [op.get("responses", {}), op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            roots.append(resolve(schema, body.get("schema", {})).get("properties", {}))
    used: set[str] = set()
    pending = [name for root in roots for name in _refs(root)]
    while pending:
        name = pending.pop()
        if name not in used and name in named:
            used.add(name)
            pending.extend(_refs(named[name]))
    return used


def _refs(node: Any) -> list[str]:
    """The names of every schema ``node`` refers to, at any depth."""
    if isinstance(node, list):
        return [name for value in node for name in _refs(value)]
    if not isinstance(node, dict):
        return []
    own = [node["$ref"].rsplit("/", 1)[-1]] if isinstance(node.get("$ref"), str) else []
    return own + [name for value in node.values() for name in _refs(value)]


def type_anchor(name: str) -> str:
    return f"type-{slugify(name)}"


def _operation(schema: dict[str, Any], method: str, path: str, op: dict[str, Any]) -> Operation:
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    body_schema = body.get("schema")
    return Operation(
        method=method.upper(),
        path=path,
        anchor=slugify(f"{method} {path.replace('/', ' ')}"),
        summary=op.get("summary", ""),
        description=inline_code(op.get("description", "")),
        needs_token=bool(op.get("security")),
        parameters=[_parameter(schema, p) for p in op.get("parameters", [])],
        body_type=type_name(schema, body_schema) if body_schema else "",
        body_description=paragraphs(
            resolve(schema, body_schema).get("description", "") if body_schema else ""
        ),
        body_fields=_fields(schema, body_schema) if body_schema else [],
        body_example=_json(example(schema, body_schema)) if body_schema else None,
        responses=_responses(schema, op["responses"]),
    )


def _parameter(schema: dict[str, Any], parameter: dict[str, Any]) -> Parameter:
    return Parameter(
        name=parameter["name"],
        location=parameter["in"],
        required=bool(parameter.get("required")),
        type=type_name(schema, parameter.get("schema", {})),
        description=parameter.get("description", ""),
        link=_link(parameter.get("schema", {})),
    )


def _fields(schema: dict[str, Any], body_schema: dict[str, Any]) -> list[Parameter]:
    """The top-level fields of a request body, for a table next to its example."""
    resolved = resolve(schema, body_schema)
    required = set(resolved.get("required", []))
    return [
        Parameter(
            name=name,
            location="body",
            required=name in required,
            type=type_name(schema, prop),
            description=prop.get("description", "") or resolve(schema, prop).get("description", ""),
            link=_link(prop),
        )
        for name, prop in resolved.get("properties", {}).items()
    ]


def _responses(schema: dict[str, Any], responses: dict[Any, Any]) -> list[Response]:
    """Each success on its own row; the errors that share a body on one row."""
    rows = [_response(schema, str(status), r) for status, r in sorted(responses.items())]
    successes = [row for row in rows if row.status.startswith("2")]
    errors: dict[str, list[Response]] = {}
    for row in rows:
        if not row.status.startswith("2"):
            errors.setdefault(row.schema, []).append(row)
    return successes + [
        Response(
            status=", ".join(row.status for row in group),
            description="; ".join(str(row.description) for row in group),
            translated=all(row.translated for row in group),
            schema=body,
            link=group[0].link,
            example=None,
        )
        for body, group in errors.items()
    ]


def _response(schema: dict[str, Any], status: str, response: dict[str, Any]) -> Response:
    body = response.get("content", {}).get("application/json", {}).get("schema")
    success = status.startswith("2")
    return Response(
        status=status,
        description=STATUS_MEANINGS.get(status, response.get("description", "")),
        translated=status in STATUS_MEANINGS,
        schema=type_name(schema, body) if body else "",
        link=_link(body) if body else "",
        example=_json(example(schema, body)) if body and success else None,
    )


def _link(node: dict[str, Any]) -> str:
    """The anchor of the named type ``node`` is (or is an array of, or wraps)."""
    node = node.get("items", node)
    if len(node.get("allOf", [])) == 1:
        node = node["allOf"][0]
    return type_anchor(node["$ref"].rsplit("/", 1)[-1]) if "$ref" in node else ""


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (and a one-element ``allOf``, as pydantic writes them)."""
    for _hop in range(MAX_DEPTH):
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        elif len(node.get("allOf", [])) == 1:
            node = node["allOf"][0]
        else:
            break
    return node


def type_name(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """``string``, ``integer or null``, ``array of Problem``, ``RecipientIn``…"""
    if len(node.get("allOf", [])) == 1:
        node = node["allOf"][0]
    if "$ref" in node:
        return str(node["$ref"].rsplit("/", 1)[-1])
    node = resolve(schema, node)
    if "anyOf" in node or "oneOf" in node:
        return " or ".join(type_name(schema, n) for n in node.get("anyOf", node.get("oneOf")))
    kind = node.get("type", "any")
    if kind == "array":
        return f"array of {type_name(schema, node.get('items', {}))}"
    if "enum" in node:
        return " | ".join(json.dumps(value) for value in node["enum"])
    return f"{kind} ({node['format']})" if "format" in node else str(kind)


def example(schema: dict[str, Any], node: dict[str, Any], depth: int = 0) -> Any:
    """An example value for a JSON schema: its own example, else one built from its parts."""
    node = resolve(schema, node)
    if node.get("examples"):
        return node["examples"][0]
    if "default" in node and node["default"] not in (None, ""):
        return node["default"]
    return None if depth >= MAX_DEPTH else _built_example(schema, node, depth)


def _built_example(schema: dict[str, Any], node: dict[str, Any], depth: int) -> Any:
    choices = node.get("anyOf") or node.get("oneOf")
    if choices:  # the first one that is not null
        chosen = next((c for c in choices if c.get("type") != "null"), choices[0])
        return example(schema, chosen, depth + 1)
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type", "")
    if kind == "array":
        return [example(schema, node.get("items", {}), depth + 1)]
    if kind == "object" or "properties" in node:
        return {k: example(schema, v, depth + 1) for k, v in node.get("properties", {}).items()}
    return FORMAT_EXAMPLES.get(node.get("format", ""), TYPE_EXAMPLES.get(kind))


def paragraphs(text: str) -> SafeString:
    """A docstring's paragraphs as ``<p>`` elements; its hard line wraps become spaces."""
    parts = [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
    return mark_safe("".join(f"<p>{inline_code(part)}</p>" for part in parts))  # noqa: S308


def inline_code(text: str) -> SafeString:
    """Escape ``text`` and show its ``double`` or `single` backquoted parts as code."""
    return mark_safe(_INLINE_CODE.sub(r"<code>\1</code>", escape(text)))  # noqa: S308 - escaped


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
