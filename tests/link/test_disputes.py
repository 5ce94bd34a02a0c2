"""Statement links on hand-made voices: which pairs dispute, repeat, support or answer."""

from dataclasses import replace

import numpy as np

from counterclaim.link import disputes
from counterclaim.link.disputes import (
    DisputeOptions,
    decide,
    is_bare_denial,
    is_rebuttal,
    link_statements,
    voice_of,
    with_consistent_speakers,
    with_continued_speakers,
    with_story_sides,
)
from counterclaim.model import CharSpan, Provenance, Speaker, Statement, StoredStatement
from counterclaim.nlp.aliases import load_aliases


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def row(id, article, act, content, *, person=None, organisation=None, targets=(), text=None):
    speaker = None
    if person or organisation or text:
        speaker = Speaker(CharSpan(0, 0), text or "", organisation=organisation, entity_id=person)
    statement = Statement(
        id=id,
        article_id=article,
        speaker=speaker,
        cue=CharSpan(0, 0),
        cue_lemma="say",
        content=CharSpan(0, len(content)),
        kind="direct",
        act=act,
        provenance=Provenance("test", 1.0),
    )
    return StoredStatement(statement, "said", content, target_entity_ids=tuple(targets))


REGISTRY = load_aliases()
ACCUSATION = voice_of(
    row(
        "accusation",
        "a1",
        "accuse",
        "the support for them, and flirtation with them, by the United States",
        person="e-konashenkov",
        organisation="Russia's Defense Ministry",
        targets=["united-states", "islamic-state"],
    ),
    REGISTRY,
    1,
    unit(1, 0, 0),
)


def test_voice_of_resolves_organisation_and_side():
    assert ACCUSATION.voices == {"e-konashenkov", "russian-defence-ministry"}
    assert ACCUSATION.side == "russia"
    denial = voice_of(
        row("d", "a2", "deny", "x", organisation="Pentagon"), REGISTRY, 2, unit(0, 1, 0)
    )
    assert denial.side == "united-states"  # the Pentagon is part of the United States


def test_denial_by_the_accused_disputes_even_with_unrelated_words():
    denial = voice_of(
        row(
            "d", "a2", "deny", "Any claims to the contrary are ridiculous.", organisation="Pentagon"
        ),
        REGISTRY,
        2,
        unit(0.2, 1, 0),
    )
    link = decide(ACCUSATION, denial)
    assert link is not None and link.relation == "disputes"
    assert link.source_id == "d" and link.target_id == "accusation"
    assert link.evidence["reply_by_target"] is True


def test_assertion_by_the_accused_only_responds():
    reply = voice_of(
        row(
            "r",
            "a2",
            "assert",
            "The coalition's mission is to defeat ISIS",
            organisation="Pentagon",
        ),
        REGISTRY,
        2,
        unit(0.5, 1, 0),
    )
    assert decide(ACCUSATION, reply).relation == "responds_to"


def test_unrelated_denial_by_a_third_party_is_not_a_dispute():
    reply = voice_of(
        row("r", "a2", "deny", "the mayor denied the bridge was unsafe", text="the mayor"),
        REGISTRY,
        2,
        unit(0, 0, 1),
    )
    assert decide(ACCUSATION, reply) is None


def test_same_voice_in_another_article_repeats():
    relayed = voice_of(
        row(
            "relay",
            "a2",
            "accuse",
            "the United States supporting and flirting with terrorists",
            organisation="Russian Defense Ministry",
        ),
        REGISTRY,
        2,
        unit(1, 0.3, 0),
    )
    link = decide(ACCUSATION, relayed)
    assert link.relation == "repeats"
    assert link.evidence["same_voice"] == ["russian-defence-ministry"]


def test_same_side_similar_content_supports():
    other = voice_of(
        row("s", "a2", "assert", "the US supports terrorists", person="russia", text="Moscow"),
        REGISTRY,
        2,
        unit(1, 0.1, 0),
    )
    assert decide(ACCUSATION, other).relation == "supports"


