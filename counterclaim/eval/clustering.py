"""`counterclaim eval clustering`: story clustering against gold event clusters.

The input is JSONL, one document a line, with `text`, the gold cluster in `event_cluster` (or
`cluster`), and optionally a publication `date`. Nothing else of a line is read: in ECB+ the
topic, subtopic, doc id, URL and source file all give the label away.

All documents of the file go through one `StoryClusterer`, with the production features: the
spaCy pipeline (`load_nlp`), `find_mentions`, `article_signals` and the MiniLM encoder. They go
in time order when every line has a `date`; otherwise in the order of their texts' sha256, so
that the file's own order (ECB+ lists a topic's documents together) tells nothing. An
undated document's date is read from its first lines (`lead_date`), as a reader would.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from counterclaim.eval.metrics import PRF
from counterclaim.extract.signals import ArticleSignals, article_signals, embedding_text
from counterclaim.ingest.metadata import MONTHS, parse_date
from counterclaim.link.stories import LinkingOptions, StoryClusterer

GOLD_FIELDS = ("event_cluster", "cluster")


@dataclass(frozen=True)
class GoldDocument:
    id: str  # the line number: the file's own ids may carry the label
    text: str
    gold: str
    date: date | None  # from the `date` field only


def load_documents(path: Path) -> list[GoldDocument]:
    documents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {number}: not JSON ({exc.msg})") from exc
            gold = next((record[f] for f in GOLD_FIELDS if record.get(f) is not None), None)
            if not isinstance(record.get("text"), str) or gold is None:
                raise ValueError(f"{path}: line {number}: needs `text` and `event_cluster`")
            documents.append(
                GoldDocument(
                    f"line {number}", record["text"], str(gold), parse_date(record.get("date"))
                )
            )
    if not documents:
        raise ValueError(f"{path}: no documents")
    return documents


def stream_order(documents: Sequence[GoldDocument]) -> list[int]:
    """Time order when every document has a date, else the order of the texts' sha256."""

    def digest(i: int) -> str:
        return hashlib.sha256(documents[i].text.encode("utf-8")).hexdigest()

    if all(d.date for d in documents):
        return sorted(range(len(documents)), key=lambda i: (documents[i].date, digest(i)))
    return sorted(range(len(documents)), key=digest)


# --- a publication date from the first lines ---------------------------------------------------

_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_LEAD_DATE_RES = (
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # August 2, 2013 / Sat Nov 12 2011
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # Monday 16 September 2013
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"(?<![\d:])(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})\s*/\s*(?P<y>\d{4}|\d{2})\b"),
)
LEAD_LINES = 3  # ECB+ pages put the date on the title's next line or the one after
LEAD_LINE_CHARS = 160  # longer lines are body text, where dates are of events, not pages


def lead_date(text: str) -> date | None:
    """The first date written in the first short lines (`AUGUST 2, 2013 | 08:06AM PT`,
    `Posted 2 / 3 / 2009`, `Last updated 13:26 14 / 09 / 2013`). Slashed dates are month
    first unless the first number cannot be a month."""
    lines = [line for line in text.splitlines() if line.strip()][:LEAD_LINES]
    for line in lines:
        if len(line) > LEAD_LINE_CHARS:
            continue
        found: list[tuple[int, date]] = []
        for pattern in _LEAD_DATE_RES:
            for match in pattern.finditer(line):
                value = _date_of(match)
                if value:
                    found.append((match.start(), value))
        if found:
            return min(found)[1]
    return None


def _date_of(match: re.Match) -> date | None:
    groups = match.groupdict()
    try:
        if "a" in groups:
            a, b, year = int(groups["a"]), int(groups["b"]), int(groups["y"])
            year = year + 2000 if year < 100 else year
            month, day = (b, a) if a > 12 else (a, b)
            return date(year, month, day)
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower()[:3])
        if month_text.lower().startswith("sept"):
            month = 9
        return date(int(groups["year"]), month or 0, int(groups["day"]))
    except ValueError:
        return None


# --- metrics -----------------------------------------------------------------------------------


