"""Links between statements of one story: who disputes, supports, repeats or answers whom.

Pure: `link_statements(new, earlier)` takes `Voice`s (a statement with what linking needs to
know about it: its speaker's voices and side, its article's order and outlet, its content's
embedding) and returns `Link`s between each new statement and the earlier ones. The evidence
of each link says what decided it, so a user can check it.

- `repeats`: the same voice (the same person, or the same organisation speaking through its
  spokesman) says much the same in another article: a relayed statement.
- `disputes`: a voice of another side denies or rebuts: the statement is a denial (speech act
  `deny`, or rebuttal words such as `ridiculous`, `baseless`, `to the contrary`) or a
  counter-accusation (it accuses the side that accused it), and it is about the other: its
  speaker's side is the accused party (one of the claim's targets, or named in its
  content), or it names the claimant, or it refers to a claim ("these allegations", "the
  report"), or the two contents are close. Either statement may be the earlier one seen: a
  denial in one outlet answers the allegation as another outlet reported it. Of the claims a
  denial could answer, the best scored few are kept (the accused answering an accusation,
  content similarity, the contradiction model's P(against) as evidence).
- `responds_to`: a voice answers another side without denying (the accused party speaks, or
  one side names the other).
- `supports`: another voice of the same side says much the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import numpy as np

from counterclaim.link.sides import (
    is_medium,
    is_pronoun,
    row_description,
    side_finder,
    speaker_of,
)
from counterclaim.model import Link, Provenance, StoredStatement
from counterclaim.nlp.aliases import AliasRegistry

PRODUCER = "rule:disputes@2"

CLAIM_ACTS = frozenset({"assert", "accuse", "warn", "threaten", "confirm", "other"})
# Words of rebuttal: a statement holding one answers a claim as false.
_REBUTTAL_RE = re.compile(
    r"\b(ridiculous|baseless|groundless|absurd|nonsense|false|falsely|untrue|not true|lie|lies|"
    r"lying|fabricat\w*|fake|unfounded|to the contrary|no evidence|no proof|not backed|"
    r"categorically|deny|denies|denied|denial|reject\w*|refute\w*|dismiss\w*|propaganda|"
    r"speculation|slander\w*|smear\w*|fiction|fictitious|disinformation|misinformation|"
    r"provocation|staged|hoax|unacceptable|nothing to do with|no involvement|not involved|"
    r"no role|never|so-called|none of|not a single)\b"
    r"|(?:\b(?:no|not|without|lack\w*)\b|n[’']t\b)[^.]{0,40}\b(?:evidence|proof|facts|grounds|basis)\b",
    re.IGNORECASE,
)
# P(against) of the contradiction model from which a reply counts as rebutting its claim
# even without a denial act or rebuttal words.
CONTRADICTION_REBUTS = 0.5
# A reply that points at something said: "these allegations", "the report", "such claims",
# "Washington's accusations", "the claim that ...". General English nouns of saying.
_REFERENCE_RE = re.compile(
    r"\b(?:th(?:e|is|ese|at|ose)|such|its|their|his|her|[A-Z][\w'’-]*(?:'s|’s))\s+"
    r"(?:\w+\s+)?(?:allegations?|accusations?|claims?|charges?|reports?|rumou?rs?|"
    r"assertions?|statements?|suggestions?|version|story|stories|accounts?|insinuations?|"
    r"speculations?|findings?|conclusions?|information|remarks?|comments?|narrative)\b",
    re.IGNORECASE,
)
# Cosine of content embeddings (all-MiniLM-L6-v2) above which two statements say much the
# same; measured on the seeds and the sample corpus's relayed quotes.
SAME_CONTENT = 0.72
RELATED_CONTENT = 0.45
REPEATED_CONTENT = 0.55  # the same voice relaying itself: close, but reworded by another outlet
# The contradiction model's P(against) in a dispute's score: evidence beside the parties and
# the content, never the decision (see README, "Contradiction", for how far it can be trusted).
CONTRADICTION_WEIGHT = 0.2

# Links kept per statement and relation, the best-scored; disputes are chosen by
# `_best_disputes` (the claim a denial answers in its own article, and the same allegation
# as another outlet reported it), not every claim of the other side.
KEEP_PER_STATEMENT = {"responds_to": 1, "repeats": 1, "supports": 1}
# Fewer words than this is no claim to dispute, nor a counter-accusation (a fragment: the
# object of "criticized Russia's assistance"); a denial may be one word ("Ridiculous.").
MIN_WORDS = 3
# Added to a dispute's score when claim and reply are in one article: an article reports a
# denial beside the allegation it answers (two thirds of the development set's gold links).
SAME_ARTICLE_BONUS = 0.25
# In its own article a denial disputes the claims within this of its best one, at most
# `KEEP_IN_OWN_ARTICLE` (on the development set 138 of 178 disputing statements answer one
# claim of their own article and 19 two; a wider margin keeps the right one more often when
# the scores are close, at the same precision).
SECOND_MARGIN = 0.2
KEEP_IN_OWN_ARTICLE = 5
# In the other articles of the story a denial disputes one claim, the best, when it scores
# within this of its best at home, the same-article bonus included (which it lacks: only a
# claim answered as squarely passes); the old rule, two per other article, made most of the
# wrong links (a third of the gold links cross articles, but a denial is linked across to one
# or two articles, not to all).
CROSS_MARGIN = 0.05
# With no claim to answer in its own article, a denial answers the best claim of another
# article of the story only from this score.
CROSS_FLOOR = 0.5
# Scores are in [0, 1] (`decide` divides by `_BEST_SCORE`). These were checked on the
# development set in coarse steps (own margins 0.15-0.25, 2-10 kept, cross margins
# 0.05-0.1, floors 0.5-0.7), not fitted to it: wider keeps more links at about the same
# precision.

# The most a dispute's evidence adds up to in `decide` (every term at its top).
_BEST_SCORE = 0.3 + 0.2 + 0.1 + 0.05 + 0.08 + 0.05 + 0.35 + SAME_ARTICLE_BONUS

# (claims, replies, claim vectors, reply vectors) → P(against) for each pair.
ContradictionFn = Callable[[list[str], list[str], np.ndarray, np.ndarray], Sequence[float]]


@dataclass(frozen=True, slots=True)
class Voice:
    """One statement, as the linker sees it."""

    statement_id: str
    article_id: str
    act: str  # the statement's speech act
    content: str
    start: int  # where the content starts in its article
    voices: frozenset[str]  # every id the speaker speaks for: person and organisation
    side: str  # the state or party the speaker speaks for, else the speaker itself
    targets: frozenset[str]  # entity ids (and their roots) the statement is about
    order: int  # its article's order first seen
    vector: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))
    known: bool = True  # False: an unresolved pronoun or no actor; its side is its own id
    mentions: frozenset[str] = frozenset()  # the sides its content and targets name


def side_of(
    statement: StoredStatement,
    registry: AliasRegistry,
    described: Mapping[str, str] | None = None,
) -> str | None:
    """The side a stored statement's speaker speaks for, or None (a pronoun, no actor):
    the registry's root of its organisation or person (`part_of`), else the state or group
    its description names ("Iranian Foreign Ministry spokesman"), else how the story
    describes the person elsewhere (`described`, by speaker name), else the named person or
    organisation itself."""
    from counterclaim.link.entities import fold

    finder = side_finder(registry)
    speaker = speaker_of(statement)
    person = speaker.entity_id
    organisation_text = speaker.organisation or ""
    if is_news_medium(statement):
        return None  # a news agency reports the dispute; it is no side of it
    organisation = registry.lookup(organisation_text) if organisation_text else None
    known = [v for v in (organisation, person) if v and registry.get(str(v))]
    if known:
        return registry.root(str(known[0]))
    side = finder.in_text(row_description(statement))
    if side and not side.startswith("group:"):
        return side
    group = side
    name = speaker.name or ""
    for key in (name, *_short_forms(statement)):
        if key and described and key in described:
            return described[key]
    if group:
        return group
    if person and name:
        return str(person)
    if organisation_text and not is_pronoun(organisation_text):
        return "org:" + fold(organisation_text)
    written = speaker.text or ""
    if name:
        return "text:" + fold(name)
    if written and not is_pronoun(written) and any(w[:1].isupper() for w in written.split()):
        return "text:" + fold(written)
    return None


@cache
def _outlet_names() -> frozenset[str]:
    """The outlet registry's names and aliases, folded: "Reuters", "SPA", "TASS"."""
    from counterclaim.ingest.outlets import load_registry
    from counterclaim.link.entities import fold

    return frozenset(
        fold(name) for o in load_registry().outlets for name in (o.name, *o.aliases) if name
    )


