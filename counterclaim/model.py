"""The one data model of counterclaim. Every stage imports these types; none redefines them.

Character offsets are the common currency: every extracted fact names the article it came
from, a `CharSpan` into that article's stored `text`, and the `Provenance` (the rule or model
that produced it, with version, and its confidence).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# --- shared building blocks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CharSpan:
    """Half-open character range [start, end) into an article's stored text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which rule or model produced a fact (`name@version`), and how sure it is (0..1)."""

    producer: str
    confidence: float = 1.0


# --- ingest -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet from the outlet registry (or an unregistered domain)."""

    id: str
    name: str
    domains: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None  # wire, state media, public broadcaster, newspaper, ...
    state_affiliated: bool | None = None
    aliases: tuple[str, ...] = ()  # other names used in datelines and credits: "RHC", "AP"


@dataclass(frozen=True, slots=True)
class Dateline:
    """`Moscow, October 5 (RHC)--` → place Moscow, date 10-05, agency RHC."""

    span: CharSpan
    place: str | None
    date: date | None
    agency: str | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Origin:
    """Another outlet the article was taken from, with the evidence for it."""

    name: str
    outlet_id: str | None
    evidence: Literal["dateline", "credit", "metadata"]
    span: CharSpan | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader found in one input record, before metadata enrichment."""

    source: str  # the input: file path, URL or "-"
    record: str | None  # position inside a container: "line 12", "record @1024", "entry 3"
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as found in metadata, parsed later
    outlet: str | None = None  # an outlet name or domain given by the input itself
    site_name: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    content_hash: str
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    published_source: str | None = None  # metadata, text, dateline, dateline+batch-year
    outlet: Outlet | None = None
    outlet_source: str | None = None  # metadata, url, byline, site name, folder
    dateline: Dateline | None = None
    origin: Origin | None = None
    language: str | None = None
    author: str | None = None
    source: str | None = None
    record: str | None = None


# A reject's reason is shown on stderr and stored: a parser's message can quote a whole
# decompressed input (issue 17: a 210-million-character message from a gzip bomb).
MAX_MESSAGE_CHARS = 500


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match) -> str:
    code = ord(match[0])
    # U+DC80-U+DCFF is how Python decodes a file name's undecodable byte: show the byte
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text` safe to print and store: lone surrogates (a file name that is not UTF-8, a
    `\\ud800` escape in JSON) escaped, and cut at `limit` characters saying how many more."""
    text = _SURROGATE_RE.sub(_escape_surrogate, text)
    if len(text) > limit:
        more = f"… ({len(text) - limit:,} more characters)"
        text = text[: max(0, limit - len(more))] + more
    return text


@dataclass(frozen=True, slots=True)
class Reject:
    """An input (or a record inside one) that could not be used, and why. Each field is
    made printable and capped on creation, so every reject can be shown and stored."""

    source: str
    record: str | None
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", printable(self.source, 4 * MAX_MESSAGE_CHARS))
        if self.record is not None:
            object.__setattr__(self, "record", printable(self.record, MAX_MESSAGE_CHARS))
        object.__setattr__(self, "reason", printable(self.reason, MAX_MESSAGE_CHARS))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(url: str | None, text: str) -> str:
    """Identity by content: the same text at the same URL is the same article; the same URL with
    changed text is a new version; the same text at another URL is another outlet's copy."""
    key = f"{url or ''}\n{content_hash(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def link_id(relation: str, source: str, target: str) -> str:
    """A link's identity: its relation and its two ends (the same link found again keeps it)."""
    return hashlib.sha1(f"{relation}|{source}|{target}".encode()).hexdigest()[:16]


# --- facts filled by later stages -------------------------------------------------------------

StatementKind = Literal["direct", "indirect", "mixed"]
SpeechAct = Literal["assert", "accuse", "deny", "warn", "threaten", "urge", "confirm", "other"]
DatePrecision = Literal["day", "month", "year"]
LinkRelation = Literal["disputes", "supports", "repeats", "responds_to", "copy_of"]


@dataclass(frozen=True, slots=True)
class Mention:
    article_id: str
    span: CharSpan
    surface: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC, ...
    provenance: Provenance
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Linked:
    """A mention linked to a canonical entity by a rule of `link.entities`."""

    mention: Mention  # with entity_id set
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity; the alias registry's entities (`nlp.aliases`) carry their
    registry forms too."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", 0.0))
    actor_aliases: tuple[str, ...] = ()  # forms that name it only as an actor ("Moscow")
    part_of: str | None = None  # the entity it belongs to: a ministry's country


