"""The JSON API's response shapes, for FastAPI's `response_model`: the OpenAPI document
(/api/openapi.json) describes every field of every response, and every response is checked
against it.

They describe the public records of `store/records.py` (what exports carry) and the pages'
views (`views.py`, `story.py`) as they are; they are not a second data model: the facts are
`counterclaim.model`'s dataclasses, and these only name the keys of their public form. Each
shape is exact (`extra="forbid"`): a key a view adds must be added here too (documented keys
are only ever added), or the response fails validation, which tests/present/test_web.py
catches on the seeds. The one open mapping is a link's `evidence`: the linker's evidence keys
(`link/disputes.py`, `link/provenance.py`) with scalar or word-list values, shown as they are
so that nothing a decision used is hidden.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

Span = list[int] | None  # [start, end] character offsets into the article's text
# a value of a link's evidence: a cosine, a flag, a word (`rebuttal`: "words"), a list of ids
EvidenceValue = bool | float | str | list[str]


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
    act_evidence: str | None  # the words that decided the speech act, when a rule did
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


# --- articles (store.records.article_record, views.article_view / article_list_item) -------


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


class ArticleOutlet(Shape):
    id: str
    name: str | None
    domain: str | None
    country: str | None
    kind: str | None
    state_affiliated: bool | None
    evidence: str | None  # how the outlet was found (`outlet_source`)


class ArticleDateline(Shape):
    place: str | None
    date: str | None
    agency: str | None
    span: Span


class ArticleOrigin(Shape):
    name: str
    outlet_id: str | None
    evidence: str | None
    span: Span
    producer: str | None
    confidence: float | None


class ArticleInput(Shape):
    source: str | None
    record: str | None


class ArticleStory(Shape):
    id: str
    title: str | None
    dispute_count: int


class ArticleMention(Shape):
    start: int
    end: int
    surface: str
    label: str
    entity_id: str | None
    rule: str | None
    confidence: float | None
    entity_name: str | None
    entity_type: str | None


class ArticleDate(Shape):
    start: int
    end: int
    text: str
    date: str
    end_date: str | None
    precision: str
    anchor: str | None
    producer: str | None
    confidence: float | None


class ArticleDetail(Shape):
    """store.records.article_record with the article's story and facts."""

    id: str
    url: str | None
    title: str | None
    text: str
    published: str | None
    published_source: str | None
    outlet: ArticleOutlet | None
    dateline: ArticleDateline | None
    origin: ArticleOrigin | None
    language: str | None
    author: str | None
    content_hash: str
    input: ArticleInput
    story: ArticleStory | None
    statements: list[StatementItem]
    mentions: list[ArticleMention]
    dates: list[ArticleDate]


class SearchItem(Shape):
    id: str
    title: str | None
    heading: str
    published: str | None
    outlet_name: str | None
    snippet: str
    snippet_parts: list[tuple[str, bool]]  # (text, matched)


# --- stories: the list ---------------------------------------------------------------------


class StoryOutletCount(Shape):
    id: str
    name: str | None
    country: str | None
    state_affiliated: bool | None
    articles: int


class StoryEntityCount(Shape):
    id: str
    name: str
    type: str
    mentions: int


class StoryRow(Shape):
    """The columns of a `stories` row that every story shape carries."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    article_count: int
    outlet_count: int
    dispute_count: int


class StoryListItem(StoryRow):
    outlets: list[StoryOutletCount]
    entities: list[StoryEntityCount]


class StoryList(Page[StoryListItem]):
    stories_available: int


# --- stories: one story's dispute view (present/web/story.py) ------------------------------


class StoryHead(StoryRow):
    """The story's row."""

    updated_at: str | None
    low_content: int  # 1: every article is a stub or a test page


class LinkView(Shape):
    """A link, its decision in words (`why`) and the evidence the linker recorded."""

    id: str | None
    relation: str | None
    score: float
    producer: str | None
    why: list[str]
    evidence: dict[str, EvidenceValue]


