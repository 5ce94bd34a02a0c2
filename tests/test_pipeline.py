"""pipeline.py: the story embedding comes from the encoder's own pass where it can."""

from __future__ import annotations

import numpy as np
import spacy

from counterclaim.extract.signals import embedding_text
from counterclaim.nlp import components  # noqa: F401  (registers doc._.cc_story_vector)
from counterclaim.nlp.encoder import load_encoder, story_vectors

TEXT = "The Pentagon denied complicity with Daesh in Syria, a spokesman said on Monday."


def test_pipeline_story_vectors_pooled_when_the_encoder_read_the_same_text():
    encoder = load_encoder()
    nlp = spacy.blank("en")
    with_title, without = nlp(TEXT), nlp(TEXT)
    pooled = encoder.encode_windows(TEXT).story_vector
    marker = np.zeros_like(pooled)
    marker[0] = 1.0  # not an embedding of anything: shows where the vector came from
    for doc in (with_title, without):
        doc._.cc_story_vector = marker
    wanted = [embedding_text(TEXT, "Pentagon denies it"), embedding_text(TEXT)]
    vectors = story_vectors(encoder, wanted, [TEXT, TEXT], [with_title, without])
    assert np.array_equal(vectors[1], marker)  # the same text: taken from the doc
    # the title is not in the text, so the encoder never read it: embedded here
    assert np.allclose(vectors[0], encoder.embed([wanted[0]])[0], atol=1e-6)
    assert np.allclose(pooled, encoder.embed([TEXT])[0], atol=1e-5)


def test_pipeline_story_vectors_embedded_for_a_doc_without_one():
    encoder = load_encoder()
    doc = spacy.blank("en")(TEXT)
    vectors = story_vectors(encoder, [TEXT], [TEXT], [doc])
    assert np.allclose(vectors[0], encoder.embed([TEXT])[0], atol=1e-6)
