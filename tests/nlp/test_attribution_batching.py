"""Tagging several texts at once (their windows share batches) finds what tagging each alone
finds: the speed-up must not change a span."""

from __future__ import annotations

from conftest import SEEDS

from counterclaim.nlp.attribution import load_tagger, windows


def test_attribution_spans_many_equals_one_at_a_time():
    tagger = load_tagger()
    seeds = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = [
        seeds[0],
        "The minister said on Monday that the talks had failed.",
        "",
        seeds[1],
        seeds[0][: len(seeds[0]) // 2],
    ]
    lengths = [len(tagger.encoder.tokenizer.encode(t, add_special_tokens=False).ids) for t in texts]
    assert max(len(windows(n)) for n in lengths) > 1  # some text spans several windows
    together = tagger.spans_many(texts)
    assert together == [tagger.spans(text) for text in texts]
    assert together[0] and together[2] == []
