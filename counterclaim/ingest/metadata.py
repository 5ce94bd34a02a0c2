"""Article metadata from the text itself: bylines, datelines, credit lines, dates, language.

Pure functions: text (and the outlet registry) in, values out. `enrich` turns a reader's
`RawArticle` into an `Article`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from counterclaim.ingest.calendar import DATELINE, month_day_near
from counterclaim.ingest.outlets import OutletRegistry, domain_of
from counterclaim.model import (
    Article,
    CharSpan,
    Dateline,
    Origin,
    Outlet,
    Provenance,
    RawArticle,
    article_id,
    content_hash,
)

PRODUCER_DATELINE = "rule:dateline@1"
PRODUCER_CREDIT = "rule:credit-line@1"

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY_RE = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DASH_RE = r"(?:--|—|–|-|:)"

# A leading credit, `**Radio Habana Cuba** date 2017-10-07`, or its date part alone
# (`date 2017-10-07 WASHINGTON ...`), as saved pages often start.
_BYLINE_RE = re.compile(
    r"\A\s*(?:\*\*(?P<outlet>[^*\n]{2,80})\*\*[ \t]*)?"
    r"(?:(?i:date|published|posted)[ \t]*:?[ \t]*(?P<date>\d{4}-\d{2}-\d{2})[ \t]*)?"
)
# Wikinews and many CMSs start the body with the day's date: `Friday, January 4, 2019`.
_DATE_LINE_RE = re.compile(
    rf"\A\s*(?:{_WEEKDAY_RE},\s*)?(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})"
    r"[^\S\n]*\n"  # trailing spaces, non-breaking ones included
)
_PLACE_RE = r"[A-Z][A-Za-z.'’\-]*(?:[ ][A-Z][A-Za-z.'’\-]*){0,3}"
_DATELINE_RE = re.compile(
    rf"(?P<place>{_PLACE_RE}(?:,[ ](?!{_MONTH_RE}\s+\d){_PLACE_RE})?)"
    rf"(?:,?[ ](?P<month>{_MONTH_RE})[ ](?P<day>\d{{1,2}})(?:,[ ]?(?P<year>\d{{4}}))?)?"
    rf"(?:\s*\((?P<agency>[^()\n]{{1,40}})\)\s*{_DASH_RE}"  # (RHC)--   (Sputnik) –
    rf"|\.?\s*/(?P<slash_agency>[A-Za-z][A-Za-z\- ]{{1,30}})/\.?"  # MOSCOW, October 5. /TASS/.
    rf"|[ ]{_DASH_RE}(?=[ ])"  # WASHINGTON, Oct 5 — (no agency: place must be upper case)
    # SEOUL Dec 20 North Korea ... (a copy that dropped the agency and its dash: upper-case
    # place and its day, then the sentence)
    r"|(?P<bare>(?<=\d)(?=[ ][A-Z][a-z])))"
    r"[ \t]*"
)
_CREDIT_RES = (
    re.compile(
        r"\((?:source|sources|via|with information from|with files from)\s*:?\s*"
        r"(?P<name>[^()\n]{2,40})\)",
        re.I,
    ),
    re.compile(r"^(?:source|sources|via)\s*:\s*(?P<name>[^\n]{2,40}?)\s*\.?$", re.I | re.M),
    re.compile(
        r"\b(?:with (?:inputs|files|information|reporting) from)\s+"
        r"(?P<name>[A-Z][\w\- ]{1,30}?)\s*[.)]?$",
        re.M,
    ),
    re.compile(r"^(?P<name>[A-Z][\w\- ]{1,30}?) contributed to this report\.?$", re.M),
)


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    span: CharSpan
    place: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None


@dataclass(frozen=True, slots=True)
class Byline:
    span: CharSpan
    outlet: str | None
    published: date | None


def parse_date(value: str | None) -> date | None:
    """A publication date from metadata: ISO 8601, RFC 2822 (feeds) or a plain written date."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as dateutil_parser

    try:
        return dateutil_parser.parse(value, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def find_byline(text: str) -> Byline | None:
    """A leading `**Outlet** date YYYY-MM-DD` credit, or a leading `Friday, January 4, 2019`."""
    match = _BYLINE_RE.match(text)
    if match and (match["outlet"] or match["date"]):
        try:
            published = date.fromisoformat(match["date"]) if match["date"] else None
        except ValueError:  # `date 2019-99-99`: the credit still stands, without a date
            published = None
        return Byline(
            CharSpan(match.start(), match.end()),
            match["outlet"].strip() if match["outlet"] else None,
            published,
        )
    match = _DATE_LINE_RE.match(text)
    if match:
        month = _month_number(match["month"])
        try:
            day = date(int(match["year"]), month or 0, int(match["day"]))
        except ValueError:
            return None
        return Byline(CharSpan(match.start(), match.end()), None, day)
    return None


def find_dateline(text: str, search_chars: int = 400) -> DatelineMatch | None:
    """The dateline at the start of the article's first paragraph(s).

    `Moscow, October 5 (RHC)--`, `WASHINGTON (Sputnik) –`, `LONDON, Oct 5 (Reuters) -`,
    `MOSCOW, October 5. /TASS/.`, `BEIJING, Oct. 5 (Xinhua) --`, `WASHINGTON, Oct 5 —`.
    """
    head = text[:search_chars]
    for start in [0, *(m.end() for m in re.finditer(r"\n\s*", head))]:
        match = _DATELINE_RE.match(head, start)
        if not match:
            continue
        agency = match["agency"] or match["slash_agency"]
        if not agency and not match["place"].split(",")[0].isupper():
            continue  # without an agency only an upper-case place reads as a dateline
        if match["bare"] is not None and len(match["place"]) < 4:
            continue  # `US Jan 6 committee`: a bare dateline's place is a city's name
        month = _month_number(match["month"]) if match["month"] else None
        return DatelineMatch(
            span=CharSpan(match.start(), match.end()),
            place=", ".join(p.title() if p.isupper() else p for p in match["place"].split(", ")),
            month=month,
            day=int(match["day"]) if match["day"] else None,
            year=int(match["year"]) if match["year"] else None,
            agency=agency.strip() if agency else None,
        )
    return None


def find_credit(text: str, registry: OutletRegistry) -> tuple[Outlet, CharSpan] | None:
    """A credit line near the end naming a registered outlet: `(Source: Sputnik)`."""
    tail_start = max(0, len(text) - 600)
    for pattern in _CREDIT_RES:
        for match in pattern.finditer(text, tail_start):
            outlet = registry.by_name(match["name"].strip())
            if outlet:
                return outlet, CharSpan(match.start("name"), match.end("name"))
    return None


def detect_language(text: str) -> str | None:
    import py3langid

    sample = text[:1000]  # enough for the language; classify time grows with the length
    if len(sample.split()) < 3:
        return None
    return py3langid.classify(sample)[0]


def resolve_outlet(
    raw: RawArticle, byline: Byline | None, registry: OutletRegistry
) -> tuple[Outlet | None, str | None]:
    """The article's outlet and the evidence used: metadata, url, byline or site name."""
    if raw.outlet:
        found = registry.by_name(raw.outlet) or registry.by_domain(domain_of(raw.outlet))
        if found:
            return found, "metadata"
    found = registry.for_url(raw.url)
    if found:
        return found, "url"
    for name, evidence in (
        (byline.outlet if byline else None, "byline"),
        (raw.site_name, "site name"),
    ):
        found = registry.by_name(name)
        if found:
            return found, evidence
    if raw.outlet:
        slug = re.sub(r"[^a-z0-9]+", "-", raw.outlet.casefold()).strip("-") or "unknown"
        return Outlet(id=slug, name=raw.outlet.strip()), "metadata"
    domain = domain_of(raw.url)
    return (registry.unregistered(domain), "url") if domain else (None, None)


def find_origin(
    dateline: DatelineMatch | None,
    outlet: Outlet | None,
    text: str,
    registry: OutletRegistry,
) -> Origin | None:
    if dateline and dateline.agency:
        agency_outlet = registry.by_name(dateline.agency)
        if agency_outlet is None or outlet is None or agency_outlet.id != outlet.id:
            if outlet and dateline.agency.casefold() in (a.casefold() for a in outlet.aliases):
                return None
            return Origin(
                name=agency_outlet.name if agency_outlet else dateline.agency,
                outlet_id=agency_outlet.id if agency_outlet else None,
                evidence="dateline",
                span=dateline.span,
                # an unregistered agency in a dateline is very likely, not surely, an outlet
                provenance=Provenance(PRODUCER_DATELINE, 0.95 if agency_outlet else 0.6),
            )
        return None
    credit = find_credit(text, registry)
    if credit and (outlet is None or credit[0].id != outlet.id):
        return Origin(
            credit[0].name, credit[0].id, "credit", credit[1], Provenance(PRODUCER_CREDIT, 0.85)
        )
    return None


def clean_text(text: str) -> str:
    """Normalise line ends and trim; the result is the stored text all spans point into."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip()


def enrich(raw: RawArticle, registry: OutletRegistry) -> tuple[Article, DatelineMatch | None]:
    """Build the stored Article. Returns the raw dateline match too, so a batch can resolve a
    dateline's missing year from its neighbours (see `ingest.batch.infer_missing_years`)."""
    text = clean_text(raw.text)
    byline = find_byline(text)
    if byline:
        text = text[byline.span.end :].lstrip()
    outlet, outlet_source = resolve_outlet(raw, byline, registry)
    match = find_dateline(text)

    published, published_source = parse_date(raw.published), "metadata"
    if published is None and byline and byline.published:
        published, published_source = byline.published, "text"
    dateline_date = None
    if match and match.month and match.day:
        if match.year:
            try:
                dateline_date = date(match.year, match.month, match.day)
            except ValueError:
                dateline_date = None
        elif published:
            dateline_date = month_day_near(match.month, match.day, published, DATELINE)
    if published is None and dateline_date:
        published, published_source = dateline_date, "dateline"
    if published is None:
        published_source = None

    dateline = (
        Dateline(
            match.span, match.place, dateline_date, match.agency, Provenance(PRODUCER_DATELINE)
        )
        if match
        else None
    )
    title = " ".join(raw.title.split()).strip("*_ ") if raw.title else None
    article = Article(
        id=article_id(raw.url, text),
        content_hash=content_hash(text),
        text=text,
        url=raw.url,
        title=title or None,
        published=published,
        published_source=published_source,
        outlet=outlet,
        outlet_source=outlet_source,
        dateline=dateline,
        origin=find_origin(match, outlet, text, registry),
        language=detect_language(text),
        author=raw.author,
        source=raw.source,
        record=raw.record,
    )
    return article, match
