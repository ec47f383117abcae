"""The offline API reference is built from whatever the OpenAPI document says."""

from __future__ import annotations

from eventwire.serve.routes.docs import Operation, Param, operations

SPEC = {
    "paths": {
        "/api/things": {
            "get": {
                "summary": "List things",
                "parameters": [
                    {"name": "limit", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                     "description": "Page size."},
                    {"name": "q", "in": "query",
                     "schema": {"anyOf": [{"type": "string", "maxLength": 200},
                                          {"type": "null"}]}},
                    {"name": "by", "in": "query", "schema": {"enum": ["month", "year"]}},
                ],
                "responses": {"200": {"description": "OK"}},
            },
            "post": {
                "requestBody": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Thing"}}}},
                "responses": {"201": {"description": "Made"}, "422": {}},
            },
        }
    },
    "components": {"schemas": {"Thing": {
        "required": ["text"],
        "properties": {"text": {"type": "string", "description": "The words."},
                       "when": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
    }}},
}


def test_operations_read_params_body_and_responses() -> None:
    listing, making = operations(SPEC)
    assert listing == Operation(
        method="GET", path="/api/things", summary="List things", description="",
        params=[Param("limit", "query", "integer (minimum 1, maximum 500)", False, "Page size."),
                Param("q", "query", "string (maxLength 200) | null", False, ""),
                Param("by", "query", "'month' | 'year'", False, "")],
        body=None, responses=["200 OK"])
    assert making.method == "POST"
    assert making.body == "application/json Thing"
    assert making.params == [Param("text", "body", "string", True, "The words."),
                             Param("when", "body", "string | null", False, "")]
    assert making.responses == ["201 Made", "422"]


def test_operations_of_an_empty_document() -> None:
    assert operations({}) == []