def test_rebuttal_words():
    denial = voice_of(row("d", "a", "assert", "These claims are baseless"), REGISTRY, 1, unit(1))
    plain = voice_of(row("p", "a", "assert", "The talks went well"), REGISTRY, 1, unit(1))
    assert is_rebuttal(denial) and not is_rebuttal(plain)
    # words that call a claim wrong, or refuse it, rebut too; a plain statement does not
    for text in (
        "the report contained inaccurate information and conclusions",
        "We cannot accept as final truth what they say",
        "the allegations are nothing but a smokescreen",
        "the government stands by its conclusion",
    ):
        assert is_rebuttal(voice_of(row("r", "a", "assert", text), REGISTRY, 1, unit(1))), text
    for text in (
        "the ministry said in a statement",
        "the talks will go on next week",
        # a rejection talked about or done by others, not the speaker's
        "the regime has a long history of denying responsibility for such attacks",
        "the rebels could easily deny it",
        "the army has once again committed a provocation on the border",
    ):
        assert not is_rebuttal(voice_of(row("q", "a", "assert", text), REGISTRY, 1, unit(1)))


def _accusation_at(id: str, start: int, vector=None):
    """The ministry's accusation of the United States in article a1, at `start`."""
    found = voice_of(
        row(
            id,
            "a1",
            "accuse",
            "the militants were armed by them",
            organisation="Russian Defense Ministry",
            targets=["united-states"],
        ),
        REGISTRY,
        1,
        unit(1, 0, 0) if vector is None else vector,
    )
    return replace(found, start=start)


def test_a_denial_answers_first_the_claim_reported_before_it():
    denial = voice_of(
        row("d", "a1", "deny", "ridiculous", organisation="Pentagon"), REGISTRY, 1, unit(1, 0, 0)
    )
    denial = replace(denial, start=500)
    before, after = _accusation_at("before", 100), _accusation_at("after", 900)
    assert decide(before, denial).score > decide(after, denial).score


def test_a_denial_disputes_its_best_few_claims_only():
    def claim(i, article):
        return voice_of(
            row(
                f"{article}c{i}",
                article,
                "accuse",
                f"the claim number {i}",
                organisation="Russian Defense Ministry",
                targets=["united-states"],
            ),
            REGISTRY,
            1 if article == "a1" else 2,
            unit(1, 4 * i if article == "a2" else i / 2, 0),
        )

    claims = [claim(i, "a2") for i in range(5)] + [claim(i, "a1") for i in range(5)]
    denial = voice_of(
        row("d", "a2", "deny", "ridiculous", organisation="Pentagon"), REGISTRY, 2, unit(1, 0, 0)
    )
    denial = replace(denial, start=100)
    links = link_statements([denial], claims)
    disputes = [x.target_id for x in links if x.relation == "disputes"]
    # in its own article the claims close to the best; of the other article's, which answer
    # no better than those beside the denial, only the one the best claim relays (the same
    # voice saying the same, reported first)
    assert sorted(disputes) == ["a1c0", "a2c0", "a2c1"]
    assert not [x for x in links if x.relation == "responds_to"]
    # a denial whose article reports no claim answers the best claim elsewhere, and the best
    # of a third article as well when it scores as high (the allegation as two outlets
    # reported it), never a second claim of one article
    alone = replace(denial, article_id="a3", order=3)
    across = [x for x in link_statements([alone], claims) if x.relation == "disputes"]
    assert sorted(x.target_id for x in across) == ["a1c0", "a2c0"]
    weak = [c for c in claims if c.article_id == "a2"] + [
        replace(c, vector=unit(0, 1, 0), targets=frozenset(), mentions=frozenset())
        for c in claims
        if c.article_id == "a1"
    ]
    across = [x for x in link_statements([alone], weak) if x.relation == "disputes"]
    assert [x.target_id for x in across] == ["a2c0"]


