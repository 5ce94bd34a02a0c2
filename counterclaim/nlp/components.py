"""Our spaCy components, all registered here (one place to look for what a name points to).

Each writes spans into `doc.spans["cc_<name>"]` or sets sentence starts; none changes text.
Their settings have one home, default.cfg (a user's --config file overrides keys of it):
the factories declare no defaults of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from counterclaim.ingest.metadata import find_dateline
from counterclaim.nlp.quotes import find_quotes


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
    default_config={},
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

        from counterclaim.nlp.aliases import load_aliases

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


@Language.factory("cc_aliases", assigns=["doc.spans"], default_config={})
def make_alias_spans(nlp: Language, name: str, aliases_file: str) -> AliasSpans:
    return AliasSpans(nlp, aliases_file)


ENCODING, STORY_VECTOR = "cc_encoding", "cc_story_vector"
for _extension in (ENCODING, STORY_VECTOR):
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)


class EncoderComponent:
    """The shared MiniLM encoder's hidden states over the article's overlapping wordpiece
    windows, computed once per doc into `doc._.cc_encoding` for every learned head after it
    (see nlp/encoder.py), and the article's story embedding pooled from the same pass into
    `doc._.cc_story_vector` (a 384-float array). In `nlp.pipe`, the windows of consecutive
    short articles share one encoder pass. `cc_release_encoding` drops the hidden states at
    the end of the pipeline, so a finished Doc holds no tensors. Its config keys (runtime,
    head_runtime, stride) become the process's encoder settings, so the story linker's
    embeddings compute as the pipeline does."""

    def __init__(self, runtime: str, head_runtime: str, stride: int) -> None:
        from counterclaim.nlp.encoder import choose, load_encoder

        choose(runtime, head_runtime, stride)
        load_encoder()  # fails here, on a bad setting, rather than in the first batch

    def __call__(self, doc: Doc) -> Doc:
        from counterclaim.nlp.encoder import load_encoder

        self._set(doc, load_encoder().encode_windows(doc.text))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        from counterclaim.nlp.encoder import WINDOWS_PER_BATCH, load_encoder

        encoder = load_encoder()
        # consecutive docs share a pass up to WINDOWS_PER_BATCH windows: their hidden states
        # stay alive until the heads have read them, so a group holds no more than one pass
        group: list[tuple[Doc, object]] = []
        for doc in docs:
            pieces = encoder.pieces(doc.text)
            if (
                group
                and sum(len(p.spans) for _, p in group) + len(pieces.spans) > WINDOWS_PER_BATCH
            ):
                yield from self._encode_group(encoder, group)
                group = []
            group.append((doc, pieces))
        yield from self._encode_group(encoder, group)

    def _encode_group(self, encoder, group) -> Iterator[Doc]:
        encoded = encoder.encode_pieces([p for _, p in group])
        for (doc, _), found in zip(group, encoded, strict=True):
            self._set(doc, found)
            yield doc

    @staticmethod
    def _set(doc: Doc, encoded) -> None:
        doc._.set(ENCODING, encoded)
        doc._.set(STORY_VECTOR, encoded.story_vector)


# the keys' defaults are in default.cfg (their one home), which every config extends
@Language.factory(
    "cc_encoder", assigns=["doc._.cc_encoding", "doc._.cc_story_vector"], default_config={}
)
def make_encoder(
    nlp: Language, name: str, runtime: str, head_runtime: str, stride: int
) -> EncoderComponent:
    return EncoderComponent(runtime, head_runtime, stride)


@Language.component("cc_release_encoding", requires=["doc._.cc_encoding"])
def release_encoding(doc: Doc) -> Doc:
    """The encoder's hidden states are needed only while the pipeline runs."""
    doc._.set(ENCODING, None)
    return doc