@dataclass(frozen=True, slots=True)
class Speaker:
    span: CharSpan
    text: str  # as written: "The Russian general"
    name: str | None = None  # resolved: "Igor Konashenkov"
    role: str | None = None  # "spokesman for Russia's Defense Ministry"
    organisation: str | None = None
    entity_id: str | None = None
    # True when the speaker stays a bare pronoun or is no actor at all (`polls`, `the
    # report`, a hashtag): the statement is kept, but it speaks for no side
    unresolved: bool = False
    via: str | None = None  # the outlet or person that relayed it: X in `X quoted Y as saying`


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    article_id: str
    speaker: Speaker | None
    cue: CharSpan
    cue_lemma: str
    content: CharSpan
    kind: StatementKind
    act: SpeechAct
    provenance: Provenance
    targets: tuple[str, ...] = ()
    said_on: date | None = None
    act_evidence: str | None = None  # the words that decided the act: `denied`, `baseless`


@dataclass(frozen=True, slots=True)
class StoredStatement:
    """A statement as the store holds it: the `Statement`, the texts of its cue and content
    (kept beside the spans), the entities its targets were linked to, and, where the reader
    asked for them, its article's order, outlet and publication date."""

    statement: Statement
    cue_text: str
    content_text: str
    target_entity_ids: tuple[str | None, ...] = ()  # one per target: None when unlinked
    seq: int | None = None  # its article's order in the store
    outlet_id: str | None = None
    outlet: str | None = None  # the outlet's name
    published: str | None = None  # the article's publication date, ISO, as stored

    @property
    def id(self) -> str:
        return self.statement.id

    @property
    def article_id(self) -> str:
        return self.statement.article_id

    @property
    def speaker(self) -> Speaker | None:
        return self.statement.speaker


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in an article, resolved against its anchor (dateline or
    publication date): `on Wednesday` in an article of Thursday 2017-10-05 → 2017-10-04."""

    article_id: str
    span: CharSpan  # the expression: "on Wednesday", "last month", "in September 2015"
    date: date  # the first day it denotes
    precision: DatePrecision
    provenance: Provenance
    end: date | None = None  # last day, when the expression is a range ("earlier this week")
    anchor: date | None = None  # the date it was resolved against


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    id: str
    article_id: str
    span: CharSpan
    date: date
    precision: DatePrecision
    text: str
    provenance: Provenance
    expression: CharSpan | None = None
    entity_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_date: date | None = None
    last_date: date | None = None
    entity_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryThread:
    """A long-running storyline: stories (each one event) that share their main actors.
    An optional grouping above stories, never a merge of them (`link.stories.story_threads`)."""

    id: str
    story_ids: tuple[str, ...]  # earliest first
    entity_ids: tuple[str, ...]  # the actors its stories share, most shared first


@dataclass(frozen=True, slots=True)
class Link:
    """`source_id` RELATION `target_id`: statement ids, or article ids for `copy_of`."""

    source_id: str  # exported as "from": the denial, the repeat, the later copy
    target_id: str  # exported as "to": the claim denied, the original, the origin
    relation: LinkRelation
    score: float
    provenance: Provenance
    evidence: dict[str, object] = field(default_factory=dict)  # what decided it
    story_id: str | None = None

    @property
    def kind(self) -> str:
        """What the ids name: `article` for copies, else `statement`."""
        return "article" if self.relation == "copy_of" else "statement"


@dataclass(frozen=True, slots=True)
class Reply:
    """A statement answering a claim, and how (a `Link` seen from the claim)."""

    statement: StoredStatement  # the replying statement
    relation: LinkRelation
    score: float


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement of a side, with the statements that dispute, support or repeat it."""

    statement: StoredStatement
    disputed_by: tuple[Reply, ...] = ()
    supported_by: tuple[Reply, ...] = ()  # supports and repeats
    answered_by: tuple[Reply, ...] = ()  # responds_to


@dataclass(frozen=True, slots=True)
class Side:
    """Actors of one affiliation (a country and its institutions, or one speaker) and what
    they claim, most contested first."""

    id: str  # the affiliation's entity id, or the speaker's key
    label: str
    actors: tuple[str, ...]  # speakers as resolved: `Igor Konashenkov`, `Pentagon`
    claims: tuple[Claim, ...]
    outlet_ids: tuple[str, ...]  # outlets that carried this side's statements


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story laid out for reading: sides, claims and counterclaims, coverage, timeline,
    and where each copy came from."""

    story: Story
    sides: tuple[Side, ...]
    outlets: tuple[dict, ...]  # id, name, country, state_affiliated, article_ids, spellings
    timeline: tuple[dict, ...]  # `timeline_events` rows with `outlet` and `sources`
    provenance: tuple[dict, ...]  # origin_article_id, copies: [article ids], evidence


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """A span written with a propaganda technique (the 14 classes of SemEval-2020 Task 11:
    `Loaded_Language`, `Name_Calling,Labeling`, ...)."""

    article_id: str
    span: CharSpan
    technique: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything the per-article extractors found in one article."""

    article_id: str
    statements: tuple[Statement, ...] = ()
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    techniques: tuple[TechniqueSpan, ...] = ()