class Contest(Shape):
    """How contested a claim is (`story.contest`)."""

    disputes: int
    disputing_sides: int
    disputes_made: int
    answers: int
    supports: int
    score: float


class ReplyView(Shape):
    """A statement linked to a claim (a reply to it, or a claim the claim disputes)."""

    statement: StatementItem
    relation: str
    score: float
    side: str | None
    link: LinkView | None


class ClaimView(Shape):
    statement: StatementItem
    side: str | None
    contest: Contest
    disputed_by: list[ReplyView]
    supported_by: list[ReplyView]
    answered_by: list[ReplyView]
    more_replies: int
    disputes: list[ReplyView]  # what the claim itself disputes


class RankedClaim(Shape):
    """One of the story's most contested claims, with where its card is."""

    statement: StatementItem
    side: str | None
    side_id: str | None
    contest: Contest
    href: str


class SideActor(Shape):
    name: str
    id: str | None


class SideHead(Shape):
    id: str
    label: str
    actor: bool
    actors: list[SideActor]
    more_actors: int
    outlet_ids: list[str]
    claims_total: int
    disputes: int
    url: str


class SideColumn(SideHead):
    claims: list[ClaimView]
    next: str | None


class Voice(SideHead):
    top: StatementItem | None


class VoicesPage(Page[Voice]):
    next: str | None


class RejectedLink(Shape):
    link_id: str
    relation: str | None
    from_id: str | None
    to_id: str | None
    note: str | None
    rejected_at: str | None
    why: list[str]


class StoryOutletSpelling(Shape):
    entity_id: str
    entity_name: str
    surface: str


class StoryOutlet(Shape):
    id: str | None
    name: str | None
    country: str | None
    state_affiliated: bool | None
    articles: int
    article_ids: list[str]
    spellings: list[StoryOutletSpelling]


class ProvenanceArticle(Shape):
    id: str | None  # None: an outlet named as the origin whose text is not in the store
    label: str


class ProvenanceCopy(Shape):
    id: str
    label: str
    evidence: str | None


class ProvenanceChain(Shape):
    origin: ProvenanceArticle
    copies: list[ProvenanceCopy]


class ThreadStory(Shape):
    id: str
    title: str | None
    first_date: str | None
    last_date: str | None


class ThreadView(Shape):
    id: str
    label: str
    stories: list[ThreadStory]


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


class StoryTimelineItem(TimelineItem):
    sources: int | None  # reports of the same event


class StoryView(Shape):
    """One story's dispute view (`story.story_view`)."""

    story: StoryHead
    main: ClaimView | None
    most_contested: list[RankedClaim]
    sides: list[SideColumn]
    other_voices: VoicesPage
    rejected: list[RejectedLink]
    articles: list[ArticleListItem]
    outlets: list[StoryOutlet]
    entities: list[StoryEntityCount]
    timeline: list[StoryTimelineItem]
    timeline_total: int
    timeline_events: int
    timeline_more: str | None
    provenance: list[ProvenanceChain]
    thread: ThreadView | None


class SideClaims(Page[ClaimView]):
    next: str | None
    previous: str | None


class StorySideView(Shape):
    """One side of a story, its claims page by page (`?side=`, `story.side_view`)."""

    story: StoryHead
    side: SideHead
    claims: SideClaims


class StoryVoicesView(Shape):
    """A page of the story's other voices (`?voices=`, `story.voices_view`)."""

    story: StoryHead
    other_voices: VoicesPage


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


class OutletSpellings(Shape):
    outlet: str
    spellings: list[tuple[str, int]]  # (spelling, mentions), most used first


class EntityStory(Shape):
    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    article_count: int
    dispute_count: int


class EntityView(Shape):
    entity: EntityHead
    spellings: list[OutletSpellings]
    statements_by: Page[StatementItem]
    statements_about: Page[StatementItem]
    stories: list[EntityStory]


class LinkCorrection(Shape):
    link_id: str
    relation: str
    story_id: str | None
    rejected: bool
