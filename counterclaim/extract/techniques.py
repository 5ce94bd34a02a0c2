"""Propaganda technique spans of one parsed article, as `TechniqueSpan` facts."""

from __future__ import annotations

from spacy.tokens import Doc

from counterclaim.model import CharSpan, Provenance, TechniqueSpan


def find_techniques(doc: Doc, article_id: str) -> list[TechniqueSpan]:
    """The spans the technique components put in `doc.spans["cc_techniques"]`, in text order
    (a span found by several producers with one technique is kept once, the surest)."""
    best: dict[tuple[int, int, str], TechniqueSpan] = {}
    for span in doc.spans.get("cc_techniques", []):
        key = (span.start_char, span.end_char, span.label_)
        found = TechniqueSpan(
            article_id=article_id,
            span=CharSpan(span.start_char, span.end_char),
            technique=span.label_,
            provenance=Provenance(
                span._.cc_producer or "unknown", float(span._.cc_confidence or 0.0)
            ),
        )
        if key not in best or best[key].provenance.confidence < found.provenance.confidence:
            best[key] = found
    return sorted(best.values(), key=lambda t: (t.span.start, t.span.end, t.technique))
