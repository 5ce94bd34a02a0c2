"""The shipped technique tagger: checksum verified, the seeds' spans, one encoder pass shared."""

from counterclaim.nlp.attribution import load_tagger
from counterclaim.nlp.encoder import load_encoder
from counterclaim.nlp.techniques import (
    TECHNIQUES,
    load_technique_tagger,
)


def test_techniques_ranks_every_technique_for_given_spans():
    text = "The regime's thugs unleashed a brutal and barbaric assault on peaceful people."
    start = text.index("brutal")
    (ranked,) = load_technique_tagger().rank(text, [(start, start + 20)])
    assert sorted(ranked) == sorted(TECHNIQUES)
    assert ranked[0] == "Loaded_Language"  # `brutal and barbaric`: PTC's commonest class


def test_techniques_empty_text_has_no_spans():
    assert load_technique_tagger().find("") == []


def test_techniques_pipeline_reads_one_shared_encoding(nlp):
    """The attribution spans are the same whether the tagger encodes the text itself or reads
    the `cc_encoder` component's windows, and the finished Doc holds no hidden states."""
    text = (
        '"Any claims to the contrary are ridiculous," a Pentagon spokesperson told '
        "Sputnik on Friday. " * 30  # long enough for several overlapping windows
    )
    doc = nlp(text)
    alone = load_tagger().spans(text)
    shared = load_tagger().spans(text, load_encoder().encode_windows(text))
    assert alone == shared
    from_doc = sorted(
        (role.upper(), s.start_char, s.end_char)
        for role in ("cue", "source", "content")
        for s in doc.spans[f"cc_{role}"]
    )
    assert from_doc == sorted(alone)
    assert len(from_doc) >= 3 * 30  # a cue, a source and a content in each sentence
    assert doc._.cc_encoding is None
    # `ridiculous`, in every window, is loaded language wherever the window puts it
    techniques = {(s.label_, s.text) for s in doc.spans["cc_techniques"]}
    assert ("Loaded_Language", "ridiculous") in techniques
    assert all(label in TECHNIQUES for label, _ in techniques)