def is_news_medium(statement: StoredStatement) -> bool:
    """The speaker is a news outlet or agency (registry name, or described as one: "the SPA
    state-run news agency"), not a party of the dispute."""
    from counterclaim.link.entities import fold

    speaker = speaker_of(statement)
    written = [speaker.text or "", speaker.organisation or ""]
    if any(is_medium(w) for w in written):
        return True
    names = _outlet_names()
    return any(w and fold(w.removeprefix("the ").removeprefix("The ")) in names for w in written)


def _short_forms(statement: StoredStatement) -> list[str]:
    """The speaker as written and its organisation, as `described_sides` keys them."""
    speaker = speaker_of(statement)
    found = []
    for written in (speaker.text, speaker.organisation):
        value = (written or "").removeprefix("the ").removeprefix("The ")
        if value and not is_pronoun(value):
            found.append(value)
    return found


def voice_of(
    stored: StoredStatement,
    registry: AliasRegistry,
    order: int,
    vector: np.ndarray,
    described: Mapping[str, str] | None = None,
) -> Voice:
    """The voice of a stored statement: its speaker's person entity and organisation
    (looked up in the alias registry: `Russia's defense ministry`), the side they speak for
    (`side_of`), and the parties it is about."""
    from counterclaim.link.entities import fold

    finder = side_finder(registry)
    statement, speaker = stored.statement, speaker_of(stored)
    person = speaker.entity_id
    organisation_text = speaker.organisation or ""
    organisation = registry.lookup(organisation_text) if organisation_text else None
    if organisation_text and organisation is None:
        organisation = "org:" + fold(organisation_text)
    voices = {str(v) for v in (person, organisation) if v}
    if not voices:
        written = speaker.name or speaker.text
        if written and not is_pronoun(written):
            voices = {"text:" + fold(written)}
        else:
            voices = {"statement:" + statement.id}
    side = side_of(stored, registry, described)
    targets = {t for t in stored.target_entity_ids if t}
    targets |= {registry.root(t) for t in targets}
    mentions = set(targets)
    for text in [*statement.targets, stored.content_text]:
        mentions |= finder.all_in_text(text)
    return Voice(
        statement_id=statement.id,
        article_id=statement.article_id,
        act=statement.act,
        content=stored.content_text,
        start=statement.content.start,
        voices=frozenset(voices),
        side=side or "statement:" + statement.id,
        targets=frozenset(targets),
        order=order,
        vector=vector,
        known=side is not None,
        mentions=frozenset(mentions),
    )


