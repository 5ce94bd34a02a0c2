"""`counterclaim eval disputes`: who claims what and who disputes it, on real disputes.

A disputes set is a folder laid out like `../shared/data/disputes/`: `gold.json` (cases with
their articles, annotated claims, dispute links and spelling groups) and `cases/NN-slug/*.md`
(one article a file). The pipeline runs on the cases into a store; the store's JSON export is
scored exactly as `../shared/tools/score_disputes.py` scores it (the reference: a test checks
that both give the same figures on the same export), overall and per case.

Measures (the reference scorer's):
- stories: article pairs of different cases in one story (should be 0); within-case pair recall.
- claims: gold claims covered by a statement's content (overlap >= half the shorter span), and
  with the right speaker (a distinctive word of the canonical speaker in the statement's
  speaker text, name, organisation, role or resolved entity).
- disputes: gold links found as `disputes` between statements covering both quotes (strict), or
  from the statement covering the denial to any statement of the accused (lenient); precision
  over the produced `disputes` links whose two ends both cover annotated claims.
- entities: gold spelling groups (2+ forms found as mentions) that end up in one entity.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from counterclaim.pipeline import analyze, ingest
from counterclaim.present.export import export_json
from counterclaim.store.db import connect

# Words of a canonical speaker too common to tell one party from another (the reference's).
SPEAKER_STOPWORDS = frozenset(
    {
        "the",
        "ministry",
        "foreign",
        "defence",
        "defense",
        "department",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "state",
        "office",
        "general",
        "minister",
        "secretary",
        "press",
        "official",
        "officials",
    }
)


@dataclass(frozen=True)
class GoldSet:
    cases: list[dict]
    cases_dir: Path


def load_gold(data_dir: Path) -> GoldSet:
    """`gold.json` and `cases/` of a disputes set; a clear error when either is missing."""
    gold_file, cases_dir = data_dir / "gold.json", data_dir / "cases"
    if not gold_file.is_file():
        raise FileNotFoundError(f"{gold_file}: no gold.json in {data_dir}")
    if not cases_dir.is_dir():
        raise FileNotFoundError(f"{cases_dir}: no cases/ folder in {data_dir}")
    try:
        cases = json.loads(gold_file.read_text(encoding="utf-8"))["cases"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{gold_file}: not a disputes gold file ({exc})") from exc
    return GoldSet(cases, cases_dir)


def _low(value: object) -> str:
    return value.lower() if isinstance(value, str) else ""


def _find_span(text: str, quote: str) -> tuple[int, int] | None:
    for candidate in (quote, quote.replace("…", "...").strip()):
        at = text.find(candidate)
        if at >= 0:
            return at, at + len(candidate)
    match = re.search(r"\s+".join(re.escape(word) for word in quote.split()), text)
    return (match.start(), match.end()) if match else None


def _covers(statement: Mapping, span: tuple[int, int] | None) -> bool:
    content = (statement.get("content") or {}).get("span")
    if not content or not span:
        return False
    overlap = max(0, min(content[1], span[1]) - max(content[0], span[0]))
    return overlap >= 0.5 * max(1, min(content[1] - content[0], span[1] - span[0]))


class _Scorer:
    """The reference scorer's measures over one export, kept per case."""

    def __init__(self, export: Mapping, gold: GoldSet, *, by_source: bool = False) -> None:
        self.gold = gold
        self.by_source = by_source
        self.articles = export.get("articles", [])
        self.by_url = {a.get("url"): a for a in self.articles}
        self.statements_of: dict[str, list[dict]] = {}
        for statement in export.get("statements", []):
            self.statements_of.setdefault(statement.get("article_id"), []).append(statement)
        self.statement = {s.get("id"): s for s in export.get("statements", [])}
        self.story_of = {
            a: s.get("id") for s in export.get("stories", []) for a in (s.get("article_ids") or [])
        }
        self.disputes = [
            link
            for link in export.get("links", [])
            if (link.get("relation") or "").lower() == "disputes"
        ]
        self.entity_name = {e.get("id"): e.get("name") for e in export.get("entities", [])}
        self.entities = export.get("entities", [])
        self.file_article: dict[tuple[str, str], dict] = {}
        self.unmapped: list[str] = []
        for case in gold.cases:
            for name in case["files"]:
                article = self._article_of(case["id"], name)
                if article is None:
                    self.unmapped.append(f"{case['id']}/{name}")
                else:
                    self.file_article[(case["id"], name)] = article
        self.case_of_article = {a["id"]: c for (c, _), a in self.file_article.items()}

    def _article_of(self, case_id: str, name: str) -> dict | None:
        if self.by_source:
            own = next((a for a in self.articles if _source_file(a) == (case_id, name)), None)
            if own is not None:
                return own
        return self._reference_article_of(case_id, name)

    def _reference_article_of(self, case_id: str, name: str) -> dict | None:
        """The reference's mapping: by a `<URL>` last line, else by the first body line's
        text, which two files can share (then both map to the first such article)."""
        path = self.gold.cases_dir / case_id / name
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        url = lines[-1].strip("<>") if lines and lines[-1].startswith("<") else None
        article = self.by_url.get(url)
        if article is None:  # by text: the first body paragraph
            body = [x for x in lines[1:] if not x.startswith("Published:")]
            key = body[0][:80] if body else None
            article = next((a for a in self.articles if key and key in (a.get("text") or "")), None)
        return article

    def speaker_ok(self, statement: Mapping, canonical: str) -> bool:
        speaker = statement.get("speaker") or {}
        fields = ("text", "name", "organisation", "role", "entity_id")
        parts = [_low(speaker.get(k)) for k in fields if isinstance(speaker.get(k), str)]
        have = " ".join([*parts, _low(self.entity_name.get(speaker.get("entity_id")))])
        words = [
            w
            for w in re.findall(r"[a-z][a-z'-]+", _low(canonical))
            if len(w) >= 4 and w not in SPEAKER_STOPWORDS
        ]
        return any(re.search(r"(?<![a-z])" + re.escape(w), have) for w in words)

    def covering(self, article: Mapping, quote: str) -> list[dict]:
        span = _find_span(article.get("text") or "", quote)
        return [s for s in self.statements_of.get(article["id"], []) if _covers(s, span)]

    def stories(self, case_ids: set[str]) -> dict:
        case_of = self.case_of_article
        ids = list(case_of)
        same = [
            (x, y)
            for x, y in itertools.combinations(ids, 2)
            if self.story_of.get(x) and self.story_of.get(x) == self.story_of.get(y)
        ]
        cross = sum(
            1
            for x, y in same
            if case_of[x] != case_of[y] and (case_of[x] in case_ids or case_of[y] in case_ids)
        )
        within = [
            (x, y)
            for x, y in itertools.combinations(ids, 2)
            if case_of[x] == case_of[y] and case_of[x] in case_ids
        ]
        together = sum(
            1
            for x, y in within
            if self.story_of.get(x) and self.story_of.get(x) == self.story_of.get(y)
        )
        return {
            "cross_case_pairs": cross,
            "within_case_pairs": len(within),
            "within_case_recall": together / max(1, len(within)),
        }

    def claims(self, cases: Sequence[dict]) -> dict:
        total = found = right = 0
        for case in cases:
            for claim in case["claims"]:
                total += 1
                article = self.file_article.get((case["id"], claim["file"]))
                if article is None:
                    continue
                hits = self.covering(article, claim["quote"])
                found += bool(hits)
                right += any(self.speaker_ok(s, claim["canonical"]) for s in hits)
        return {
            "gold": total,
            "covered": found,
            "covered_share": found / max(1, total),
            "right_speaker": right,
            "right_speaker_share": right / max(1, total),
        }

    def dispute_recall(self, cases: Sequence[dict]) -> dict:
        total = strict = lenient = 0
        for case in cases:
            for gold in case["disputes"]:
                total += 1
                source = self.file_article.get((case["id"], gold["from_file"]))
                target = self.file_article.get((case["id"], gold["to_file"]))
                if source is None or target is None:
                    continue
                froms = {s["id"] for s in self.covering(source, gold["from_quote"])}
                tos = {s["id"] for s in self.covering(target, gold["to_quote"])}
                ok_strict = ok_lenient = False
                for link in self.disputes:
                    ends = (link.get("from"), link.get("to"))
                    for x, y in (ends, ends[::-1]):
                        if x in froms and y in tos:
                            ok_strict = True
                        if (
                            x in froms
                            and y in self.statement
                            and self.speaker_ok(self.statement[y], gold["to_speaker"])
                        ):
                            ok_lenient = True
                strict += ok_strict
                lenient += ok_strict or ok_lenient
        return {
            "gold": total,
            "strict": strict,
            "strict_share": strict / max(1, total),
            "lenient": lenient,
            "lenient_share": lenient / max(1, total),
        }

    def dispute_precision(self, cases: Sequence[dict]) -> dict:
        """Produced `disputes` links whose two ends both cover gold claims of these cases."""
        claim_keys: dict[str, set[tuple[str, str, str]]] = {}
        for case in cases:
            for claim in case["claims"]:
                article = self.file_article.get((case["id"], claim["file"]))
                if article is None:
                    continue
                for statement in self.covering(article, claim["quote"]):
                    key = (case["id"], claim["file"], claim["quote"])
                    claim_keys.setdefault(statement["id"], set()).add(key)
        gold_pairs = {
            ((c["id"], d["from_file"], d["from_quote"]), (c["id"], d["to_file"], d["to_quote"]))
            for c in cases
            for d in c["disputes"]
        }
        judged = right = 0
        for link in self.disputes:
            xs, ys = claim_keys.get(link.get("from"), set()), claim_keys.get(link.get("to"), set())
            if not xs or not ys:
                continue
            judged += 1
            right += any((x, y) in gold_pairs or (y, x) in gold_pairs for x in xs for y in ys)
        return {"judged": judged, "right": right, "precision": right / max(1, judged)}

    def entity_groups(self, cases: Sequence[dict]) -> dict:
        entities_of: dict[str, set] = {}
        for entity in self.entities:
            for mention in entity.get("mentions") or []:
                if isinstance(mention, dict):
                    entities_of.setdefault(_low(mention.get("surface")), set()).add(
                        entity.get("id")
                    )
            for form in (entity.get("aliases") or []) + [entity.get("name")]:
                entities_of.setdefault(_low(form), set()).add(entity.get("id"))
        groups = joined = 0
        split: list[list[str]] = []
        for case in cases:
            for group in case.get("same_entity") or []:
                found = [entities_of[f.lower()] for f in group if f.lower() in entities_of]
                if len(found) < 2:
                    continue
                groups += 1
                if set.intersection(*found):
                    joined += 1
                else:
                    split.append(list(group))
        return {
            "groups": groups,
            "joined": joined,
            "joined_share": joined / max(1, groups),
            "split": split,
        }

    def measures(self, cases: Sequence[dict]) -> dict:
        recall = self.dispute_recall(cases)
        return {
            "stories": self.stories({c["id"] for c in cases}),
            "claims": self.claims(cases),
            "disputes": {
                **recall,
                **self.dispute_precision(cases),
                "produced": sum(
                    1
                    for link in self.disputes
                    if any(
                        self._case_of_statement(link.get(end)) in {c["id"] for c in cases}
                        for end in ("from", "to")
                    )
                ),
            },
            "entities": self.entity_groups(cases),
        }

    def _case_of_statement(self, statement_id: object) -> str | None:
        statement = self.statement.get(statement_id)
        return self.case_of_article.get(statement.get("article_id")) if statement else None


