"""The HTML pages: stories, one story (the dispute view), articles, one article, entities,
one entity. Each renders the same view data as its JSON twin under /api/."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from counterclaim.present.web import views
from counterclaim.present.web.deps import Store
from counterclaim.present.web.params import MAX_OFFSET, Filters
from counterclaim.present.web.story import side_view, story_view, voices_view
from counterclaim.store import browse

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 25
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def _render(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


def _pager(request: Request, page: browse.Page) -> dict:
    """Where the previous and next pages are, keeping every other parameter."""

    def at(offset: int) -> str:
        url = request.url.include_query_params(offset=offset)
        return f"{url.path}?{url.query}"

    return {
        "total": page.total,
        "first": page.offset + 1 if page.items else 0,
        "last": page.offset + len(page.items),
        "previous": at(max(0, page.offset - page.limit)) if page.offset > 0 else None,
        "next": at(page.offset + page.limit) if page.offset + page.limit < page.total else None,
    }


@router.get("/")
def stories_page(
    request: Request,
    conn: Store,
    filters: Filters,
    sort: Annotated[Literal["recent", "disputed"], Query()] = "recent",
    offset: Offset = 0,
):
    page = browse.list_stories(conn, filters, sort, PAGE_SIZE, offset)
    available = page.extra["stories_available"]
    articles = None
    if not available:  # no story stage in this store yet: the articles stand in
        articles = browse.list_articles(conn, filters, PAGE_SIZE, offset)
    matches = []
    if filters.query:
        matches = [views.search_item(r) for r in browse.search_snippets(conn, filters.query, 8)]
    return _render(
        request,
        "stories.html",
        stories=[views.story_list_item(s) for s in page.items],
        stories_available=available,
        articles=[views.article_list_item(a) for a in articles.items] if articles else [],
        pager=_pager(request, articles or page),
        matches=matches,
        filters=filters,
        sort=sort,
        choices=browse.filter_choices(conn),
        entity=browse.entity_row(conn, filters.entity) if filters.entity else None,
    )


@router.get("/articles")
def articles_page(request: Request, conn: Store, filters: Filters, offset: Offset = 0):
    page = browse.list_articles(conn, filters, PAGE_SIZE, offset)
    return _render(
        request,
        "articles.html",
        articles=[views.article_list_item(a) for a in page.items],
        pager=_pager(request, page),
        filters=filters,
        choices=browse.filter_choices(conn),
        entity=browse.entity_row(conn, filters.entity) if filters.entity else None,
    )


@router.get("/stories/{story_id}")
def story_page(
    request: Request,
    conn: Store,
    story_id: str,
    side: str | None = None,
    voices: Annotated[int | None, Query(ge=0)] = None,
    offset: Offset = 0,
):
    """The dispute view; `side`: one side's claims page by page; `voices`: the other
    voices from that offset."""
    if side is not None:
        view = side_view(conn, story_id, side, offset)
        template = "story_side.html"
    elif voices is not None:
        view = voices_view(conn, story_id, voices)
        template = "story_voices.html"
    else:
        view, template = story_view(conn, story_id), "story.html"
    if view is None:
        raise HTTPException(
            404, f"no story with id {story_id!r}" + (f" and side {side!r}" if side else "")
        )
    return _render(request, template, **view)


@router.get("/articles/{article_id}")
def article_page(request: Request, conn: Store, article_id: str):
    view = views.article_view(conn, article_id)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return _render(request, "article.html", **view)


@router.get("/entities")
def entities_page(
    request: Request,
    conn: Store,
    q: str | None = None,
    type: str | None = None,  # noqa: A002
    offset: Offset = 0,
):
    page = browse.list_entities(conn, q or None, type or None, PAGE_SIZE, offset)
    return _render(
        request,
        "entities.html",
        entities=page.items,
        pager=_pager(request, page),
        q=q or "",
        type=type or "",
    )


@router.get("/entities/{entity_id}")
def entity_page(request: Request, conn: Store, entity_id: str):
    view = views.entity_view(conn, entity_id, limit=100)
    if view is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return _render(request, "entity.html", **view)