def is_rebuttal(voice: Voice) -> bool:
    return voice.act == "deny" or _rebuts(voice.content)


@lru_cache(maxsize=8192)
def _rebuts(content: str) -> bool:
    """Cached (as `_refers`, `_word_count`): `decide` asks again for every pair a
    statement is in."""
    return bool(_REBUTTAL_RE.search(content))


def refers_to_claim(voice: Voice) -> bool:
    """The statement points at something said: "these allegations", "the report"."""
    return _refers(voice.content)


@lru_cache(maxsize=8192)
def _refers(content: str) -> bool:
    return bool(_REFERENCE_RE.search(content))


def is_counter_accusation(claim: Voice, reply: Voice) -> bool:
    """Mutual blame: the reply, later, blames the claimant's side for what the claim blamed
    on the reply's side. Both accuse, or one asserts what the other accuses with close
    content ("Russian forces fired at the plant" / "Ukrainian forces struck the plant")."""
    acts = {claim.act, reply.act}
    blaming = acts == {"accuse"} or (
        acts <= {"accuse", "assert"} and _cosine(claim, reply) >= RELATED_CONTENT
    )
    return (
        blaming
        and _position(claim) < _position(reply)
        and claim.known
        and reply.known
        and claim.side in reply.mentions
        and reply.side in claim.mentions
        and not is_rebuttal(claim)
    )


def _position(voice: Voice) -> tuple[int, str, int]:
    return (voice.order, voice.article_id, voice.start)


def is_substantial(voice: Voice) -> bool:
    """Enough words to be a claim or a reply (not `which`, `Russia's assistance`)."""
    return _word_count(voice.content) >= MIN_WORDS


@lru_cache(maxsize=8192)
def _word_count(content: str) -> int:
    return len(content.split())


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


