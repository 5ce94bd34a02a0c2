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
  content similarity, the contradiction model's P(against) as evidence), and an article
  answers a claim of another article once (`_one_answer_per_article`).
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

from counterclaim.config import ConfigOptions
from counterclaim.extract.acts import is_own_rejection, takes_responsibility
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
CONTRADICTION_BATCH = 2048  # pairs per call of the contradiction model
# Words of rebuttal: a statement holding one answers a claim as false.
_REBUTTAL_RE = re.compile(
    r"\b(ridiculous|baseless|groundless|absurd|nonsense|false|falsely|untrue|not true|lie|lies|"
    r"lying|fabricat\w*|fake|unfounded|to the contrary|no evidence|no proof|not backed|"
    r"categorically|deny|denies|denied|denial|reject\w*|refute\w*|dismiss\w*|propaganda|"
    r"speculation|slander\w*|smear\w*|fiction|fictitious|disinformation|misinformation|"
    r"provocation|staged|hoax|unacceptable|nothing to do with|no involvement|not involved|"
    r"no role|never|so-called|none of|not a single|"
    # words that call a claim wrong or made up, or refuse it
    r"inaccurate|incorrect|wrong|misleading|distort\w*|smokescreen|deceit|deception|"
    r"deceptive|invent\w*|made up|concoct\w*|meaningless|rubbish|slur|slurs|"
    r"unjustified|unsubstantiated|politically motivated|(?:can ?not|can['’]t|do not|don['’]t|"
    r"does not|doesn['’]t|will not|won['’]t) accept|stands? by)\b"
    r"|(?:\b(?:no|not|without|lack\w*)\b|n[’']t\b)[^.]{0,40}\b(?:evidence|proof|facts|grounds|basis)\b",
    re.IGNORECASE,
)
# A reply that points at something said: "these allegations", "the report", "such claims",
# "Washington's accusations", "the claim that ...". General English nouns of saying.
_REFERENCE_RE = re.compile(
    r"\b(?:th(?:e|is|ese|at|ose)|such|its|their|his|her|[A-Z][\w'’-]*(?:'s|’s))\s+"
    r"(?:\w+\s+)?(?:allegations?|accusations?|claims?|charges?|reports?|rumou?rs?|"
    r"assertions?|statements?|suggestions?|version|story|stories|accounts?|insinuations?|"
    r"speculations?|findings?|conclusions?|information|remarks?|comments?|narrative)\b",
    re.IGNORECASE,
)

# A reply that rejects a charge against its own side: accusations, blame, a role in the deed
_REJECTS_CHARGE_RE = re.compile(
    r"\b(?:accus\w*|alleg\w*|charges?|blam\w*|involve\w*|role|complicit\w*)\b", re.I
)


@dataclass(frozen=True)
class DisputeOptions(ConfigOptions):
    """The thresholds of statement linking; their values (and why) are in default.cfg
    [link.disputes], their one home."""

    SECTION = "link.disputes"

    contradiction_rebuts: float
    same_content: float
    related_content: float
    counter_content: float
    repeated_content: float
    contradiction_weight: float
    earlier_bonus: float
    continued_reach: int
    keep_per_statement: Mapping[str, int]
    min_words: int
    same_article_bonus: float
    second_margin: float
    keep_in_own_article: int
    cross_margin: float
    cross_floor: float
    bare_denial_words: int
    claim_before_bonus: float

    @property
    def best_score(self) -> float:
        """The most a dispute's evidence adds up to in `decide` (every term at its top)."""
        return (
            0.3
            + 0.2
            + 0.1
            + 0.05
            + 0.08
            + 0.05
            + 0.35
            + self.same_article_bonus
            + self.earlier_bonus
        )


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
    speakerless: bool = False  # no speaker, or a bare pronoun: it may go on the last quote
    person: str = ""  # the speaker's person entity, when resolved
    named_side: bool = False  # the side is a state or a registry entity, not the speaker itself


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
        speakerless=not speaker.entity_id
        and not speaker.organisation
        and (not speaker.text or is_pronoun(speaker.text)),
        mentions=frozenset(mentions),
        person=str(person or ""),
        named_side=bool(side) and (finder.is_state(side) or registry.get(side) is not None),
    )


def is_rebuttal(voice: Voice) -> bool:
    return voice.act == "deny" or _rebuts(voice.content)


@lru_cache(maxsize=8192)
def _rebuts(content: str) -> bool:
    """Cached (as `_refers`, `_word_count`): `decide` asks again for every pair a
    statement is in."""
    return any(is_own_rejection(content, found) for found in _REBUTTAL_RE.finditer(content))


def refers_to_claim(voice: Voice) -> bool:
    """The statement points at something said: "these allegations", "the report"."""
    return _refers(voice.content)


