"""Query parameters shared by the pages and the API, so a filter means the same in both."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query
from starlette.exceptions import HTTPException

from counterclaim.store.browse import ArticleFilters, clean_query, query_problem

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_LIMIT = 500


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(name: str, value: str | None) -> str | None:
    value = _blank_to_none(value)
    if value is not None and not ISO_DATE.match(value):
        raise HTTPException(422, f"{name}: expected a date as YYYY-MM-DD, got {value!r}")
    return value


# SQLite's largest INTEGER: a larger offset cannot be bound (it was a 500)
MAX_OFFSET = 2**63 - 1


def search_query(value: str | None) -> str | None:
    """A search query, bounded (browse.query_problem), or a 422 saying why not."""
    value = _blank_to_none(value)
    problem = query_problem(value) if value else None
    if problem:
        raise HTTPException(422, f"q: {problem}")
    return value and (clean_query(value) or None)


def article_filters(
    q: Annotated[str | None, Query(description="Full-text search (FTS5 syntax)")] = None,
    outlet: Annotated[str | None, Query(description="Outlet id, e.g. radiohc")] = None,
    country: Annotated[str | None, Query(description="Outlet country, ISO 3166-1")] = None,
    state: Annotated[
        Literal["any", "yes", "no", ""],
        Query(description="State-affiliated outlets only (yes) or none (no)"),
    ] = "any",
    date_from: Annotated[
        str | None, Query(alias="from", description="Published on or after (YYYY-MM-DD)")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="Published on or before (YYYY-MM-DD)")
    ] = None,
    entity: Annotated[str | None, Query(description="An entity id the article mentions")] = None,
) -> ArticleFilters:
    return ArticleFilters(
        query=search_query(q),
        outlet=_blank_to_none(outlet),
        country=_blank_to_none(country),
        state_affiliated={"yes": True, "no": False}.get(state),
        date_from=_date("from", date_from),
        date_to=_date("to", date_to),
        entity=_blank_to_none(entity),
    )


Filters = Annotated[ArticleFilters, Depends(article_filters)]


@dataclass(frozen=True, slots=True)
class Window:
    limit: int
    offset: int


def window(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
) -> Window:
    return Window(limit, offset)


Paging = Annotated[Window, Depends(window)]