def pairwise_prf(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """Over document pairs: a pair is a true positive when both clusterings put it together."""

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(predicted, gold, strict=True)))
    return PRF.of(both, pairs(Counter(predicted)), pairs(Counter(gold)))


def bcubed_prf(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """BCubed (Bagga and Baldwin 1998): per document, the share of its predicted cluster that
    is in its gold cluster (precision) and of its gold cluster found in its predicted cluster
    (recall), averaged over documents."""
    if not gold:
        return PRF(0.0, 0.0, 0.0)
    pairs = list(zip(predicted, gold, strict=True))
    joint = Counter(pairs)
    in_predicted, in_gold = Counter(predicted), Counter(gold)
    precision = sum(joint[p, g] / in_predicted[p] for p, g in pairs) / len(pairs)
    recall = sum(joint[p, g] / in_gold[g] for p, g in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(round(precision, 4), round(recall, 4), round(f1, 4))


def score(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict:
    return {
        "pairwise": pairwise_prf(predicted, gold).as_dict(),
        "bcubed": bcubed_prf(predicted, gold).as_dict(),
        "clusters": {"gold": len(set(gold)), "predicted": len(set(predicted))},
    }


# --- features and the run ---------------------------------------------------------------------

Featurizer = Callable[[Sequence[GoldDocument]], list[ArticleSignals]]


def pipeline_featurizer(batch_size: int = 16) -> Featurizer:
    """Signals as production computes them: spaCy pipeline, mentions, MiniLM encoder."""
    from counterclaim.extract.mentions import find_mentions
    from counterclaim.nlp.encoder import load_encoder, story_vectors
    from counterclaim.nlp.pipeline import load_nlp

    nlp = load_nlp()
    encoder = load_encoder()

    def featurize(documents: Sequence[GoldDocument]) -> list[ArticleSignals]:
        texts = [d.text for d in documents]
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        # as `analyze` does: pooled from the pipeline's own encoder pass where it can be
        vectors = story_vectors(encoder, [embedding_text(t) for t in texts], texts, docs)
        return signals_of(documents, docs, vectors, find_mentions)

    return featurize


def signals_of(documents, docs, vectors, find_mentions) -> list[ArticleSignals]:
    """ArticleSignals of parsed documents (split out so that tuning can reuse parsed docs),
    with the days their date expressions report, as `analyze` finds them."""
    from counterclaim.extract.dates import find_dates

    signals = []
    for document, doc, vector in zip(documents, docs, vectors, strict=True):
        published = document.date or lead_date(document.text)
        reported = [
            (d.date, d.span.start)
            for d in find_dates(doc, document.id, published)
            if d.precision == "day"
        ]
        signals.append(
            article_signals(
                doc,
                document.id,
                vector,
                find_mentions(doc, document.id),
                published=published,
                reported=reported,
            )
        )
    return signals


def cluster(
    signals: Sequence[ArticleSignals],
    order: Sequence[int],
    options: LinkingOptions | None = None,
    batch_size: int | None = None,
) -> list[str]:
    """The story id of each document, adding them to one clusterer in `order`, in batches of
    `batch_size` (default: the analysis batch, `[pipeline] batch_size`) as analysis links
    them: a batch's articles may move between stories once all of it is in (`add_batch`)."""
    if batch_size is None:
        from counterclaim.nlp.pipeline import analysis_batch_size

        batch_size = analysis_batch_size()
    dimensions = int(np.asarray(signals[0].vector).shape[-1]) if signals else 384
    clusterer = StoryClusterer(dimensions, options)
    for start in range(0, len(order), batch_size):
        clusterer.add_batch([signals[i] for i in order[start : start + batch_size]])
    assigned = clusterer.assignments()
    return [assigned[s.article_id] for s in signals]


def evaluate(
    documents: Sequence[GoldDocument],
    featurize: Featurizer,
    options: LinkingOptions | None = None,
) -> dict:
    started = time.perf_counter()
    signals = featurize(documents)
    predicted = cluster(signals, stream_order(documents), options)
    elapsed = time.perf_counter() - started
    result = score(predicted, [d.gold for d in documents])
    result["docs"] = len(documents)
    result["docs_per_s"] = round(len(documents) / elapsed, 2) if elapsed else None
    return result