def _source_file(article: Mapping) -> tuple[str, str] | None:
    """(case folder, file name) of the file an exported article was ingested from."""
    source = (article.get("input") or {}).get("source")
    return tuple(Path(source).parts[-2:]) if isinstance(source, str) else None  # type: ignore[return-value]


def _scored(scorer: _Scorer, gold: GoldSet) -> dict:
    overall = scorer.measures(gold.cases)
    overall["disputes"]["produced"] = len(scorer.disputes)  # the reference counts them all
    return {
        "articles": {"mapped": len(scorer.file_article), "unmapped": scorer.unmapped},
        "overall": overall,
        "cases": {
            case["id"]: {"articles": len(case["files"]), **scorer.measures([case])}
            for case in gold.cases
        },
    }


def score(export: Mapping, gold: GoldSet) -> dict:
    """Every measure of the reference scorer, over all cases and per case.

    Where the reference maps a gold file to an article ingested from another file (two files
    open with the same line, and the files carry no `<URL>` line), the conflicts are listed
    and every measure is given again under `by_source`, each file mapped to the article
    ingested from it: the figures the annotation means."""
    scorer = _Scorer(export, gold)
    result = _scored(scorer, gold)
    conflicts = [
        {"file": f"{case_id}/{name}", "mapped_to": "/".join(_source_file(article) or ("?",))}
        for (case_id, name), article in scorer.file_article.items()
        if _source_file(article) not in (None, (case_id, name))
    ]
    result["articles"]["conflicts"] = conflicts
    if conflicts:
        result["by_source"] = _scored(_Scorer(export, gold, by_source=True), gold)
    return result


