"""The API reference for people: one page generated from the OpenAPI document.

The document (/api/v1/openapi.json, tracker/openapi.py) is what the tests validate and
fuzz the API against, so a page read from it cannot drift from the API. Served here, with
the site's own stylesheet: no CDN, no script.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, render_template

from tracker import openapi
from tracker.open_data import external_url

bp = Blueprint("api_reference", __name__)
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    parameters: list[Parameter]
    responses: list[tuple[str, str]]


def schema_words(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """Say what values a schema takes, in a few words: "integer, 16 to 99", "one of: paid, unpaid"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "oneOf" in schema:
        return " or ".join(schema_words(s, components) for s in schema["oneOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {schema_words(schema.get('items', {}), components)}"
    if "enum" in schema:
        words = f"one of: {', '.join(str(v) for v in schema['enum'])}"
    elif "minimum" in schema or "maximum" in schema:
        words = f"{kind}, {schema.get('minimum', '…')} to {schema.get('maximum', '…')}"
    else:
        words = f"{kind} ({schema['format']})" if "format" in schema else kind
    if "pattern" in schema:
        words += f" matching {schema['pattern']}"
    if "default" in schema:
        words += f"; default {schema['default']}"
    if schema.get("nullable"):
        words += ", or null"
    return words


def _parameter(raw: dict[str, Any], components: dict[str, Any]) -> Parameter:
    if "$ref" in raw:
        raw = components["parameters"][raw["$ref"].rsplit("/", 1)[-1]]
    return Parameter(raw["name"], raw["in"], bool(raw.get("required")), schema_words(raw.get("schema", {}), components),
                     raw.get("description", ""))


def operations(document: dict[str, Any]) -> list[Operation]:
    """Return every operation in ``document``, in its order, with parameters resolved."""
    components = document.get("components", {})
    found = []
    for path, item in document["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            responses = [(code, answer.get("description", "")) for code, answer in operation.get("responses", {}).items()]
            found.append(Operation(method.upper(), path, operation.get("operationId", path),
                                   operation.get("summary", ""),
                                   [_parameter(p, components) for p in operation.get("parameters", [])], responses))
    return found


def schemas(document: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """Return each schema's fields: (name, [(field, what it takes, required)])."""
    components = document.get("components", {})
    listed = []
    for name, schema in components.get("schemas", {}).items():
        required = set(schema.get("required", []))
        fields = [(field, schema_words(value, components), field in required)
                  for field, value in schema.get("properties", {}).items()]
        listed.append((name, fields))
    return listed


@bp.get("/api-reference")
def reference() -> str:
    document = openapi.document()
    return render_template("api_reference.html", info=document["info"], base=external_url("api.index").rstrip("/"),
                           operations=operations(document), schemas=schemas(document),
                           document_url=external_url("api.openapi_document"))
