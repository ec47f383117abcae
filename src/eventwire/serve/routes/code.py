"""POST /api/code: code pasted text with the normal pipeline, without storing it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from ... import code_text
from ...model import Document
from ...output import to_record
from ..record_schema import ArticleRecord
from ..schemas import CodeRequest, ErrorOut
from ..state import AppState, State

router = APIRouter(prefix="/api", tags=["coding"])

@router.post(
    "/code",
    summary="Code pasted text and return its eventwire.article/1 record (nothing is stored)",
    response_model=ArticleRecord,
    response_model_exclude_unset=True,
    responses={
        413: {"model": ErrorOut, "description": "The text is over the size limit."},
        422: {"model": ErrorOut, "description": "Bad body, or text that cannot be coded."},
    },
)
def code(body: CodeRequest, state: State) -> dict[str, Any]:
    limit = state.options.max_code_chars
    if len(body.text) > limit:
        raise HTTPException(413, f"text is {len(body.text):,} characters, over the limit of "
                                 f"{limit:,} (option max_code_chars)")
    return to_record(_code(state, body))


def _code(state: AppState, body: CodeRequest) -> Document:
    if state.pipeline is None:
        raise RuntimeError("the pipeline is not loaded: the app's lifespan has not started")
    with state.code_lock:
        return code_text(body.text, published=body.published, pipeline=state.pipeline)
