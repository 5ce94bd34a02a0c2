"""Story linking on small hand-made inputs: hand-built vectors and evidence, one real Doc."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from counterclaim.extract.signals import ArticleSignals
from counterclaim.link.stories import LinkingOptions, StoryClusterer, story_threads, story_title
from counterclaim.model import Story

DIMENSIONS = 16


def _unit(*parts: tuple[int, float]) -> np.ndarray:
    """A unit vector with weight on the named axes: `_unit((0, 1.0), (3, 0.4))`."""
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    for axis, weight in parts:
        vector[axis] = weight
    return vector / np.linalg.norm(vector)


# Two events of one kind: office shootings. Their vectors are close (cosine 0.9: the same
# words), their people, places and dates are not.
SHOOTING = (0, 1.0)


def _vancouver(n: int) -> ArticleSignals:
    return ArticleSignals(
        article_id=f"vancouver-{n}",
        vector=_unit(SHOOTING, (1, 0.45), (4 + n, 0.12)),
        entities=frozenset({"vancouver", "kirkpatrick", "vancouver police"}),
        date=date(2008, 12, 13 + n),
        title=f"Vancouver office party shooting, report {n}",
        people=frozenset({"kirkpatrick"}),
        places=frozenset({"vancouver"}),
        terms=frozenset({"shoot", "office", "party"}),
        numbers=frozenset({"1", "61"}),
        years=frozenset({2008}),
        words=frozenset({"shoot", "office", "party", "vancouver", "gunman", "christmas"}),
        events=frozenset({"fire>gun", "gunman>shoot", "61>year"}),
    )


def _detroit(n: int) -> ArticleSignals:
    return ArticleSignals(
        article_id=f"detroit-{n}",
        vector=_unit(SHOOTING, (2, 0.45), (8 + n, 0.12)),
        entities=frozenset({"troy", "lacalamita", "michigan"}),
        date=date(2007, 4, 9 + n),
        title=f"Michigan accounting office shooting, report {n}",
        people=frozenset({"lacalamita"}),
        places=frozenset({"troy", "michigan"}),
        terms=frozenset({"shoot", "office", "accountant"}),
        numbers=frozenset({"1", "2"}),
        years=frozenset({2007}),
        words=frozenset({"shoot", "office", "accountant", "troy", "gunman", "firm"}),
        events=frozenset({"kill>woman", "gunman>shoot", "2>woman"}),
    )


def _random_article(rng: np.random.Generator, n: int) -> ArticleSignals:
    vector = rng.normal(size=DIMENSIONS).astype(np.float32)
    return ArticleSignals(
        article_id=f"random-{n}",
        vector=vector / np.linalg.norm(vector),
        entities=frozenset({f"entity-{n}"}),
    )


def test_stories_same_event_articles_join():
    clusterer = StoryClusterer(DIMENSIONS)
    decisions = [clusterer.add(_vancouver(n)) for n in range(3)]
    assert decisions[0].new and not decisions[1].new and not decisions[2].new
    assert {d.story_id for d in decisions} == {decisions[0].story_id}
    assert clusterer.members(decisions[0].story_id) == ["vancouver-0", "vancouver-1", "vancouver-2"]


def test_stories_events_of_one_kind_stay_apart():
    clusterer = StoryClusterer(DIMENSIONS)
    for n in range(3):
        clusterer.add(_vancouver(n))
    assert float(_vancouver(0).vector @ _detroit(0).vector) > 0.8  # alike by words
    first = clusterer.add(_detroit(0))
    second = clusterer.add(_detroit(1))
    assert first.new and not second.new
    assert second.story_id == first.story_id != clusterer.story_of("vancouver-0")


def test_stories_the_same_vectors_with_the_same_evidence_join():
    """The Detroit vectors against the Vancouver evidence: what kept them apart above was the
    evidence (people, places, years, dates), not the vectors."""
    clusterer = StoryClusterer(DIMENSIONS)
    for n in range(3):
        clusterer.add(_vancouver(n))
    assert not clusterer.add(replace(_vancouver(3), vector=_detroit(0).vector)).new


def test_stories_dates_years_apart_lower_the_score():
    def score_of(article: ArticleSignals):
        clusterer = StoryClusterer(DIMENSIONS)
        for n in range(3):
            clusterer.add(_vancouver(n))
        return clusterer.add(article)

    same_time = score_of(_vancouver(3))
    later = score_of(replace(_vancouver(3), date=date(2009, 3, 1)))  # 76 days on: no candidate
    assert same_time.features["year_gap"] == 0 and same_time.features["date_gap"] < 0.2  # a day
    assert later.new and later.score is None and later.candidates == 0
    # a year mentioned in an undated text bounds its date from below: 2013 is after 2008
    undated = score_of(replace(_vancouver(3), date=None, years=frozenset({2013})))
    assert undated.features["year_gap"] == 1.0
    # but an older year mentioned is no conflict (articles recall the past)
    recalls = score_of(replace(_vancouver(3), date=None, years=frozenset({2001, 2008})))
    assert recalls.features["year_gap"] == 0


def test_stories_deterministic_and_state_round_trip():
    articles = [_vancouver(0), _detroit(0), _vancouver(1), _detroit(1), _vancouver(2)]
    rng = np.random.default_rng(7)
    articles += [_random_article(rng, n) for n in range(40)]

    def run(items, clusterer=None):
        clusterer = clusterer or StoryClusterer(DIMENSIONS)
        for signals in items:
            clusterer.add(signals)
        return clusterer

    first, second = run(articles), run(articles)
    assert first.assignments() == second.assignments()
    # stopping half way, saving and loading the state, then going on changes nothing
    half = run(articles[:20])
    restored = StoryClusterer.from_bytes(half.to_bytes())
    assert restored.assignments() == half.assignments()
    assert run(articles[20:], restored).assignments() == first.assignments()


def test_stories_candidate_search_touches_only_k_candidates(monkeypatch):
    options = replace(LinkingOptions.default(), candidates=4)
    clusterer = StoryClusterer(DIMENSIONS, options)
    rng = np.random.default_rng(0)
    for n in range(300):
        clusterer.add(_random_article(rng, n))
    assert len(clusterer.stories) > 100
    scored = []
    features = StoryClusterer._features

    def counting(self, vector, keys, signals, story):
        scored.append(story.id)
        return features(self, vector, keys, signals, story)

    monkeypatch.setattr(StoryClusterer, "_features", counting)
    decision = clusterer.add(_random_article(rng, 300))
    assert 1 <= len(scored) <= 4
    assert decision.candidates == len(scored) == len(clusterer.last_candidates)


@pytest.mark.parametrize("bad", [np.zeros(DIMENSIONS), np.ones(DIMENSIONS - 1)])
def test_stories_refuses_bad_vectors(bad):
    with pytest.raises(ValueError):
        StoryClusterer(DIMENSIONS).add(ArticleSignals("a", np.asarray(bad, dtype=np.float32)))


def test_stories_an_article_added_twice_keeps_its_story():
    clusterer = StoryClusterer(DIMENSIONS)
    first = clusterer.add(_vancouver(0))
    again = clusterer.add(_vancouver(0))
    assert again.story_id == first.story_id and len(clusterer) == 1


def test_stories_title_is_the_most_central_articles():
    titles = ["edge one", "the centre", "edge two"]
    vectors = np.array([_unit((0, 1.0)), _unit((0, 1.0), (1, 1.0)), _unit((1, 1.0))])
    assert story_title(titles, vectors) == "the centre"
    assert story_title(titles[::-1], vectors[::-1]) == "the centre"
    assert story_title(["a", "b"], np.array([_unit((0, 1.0))] * 2)) == "a"  # ties: earliest


def test_stories_dates_title_and_members():
    clusterer = StoryClusterer(DIMENSIONS)
    for n in range(3):
        clusterer.add(_vancouver(n))
    story_id = clusterer.story_of("vancouver-0")
    story = clusterer.stories[story_id]
    assert story.first == date(2008, 12, 13).toordinal()
    assert story.last == date(2008, 12, 15).toordinal()
    assert clusterer.title(story_id).startswith("Vancouver office party shooting")
    assert clusterer.members(story_id) == ["vancouver-0", "vancouver-1", "vancouver-2"]


def test_stories_merge_and_split_overrides():
    clusterer = StoryClusterer(DIMENSIONS)
    for n in range(3):
        clusterer.add(_vancouver(n))
        clusterer.add(_detroit(n))
    vancouver, detroit = clusterer.story_of("vancouver-0"), clusterer.story_of("detroit-0")
    clusterer.merge(vancouver, detroit)
    assert clusterer.story_of("detroit-2") == vancouver == clusterer.current_id(detroit)
    assert len(clusterer.members(vancouver)) == 6
    split = clusterer.split(vancouver, ["detroit-0", "detroit-1", "detroit-2"])
    assert split not in (vancouver, detroit)  # a merged story's id is not reused
    assert clusterer.members(split) == ["detroit-0", "detroit-1", "detroit-2"]
    assert clusterer.members(vancouver) == ["vancouver-0", "vancouver-1", "vancouver-2"]
    # the rebuilt stories score as before: a new Detroit report joins the Detroit half
    assert clusterer.add(_detroit(3)).story_id == split
    with pytest.raises(ValueError):
        clusterer.split(split, clusterer.members(split))


def test_stories_signals_round_trip_through_their_keys():
    signals = _vancouver(1)
    again = ArticleSignals.from_keys(
        signals.article_id, signals.vector, signals.keys(), signals.date, signals.title
    )
    assert again == replace(signals, vector=again.vector)
    assert {"w:gunman", "v:fire>gun", "t:shoot", "y:2008"} <= set(signals.keys())


def test_stories_same_actors_months_apart_stay_apart():
    """One storyline, two events: the same people, places, words and vectors, three months
    apart. An event has a time: the later one starts its own story."""
    clusterer = StoryClusterer(DIMENSIONS)
    for n in range(3):
        clusterer.add(_vancouver(n))
    months_later = replace(_vancouver(3), article_id="vancouver-march", date=date(2009, 3, 20))
    decision = clusterer.add(months_later)
    assert decision.new and decision.story_id != clusterer.story_of("vancouver-0")
    # a report a week after the story's latest article still joins it
    week_later = replace(_vancouver(4), date=date(2008, 12, 22))
    assert clusterer.add(week_later).story_id == clusterer.story_of("vancouver-0")


def test_stories_a_later_report_naming_the_event_day_joins_its_story():
    """A verdict months on that names the day of the shooting is a report of that event: the
    time gate lets it reach the story; without the day it starts its own."""
    clusterer = StoryClusterer(DIMENSIONS)
    for n in range(3):
        clusterer.add(replace(_vancouver(n), days=frozenset({date(2008, 12, 13)})))
    later = date(2009, 6, 2)
    story = clusterer.stories[clusterer.story_of("vancouver-0")]
    assert not clusterer._in_time(replace(_vancouver(5), date=later), story)
    naming = replace(
        _vancouver(6), article_id="verdict-b", date=later, days=frozenset({date(2008, 12, 14)})
    )
    assert clusterer.add(naming).story_id == clusterer.story_of("vancouver-0")
    # and the other way: a story's article named the day of this one ahead (a trial date)
    story = clusterer.stories[clusterer.story_of("vancouver-0")]
    set_for = replace(_vancouver(7), date=date(2009, 9, 1))
    assert not clusterer._in_time(set_for, story)
    clusterer.add(replace(_vancouver(8), date=date(2008, 12, 20), days={date(2009, 9, 1)}))
    story = clusterer.stories[clusterer.story_of("vancouver-0")]
    assert clusterer._in_time(set_for, story)
    # the days go through the keys, as the store keeps them
    again = ArticleSignals.from_keys("x", naming.vector, naming.keys(), later, naming.title)
    assert again.days == naming.days


def test_stories_a_report_naming_a_later_reports_day_does_not_chain_onto_the_story():
    """Milestones a month apart, each naming the day of the one before: the second names the
    event's day and joins; the third names only the second's day, which is no day of the
    story's event, and starts a story of its own."""
    clusterer = StoryClusterer(DIMENSIONS)
    event = date(2008, 12, 13)
    for n in range(2):
        clusterer.add(replace(_vancouver(n), date=event))
    second = date(2009, 1, 20)
    joined = clusterer.add(
        replace(_vancouver(3), article_id="second", date=second, days=frozenset({event}))
    )
    assert joined.story_id == clusterer.story_of("vancouver-0")
    third = replace(
        _vancouver(4), article_id="third", date=date(2009, 2, 25), days=frozenset({second})
    )
    assert clusterer.add(third).story_id != clusterer.story_of("vancouver-0")