@lru_cache(maxsize=8192)
def _refers(content: str) -> bool:
    return bool(_REFERENCE_RE.search(content))


@lru_cache(maxsize=8192)
def _rejects_charge(content: str) -> bool:
    return bool(_REJECTS_CHARGE_RE.search(content))


def is_counter_accusation(claim: Voice, reply: Voice, options: DisputeOptions) -> bool:
    """Mutual blame: the reply, later, blames the claimant's side for what the claim blamed
    on the reply's side. Both accuse, or one asserts what the other accuses with close
    content ("Russian forces fired at the plant" / "Ukrainian forces struck the plant")."""
    acts = {claim.act, reply.act}
    blaming = acts == {"accuse"} or (
        acts <= {"accuse", "assert"} and _cosine(claim, reply) >= options.counter_content
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


def _co_accusers(claim: Voice, reply: Voice) -> bool:
    """Both accuse a party that is neither's side, and neither names the other's side (`the
    State Department accused Maduro` / `Guaido accused Maduro`)."""
    return (
        claim.act == reply.act == "accuse"
        and claim.known
        and reply.known
        and bool((claim.mentions & reply.mentions) - {claim.side, reply.side})
        and claim.side not in reply.mentions
        and reply.side not in claim.mentions
    )


def _position(voice: Voice) -> tuple[int, str, int]:
    return (voice.order, voice.article_id, voice.start)


def is_substantial(voice: Voice, options: DisputeOptions) -> bool:
    """Enough words to be a claim or a reply (not `which`, `Russia's assistance`)."""
    return _word_count(voice.content) >= options.min_words


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


def decide(
    claim: Voice,
    reply: Voice,
    against: float | None = None,
    options: DisputeOptions | None = None,
) -> Link | None:
    """The link from `reply` to `claim`, if any (`against`: the contradiction model's
    P(the reply is against the claim), evidence)."""
    options = options or DisputeOptions.default()
    cosine = _cosine(claim, reply)
    evidence: dict = {
        "cosine": round(cosine, 3),
        "acts": [claim.act, reply.act],
    }
    if against is not None:
        evidence["contradiction_against"] = round(float(against), 3)
    same_voice = bool(claim.voices & reply.voices)
    if same_voice:
        if reply.article_id != claim.article_id and cosine >= options.repeated_content:
            evidence["same_voice"] = sorted(claim.voices & reply.voices)
            return _link("repeats", reply, claim, cosine, evidence)
        return None
    same_side = claim.known and reply.known and claim.side == reply.side
    if same_side:  # one side never disputes itself
        if cosine >= options.same_content and not is_rebuttal(reply):
            evidence["same_side"] = reply.side
            return _link("supports", reply, claim, cosine, evidence)
        return None
    # two denials that say the same, or whose speakers are not both known, agree: the same
    # side denying twice (a pronoun speaker, a reworded relay)
    if (
        is_rebuttal(claim)
        and is_rebuttal(reply)
        and (cosine >= options.same_content or not (claim.known and reply.known))
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
    rebuttal = is_rebuttal(reply) or (
        against is not None
        and against >= options.contradiction_rebuts
        and not (reply.act == "other" and claim.act == "other")
    )
    counter = is_counter_accusation(claim, reply, options)
    refers = refers_to_claim(reply)
    if rebuttal:
        evidence["rebuttal"] = reply.act == "deny" or "words"
    if counter:
        evidence["counter_accusation"] = True
    if refers:
        evidence["refers_to_claim"] = True
    substantial = is_substantial(claim, options) and (rebuttal or is_substantial(reply, options))
    # a claim that is itself a rebuttal is answered only by a rebuttal of it that names
    # its speaker ("the ministry's statement is false"): two denials are rarely a dispute
    answerable = substantial and (
        (claim.act in CLAIM_ACTS and not is_rebuttal(claim))
        or ((claim.act == "deny" or is_rebuttal(claim)) and rebuttal and names_claimant)
    )
    # a bare denial ("This is utterly false", "has dismissed the allegation") names nothing:
    # in its own article it answers a claim of another side reported beside it
    # ... but not a group's claim of its own deed, which accuses no one, when the denial
    # rejects a charge (`Iran refutes the accusations` beside `the Houthis claimed
    # responsibility`): that answers whoever blamed the denier
    beside = (
        claim.article_id == reply.article_id
        and reply.known
        and claim.known
        and (reply.act == "deny" or refers)
        and not (takes_responsibility(claim.content) and _rejects_charge(reply.content))
    )
    about = accused or names_claimant or cosine >= options.related_content or beside
    if _co_accusers(claim, reply):
        return None  # two who blame the same third party are not disputing each other
    if answerable and (rebuttal or counter) and about and (reply.known or cosine >= 0.5):
        # an accusation answered by the accused is the clearest dispute
        charged = accused and claim.act == "accuse"
        score = 0.3 + 0.2 * accused + 0.1 * charged + 0.05 * names_claimant
        score += 0.08 * refers + 0.05 * (reply.act == "deny") + 0.35 * max(cosine, 0.0)
        # a reply answers first what its own article reports
        score += options.same_article_bonus * (claim.article_id == reply.article_id)
        score += options.earlier_bonus * (_position(claim) < _position(reply))
        score /= options.best_score  # in [0, 1] without clipping: a denial's candidates rank by it
        if against is not None and options.contradiction_weight:
            weight = options.contradiction_weight
            score = (1 - weight) * score + weight * float(against)
        return _link("disputes", reply, claim, score, evidence)
    if accused or names_claimant:
        return _link("responds_to", reply, claim, 0.5 + 0.3 * max(cosine, 0.0), evidence)
    return None


def _wants_contradiction(claim: Voice, reply: Voice, options: DisputeOptions) -> bool:
    """Only pairs of two sides where the reply could dispute are worth the model's time."""
    if claim.voices & reply.voices or (claim.known and reply.known and claim.side == reply.side):
        return False
    return is_substantial(claim, options)


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


def with_consistent_speakers(voices: Sequence[Voice]) -> list[Voice]:
    """The voices with each person given the one side the story places them on: a person
    whose statements name one state or registered party, and never another ("Kremlin
    spokesman Dmitry Peskov"), speaks for it in all of them ("Peskov said"). A person named
    for two parties keeps each statement's own (one of them is likely a wrong speaker)."""
    votes: dict[str, Counter[str]] = {}
    for v in voices:
        if v.person and v.named_side:
            votes.setdefault(v.person, Counter())[v.side] += 1
    side_of_person = {}
    for person, counted in votes.items():
        if len(counted) == 1:
            side_of_person[person] = next(iter(counted))
    return [
        replace(v, side=side_of_person[v.person], known=True, named_side=True)
        if v.person in side_of_person and not v.named_side
        else v
        for v in voices
    ]


def with_continued_speakers(
    voices: Sequence[Voice], options: DisputeOptions | None = None
) -> list[Voice]:
    """The voices with a speakerless statement given the side of the statement just before it
    in its article (within `continued_reach` characters), when that one's side is known: "It
    made a mockery of our sovereignty," right after the envoy's quote is the envoy's."""
    reach = (options or DisputeOptions.default()).continued_reach
    found = []
    last: dict[str, Voice] = {}
    for v in sorted(voices, key=lambda v: (v.article_id, v.start)):
        before = last.get(v.article_id)
        if (
            v.speakerless
            and not v.known
            and before is not None
            and before.known
            and v.start - before.start <= reach
        ):
            v = replace(v, side=before.side, known=True)
        found.append(v)
        last[v.article_id] = v
    order = {v.statement_id: i for i, v in enumerate(voices)}
    return sorted(found, key=lambda v: order[v.statement_id])


def link_statements(
    new: Sequence[Voice],
    earlier: Sequence[Voice],
    contradiction: ContradictionFn | None = None,
    options: DisputeOptions | None = None,
) -> list[Link]:
    """Links from each new statement to earlier ones and back (and among the new ones). A
    pair is read both ways: the rebuttal is the reply, whichever article came first. At most
    one link per pair."""
    options = options or DisputeOptions.default()
    pool = with_story_sides(
        with_continued_speakers(
            with_consistent_speakers(
                sorted([*earlier, *new], key=lambda v: (v.order, v.article_id, v.start))
            ),
            options,
        )
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
        asked = [i for i, (c, r) in enumerate(readings) if _wants_contradiction(c, r, options)]
        # in batches: a story of a few thousand statements asks millions of pairs, and their
        # stacked feature rows at once would not fit in memory
        for start in range(0, len(asked), CONTRADICTION_BATCH):
            batch = asked[start : start + CONTRADICTION_BATCH]
            found = contradiction(
                [readings[i][0].content for i in batch],
                [readings[i][1].content for i in batch],
                np.stack([_vector(readings[i][0]) for i in batch]),
                np.stack([_vector(readings[i][1]) for i in batch]),
            )
            for i, p in zip(batch, found, strict=True):
                against[i] = float(p)
    decided: dict[tuple[str, str], Link] = {}
    for (claim, reply), p in zip(readings, against, strict=True):
        link = decide(claim, reply, p, options)
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
            links += _best_disputes(candidates, by_id, options)
        else:
            links += candidates[: options.keep_per_statement[relation]]
    return _one_answer_per_article(links, by_id)


def _one_answer_per_article(links: list[Link], voices: Mapping[str, Voice]) -> list[Link]:
    """The links without the extra answers one article gives to a claim of another: when
    several denials of an article each dispute the same claim reported elsewhere, the best
    keeps that link (and the best counter-accusation, another kind of answer, keeps its own),
    and the others keep it only when it is their one dispute (they answer nothing in their
    own article) or when the claim is the allegation as first reported, which the claim they
    answer at home relays (`_relayed_original`: the same claim, another outlet's copy). A
    report that quotes three denials of one side answers another outlet's different
    allegation once, not three times (on the development set the links this removes were 4
    judged, none right)."""

    def across(x: Link) -> bool:
        return (
            x.relation == "disputes"
            and voices[x.source_id].article_id != voices[x.target_id].article_id
        )

    best: dict[tuple[str, str, bool], Link] = {}
    for x in links:
        if across(x):
            key = _answer_key(x, voices)
            held = best.get(key)
            if held is None or (x.score, x.source_id) > (held.score, held.source_id):
                best[key] = x
    answers_at_home = {x.source_id for x in links if x.relation == "disputes" and not across(x)}
    return [
        x
        for x in links
        if not across(x)
        or best[_answer_key(x, voices)] is x
        or x.source_id not in answers_at_home
        or x.evidence.get("relayed_original")
    ]


def _answer_key(link: Link, voices: Mapping[str, Voice]) -> tuple[str, str, bool]:
    """The claim answered, the answering article, and whether the answer is a denial (a
    counter-accusation is another kind of answer than a denial beside it)."""
    return (
        link.target_id,
        voices[link.source_id].article_id,
        bool(link.evidence.get("rebuttal")),
    )


def is_bare_denial(voice: Voice, options: DisputeOptions) -> bool:
    """A denial of a few words that names no party but its own ("This is utterly false",
    "has dismissed the allegation"): only its place in the report says what it answers."""
    return _word_count(voice.content) <= options.bare_denial_words and not voice.mentions - {
        voice.side
    }


def _claim_before_bare_denial(
    here: list[Link], reply: Voice, voices: Mapping[str, Voice], options: DisputeOptions
) -> list[Link]:
    """A bare denial's candidates in its own article (best first), with
    `claim_before_bonus` added to the claim reported just before it: a report gives the
    allegation, then the answer ("X accused Y of Z. 'This is utterly false,' Y said")."""
    before = [x for x in here if voices[x.target_id].start < reply.start]
    if not before or not options.claim_before_bonus or not is_bare_denial(reply, options):
        return here
    nearest = max(before, key=lambda x: voices[x.target_id].start)
    if sum(voices[x.target_id].start == voices[nearest.target_id].start for x in before) > 1:
        return here  # no one claim just before it
    bonus = options.claim_before_bonus
    raised = replace(
        nearest,
        score=round(min(1.0, nearest.score + bonus), 4),
        provenance=replace(
            nearest.provenance, confidence=round(min(1.0, nearest.score + bonus), 4)
        ),
        evidence={**nearest.evidence, "claim_just_before": True},
    )
    found = [raised if x is nearest else x for x in here]
    return sorted(found, key=lambda x: (-x.score, x.target_id))


def _best_disputes(
    candidates: list[Link], voices: Mapping[str, Voice], options: DisputeOptions
) -> list[Link]:
    """The claims a denial answers, from its candidates (best first): in its own article
    those within `second_margin` of the best, at most `keep_in_own_article`; in the other
    articles of the story the best claim, when it scores within `cross_margin` of the best at
    home although it lacks the same-article bonus (the allegation as another outlet reported
    it, answered as squarely), or from `cross_floor` when the denial's own article reports
    none, and beside it the best claim of a third article within `cross_margin` of it (the
    allegation as two other outlets reported it)."""
    reply = voices[candidates[0].source_id]
    own = reply.article_id
    here = _claim_before_bare_denial(
        [x for x in candidates if voices[x.target_id].article_id == own], reply, voices, options
    )
    there = [x for x in candidates if voices[x.target_id].article_id != own]
    kept = [x for x in here if x.score >= here[0].score - options.second_margin][
        : options.keep_in_own_article
    ]
    if there:
        bar = here[0].score - options.cross_margin if here else options.cross_floor
        if there[0].score >= bar:
            kept.append(there[0])
            # and the allegation as a third outlet reported it, answered as squarely
            kept += [
                x
                for x in there[1:]
                if x.score >= max(bar, there[0].score - options.cross_margin)
                and voices[x.target_id].article_id != voices[there[0].target_id].article_id
            ][:1]
        elif relayed := _relayed_original(kept, there, voices, options):
            # the allegation as first reported: each denial answering its relay answers it
            kept.append(replace(relayed, evidence={**relayed.evidence, "relayed_original": True}))
    return kept


def _relayed_original(
    kept: Sequence[Link],
    there: Sequence[Link],
    voices: Mapping[str, Voice],
    options: DisputeOptions,
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
            and close >= options.repeated_content
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
