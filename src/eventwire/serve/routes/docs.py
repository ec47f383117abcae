"""GET /docs: the API reference as a plain page built from the app's own OpenAPI schema.

FastAPI's Swagger UI loads its script and style from a CDN, which an offline machine (and
the explorer's Content-Security-Policy) does not allow; this page needs neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .web import render

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Param:
    name: str
    location: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    body: str | None
    responses: list[str]


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = str(schema.get("type", "any"))
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    if "pattern" in schema:
        bounds.append(f"pattern {schema['pattern']}")
    return f"{kind} ({', '.join(bounds)})" if bounds else kind


def _param(p: dict[str, Any]) -> Param:
    schema = p.get("schema", {})
    return Param(name=str(p["name"]), location=str(p["in"]), type=_type_of(schema),
                 required=bool(p.get("required", False)),
                 description=str(p.get("description") or schema.get("description") or ""))


def _body_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    content = op.get("requestBody", {}).get("content", {})
    schema: dict[str, Any] | None = content.get("application/json", {}).get("schema")
    return schema


def _body_params(spec: dict[str, Any], schema: dict[str, Any] | None) -> list[Param]:
    """The fields of a JSON body whose schema is a ``#/components/schemas/...`` reference."""
    if schema is None or "$ref" not in schema:
        return []
    name = str(schema["$ref"]).rsplit("/", 1)[-1]
    model = spec.get("components", {}).get("schemas", {}).get(name, {})
    required = set(model.get("required", []))
    return [Param(name=field, location="body", type=_type_of(sub), required=field in required,
                  description=str(sub.get("description", "")))
            for field, sub in model.get("properties", {}).items()]


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in path order."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = _body_schema(op)
            found.append(Operation(
                method=method.upper(), path=path, summary=str(op.get("summary", "")),
                description=str(op.get("description", "")),
                params=[_param(p) for p in op.get("parameters", [])] + _body_params(spec, body),
                body=None if body is None else f"application/json {_type_of(body)}",
                responses=[f"{code} {r.get('description', '')}".strip()
                           for code, r in op.get("responses", {}).items()],
            ))
    return found


@router.get("/docs")
def docs_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render(request, "docs.html", "API reference", "/docs",
                  operations=operations(spec),
                  api_description=spec.get("info", {}).get("description", ""),
                  openapi_version=spec.get("openapi", ""))