def test_stories_time_bounds_the_whole_storys_span_not_the_gap_to_its_latest():
    """Reports a week apart, each near the one before: the story takes them while its event
    dates span at most `max_span_days`, then the next starts a story of its own, so a storyline
    cannot grow by hops (the gap to the latest member alone would have let it)."""
    clusterer = StoryClusterer(DIMENSIONS, replace(LinkingOptions.default(), max_span_days=14))
    days = [date(2008, 12, 1), date(2008, 12, 8), date(2008, 12, 15), date(2008, 12, 22)]
    added = [replace(_vancouver(n), date=day) for n, day in enumerate(days)]
    stories = [clusterer.add(signals).story_id for signals in added]
    assert stories[:3] == [stories[0]] * 3
    assert stories[3] != stories[0]
    first = clusterer.stories[stories[0]]
    # inside the span either way is in time; before the story's first day as much as after
    assert clusterer._in_time(replace(_vancouver(9), date=date(2008, 12, 10)), first)
    assert not clusterer._in_time(replace(_vancouver(9), date=date(2008, 11, 30)), first)


def test_stories_scored_against_the_recent_centroid_not_the_nearest_member():
    """An article identical to one member, but far from the story's other recent members,
    scores the cosine to the recent centroid, not 1.0."""
    clusterer = StoryClusterer(DIMENSIONS)
    clusterer.add(_vancouver(0))
    clusterer.add(replace(_vancouver(1), vector=_unit(SHOOTING, (1, 0.45), (12, 0.9))))
    copy_of_first = replace(_vancouver(0), article_id="copy")
    features = clusterer.candidate_features(copy_of_first)[clusterer.story_of("vancouver-0")]
    assert features["cos_recent"] < 0.95


