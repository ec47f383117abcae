"""Articles: the list, one record, full-text search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from ...store import query
from .. import convert
from ..record_schema import ArticleRecord
from ..schemas import ArticleSummary, ErrorOut, Page, SearchHitOut
from ..state import Cursor
from .params import Limit, Offset

router = APIRouter(prefix="/api", tags=["articles"])

ArticleId = Annotated[str, Path(max_length=128, description="The article's id (sha256 hex).")]


@router.get("/articles", summary="List stored articles, newest first, or search them")
def list_articles(
    cur: Cursor,
    q: Annotated[str | None, Query(max_length=200, description="Full-text query.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ArticleSummary]:
    page = query.list_articles(cur, q=q or None, limit=limit, offset=offset)
    return Page[ArticleSummary](items=[convert.article_summary(r) for r in page.items],
                                total=page.total, limit=page.limit, offset=page.offset)


@router.get(
    "/articles/{article_id}",
    summary="One article as its eventwire.article/1 record, every span an offset into its text",
    response_model=ArticleRecord,
    # Entities without a resolved place carry no "place" key in the record; keep it so.
    response_model_exclude_unset=True,
    responses={404: {"model": ErrorOut, "description": "No article has this id."}},
)
def get_article(cur: Cursor, article_id: ArticleId) -> dict[str, Any]:
    record = query.get_article(cur, article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return record


@router.get("/search", summary="Full-text search over article titles and texts (BM25)")
def search(
    cur: Cursor,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[SearchHitOut]:
    return [convert.search_hit(hit) for hit in query.search(cur, q, limit=limit)]