def decide(claim: Voice, reply: Voice, against: float | None = None) -> Link | None:
    """The link from `reply` to `claim`, if any (`against`: the contradiction model's
    P(the reply is against the claim), evidence)."""
    cosine = _cosine(claim, reply)
    evidence: dict = {
        "cosine": round(cosine, 3),
        "acts": [claim.act, reply.act],
    }
    if against is not None:
        evidence["contradiction_against"] = round(float(against), 3)
    same_voice = bool(claim.voices & reply.voices)
    if same_voice:
        if reply.article_id != claim.article_id and cosine >= REPEATED_CONTENT:
            evidence["same_voice"] = sorted(claim.voices & reply.voices)
            return _link("repeats", reply, claim, cosine, evidence)
        return None
    same_side = claim.known and reply.known and claim.side == reply.side
    if same_side:  # one side never disputes itself
        if cosine >= SAME_CONTENT and not is_rebuttal(reply):
            evidence["same_side"] = reply.side
            return _link("supports", reply, claim, cosine, evidence)
        return None
    # two denials that say the same, or whose speakers are not both known, agree: the same
    # side denying twice (a pronoun speaker, a reworded relay)
    if (
        is_rebuttal(claim)
        and is_rebuttal(reply)
        and (cosine >= SAME_CONTENT or not (claim.known and reply.known))
    ):
        return None
    # the reply's side is one the claim is about, or the reply is about the claimant
    accused = reply.known and bool(({reply.side} | reply.voices) & (claim.targets | claim.mentions))
    names_claimant = claim.known and bool(
        ({claim.side} | claim.voices) & (reply.targets | reply.mentions)
    )
    if accused:
        evidence["reply_by_target"] = True
    if names_claimant:
        evidence["names_claimant"] = True
    rebuttal = is_rebuttal(reply) or (against is not None and against >= CONTRADICTION_REBUTS)
    counter = is_counter_accusation(claim, reply)
    refers = refers_to_claim(reply)
    if rebuttal:
        evidence["rebuttal"] = reply.act == "deny" or "words"
    if counter:
        evidence["counter_accusation"] = True
    if refers:
        evidence["refers_to_claim"] = True
    substantial = is_substantial(claim) and (rebuttal or is_substantial(reply))
    # a claim that is itself a rebuttal is answered only by a rebuttal of it that names
    # its speaker ("the ministry's statement is false"): two denials are rarely a dispute
    answerable = substantial and (
        (claim.act in CLAIM_ACTS and not is_rebuttal(claim))
        or ((claim.act == "deny" or is_rebuttal(claim)) and rebuttal and names_claimant)
    )
    # a bare denial ("This is utterly false", "has dismissed the allegation") names nothing:
    # in its own article it answers a claim of another side reported beside it
    beside = (
        claim.article_id == reply.article_id
        and reply.known
        and claim.known
        and (reply.act == "deny" or refers)
    )
    about = accused or names_claimant or cosine >= RELATED_CONTENT or beside
    if answerable and (rebuttal or counter) and about and (reply.known or cosine >= 0.5):
        # an accusation answered by the accused is the clearest dispute
        charged = accused and claim.act == "accuse"
        score = 0.3 + 0.2 * accused + 0.1 * charged + 0.05 * names_claimant
        score += 0.08 * refers + 0.05 * (reply.act == "deny") + 0.35 * max(cosine, 0.0)
        # a reply answers first what its own article reports
        score += SAME_ARTICLE_BONUS * (claim.article_id == reply.article_id)
        score /= _BEST_SCORE  # in [0, 1] without clipping: a denial's candidates rank by it
        if against is not None:
            score = (1 - CONTRADICTION_WEIGHT) * score + CONTRADICTION_WEIGHT * float(against)
        return _link("disputes", reply, claim, score, evidence)
    if accused or names_claimant:
        return _link("responds_to", reply, claim, 0.5 + 0.3 * max(cosine, 0.0), evidence)
    return None


def _wants_contradiction(claim: Voice, reply: Voice) -> bool:
    """Only pairs of two sides where the reply could dispute are worth the model's time."""
    if claim.voices & reply.voices or (claim.known and reply.known and claim.side == reply.side):
        return False
    return is_substantial(claim)


def with_story_sides(voices: Sequence[Voice]) -> list[Voice]:
    """The voices with the sides of the people and organisations they name added to their
    `mentions`, as the story's own statements place them: a claim about Lukashenko is about
    Belarus when Lukashenko speaks for Belarus in the story."""
    votes: dict[str, Counter[str]] = {}
    for v in voices:
        if v.known:
            for entity in v.voices:
                if entity != v.side:
                    votes.setdefault(entity, Counter())[v.side] += 1
    side_of_entity = {e: c.most_common(1)[0][0] for e, c in votes.items()}
    found = []
    for v in voices:
        extra = {side_of_entity[t] for t in v.mentions if t in side_of_entity}
        found.append(replace(v, mentions=v.mentions | extra) if extra - v.mentions else v)
    return found


