"""`counterclaim eval attribution`: cue, source and content spans against brat gold files
laid out like PolNeAR (`text/<article>.txt`, `attributions/<article>_<annotator>.ann`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from counterclaim.eval.metrics import DocSpan, exact_prf, overlap_prf
from counterclaim.model import Statement

ROLES = ("cue", "source", "content")
_BRAT_ROLES = {"Cue": "cue", "Source": "source", "Content": "content"}


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    spans: dict[str, list[tuple[int, int]]]  # role → fragments


def parse_brat(annotation: str) -> dict[str, list[tuple[int, int]]]:
    """Role fragments of a brat standoff file: each fragment of a discontinuous span alone."""
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for line in annotation.splitlines():
        if not line.startswith("T"):
            continue  # relations, notes, and continuation lines of multi-line surface text
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = _BRAT_ROLES.get(label)
        if role is None:
            continue
        for fragment in offsets.split(";"):
            start, end = fragment.split()
            spans[role].append((int(start), int(end)))
    return spans


def load_gold(data_dir: Path, limit: int | None = None) -> list[GoldDocument]:
    """One annotation file per article: the alphabetically first annotator's."""
    texts = sorted((data_dir / "text").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"{data_dir}: no text/*.txt files")
    annotations: dict[str, Path] = {}
    for path in sorted((data_dir / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        annotations.setdefault(article, path)
    documents = []
    for path in texts[:limit]:
        annotation = annotations.get(path.stem)
        if annotation is None:
            continue
        documents.append(
            GoldDocument(
                path.stem, path.read_text("utf-8"), parse_brat(annotation.read_text("utf-8"))
            )
        )
    return documents


def predicted_spans(statements: list[Statement], text: str) -> dict[str, list[tuple[int, int]]]:
    """Role spans of our statements. Quotes we cut into sentences are joined again where only
    white space separates the pieces, since the gold marks one content span per quote."""
    spans: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    by_cue: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for statement in statements:
        spans["cue"].add((statement.cue.start, statement.cue.end))
        if statement.speaker:
            spans["source"].add((statement.speaker.span.start, statement.speaker.span.end))
        by_cue.setdefault((statement.cue.start, statement.cue.end), []).extend(
            _without_cue(statement, text)
        )
    for pieces in by_cue.values():
        pieces.sort()
        joined = [pieces[0]]
        for start, end in pieces[1:]:
            last_start, last_end = joined[-1]
            if not text[last_end:start].strip(" \n\t\"“”'’"):
                joined[-1] = (last_start, max(last_end, end))
            else:
                joined.append((start, end))
        spans["content"].update(joined)
    return {role: sorted(found) for role, found in spans.items()}


def _without_cue(statement: Statement, text: str) -> list[tuple[int, int]]:
    """A content's pieces beside its cue: we show `denied complicity with Daesh` and `The
    incident has been described as "an act of sabotage"` whole, PolNeAR marks the content
    around the cue."""
    content, cue = statement.content, statement.cue
    if not (content.start <= cue.start and cue.end <= content.end):
        return [(content.start, content.end)]
    pieces = []
    for start, end in ((content.start, cue.start), (cue.end, content.end)):
        body = text[start:end]
        start += len(body) - len(body.lstrip(" ,\"“”'‘’"))
        end -= len(body) - len(body.rstrip(" ,\"“”'‘’"))
        if end > start:
            pieces.append((start, end))
    return pieces


def evaluate(
    documents: list[GoldDocument],
    predict: Callable[[list[str]], list[list[Statement]]],
) -> dict:
    texts = {d.doc_id: d.text for d in documents}
    started = time.perf_counter()
    predictions = predict([d.text for d in documents])
    elapsed = time.perf_counter() - started
    gold: dict[str, list[DocSpan]] = {role: [] for role in ROLES}
    found: dict[str, list[DocSpan]] = {role: [] for role in ROLES}
    n_statements = 0
    for document, statements in zip(documents, predictions, strict=True):
        n_statements += len(statements)
        for role, spans in document.spans.items():
            gold[role] += [(document.doc_id, s, e) for s, e in spans]
        for role, spans in predicted_spans(statements, document.text).items():
            found[role] += [(document.doc_id, s, e) for s, e in spans]
    result: dict = {
        role: {
            "exact": exact_prf(found[role], gold[role], texts).as_dict(),
            "overlap": overlap_prf(found[role], gold[role], texts).as_dict(),
        }
        for role in ROLES
    }
    result["docs"] = len(documents)
    result["statements"] = n_statements
    result["docs_per_s"] = round(len(documents) / elapsed, 2) if elapsed else None
    result["statements_per_s"] = round(n_statements / elapsed, 2) if elapsed else None
    return result


def pipeline_predictor(batch_size: int = 16) -> Callable[[list[str]], list[list[Statement]]]:
    """Our whole NLP + extraction pipeline, as `analyze` runs it."""
    from counterclaim.extract.article import extract_article
    from counterclaim.nlp.pipeline import load_nlp

    nlp = load_nlp()

    def predict(texts: list[str]) -> list[list[Statement]]:
        return [
            list(extract_article(doc, str(i)).statements)
            for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size))
        ]

    return predict