def test_an_article_answers_a_claim_of_another_article_once():
    def voice(id, article, act, content, organisation, start, targets=()):
        found = voice_of(
            row(id, article, act, content, organisation=organisation, targets=targets),
            REGISTRY,
            1 if article == "a1" else 2,
            unit(1, 0, 0),
        )
        return replace(found, start=start)

    accusation = voice(
        "accusation",
        "a1",
        "accuse",
        "the militants were armed by them",
        "Russian Defense Ministry",
        0,
        ["united-states"],
    )
    # beside the denials another voice of that side: no relay of the accusation
    beside = voice(
        "beside", "a2", "assert", "the militants were armed", "Russian Foreign Ministry", 0
    )
    denials = [
        voice(f"d{i}", "a2", "deny", "ridiculous and baseless", "Pentagon", 100 * i) for i in (1, 2)
    ]

    def disputed(voices):
        found = link_statements(voices, [])
        return sorted((x.source_id, x.target_id) for x in found if x.relation == "disputes")

    # both denials answer the claim beside them; the accusation of the other article is
    # answered once, by the best of them
    both = disputed([accusation, beside, *denials])
    assert [p for p in both if p[1] == "beside"] == [("d1", "beside"), ("d2", "beside")]
    assert len([p for p in both if p[1] == "accusation"]) == 1
    # a denial that answers nothing in its own article keeps its one answer elsewhere
    assert disputed([accusation, *denials]) == [("d1", "accusation"), ("d2", "accusation")]
    # the accusation as first reported, of which the claim beside them is the relay (the same
    # voice saying the same), is the claim they answer: each keeps it
    relay = replace(accusation, statement_id="relay", article_id="a2", order=2)
    relayed = disputed([accusation, relay, *denials])
    assert [p for p in relayed if p[1] == "accusation"] == [
        ("d1", "accusation"),
        ("d2", "accusation"),
    ]


def test_a_bare_denial_answers_first_the_claim_just_before_it():
    # the claim reported first is a little closer in content; the one just before the denial
    # is what the report answers with it
    earlier = _accusation_at("earlier", 0, unit(1, 0, 0))
    just_before = _accusation_at("before", 300, unit(1, 0.3, 0))

    def best(content, options):
        denial = voice_of(
            row("d", "a1", "deny", content, organisation="Pentagon"), REGISTRY, 1, unit(1, 0, 0)
        )
        found = link_statements(
            [earlier, just_before, replace(denial, start=400)], [], None, options
        )
        disputes = [x for x in found if x.relation == "disputes" and x.source_id == "d"]
        return max(disputes, key=lambda x: x.score)

    options = DisputeOptions.default()
    assert is_bare_denial(
        voice_of(
            row("d", "a1", "deny", "This is utterly false", organisation="Pentagon"),
            REGISTRY,
            1,
            unit(1),
        ),
        options,
    )
    top = best("This is utterly false", options)
    assert top.target_id == "before" and top.evidence["claim_just_before"]
    assert best("This is utterly false", replace(options, claim_before_bonus=0.0)).target_id == (
        "earlier"
    )
    # a denial that names a party is answered by its content, not by its place
    named = "the claims of the Russian Defense Ministry that the United States armed them are false"
    assert best(named, options).target_id == "earlier"


def test_contradiction_probability_is_evidence():
    denial = voice_of(
        row("d", "a2", "deny", "ridiculous", organisation="Pentagon"), REGISTRY, 2, unit(1, 0, 0)
    )
    asked = []

    def contradiction(claims, replies, claim_vectors, reply_vectors):
        asked.extend(zip(claims, replies, strict=True))
        assert len(claim_vectors) == len(claims) == len(reply_vectors)
        return [0.9] * len(claims)

    links = link_statements([denial], [ACCUSATION], contradiction)
    assert (ACCUSATION.content, "ridiculous") in asked
    assert links[0].evidence["contradiction_against"] == 0.9
    doubted = link_statements([denial], [ACCUSATION], lambda c, *_: [0.0] * len(c))
    assert doubted[0].relation == "disputes"  # evidence, not the decision
    # a reply without rebuttal words rebuts only when the model says it is against the claim
    plain = voice_of(
        row("p", "a2", "assert", "our pilots struck the militants' bases", organisation="Pentagon"),
        REGISTRY,
        2,
        unit(1, 0, 0),
    )
    against = link_statements([plain], [ACCUSATION], lambda c, *_: [0.9] * len(c))
    assert [x.relation for x in against] == ["disputes"]
    unsure = link_statements([plain], [ACCUSATION], lambda c, *_: [0.1] * len(c))
    assert [x.relation for x in unsure] == ["responds_to"]