def link_statements(
    new: Sequence[Voice],
    earlier: Sequence[Voice],
    contradiction: ContradictionFn | None = None,
) -> list[Link]:
    """Links from each new statement to earlier ones and back (and among the new ones). A
    pair is read both ways: the rebuttal is the reply, whichever article came first. At most
    one link per pair."""
    pool = with_story_sides(
        sorted([*earlier, *new], key=lambda v: (v.order, v.article_id, v.start))
    )
    new_ids = {v.statement_id for v in new}
    new = [v for v in pool if v.statement_id in new_ids]
    position = {v.statement_id: i for i, v in enumerate(pool)}
    pairs: list[tuple[Voice, Voice]] = []  # (earlier, later)
    for reply in new:
        for claim in pool[: position[reply.statement_id]]:
            pairs.append((claim, reply))
    for claim in new:
        for reply in pool[position[claim.statement_id] + 1 :]:
            if reply.statement_id not in new_ids:
                pairs.append((claim, reply))
    # both readings of each pair: (claim, reply) and (reply, claim)
    readings = [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]
    against: list[float | None] = [None] * len(readings)
    if contradiction is not None:
        asked = [i for i, (c, r) in enumerate(readings) if _wants_contradiction(c, r)]
        if asked:
            found = contradiction(
                [readings[i][0].content for i in asked],
                [readings[i][1].content for i in asked],
                np.stack([_vector(readings[i][0]) for i in asked]),
                np.stack([_vector(readings[i][1]) for i in asked]),
            )
            for i, p in zip(asked, found, strict=True):
                against[i] = float(p)
    decided: dict[tuple[str, str], Link] = {}
    for (claim, reply), p in zip(readings, against, strict=True):
        link = decide(claim, reply, p)
        if link is None:
            continue
        key = tuple(sorted((claim.statement_id, reply.statement_id)))
        held = decided.get(key)  # type: ignore[arg-type]
        if held is None or _rank(link) > _rank(held):
            decided[key] = link  # type: ignore[index]
    by_id = {v.statement_id: v for v in pool}
    found_links: dict[tuple[str, str], list[Link]] = {}
    for link in decided.values():
        found_links.setdefault((link.source_id, link.relation), []).append(link)
    links = []
    disputing = {source for source, relation in found_links if relation == "disputes"}
    for (source, relation), candidates in sorted(found_links.items()):
        if relation == "responds_to" and source in disputing:
            continue  # a denial answers the claims it disputes; no weaker links beside them
        candidates.sort(key=lambda x: (-x.score, x.target_id))
        if relation == "disputes":
            links += _best_disputes(candidates, by_id)
        else:
            links += candidates[: KEEP_PER_STATEMENT[relation]]
    return links


def _best_disputes(candidates: list[Link], voices: Mapping[str, Voice]) -> list[Link]:
    """The claims a denial answers, from its candidates (best first): in its own article
    those within `SECOND_MARGIN` of the best, at most `KEEP_IN_OWN_ARTICLE`; in the other
    articles of the story one claim only, the best, when it scores within `CROSS_MARGIN` of
    the best at home although it lacks the same-article bonus (the allegation as another
    outlet reported it, answered as squarely), or from `CROSS_FLOOR` when the denial's own
    article reports none."""
    own = voices[candidates[0].source_id].article_id
    here = [x for x in candidates if voices[x.target_id].article_id == own]
    there = [x for x in candidates if voices[x.target_id].article_id != own]
    kept = [x for x in here if x.score >= here[0].score - SECOND_MARGIN][:KEEP_IN_OWN_ARTICLE]
    if there:
        bar = here[0].score - CROSS_MARGIN if here else CROSS_FLOOR
        if there[0].score >= bar:
            kept.append(there[0])
        elif relayed := _relayed_original(kept, there, voices):
            kept.append(relayed)
    return kept


def _relayed_original(
    kept: Sequence[Link], there: Sequence[Link], voices: Mapping[str, Voice]
) -> Link | None:
    """The candidate in another article that the claim answered best at home relays (the same
    voice saying much the same: what `repeats` links), the closest: the denial of a relayed
    allegation disputes the allegation as first reported too."""
    best: tuple[float, Link] | None = None
    if not kept:
        return None
    for x in there:
        claim = voices[x.target_id]
        home = voices[kept[0].target_id]  # the claim answered best
        close = _cosine(claim, home)
        relays = (
            bool(claim.voices & home.voices)
            and close >= REPEATED_CONTENT
            and claim.order < home.order  # first reported before the relay
        )
        if relays and (best is None or close > best[0]):
            best = (close, x)
    return best[1] if best else None


_RELATION_RANK = {"disputes": 3, "repeats": 2, "supports": 1, "responds_to": 0}


def _rank(link: Link) -> tuple[int, float]:
    return (_RELATION_RANK[link.relation], link.score)


def _vector(voice: Voice) -> np.ndarray:
    if len(voice.vector):
        return np.asarray(voice.vector, dtype=np.float32)
    return np.zeros(384, dtype=np.float32)