def test_stories_state_never_overrides_the_codes_options():
    saved = replace(LinkingOptions.default(), threshold=99.0, candidates=3)
    clusterer = StoryClusterer(DIMENSIONS, saved)
    clusterer.add(_vancouver(0))
    restored = StoryClusterer.from_bytes(clusterer.to_bytes())
    assert restored.options == LinkingOptions.default()
    assert not restored.add(_vancouver(1)).new  # the default threshold, not the saved 99
    chosen = replace(LinkingOptions.default(), candidates=4)
    assert StoryClusterer.from_bytes(clusterer.to_bytes(), chosen).options == chosen


def test_stories_full_and_half_precision_vectors_decide_alike():
    """The store keeps vectors in float16 and a resumed run replays them: the clusterer must
    decide, and score, exactly as with the full-precision vectors."""
    rng = np.random.default_rng(3)
    articles = [_vancouver(0), _detroit(0), _vancouver(1), _detroit(1), _vancouver(2)]
    articles += [_random_article(rng, n) for n in range(30)]
    halves = [replace(a, vector=a.vector.astype(np.float16).astype(np.float32)) for a in articles]
    full, half = StoryClusterer(DIMENSIONS), StoryClusterer(DIMENSIONS)
    assert [full.add(a) for a in articles] == [half.add(a) for a in halves]
    assert full.to_bytes() == half.to_bytes()


