"""The seeds' loaded language, name calling and appeals to fear, through the real pipeline."""

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "counterclaim" / "data" / "sample" / "seeds"


@pytest.fixture(scope="module")
def seed_techniques(analyse):
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        text, facts = analyse(path.read_text("utf-8"))
        found += [(t.span.of(text), t) for t in facts.techniques]
    return found


@pytest.mark.parametrize(
    ("surface", "techniques"),
    [
        ("flirt", {"Loaded_Language"}),
        ("Takfiri terrorists", {"Name_Calling,Labeling"}),
        ("complete destruction", {"Appeal_to_fear-prejudice", "Loaded_Language"}),
        ("ridiculous", {"Loaded_Language"}),
    ],
)
def test_techniques_seed_spans(seed_techniques, surface, techniques):
    hits = [t for text, t in seed_techniques if surface.lower() in text.lower()]
    assert hits, f"no technique span covers {surface!r}"
    assert any(t.technique in techniques for t in hits), [t.technique for t in hits]


def test_techniques_seed_spans_carry_provenance(seed_techniques):
    assert seed_techniques
    for text, technique in seed_techniques:
        assert text.strip() == text and text
        assert "@" in technique.provenance.producer
        assert 0.0 < technique.provenance.confidence <= 1.0
