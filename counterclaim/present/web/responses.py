"""The JSON API's response shapes, for FastAPI's `response_model`: the OpenAPI document
(/api/openapi.json) describes every response, and every response is checked against it.

They describe the public records of `store/records.py` (what exports carry) and the pages'
views (`views.py`, `story.py`) as they are; they are not a second data model: the facts are
`counterclaim.model`'s dataclasses, and these only name the keys of their public form. Each
shape allows more keys than it lists, so adding a key (documented keys are only ever added)
never breaks a response.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

Span = list[int] | None  # [start, end] character offsets into the article's text


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


Item = TypeVar("Item")


class Page(Shape, Generic[Item]):
    """The one shape of every paginated list."""

    data: list[Item]
    total: int
    limit: int
    offset: int


# --- statements (store.records.statement_record and views.statement_item) -----------------


class StatementSpeaker(Shape):
    text: str | None
    name: str | None
    role: str | None
    organisation: str | None
    entity_id: str | None
    span: Span
    unresolved: bool
    via: str | None


class StatementCue(Shape):
    text: str | None
    lemma: str | None
    span: Span


class StatementContent(Shape):
    text: str | None
    span: Span


class StatementTarget(Shape):
    text: str | None
    entity_id: str | None


class StatementRecord(Shape):
    id: str
    article_id: str
    speaker: StatementSpeaker | None
    cue: StatementCue
    content: StatementContent
    kind: str | None
    act: str | None
    act_evidence: Any = None
    targets: list[StatementTarget]
    said_on: str | None
    confidence: float | None
    producer: str | None


class StatementItem(StatementRecord):
    speaker_label: str | None
    article_title: str | None
    article_published: str | None
    outlet_name: str | None
    outlet_state_affiliated: bool | None


# --- articles -----------------------------------------------------------------------------


class ArticleOutletHead(Shape):
    id: str
    name: str | None
    country: str | None
    state_affiliated: bool | None


class ArticleListItem(Shape):
    id: str
    title: str | None
    heading: str
    url: str | None
    published: str | None
    outlet: ArticleOutletHead | None
    dateline_place: str | None
    origin: str | None
    lead: str | None


class ArticleDetail(Shape):
    """store.records.article_record with the article's story and facts."""

    id: str
    url: str | None
    title: str | None
    text: str
    published: str | None
    outlet: dict[str, Any] | None
    dateline: dict[str, Any] | None
    origin: dict[str, Any] | None
    language: str | None
    author: str | None
    content_hash: str
    input: dict[str, Any]
    story: dict[str, Any] | None
    statements: list[StatementItem]
    mentions: list[dict[str, Any]]
    dates: list[dict[str, Any]]


class SearchItem(Shape):
    id: str
    title: str | None
    heading: str
    published: str | None
    outlet_name: str | None
    snippet: str
    snippet_parts: list[tuple[str, bool]]


# --- stories ------------------------------------------------------------------------------


class StoryListItem(Shape):
    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    article_count: int
    outlet_count: int
    dispute_count: int
    outlets: list[dict[str, Any]]
    entities: list[dict[str, Any]]


class StoryList(Page[StoryListItem]):
    stories_available: int


class StoryView(Shape):
    """One story's dispute view (`story.story_view`); with `side`: one side's claims page
    (`side`, `claims`); with `voices`: a page of the other voices (`other_voices`)."""

    story: dict[str, Any]
    main: Any = None
    most_contested: list[Any] | None = None
    sides: list[Any] | None = None
    other_voices: Any = None
    side: dict[str, Any] | None = None
    claims: dict[str, Any] | None = None


# --- entities, timeline, corrections -------------------------------------------------------


class EntityListItem(Shape):
    id: str
    name: str
    type: str
    source: str | None
    mentions: int
    articles: int


class EntityHead(Shape):
    id: str
    name: str
    type: str
    source: str | None
    aliases: list[str]
    mentions: int
    articles: int


class EntityView(Shape):
    entity: EntityHead
    spellings: list[dict[str, Any]]
    statements_by: Page[StatementItem]
    statements_about: Page[StatementItem]
    stories: list[dict[str, Any]]


class TimelineItem(Shape):
    """store.records.timeline_record with the outlet's id."""

    id: str
    event: str
    date: str
    precision: str
    text: str
    article_id: str
    outlet: str | None
    span: Span
    expression_span: Span
    entity_ids: list[str]
    confidence: float | None
    producer: str | None
    outlet_id: str | None


class LinkCorrection(Shape):
    link_id: str
    relation: str
    story_id: str | None
    rejected: bool