def test_stories_title_is_never_a_fragment_and_prefers_a_titled_article():
    vectors = np.array([_unit((0, 1.0), (1, 1.0)), _unit((0, 1.0)), _unit((1, 1.0))])
    # the most central line ends in a colon: the next most central headline is taken
    titles = ["Breitbart Texas reports:", "Border agents detain 300 migrants in Texas", "x"]
    assert story_title(titles, vectors) == titles[1]
    # an untitled article's first line gives way to a titled article's headline
    titles = ["The Pentagon denied the claims on Friday.", "Russia accuses the US over Syria", "y"]
    assert story_title(titles, vectors, [False, True, True]) == titles[1]
    # nothing reads as a headline: the most central all the same, never an empty title
    assert story_title(["Wow:", "Oh!", "No:"], vectors) == "Wow:"


def _story(story_id: str, entities: tuple[str, ...], day: date | None = None) -> Story:
    return Story(story_id, story_id, (f"{story_id}-a",), day, day, entities)


THREAD_TYPES = {
    "hersh": "PERSON",
    "nord-stream": "ORG",
    "kremlin": "ORG",
    "us": "GPE",
    "germany": "GPE",
    "russia": "GPE",
    "saudi-arabia": "GPE",
    "mbs": "PERSON",
    "aramco": "ORG",
}