class AttributionTaggerComponent:
    """The learned tagger's cue, source and content spans into `doc.spans["cc_cue"]`,
    `["cc_source"]` and `["cc_content"]` (see nlp/attribution.py)."""

    def __init__(self, model_dir: str) -> None:
        from counterclaim.nlp.attribution import load_tagger

        self.tagger = load_tagger(model_dir or None)

    def __call__(self, doc: Doc) -> Doc:
        spans: dict[str, list[Span]] = {"CUE": [], "SOURCE": [], "CONTENT": []}
        for role, start, end in self.tagger.spans(doc.text, doc._.get(ENCODING)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans[role].append(span)
        for role, found in spans.items():
            doc.spans[f"cc_{role.lower()}"] = found
        return doc


@Language.factory(
    "cc_attribution_tagger",
    assigns=["doc.spans"],
    requires=["doc._.cc_encoding"],
    default_config={},
)
def make_attribution_tagger(nlp: Language, name: str, model_dir: str) -> AttributionTaggerComponent:
    return AttributionTaggerComponent(model_dir)


class TechniqueTaggerComponent:
    """Propaganda technique spans into `doc.spans["cc_techniques"]`, labelled with the
    technique; each span's confidence is in `span._.cc_confidence` and the producer in
    `span._.cc_producer` (see nlp/techniques.py)."""

    def __init__(self, model_dir: str) -> None:
        from counterclaim.nlp.techniques import load_technique_tagger

        self.tagger = load_technique_tagger(model_dir or None)

    def __call__(self, doc: Doc) -> Doc:
        from counterclaim.nlp.techniques import PRODUCER

        spans = []
        for found in self.tagger.find(doc.text, doc._.get(ENCODING)):
            span = doc.char_span(
                found.start, found.end, label=found.technique, alignment_mode="expand"
            )
            if span is not None:
                span._.set(CONFIDENCE, found.confidence)
                span._.set(PRODUCER_ATTR, PRODUCER)
                spans.append(span)
        doc.spans["cc_techniques"] = spans
        return doc


CONFIDENCE, PRODUCER_ATTR = "cc_confidence", "cc_producer"
for _name in (CONFIDENCE, PRODUCER_ATTR):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "cc_techniques",
    assigns=["doc.spans"],
    requires=["doc._.cc_encoding"],
    default_config={},
)
def make_technique_tagger(nlp: Language, name: str, model_dir: str) -> TechniqueTaggerComponent:
    return TechniqueTaggerComponent(model_dir)


class TechniqueLexicon:
    """Phrases of the hand-made technique lexicon (data/technique_lexicon.toml) added to
    `doc.spans["cc_techniques"]` where the learned tagger found no overlapping span with the
    same technique (a span may carry several techniques, as in PTC), with the lexicon's
    (lower) confidence and producer `rule:technique-lexicon@1`."""

    producer = "rule:technique-lexicon@1"

    def __init__(self, nlp: Language, lexicon_file: str) -> None:
        import tomllib
        from importlib import resources
        from pathlib import Path

        from spacy.matcher import PhraseMatcher

        if lexicon_file:
            text = Path(lexicon_file).read_text("utf-8")
        else:
            bundled = resources.files("counterclaim.data").joinpath("technique_lexicon.toml")
            text = bundled.read_text("utf-8")
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.confidence: dict[str, float] = {}
        for technique, entry in tomllib.loads(text).items():
            self.confidence[technique] = float(entry.get("confidence", 0.5))
            self.matcher.add(technique, [nlp.make_doc(p) for p in entry["phrases"]])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        found = list(doc.spans.get("cc_techniques", []))
        taken = [(s.start_char, s.end_char, s.label_) for s in found]
        matches = [
            Span(doc, start, end, label=doc.vocab.strings[match_id])
            for match_id, start, end in self.matcher(doc)
        ]
        for span in filter_spans(matches):  # the longest phrase wins ("Takfiri terrorists")
            if any(
                s < span.end_char and span.start_char < e and label == span.label_
                for s, e, label in taken
            ):
                continue
            span._.set(CONFIDENCE, self.confidence[span.label_])
            span._.set(PRODUCER_ATTR, self.producer)
            found.append(span)
        doc.spans["cc_techniques"] = found
        return doc


@Language.factory("cc_technique_lexicon", assigns=["doc.spans"], default_config={})
def make_technique_lexicon(nlp: Language, name: str, lexicon_file: str) -> TechniqueLexicon:
    return TechniqueLexicon(nlp, lexicon_file)
