"""Turns bad requests into 4xx answers whose ``detail`` is one readable line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..errors import InputError

_WHERE = {"query": "query parameter", "path": "path parameter", "body": "body field"}


def describe(errors: Sequence[Any]) -> str:
    """``query parameter 'limit': Input should be less than or equal to 500``; several joined."""
    lines = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        where = _WHERE.get(loc[0], loc[0]) if loc else "request"
        name = ".".join(loc[1:])
        message = str(err.get("msg", "is not valid")).removeprefix("Value error, ")
        lines.append(f"{where} {name!r}: {message}" if name else f"{where}: {message}")
    return "; ".join(lines) or "the request is not valid"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # registered for this class only
    errors = exc.errors()
    simple = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in errors]
    return JSONResponse({"detail": describe(errors), "errors": simple}, status_code=422)


async def _input_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InputError)  # registered for this class only
    return JSONResponse({"detail": f"{exc.input_name}: {exc.reason}"}, status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
