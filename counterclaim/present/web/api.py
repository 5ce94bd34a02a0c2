"""The JSON API under /api/: every list is paginated (limit, offset) and says its total.
Its OpenAPI document is /api/openapi.json; errors are {"error": {"status", "message"}}."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from starlette.exceptions import HTTPException

from counterclaim.present.web import views
from counterclaim.present.web.deps import Store
from counterclaim.present.web.params import Filters, Paging, search_query
from counterclaim.present.web.responses import (
    ArticleDetail,
    ArticleListItem,
    EntityListItem,
    EntityView,
    Page,
    SearchItem,
    StatementItem,
    StoryList,
    StorySideView,
    StoryView,
    StoryVoicesView,
    TimelineItem,
)
from counterclaim.present.web.story import side_view, story_json, story_view, voices_view
from counterclaim.store import browse

router = APIRouter(prefix="/api", tags=["api"])


def _found(value, what: str, key: str):
    if value is None:
        raise HTTPException(404, f"no {what} with id {key!r}")
    return value


@router.get(
    "/stories", response_model=StoryList, summary="Stories, filtered, newest or most disputed first"
)
def stories(
    conn: Store,
    filters: Filters,
    paging: Paging,
    sort: Annotated[Literal["recent", "disputed"], Query()] = "recent",
) -> dict:
    page = browse.list_stories(conn, filters, sort, paging.limit, paging.offset)
    return {
        **views.page_dict(page, views.story_list_item),
        "stories_available": page.extra["stories_available"],
    }


@router.get(
    "/stories/{story_id}",
    response_model=StoryView | StorySideView | StoryVoicesView,
    summary="One story: its dispute view; with `side`, one side's claims; with `voices`, "
    "a page of the other voices",
)
def story(
    conn: Store,
    story_id: str,
    side: Annotated[str | None, Query(description="One side's claims, page by page")] = None,
    voices: Annotated[
        int | None, Query(ge=0, description="The other voices, from this offset")
    ] = None,
    offset: Annotated[int, Query(ge=0, description="With side: claims to skip")] = 0,
) -> dict:
    if side is not None:
        view = _found(side_view(conn, story_id, side, offset), "story and side", story_id)
        return view
    if voices is not None:
        return _found(voices_view(conn, story_id, voices), "story", story_id)
    view = _found(story_view(conn, story_id), "story", story_id)
    return story_json(view)


@router.get(
    "/articles", response_model=Page[ArticleListItem], summary="Articles, filtered, newest first"
)
def articles(conn: Store, filters: Filters, paging: Paging) -> dict:
    page = browse.list_articles(conn, filters, paging.limit, paging.offset)
    return views.page_dict(page, views.article_list_item)


@router.get(
    "/articles/{article_id}",
    response_model=ArticleDetail,
    summary="One article with its statements, mentions, dates",
)
def article(conn: Store, article_id: str) -> dict:
    view = _found(views.article_view(conn, article_id), "article", article_id)
    return {
        **view["article"],
        "story": view["story"],
        "statements": view["statements"],
        "mentions": view["mentions"],
        "dates": view["dates"],
    }


@router.get(
    "/statements",
    response_model=Page[StatementItem],
    summary="Statements: by article, speaker, target, act or story",
)
def statements(
    conn: Store,
    paging: Paging,
    article: str | None = None,
    speaker: Annotated[str | None, Query(description="Speaker entity id")] = None,
    about: Annotated[str | None, Query(description="An entity id among the targets")] = None,
    act: Annotated[str | None, Query(description="accuse, deny, warn, ...")] = None,
    story: str | None = None,
) -> dict:
    filters = browse.StatementFilters(article, speaker, about, act, story)
    page = browse.list_statements(conn, filters, paging.limit, paging.offset)
    return views.page_dict(page, views.statement_item)


@router.get("/statements/{statement_id}", response_model=StatementItem, summary="One statement")
def statement(conn: Store, statement_id: str) -> dict:
    row = _found(browse.statement_row(conn, statement_id), "statement", statement_id)
    return views.statement_item(row)


@router.get(
    "/entities", response_model=Page[EntityListItem], summary="Entities, most mentioned first"
)
def entities(
    conn: Store,
    paging: Paging,
    q: Annotated[str | None, Query(description="Part of a name or spelling")] = None,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, ...")] = None,  # noqa: A002
) -> dict:
    page = browse.list_entities(conn, q, type, paging.limit, paging.offset)
    return views.page_dict(page)


@router.get(
    "/entities/{entity_id}",
    response_model=EntityView,
    summary="One entity: spellings, statements, stories",
)
def entity(conn: Store, entity_id: str, paging: Paging) -> dict:
    return _found(
        views.entity_view(conn, entity_id, paging.limit, paging.offset), "entity", entity_id
    )


@router.get("/timeline", response_model=Page[TimelineItem], summary="Timeline events in date order")
def timeline(
    conn: Store,
    paging: Paging,
    story: str | None = None,
    entity: str | None = None,
    article: str | None = None,
) -> dict:
    page = browse.list_timeline(conn, story, entity, article, paging.limit, paging.offset)
    return views.page_dict(page, views.timeline_item)


@router.get(
    "/search",
    response_model=Page[SearchItem],
    summary="Full-text search over titles and texts, best match first",
)
def search(
    conn: Store,
    paging: Paging,
    q: Annotated[str, Query(min_length=1, description="FTS5 query, or plain words")],
) -> dict:
    q = search_query(q) or '""'  # nothing left of it (control characters): no hits
    total = browse.list_articles(conn, browse.ArticleFilters(query=q), limit=1).total
    rows = browse.search_snippets(conn, q, paging.limit, paging.offset)
    return {
        "data": [views.search_item(r) for r in rows],
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
    }