def test_the_contradiction_model_alone_never_makes_two_mere_mentions_a_dispute():
    # `other` acts (`discussed the findings`, `based on a model`) claim nothing and deny
    # nothing: the model's P(against) between two of them is no dispute
    def about(id, article, act, content, organisation, vector):
        return voice_of(
            row(id, article, act, content, organisation=organisation), REGISTRY, 2, vector
        )

    mentioned = about(
        "m", "a1", "other", "the survey of the northern reefs", "Pentagon", unit(1, 0)
    )
    replied = about(
        "r", "a2", "other", "a simplified model of the reef currents", "Kremlin", unit(1, 0.2)
    )
    sure = lambda c, *_: [0.99] * len(c)  # noqa: E731
    assert "disputes" not in [x.relation for x in link_statements([replied], [mentioned], sure)]
    # against a claim (an assertion), the same reply still disputes on the model's word
    claimed = about("c", "a1", "assert", "the northern reefs are dying", "Pentagon", unit(1, 0))
    assert "disputes" in [x.relation for x in link_statements([replied], [claimed], sure)]


def test_the_contradiction_model_is_asked_in_bounded_batches(monkeypatch):
    # a big story asks millions of pairs: the model sees them a batch at a time, and the
    # links do not depend on the batch size
    claims = [_accusation_at(f"c{i}", 50 * i, unit(1, i / 7, 0)) for i in range(6)]
    denials = [
        replace(
            voice_of(
                row(f"d{i}", "a1", "deny", "ridiculous", organisation="Pentagon"),
                REGISTRY,
                1,
                unit(1, 0, i / 5),
            ),
            start=400 + 50 * i,
        )
        for i in range(3)
    ]
    sizes: list[int] = []

    def contradiction(claims, replies, claim_vectors, reply_vectors):
        sizes.append(len(claims))
        return [0.2 + 0.1 * (len(a) % 5) for a in claims]

    whole = link_statements(denials, claims, contradiction)
    assert len(sizes) == 1 and sizes[0] > 4
    asked = sizes[0]
    sizes.clear()
    monkeypatch.setattr(disputes, "CONTRADICTION_BATCH", 4)
    batched = link_statements(denials, claims, contradiction)
    assert max(sizes) == 4 and sum(sizes) == asked and len(sizes) == -(-asked // 4)
    assert batched == whole


def test_a_denial_seen_first_disputes_the_accusation_reported_later():
    denial = voice_of(
        row("d", "a0", "deny", "These allegations are baseless", organisation="Pentagon"),
        REGISTRY,
        0,
        unit(1, 0.2, 0),
    )
    links = link_statements([ACCUSATION], [denial])
    assert [(x.relation, x.source_id, x.target_id) for x in links] == [
        ("disputes", "d", "accusation")
    ]
    assert links[0].evidence["refers_to_claim"] is True


def test_one_side_never_disputes_itself():
    kremlin = voice_of(
        row("k", "a2", "deny", "These accusations are empty noise", text="the Kremlin"),
        REGISTRY,
        2,
        unit(1, 0, 0),
    )
    assert kremlin.side == "russia"
    assert decide(ACCUSATION, kremlin) is None  # the accusation is Russia's own ministry's


def _blaming(id, article, order, act, content, vector, **speaker):
    """A voice of one side blaming the other (the mutual-blame tests' statements)."""
    return voice_of(row(id, article, act, content, **speaker), REGISTRY, order, vector)


def test_counter_accusation_disputes():
    accusation = _blaming(
        "a", "a1", 1, "accuse", "Russian troops shelled the plant", unit(1, 0, 0),
        organisation="Ukraine",
    )  # fmt: skip
    counter = _blaming(
        "c", "a2", 2, "accuse", "Ukrainian forces shelled the plant", unit(0.8, 0.6, 0),
        text="Moscow",
    )  # fmt: skip
    link = decide(accusation, counter)
    assert link.relation == "disputes" and link.evidence["counter_accusation"] is True


def test_a_bare_denial_answers_the_other_sides_claim_beside_it():
    hersh = voice_of(
        row(
            "h",
            "a1",
            "assert",
            "the attack was carried out at the direction of the president",
            person="e-hersh",
            text="Hersh",
        ),
        REGISTRY,
        1,
        unit(1, 0, 0),
    )
    denial = voice_of(
        row(
            "d", "a1", "deny", "This is utterly false and complete fiction", organisation="Pentagon"
        ),
        REGISTRY,
        1,
        unit(0, 1, 0),
    )
    link = decide(hersh, replace(denial, start=50))
    assert link is not None and link.relation == "disputes"
    elsewhere = replace(denial, article_id="a2", order=2)  # names nothing, says nothing alike
    assert decide(hersh, elsewhere) is None


def test_a_rejected_charge_does_not_answer_a_claim_of_responsibility_beside_it():
    # invented: a group claims the strike; another state, blamed elsewhere, rejects "the
    # accusations" in the same report. Its denial answers whoever blamed it, not the group.
    claimed = voice_of(
        row(
            "c",
            "a1",
            "assert",
            "responsibility for the drone strike on the refinery",
            text="the Norland Liberation Front",
            organisation="Norland Liberation Front",
        ),
        REGISTRY,
        1,
        unit(1, 0, 0),
    )
    rejecting = voice_of(
        row("d", "a1", "deny", "rejected the accusations as baseless", organisation="Ostria"),
        REGISTRY,
        1,
        unit(0, 1, 0),
    )
    assert decide(claimed, replace(rejecting, start=50)) is None
    # a denial of the group's claim itself still disputes it
    doubting = voice_of(
        row("e", "a1", "deny", "dismissed the claim as baseless", organisation="Ostria"),
        REGISTRY,
        1,
        unit(0, 1, 0),
    )
    link = decide(claimed, replace(doubting, start=50))
    assert link is not None and link.relation == "disputes"


# Kyiv blames Russian forces; Moscow's answers blame Ukrainian ones
KYIV_BLAMES = ("u", "a1", 1, "assert", "Russian forces fired at the nuclear plant again")


def test_mutual_blame_in_assertions_disputes():
    ukraine = _blaming(*KYIV_BLAMES, unit(1, 0, 0), text="Kyiv")
    russia = _blaming(
        "r", "a1", 1, "assert", "Ukrainian forces struck the nuclear plant again",
        unit(0.8, 0.6, 0), text="Moscow",
    )  # fmt: skip
    link = decide(ukraine, replace(russia, start=80))
    assert link.relation == "disputes" and link.evidence["counter_accusation"] is True


def test_mutual_blame_worded_apart_disputes_down_to_counter_content():
    ukraine = _blaming(*KYIV_BLAMES, unit(1, 0, 0), text="Kyiv")
    russia = _blaming(
        "r", "a2", 2, "assert", "Ukrainian shells hit the city of Energodar",
        unit(0.4, 0.9165, 0),  # cosine 0.4: one event, worded apart
        text="Moscow",
    )  # fmt: skip
    options = DisputeOptions.default()
    assert options.counter_content < 0.4 < options.related_content
    link = decide(ukraine, russia, options=options)
    assert link.relation == "disputes" and link.evidence["counter_accusation"] is True
    # under the bar, the two only answer each other
    stricter = replace(options, counter_content=0.45)
    assert decide(ukraine, russia, options=stricter).relation == "responds_to"


def test_a_person_speaks_for_the_one_side_the_story_names_for_them():
    described = voice_of(
        row("p1", "a1", "deny", "the claims are baseless", person="e-peskov", text="Peskov"),
        REGISTRY,
        1,
        unit(1, 0, 0),
        described={"Peskov": "russia"},
    )
    bare = voice_of(
        row("p2", "a2", "deny", "this is empty noise", person="e-peskov", text="Peskov"),
        REGISTRY,
        2,
        unit(1, 0, 0),
    )
    assert described.side == "russia" and described.named_side
    assert bare.side != "russia" and not bare.named_side
    assert [v.side for v in with_consistent_speakers([described, bare])] == ["russia", "russia"]
    # named for two parties (one of them a wrong speaker): each statement keeps its own
    other = replace(described, statement_id="p3", side="ukraine")
    sides = [v.side for v in with_consistent_speakers([described, other, bare])]
    assert sides == ["russia", "ukraine", bare.side]


def test_two_denials_of_one_voice_never_dispute_each_other():
    first = voice_of(
        row("d1", "a1", "deny", "There is not any connection, it is groundless", text="he"),
        REGISTRY,
        1,
        unit(1, 0, 0),
    )
    second = voice_of(
        row(
            "d2",
            "a1",
            "deny",
            "It is groundless slander, a fabrication",
            text="Kim Song",
            person="e-kim",
        ),
        REGISTRY,
        1,
        unit(0.9, 0.43, 0),
    )
    assert decide(first, replace(second, start=40)) is None


def test_claims_about_a_person_are_about_the_side_the_person_speaks_for():
    lukashenko = voice_of(
        row(
            "l",
            "a1",
            "deny",
            "has repeatedly denied those accusations",
            person="e-luka",
            text="Lukashenko",
        ),
        REGISTRY,
        1,
        unit(0, 1, 0),
    )
    lukashenko = replace(lukashenko, side="belarus")  # as the story describes him
    claim = voice_of(
        row(
            "c",
            "a2",
            "accuse",
            "Lukashenko of using migrants as pawns in a hybrid attack",
            organisation="Poland",
            targets=["e-luka"],
        ),
        REGISTRY,
        2,
        unit(0, 0, 1),
    )
    assert "belarus" in with_story_sides([lukashenko, claim])[1].mentions


def test_options_from_the_config_decide():
    """The thresholds come in as options (default.cfg [link.disputes]): a stricter
    `same_content` leaves the same side's close statement unlinked."""
    from counterclaim.link.disputes import DisputeOptions

    other = voice_of(
        row("s", "a2", "assert", "the US supports terrorists", person="russia", text="Moscow"),
        REGISTRY,
        2,
        unit(1, 0.1, 0),
    )
    strict = replace(DisputeOptions.default(), same_content=0.999)
    assert decide(ACCUSATION, other).relation == "supports"
    assert decide(ACCUSATION, other, options=strict) is None


def test_a_speakerless_quote_goes_on_the_quote_before_it():
    accusation = voice_of(
        row(
            "acc",
            "a1",
            "accuse",
            "the hackers worked for the government in Pyongyang",
            organisation="Pentagon",
            targets=["north-korea"],
        ),
        REGISTRY,
        1,
        unit(1, 0, 0),
    )
    envoy = replace(
        voice_of(
            row(
                "envoy",
                "a1",
                "deny",
                "There is not any connection at all",
                text="North Korean envoy",
            ),
            REGISTRY,
            1,
            unit(0, 1, 0),
        ),
        start=300,
    )
    # no speaker: the same envoy going on, not a voice of its own that could answer him
    going_on = replace(
        voice_of(
            row("more", "a1", "assert", "It made a mockery of our country"),
            REGISTRY,
            1,
            unit(0, 1, 0),
        ),
        start=420,
    )
    assert envoy.known and not going_on.known and going_on.speakerless
    links = link_statements([accusation, envoy, going_on], [])
    assert not [
        x
        for x in links
        if {x.source_id, x.target_id} == {"envoy", "more"} and x.relation == "disputes"
    ]
    # far from any quote, a speakerless statement keeps no side
    alone = replace(going_on, start=5000)
    assert not [
        v for v in with_continued_speakers([envoy, alone]) if v.statement_id == "more" and v.known
    ]
    near = [v for v in with_continued_speakers([envoy, going_on]) if v.statement_id == "more"]
    assert near[0].known and near[0].side == envoy.side


def test_two_who_blame_the_same_third_party_do_not_dispute_each_other():
    # (the contents' rebuttal words would make a dispute of any two sides' accusations)
    first = _blaming(
        "a", "a1", 1, "accuse", "Venezuela is behind the raid on the port", unit(1, 0, 0),
        text="Canada",
    )  # fmt: skip
    second = _blaming(
        "b", "a1", 2, "accuse", "Venezuela of spreading lies about the raid",
        unit(0.9, 0.436, 0), text="Japan",
    )  # fmt: skip
    assert first.side != second.side and "venezuela" in first.mentions & second.mentions
    assert decide(first, second) is None
    # blaming the first accuser too is an answer to it
    answer = _blaming(
        "c", "a1", 3, "accuse", "Venezuela and Canada of spreading lies about the raid",
        unit(0.9, 0.436, 0), text="Japan",
    )  # fmt: skip
    assert decide(first, answer).relation == "disputes"