def headline(result: Mapping) -> dict[str, float]:
    """The figures a gate or a table quotes, flat."""
    overall = result["overall"]
    return {
        "stories_cross_case_pairs": overall["stories"]["cross_case_pairs"],
        "stories_within_case_recall": overall["stories"]["within_case_recall"],
        "claims_covered": overall["claims"]["covered_share"],
        "claims_right_speaker": overall["claims"]["right_speaker_share"],
        "disputes_strict": overall["disputes"]["strict_share"],
        "disputes_lenient": overall["disputes"]["lenient_share"],
        "disputes_precision": overall["disputes"]["precision"],
        "entity_groups_joined": overall["entities"]["joined_share"],
    }


def export_document(conn: sqlite3.Connection) -> dict:
    """The store's JSON export, exactly as `counterclaim export --format json` writes it."""
    buffer = io.StringIO()
    export_json(conn, buffer)
    return json.loads(buffer.getvalue())


def evaluate(
    gold: GoldSet, db_path: Path, *, quiet: bool = True, config_file: str | Path | None = None
) -> dict:
    """`counterclaim run CASES [--config FILE]` into the store at `db_path`, then score its
    export."""
    conn = connect(db_path)
    try:
        report = ingest(conn, [str(gold.cases_dir)])
        analyze(conn, nlp_config=str(config_file) if config_file else None)
        result = score(export_document(conn), gold)
    finally:
        conn.close()
    result["rejects"] = [f"{r.source}: {r.reason}" for r in report.rejects]
    return result


