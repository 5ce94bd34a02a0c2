"""The shipped attribution tagger: checksum verified, and it finds the seeds' quotes."""

from counterclaim.nlp.attribution import (
    load_tagger,
    tags_to_spans,
    viterbi,
)
from counterclaim.nlp.encoder import windows


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


def test_attribution_one_way_lstms_compute_what_packing_does():
    """The BiLSTM run direction by direction (the backward one over each row reversed within
    its width: how the heads run in bf16) gives the packed BiLSTM's states, zeros past each
    row's width."""
    import torch
    from torch import nn

    head = load_tagger().head
    torch.manual_seed(0)
    x = torch.randn(3, 40, 384)
    widths = [40, 23, 7]
    with torch.inference_mode():
        packed = nn.utils.rnn.pack_padded_sequence(
            x, torch.tensor(widths), batch_first=True, enforce_sorted=False
        )
        expected, _ = nn.utils.rnn.pad_packed_sequence(
            head.lstm(packed)[0], batch_first=True, total_length=40
        )
        found = head._by_direction(x, widths)
    assert found.shape == expected.shape
    assert torch.allclose(found, expected, atol=1e-5)
    assert not found[2, 7:].any()
