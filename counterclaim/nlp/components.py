"""Our spaCy components, all registered here (one place to look for what a name points to).

Each writes spans into `doc.spans["cc_<name>"]` or sets sentence starts; none changes text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from counterclaim.extract.quotes import find_quotes
from counterclaim.ingest.metadata import find_dateline


class ParagraphBreaks:
    """Sentence starts at paragraph breaks and right after a dateline, set before the parser,
    so that `Moscow, October 5 (RHC)--` is never the subject of the first sentence and a
    paragraph never runs into the next."""

    def __init__(self, dateline: bool) -> None:
        self.dateline = dateline

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
        if self.dateline:
            match = find_dateline(doc.text)
            if match:
                for token in doc:
                    if token.idx >= match.span.end:
                        if token.i > 0:
                            token.is_sent_start = True
                        break
                doc.spans["cc_dateline"] = [
                    s
                    for s in [
                        doc.char_span(match.span.start, match.span.end, alignment_mode="contract")
                    ]
                    if s is not None
                ]
        return doc


@Language.factory(
    "cc_paragraph_breaks",
    assigns=["token.is_sent_start", "doc.spans"],
    default_config={"dateline": True},
)
def make_paragraph_breaks(nlp: Language, name: str, dateline: bool) -> ParagraphBreaks:
    return ParagraphBreaks(dateline)


class QuoteSpans:
    """Double-quoted spans into `doc.spans["cc_quotes"]` (expanded to whole tokens)."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quote in find_quotes(doc.text):
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["cc_quotes"] = spans
        return doc


@Language.factory("cc_quotes", assigns=["doc.spans"], default_config={})
def make_quote_spans(nlp: Language, name: str) -> QuoteSpans:
    return QuoteSpans()


class AliasSpans:
    """Surface forms of the alias registry into `doc.spans["cc_aliases"]`, labelled with the
    entity id (`<id>|actor` for forms that count only when used as an actor). Forms of up to
    three letters match case-sensitively (`IS`, `US`), longer ones in any case."""

    def __init__(self, nlp: Language, aliases_file: str) -> None:
        from spacy.matcher import PhraseMatcher

        from counterclaim.link.aliases import load_aliases

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form, entity_id, actor in load_aliases(aliases_file or None).forms():
            label = f"{entity_id}|actor" if actor else entity_id
            short = len(form.replace(".", "")) <= 3
            matcher = self.exact if short else self.folded
            matcher.add(label, [nlp.make_doc(form)])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        doc.spans["cc_aliases"] = filter_spans(spans)
        return doc


@Language.factory("cc_aliases", assigns=["doc.spans"], default_config={"aliases_file": ""})
def make_alias_spans(nlp: Language, name: str, aliases_file: str) -> AliasSpans:
    return AliasSpans(nlp, aliases_file)


class AttributionTaggerComponent:
    """The learned tagger's cue, source and content spans into `doc.spans["cc_cue"]`,
    `["cc_source"]` and `["cc_content"]` (see nlp/attribution.py)."""

    def __init__(self, model_dir: str) -> None:
        from counterclaim.nlp.attribution import load_tagger

        self.tagger = load_tagger(model_dir or None)

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate(doc, self.tagger.spans(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Tag `batch_size` docs at a time: their windows share the encoder and head batches."""
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            found = self.tagger.spans_many([doc.text for doc in batch])
            yield from (self._annotate(doc, f) for doc, f in zip(batch, found, strict=True))

    @staticmethod
    def _annotate(doc: Doc, found: list[tuple[str, int, int]]) -> Doc:
        spans: dict[str, list[Span]] = {"CUE": [], "SOURCE": [], "CONTENT": []}
        for role, start, end in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans[role].append(span)
        for role, spans_of_role in spans.items():
            doc.spans[f"cc_{role.lower()}"] = spans_of_role
        return doc


@Language.factory("cc_attribution_tagger", assigns=["doc.spans"], default_config={"model_dir": ""})
def make_attribution_tagger(nlp: Language, name: str, model_dir: str) -> AttributionTaggerComponent:
    return AttributionTaggerComponent(model_dir)