def _measure_lines(overall: Mapping) -> Iterable[str]:
    stories, claims = overall["stories"], overall["claims"]
    disputes, entities = overall["disputes"], overall["entities"]
    yield (
        f"stories: {stories['cross_case_pairs']} cross-case pairs merged (bar 0), "
        f"within-case pair recall {stories['within_case_recall']:.2f}"
    )
    yield (
        f"claims: {claims['covered']}/{claims['gold']} covered ({claims['covered_share']:.2f}), "
        f"with the right speaker {claims['right_speaker']} ({claims['right_speaker_share']:.2f})"
    )
    yield (
        f"disputes: strict {disputes['strict']}/{disputes['gold']} "
        f"({disputes['strict_share']:.2f}), "
        f"lenient {disputes['lenient']} ({disputes['lenient_share']:.2f}); "
        f"links produced {disputes['produced']}"
    )
    yield (
        f"dispute precision where both ends are annotated claims: {disputes['right']}/"
        f"{disputes['judged']} ({disputes['precision']:.2f})"
    )
    yield (
        f"entities: {entities['joined']}/{entities['groups']} spelling groups (with 2+ forms "
        f"found as mentions) in one entity ({entities['joined_share']:.2f})"
    )


def format_lines(result: Mapping) -> Iterable[str]:
    """The reference scorer's lines, then a table per case; where the reference maps a file to
    another file's article, the conflicts and the figures with each file mapped to its own."""
    yield (
        f"articles mapped {result['articles']['mapped']}/"
        f"{result['articles']['mapped'] + len(result['articles']['unmapped'])}; "
        f"unmapped: {result['articles']['unmapped'][:5]}"
    )
    yield from _measure_lines(result["overall"])
    if "by_source" in result:
        yield ""
        for conflict in result["articles"]["conflicts"]:
            yield (
                f"warning: the reference maps {conflict['file']} to the article of "
                f"{conflict['mapped_to']} (the same opening line, no <URL> line)"
            )
        yield "with each file mapped to the article ingested from it:"
        yield from (f"  {line}" for line in _measure_lines(result["by_source"]["overall"]))
    yield ""
    yield (
        f"{'case':<36} {'arts':>4} {'x-case':>6} {'story R':>7} {'claims':>6} {'speaker':>7} "
        f"{'strict':>6} {'lenient':>7} {'prec':>9} {'names':>6}"
    )
    for case_id, m in result["cases"].items():
        d = m["disputes"]
        yield (
            f"{case_id[:36]:<36} {m['articles']:>4} {m['stories']['cross_case_pairs']:>6} "
            f"{m['stories']['within_case_recall']:>7.2f} {m['claims']['covered_share']:>6.2f} "
            f"{m['claims']['right_speaker_share']:>7.2f} {d['strict_share']:>6.2f} "
            f"{d['lenient_share']:>7.2f} {d['right']:>4}/{d['judged']:<4} "
            f"{m['entities']['joined']:>2}/{m['entities']['groups']:<3}"
        )
