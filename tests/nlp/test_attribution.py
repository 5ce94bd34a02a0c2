"""The shipped attribution tagger: checksum verified, and it finds the seeds' quotes."""

from counterclaim.nlp.attribution import (
    load_tagger,
    tags_to_spans,
    viterbi,
)
from counterclaim.nlp.encoder import load_encoder, windows


def test_attribution_tagger_finds_a_quote():
    text = (
        '"Any claims to the contrary are ridiculous," a Pentagon spokesperson told '
        "Sputnik on Friday."
    )
    found = {(role, text[s:e]) for role, s, e in load_tagger().spans(text)}
    assert ("SOURCE", "a Pentagon spokesperson") in found
    assert any(role == "CUE" and surface.startswith("told") for role, surface in found)
    assert any(role == "CONTENT" and "ridiculous" in surface for role, surface in found)


def test_attribution_decoding_obeys_bio():
    import numpy as np

    # I-CUE first is not allowed: the best legal path starts with B-CUE
    log_probs = np.log(np.array([[0.1, 0.3, 0.6, 0, 0, 0, 0], [0.1, 0.1, 0.8, 0, 0, 0, 0]]) + 1e-9)
    assert viterbi(log_probs) == [1, 2]
    assert tags_to_spans([1, 2, 0, 5], [(0, 2), (3, 5), (6, 7), (8, 9)]) == [
        ("CUE", 0, 5),
        ("CONTENT", 8, 9),
    ]


def test_attribution_windows_overlap_by_half():
    assert windows(100) == [(0, 100)]
    # the last window ends at the text's end and is as wide as the others
    assert windows(400) == [(0, 254), (127, 381), (146, 400)]


def test_attribution_viterbi_many_is_the_best_legal_path_of_each():
    """Several sequences decoded together give each its own best BIO-legal path: checked
    against every path of the short ones (7 tags, lengths 0 to 4)."""
    import itertools

    import numpy as np

    from counterclaim.nlp.attribution import _START, _TRANSITION, TAGS, viterbi_many

    rng = np.random.default_rng(7)
    sequences = [np.log(rng.dirichlet(np.ones(len(TAGS)), size=n)) for n in (3, 0, 4, 1)]
    paths = viterbi_many(sequences)
    for scores, path in zip(sequences, paths, strict=True):
        assert len(path) == len(scores)
        if not len(scores):
            continue

        def total(tags, scores=scores):
            s = _START[tags[0]] + sum(_TRANSITION[a, b] for a, b in itertools.pairwise(tags))
            return s + sum(scores[t, tag] for t, tag in enumerate(tags))

        best = max(itertools.product(range(len(TAGS)), repeat=len(scores)), key=total)
        assert list(best) == path
        assert viterbi(scores) == path


def test_attribution_head_batches_stay_within_their_positions():
    from counterclaim.nlp.attribution import head_batches

    lengths = [300, 40, 5000, 260, 41, 1000, 120]
    batches = head_batches(lengths, positions=1024)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or len(batch) * longest <= 1024
    assert [2] in batches  # longer than a batch: alone
    assert len(batches) < len(lengths)  # the short ones share a batch


def test_attribution_text_sequence_reads_each_wordpiece_where_it_is_most_central():
    """The heads' sequence holds, for each wordpiece, the states `gather` picks (the window
    where it is most central), between the first [CLS] and the last [SEP]."""
    import numpy as np

    from counterclaim.nlp.attribution import MIXED_LAYERS, text_sequence

    text = "The minister said the talks in Geneva had failed, and the rebels denied it. " * 40
    encoding = load_encoder(runtime="fp32", head_runtime="fp32").encode_windows(text)
    assert sum(len(b.spans) for b in encoding.batches) > 2  # several overlapping windows
    sequence = text_sequence(encoding)
    assert sequence.shape == (len(encoding.ids) + 2, 384 * len(MIXED_LAYERS))
    for j, layer in enumerate(MIXED_LAYERS):
        mine = sequence[:, j * 384 : (j + 1) * 384]
        picked = encoding.gather([b.layers[layer].numpy() for b in encoding.batches])
        assert np.array_equal(mine[1:-1], picked)
        first, last = encoding.batches[0], encoding.batches[-1]
        assert np.array_equal(mine[0], first.layers[layer][0, 0].numpy())  # [CLS]
        a, b = last.spans[-1]
        assert np.array_equal(mine[-1], last.layers[layer][len(last.spans) - 1, b - a + 1].numpy())


def test_attribution_spans_of_many_texts_are_each_texts_own():
    """In fp32 the head run over several texts at once finds exactly what it finds for each
    text alone (their rows are read to their own widths)."""
    encoder = load_encoder(runtime="fp32", head_runtime="fp32")
    texts = [
        '"Any claims to the contrary are ridiculous," a Pentagon spokesperson told Sputnik.',
        "The minister said the talks in Geneva had failed, and the rebels denied it. " * 12,
        "",
        "Bake the apple cake for forty minutes, the chef said.",
    ]
    encodings = encoder.encode_many(texts)
    tagger = load_tagger()
    together = tagger.spans_many(texts, encodings)
    assert together == [tagger.spans(t, e) for t, e in zip(texts, encodings, strict=True)]
    assert together[2] == []
    assert any(role == "SOURCE" for role, _, _ in together[1])