def test_stories_threads_group_stories_sharing_actors_and_never_merge_them():
    stories = [
        _story("s-feb", ("nord-stream", "hersh", "us"), date(2023, 2, 9)),
        _story("s-sep", ("hersh", "nord-stream", "kremlin"), date(2023, 9, 27)),
        # shares only a country with each: no thread
        _story("s-aramco", ("aramco", "saudi-arabia", "us")),
        _story("s-khashoggi", ("mbs", "saudi-arabia")),
        # shares one actor only
        _story("s-kremlin", ("kremlin", "russia")),
    ]
    (thread,) = story_threads(stories, THREAD_TYPES)
    assert thread.story_ids == ("s-feb", "s-sep")  # earliest first
    assert set(thread.entity_ids) == {"hersh", "nord-stream"}
    assert story_threads(list(reversed(stories)), THREAD_TYPES) == [thread]
    # two countries alone are a region, not a storyline
    assert story_threads([_story("a", ("us", "germany")), _story("b", ("germany", "us"))], {}) == []


def test_stories_threads_leave_out_actors_common_to_many_stories():
    # `us` in every story says nothing; `hersh` and `us` alone are one telling actor
    stories = [_story(f"s{i}", ("us", f"other-{i}", "kremlin")) for i in range(40)]
    stories += [_story("x", ("us", "hersh")), _story("y", ("hersh", "us"))]
    types = {**THREAD_TYPES, "us": "ORG"}
    assert story_threads(stories, types) == []


def _with_a_stray() -> tuple[StoryClusterer, str, str]:
    """Detroit's story holding a Vancouver report (forced there: an early decision taken
    before Vancouver's story existed), then Vancouver's story."""
    clusterer = StoryClusterer(DIMENSIONS)
    detroit = clusterer.add(_detroit(0)).story_id
    clusterer.add(_detroit(1))
    vancouver = clusterer.add(_vancouver(0)).story_id
    clusterer.add(_vancouver(1), story_id=detroit)
    clusterer.add(_vancouver(2))
    return clusterer, detroit, vancouver


def test_stories_refine_moves_an_article_to_the_story_that_suits_it_best():
    clusterer, detroit, vancouver = _with_a_stray()
    assert clusterer.story_of("vancouver-1") == detroit
    moved = clusterer.refine([_vancouver(1), _detroit(1)])
    assert set(moved) == {"vancouver-1"} and moved["vancouver-1"][0] == vancouver
    assert clusterer.story_of("vancouver-1") == vancouver
    assert clusterer.members(detroit) == ["detroit-0", "detroit-1"]
    assert clusterer.members(vancouver) == ["vancouver-0", "vancouver-2", "vancouver-1"]


def test_stories_add_batch_moves_only_the_batchs_articles():
    clusterer, detroit, vancouver = _with_a_stray()
    decisions = clusterer.add_batch([_vancouver(3), _detroit(2)])
    assert [d.story_id for d in decisions] == [vancouver, detroit]
    assert clusterer.story_of("vancouver-1") == detroit  # of an earlier batch: stays


def test_stories_add_batch_decides_as_add_when_nothing_should_move():
    articles = [_detroit(0), _vancouver(0), _detroit(1), _vancouver(1), _vancouver(2)]
    one_by_one = StoryClusterer(DIMENSIONS)
    for article in articles:
        one_by_one.add(article)
    batched = StoryClusterer(DIMENSIONS)
    decisions = batched.add_batch(articles)
    assert batched.assignments() == one_by_one.assignments()
    assert [d.story_id for d in decisions] == [batched.story_of(a.article_id) for a in articles]
