"""The date of a saying: the date attached to the reporting verb's own clause."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.dates.patterns import CLAUSE_DEPS
from counterclaim.model import CharSpan, DateMention


def said_on(doc: Doc, statement_cue: CharSpan, dates: list[DateMention]) -> DateMention | None:
    """The date attached to the cue verb's own clause: in the verb's subtree, but not inside
    one of its clauses (the complement that was said, an adverbial or relative clause) nor
    inside a quotation. The nearest to the cue if there are several."""
    cue = doc.char_span(statement_cue.start, statement_cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return None
    verb = cue.root
    if verb.lower_ == "according":
        return None  # `according to X`: a date in the sentence dates the content
    quotes = [(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    best: tuple[int, DateMention] | None = None
    for mention in dates:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or any(q0 <= mention.span.start < q1 for q0, q1 in quotes):
            continue
        if not _attached_to(span.root, verb, span):
            continue
        distance = min(abs(span.start - verb.i), abs(span.end - 1 - verb.i))
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


def _attached_to(token: Token, verb: Token, span: Span) -> bool:
    """Whether the path from `token` up to `verb` stays in the verb's own clause. A date that
    opens the verb's complement right after it (`told Sputnik on Friday it encouraged`, `said
    Tuesday his actions`) is the parser's attachment, not the speaker's words: it dates the
    saying, as `extract.statements` leaves it out of the content."""
    while token.i != verb.i:
        if token.head.i == token.i:
            return False
        if token.dep_ in CLAUSE_DEPS and not span.start <= token.head.i < span.end:
            leading = (
                token.dep_ == "ccomp"
                and token.head.i == verb.i
                and token.left_edge.i == span.start > verb.i
            )
            if not leading:
                return False
        token = token.head
    return True
