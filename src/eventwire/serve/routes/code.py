"""POST /api/code: code pasted text with the normal pipeline, without storing it.

The pipeline codes one text at a time (see :mod:`eventwire.serve.state`). A request waits
for its turn in the event loop, holding no worker thread, so a queue of texts cannot starve
the read endpoints; one that waits longer than ``code_wait_seconds`` gets 503 with
Retry-After rather than an ever longer queue.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, HTTPException

from ... import code_text
from ...output import to_record
from ...pipeline import Pipeline
from ..record_schema import ArticleRecord
from ..schemas import CodeRequest, ErrorOut
from ..state import State

router = APIRouter(prefix="/api", tags=["coding"])


@router.post(
    "/code",
    summary="Code pasted text and return its eventwire.article/1 record (nothing is stored)",
    response_model=ArticleRecord,
    response_model_exclude_unset=True,
    responses={
        413: {"model": ErrorOut, "description": "The text is over the size limit."},
        422: {"model": ErrorOut, "description": "Bad body, or text that cannot be coded."},
        503: {"model": ErrorOut,
              "description": "Other texts kept the pipeline busy too long; retry later."},
    },
)
async def code(body: CodeRequest, state: State) -> dict[str, Any]:
    limit = state.options.max_code_chars
    if len(body.text) > limit:
        raise HTTPException(413, f"text is {len(body.text):,} characters, over the limit of "
                                 f"{limit:,} (option max_code_chars)")
    pipeline, slot, thread = state.pipeline, state.code_slot, state.code_thread
    if pipeline is None or slot is None or thread is None:
        raise RuntimeError("the pipeline is not loaded: the app's lifespan has not started")
    wait = state.options.code_wait_seconds
    acquired = False
    with anyio.move_on_after(wait):
        await slot.acquire()
        acquired = True
    if not acquired:
        raise HTTPException(
            503, f"the pipeline was busy coding other texts for {wait:g} s; retry later",
            headers={"Retry-After": str(max(1, math.ceil(wait / 2)))})
    try:
        # Not cancellable: a client that hangs up still lets its text finish, slot held.
        return await anyio.to_thread.run_sync(partial(_code, pipeline, body), limiter=thread)
    finally:
        slot.release()

def _code(pipeline: Pipeline, body: CodeRequest) -> dict[str, Any]:
    return to_record(code_text(body.text, published=body.published, pipeline=pipeline))
