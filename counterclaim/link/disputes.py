"""Links between statements of one story: who disputes, supports, repeats or answers whom.

Pure: `link_statements(new, earlier)` takes `Voice`s (a statement with what linking needs to
know about it: its speaker's voices and side, its article's order and outlet, its content's
embedding) and returns `Link`s between each new statement and the earlier ones. The evidence
of each link says what decided it, so a user can check it.

- `repeats`: the same voice (the same person, or the same organisation speaking through its
  spokesman) says much the same in another article: a relayed statement.
- `disputes`: a voice of another side denies or rebuts: the statement is a denial (speech act
  `deny`, or rebuttal words such as `ridiculous`, `baseless`, `to the contrary`), and it is
  about the other: its speaker is the accused party (one of the claim's targets), or it
  names the claimant, or the two contents are close. The stance model, when given, adds its
  `disagree` probability to the evidence and, a little, to the score.
- `responds_to`: a voice answers another side without denying (the accused party speaks, or
  one side names the other).
- `supports`: another voice of the same side says much the same.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from counterclaim.link.aliases import AliasRegistry
from counterclaim.model import Link, Provenance

PRODUCER = "rule:disputes@1"

CLAIM_ACTS = frozenset({"assert", "accuse", "warn", "threaten", "confirm", "other"})
# Words of rebuttal: a statement holding one answers a claim as false.
_REBUTTAL_RE = re.compile(
    r"\b(ridiculous|baseless|groundless|absurd|nonsense|false|untrue|not true|lie|lies|"
    r"fabricat\w*|fake|unfounded|to the contrary|no evidence|categorically|deny|denies|"
    r"denied|reject\w*|refute\w*|dismiss\w*|propaganda|speculation)\b",
    re.IGNORECASE,
)
# Cosine of content embeddings (all-MiniLM-L6-v2) above which two statements say much the
# same; measured on the seeds and the sample corpus's relayed quotes.
SAME_CONTENT = 0.72
RELATED_CONTENT = 0.45
REPEATED_CONTENT = 0.55  # the same voice relaying itself: close, but reworded by another outlet
# The share of the stance model's disagree probability in a dispute's score. It is evidence,
# never the decision: trained on FNC-1 headline/body pairs, it is unreliable on two short
# statements (it calls the Pentagon's denial of complicity an `agree` with the accusation).
STANCE_WEIGHT = 0.2

# Links kept per statement and relation, the best-scored: a denial disputes the one or two
# claims it answers best, not every claim of the other side; a relayed statement repeats one.
KEEP_PER_STATEMENT = {"disputes": 2, "responds_to": 1, "repeats": 1, "supports": 1}

# (claim text, reply text) pairs → P(disagree) for each pair.
StanceFn = Callable[[Sequence[tuple[str, str]]], Sequence[float]]


@dataclass(frozen=True, slots=True)
class Voice:
    """One statement, as the linker sees it."""

    statement_id: str
    article_id: str
    act: str  # the statement's speech act
    content: str
    start: int  # where the content starts in its article
    voices: frozenset[str]  # every id the speaker speaks for: person and organisation
    side: str  # the root of the speaker's affiliation (a country), else the speaker itself
    targets: frozenset[str]  # entity ids (and their roots) the statement is about
    order: int  # its article's order first seen
    vector: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))


def voice_of(
    row: Mapping[str, object], registry: AliasRegistry, order: int, vector: np.ndarray
) -> Voice:
    """The voice of a stored statement row (`statements` columns): its speaker's person
    entity and organisation (looked up in the alias registry: `Russia's defense ministry`),
    the side they belong to (`part_of`: the Pentagon speaks for the United States), and
    the parties it is about."""
    from counterclaim.link.entities import fold

    person = row.get("speaker_entity_id")
    organisation_text = row.get("speaker_organisation") or ""
    organisation = registry.lookup(organisation_text) if organisation_text else None
    if organisation_text and organisation is None:
        organisation = "org:" + fold(organisation_text)
    voices = {v for v in (person, organisation) if v}
    if not voices:
        written = row.get("speaker_name") or row.get("speaker_text")
        voices = {"text:" + fold(written)} if written else {"statement:" + str(row["id"])}
    known = [v for v in (organisation, person) if v and registry.get(v)]
    side = registry.root(known[0]) if known else sorted(voices)[0]
    targets = {t for t in json.loads(row.get("target_entity_ids") or "[]") if t}
    targets |= {registry.root(t) for t in targets}
    return Voice(
        statement_id=str(row["id"]),
        article_id=str(row["article_id"]),
        act=str(row["act"]),
        content=str(row["content_text"]),
        start=int(row["content_start"]),
        voices=frozenset(voices),
        side=side,
        targets=frozenset(targets),
        order=order,
        vector=vector,
    )


def link_id(relation: str, source: str, target: str) -> str:
    return hashlib.sha1(f"{relation}|{source}|{target}".encode()).hexdigest()[:16]


def is_rebuttal(voice: Voice) -> bool:
    return voice.act == "deny" or bool(_REBUTTAL_RE.search(voice.content))


def _cosine(a: Voice, b: Voice) -> float:
    if not len(a.vector) or not len(b.vector):
        return 0.0
    return float(np.dot(a.vector, b.vector))


def _link(relation: str, reply: Voice, claim: Voice, score: float, evidence: dict) -> Link:
    score = round(min(max(score, 0.0), 1.0), 4)
    return Link(
        source_id=reply.statement_id,
        target_id=claim.statement_id,
        relation=relation,
        score=score,
        provenance=Provenance(PRODUCER, score),
        evidence=evidence,
    )


def decide(claim: Voice, reply: Voice, disagree: float | None = None) -> Link | None:
    """The link from `reply` (the later statement) to `claim`, if any."""
    cosine = _cosine(claim, reply)
    evidence: dict = {
        "cosine": round(cosine, 3),
        "acts": [claim.act, reply.act],
    }
    if disagree is not None:
        evidence["stance_disagree"] = round(disagree, 3)
    same_voice = bool(claim.voices & reply.voices)
    if same_voice:
        if reply.article_id != claim.article_id and cosine >= REPEATED_CONTENT:
            evidence["same_voice"] = sorted(claim.voices & reply.voices)
            return _link("repeats", reply, claim, cosine, evidence)
        return None
    other_side = claim.side != reply.side
    # the reply's speaker is one the claim is about, or the reply is about the claimant
    accused = bool((reply.voices | {reply.side}) & claim.targets)
    names_claimant = bool((claim.voices | {claim.side}) & reply.targets)
    if accused:
        evidence["reply_by_target"] = True
    if names_claimant:
        evidence["names_claimant"] = True
    if other_side:
        rebuttal = is_rebuttal(reply)
        about = accused or names_claimant or cosine >= RELATED_CONTENT
        if rebuttal:
            evidence["rebuttal"] = reply.act == "deny" or "words"
        if claim.act in CLAIM_ACTS and rebuttal and about:
            # an accusation answered by the accused is the clearest dispute
            charged = accused and claim.act == "accuse"
            score = 0.45 + 0.2 * accused + 0.15 * charged + 0.05 * names_claimant
            score += 0.3 * max(cosine, 0.0)
            if disagree is not None:
                score = (1 - STANCE_WEIGHT) * score + STANCE_WEIGHT * disagree
            return _link("disputes", reply, claim, max(score, 0.5), evidence)
        if accused or names_claimant:
            return _link("responds_to", reply, claim, 0.5 + 0.3 * max(cosine, 0.0), evidence)
        return None
    if cosine >= SAME_CONTENT and not is_rebuttal(reply):
        evidence["same_side"] = reply.side
        return _link("supports", reply, claim, cosine, evidence)
    return None


def link_statements(
    new: Sequence[Voice], earlier: Sequence[Voice], stance: StanceFn | None = None
) -> list[Link]:
    """Links from each new statement to earlier ones (and among the new ones, later to
    earlier in article order, then text order). At most one link per pair."""
    pool = sorted([*earlier, *new], key=lambda v: (v.order, v.article_id, v.start))
    position = {v.statement_id: i for i, v in enumerate(pool)}
    new_ids = {v.statement_id for v in new}
    pairs: list[tuple[Voice, Voice]] = []
    for reply in new:
        for claim in pool[: position[reply.statement_id]]:
            pairs.append((claim, reply))
    for claim in new:  # a new statement may be the claim an earlier-ordered one answers
        for reply in pool[position[claim.statement_id] + 1 :]:
            if reply.statement_id not in new_ids:
                pairs.append((claim, reply))
    disagree: Sequence[float | None] = [None] * len(pairs)
    if stance is not None:
        # only pairs of two sides are worth the model's time
        asked = [
            i
            for i, (c, r) in enumerate(pairs)
            if not (c.voices & r.voices) and is_rebuttal(r) and c.act in CLAIM_ACTS
        ]
        found = stance([(pairs[i][0].content, pairs[i][1].content) for i in asked]) if asked else []
        disagree = list(disagree)
        for i, p in zip(asked, found, strict=True):
            disagree[i] = float(p)
    found: dict[tuple[str, str], list[Link]] = {}
    for (claim, reply), p in zip(pairs, disagree, strict=True):
        link = decide(claim, reply, p)
        if link is not None:
            found.setdefault((link.source_id, link.relation), []).append(link)
    links = []
    disputing = {source for source, relation in found if relation == "disputes"}
    for (source, relation), candidates in sorted(found.items()):
        if relation == "responds_to" and source in disputing:
            continue  # a denial answers the claims it disputes; no weaker links beside them
        candidates.sort(key=lambda x: (-x.score, x.target_id))
        links += candidates[: KEEP_PER_STATEMENT[relation]]
    return links
