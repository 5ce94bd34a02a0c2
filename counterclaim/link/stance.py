"""Stance of a text towards a claim: agree, disagree, discuss or unrelated (FNC-1 labels).

A pair is (claim, text): a headline and an article body, or one statement's content and
another's. The text is split into sentences (long ones into windows of `WINDOW_WORDS` words);
the shared frozen MiniLM encoder embeds the claim and every sentence once. The features of a
pair (`Featurizer`) are

- the embeddings of the claim `h`, of the sentence most similar to it `s` and of the mean of
  the `TOP_K` most similar `m`, with `h*s`, `|h-s|`, `h*m` (what the claim and the best
  matching passage say, and how they differ);
- a few dozen numbers known to work on FNC-1: the embedding cosines (best, top-k mean, mean,
  lead sentence), hashed TF-IDF cosines of the claim with the text and its best sentence,
  word and bigram overlap, counts of refuting, hedging and negation words in the claim, the
  best sentences and the whole text, the text's length.

A small MLP (`head_class`) turns them into the four probabilities. The head, the feature
scaling and the hashed IDF table are one fp16 safetensors file (checksum in manifest.json),
trained by `python -m counterclaim.train.stance` on FNC-1 train.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from counterclaim.nlp.encoder import EncoderError, load_encoder, load_verified_head
from counterclaim.text import word_set

LABELS = ("agree", "disagree", "discuss", "unrelated")
HASH_BUCKETS = 1 << 16  # hashed vocabulary of the TF-IDF features
WINDOW_WORDS = 60  # a longer sentence is cut into windows of this many words
MAX_SENTENCES = 120  # only the first sentences of a very long text are read
TOP_K = 3

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


# Small word lists (ours); counted in the claim, the best matching sentences and the text.
REFUTING = word_set(
    "fake fraud hoax false deny denies denied denying refute refutes refuted debunk debunked "
    "debunks bogus nope doubt doubts doubted retract retracts retracted prank pranks untrue "
    "misleading rumour rumor dismiss dismissed dismisses reject rejects rejected baseless "
    "fabricated myth ridiculous incorrect wrong lie lies lied contrary despite however "
    "unfounded satire satirical"
)
HEDGING = word_set(
    "alleged allegedly apparently appear appears appeared claim claims claimed could "
    "evidently likely may maybe might perhaps presumably probably purported purportedly "
    "reported reportedly rumored rumoured seem seems seemingly supposedly unconfirmed "
    "unverified possibly suggest suggests speculation speculate according"
)
NEGATION = word_set(
    "no not never none nothing nobody neither nor without cannot can't don't doesn't didn't "
    "isn't wasn't aren't weren't won't wouldn't hasn't haven't hadn't couldn't shouldn't"
)
STOPWORDS = word_set(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those he she they we you i his her their our your him them us "
    "has have had do does did will would shall should can could may might must so than then "
    "there here what which who whom whose when where why how all any each some such only own "
    "same very just also about into over after before up down out off again further once "
    "s t said says say"
)


def split_sentences(text: str) -> list[str]:
    """The text's sentences (very long ones cut into windows of words), in order."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text):
        words = piece.split()
        for start in range(0, len(words), WINDOW_WORDS):
            sentences.append(" ".join(words[start : start + WINDOW_WORDS]))
        if len(sentences) >= MAX_SENTENCES:
            break
    return sentences[:MAX_SENTENCES] or [text.strip()[:500]]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


@cache
def bucket(word: str) -> int:
    """A stable hash of a word into the TF-IDF table (crc32: the same in every process)."""
    return zlib.crc32(word.encode("utf-8")) % HASH_BUCKETS


@dataclass(frozen=True)
class PreparedText:
    """A text read once: sentences, their embeddings and words (reused by every pair)."""

    sentences: tuple[str, ...]
    vectors: np.ndarray  # (sentences, 384), L2-normalised
    sentence_words: tuple[tuple[str, ...], ...]

    @property
    def all_words(self) -> list[str]:
        return [w for sentence in self.sentence_words for w in sentence]


def prepare_texts(texts: Sequence[str], embed, as_claims: bool = False) -> list[PreparedText]:
    """Split (unless claims: a claim is one unit), embed in one batch, tokenise."""
    split = [[t.strip()[:2000] or t] if as_claims else split_sentences(t) for t in texts]
    flat = [s for sentences in split for s in sentences]
    vectors = embed(flat) if flat else np.zeros((0, 384), dtype=np.float32)
    prepared, row = [], 0
    for sentences in split:
        prepared.append(
            PreparedText(
                tuple(sentences),
                vectors[row : row + len(sentences)],
                tuple(tuple(words(s)) for s in sentences),
            )
        )
        row += len(sentences)
    return prepared


def excerpt(text: PreparedText, claim: PreparedText, size: int) -> PreparedText:
    """The `size` sentences of the text most similar to the claim, in their order (a short
    text made from a long one: training rows for statement-versus-statement pairs)."""
    keep = sorted(int(i) for i in np.argsort(-(text.vectors @ claim.vectors[0]))[:size])
    return PreparedText(
        tuple(text.sentences[i] for i in keep),
        text.vectors[keep],
        tuple(text.sentence_words[i] for i in keep),
    )


def _tfidf(words_: Sequence[str], idf: np.ndarray) -> tuple[dict[int, float], float]:
    """Hashed, sublinear TF-IDF weights of some words and their norm."""
    weights: dict[int, float] = {}
    for word, n in Counter(words_).items():
        key = bucket(word)
        weights[key] = weights.get(key, 0.0) + (1.0 + math.log(n)) * float(idf[key])
    return weights, math.sqrt(sum(v * v for v in weights.values()))


def _cosine(small: tuple[dict[int, float], float], large: tuple[dict[int, float], float]) -> float:
    (a, norm_a), (b, norm_b) = small, large
    if not norm_a or not norm_b:
        return 0.0
    return sum(v * b.get(k, 0.0) for k, v in a.items()) / (norm_a * norm_b)


def _count(words_: Sequence[str], lexicon: frozenset[str]) -> float:
    return float(sum(w in lexicon for w in words_))


NUMBER_NAMES = (
    "cos_max",
    "cos_topk",
    "cos_mean",
    "cos_lead",
    "cos_second",
    "best_position",
    "tfidf_text",
    "tfidf_best",
    "tfidf_best_embedding_sentence",
    "content_overlap",
    "content_overlap_best",
    "bigram_overlap",
    "jaccard",
    "claim_refuting",
    "claim_hedging",
    "claim_negation",
    "best_refuting",
    "best_hedging",
    "best_negation",
    "topk_refuting",
    "topk_hedging",
    "topk_negation",
    "text_refuting",
    "text_hedging",
    "text_negation",
    "text_question",
    "log_sentences",
    "log_claim_words",
    "negation_mismatch",
)


@dataclass(frozen=True)
class _TextStats:
    """What every pair with this text reuses (computed once per text)."""

    words: list[str]
    word_set: set[str]
    bigrams: set[tuple[str, str]]
    lexicon_rates: tuple[float, float, float]
    questions: float


TFIDF_NAMES = ("tfidf_text", "tfidf_best", "tfidf_best_embedding_sentence")


class Featurizer:
    """Pair features under one IDF table; each text's statistics are computed once."""

    def __init__(self, idf: np.ndarray) -> None:
        self.idf = idf
        # keyed by id(); the text is kept beside its entry, so the id stays its own
        self._stats: dict[int, tuple[PreparedText, _TextStats]] = {}
        self._tfidf: dict[int, tuple[PreparedText, tuple, list]] = {}

    def _text_stats(self, text: PreparedText) -> _TextStats:
        known = self._stats.get(id(text))
        if known is not None and known[0] is text:
            return known[1]
        all_words = text.all_words
        n = max(len(all_words), 1)
        stats = _TextStats(
            words=all_words,
            word_set=set(all_words),
            bigrams=set(zip(all_words, all_words[1:], strict=False)),
            lexicon_rates=tuple(
                100 * _count(all_words, lexicon) / n for lexicon in (REFUTING, HEDGING, NEGATION)
            ),
            questions=sum("?" in s for s in text.sentences) / len(text.sentences),
        )
        self._stats[id(text)] = (text, stats)
        return stats

    def _text_tfidf(self, text: PreparedText) -> tuple[tuple, list]:
        known = self._tfidf.get(id(text))
        if known is None or known[0] is not text:
            whole = _tfidf(text.all_words, self.idf)
            sentences = [_tfidf(ws, self.idf) for ws in text.sentence_words]
            known = self._tfidf[id(text)] = (text, whole, sentences)
        return known[1], known[2]

    def tfidf_numbers(self, claim: PreparedText, text: PreparedText) -> list[float]:
        """The features that depend on the IDF table (TFIDF_NAMES)."""
        claim_tfidf, _ = self._text_tfidf(claim)
        whole, sentences = self._text_tfidf(text)
        cosines = [_cosine(claim_tfidf, t) for t in sentences]
        best = int(np.argmax(text.vectors @ claim.vectors[0]))
        return [_cosine(claim_tfidf, whole), max(cosines), cosines[best]]

    def __call__(self, claim: PreparedText, text: PreparedText) -> np.ndarray:
        """One pair's feature vector (see the module doc): 6 x 384 embedding parts, then
        the numbers named in NUMBER_NAMES."""
        h = claim.vectors[0]
        cosines = text.vectors @ h
        order = np.argsort(-cosines)
        best = int(order[0])
        top = order[:TOP_K]
        s = text.vectors[best]
        m = text.vectors[top].mean(0)
        m = m / (np.linalg.norm(m) + 1e-9)

        claim_stats, text_stats = self._text_stats(claim), self._text_stats(text)
        claim_words = claim_stats.words
        claim_content = {w for w in claim_stats.word_set if w not in STOPWORDS}
        best_words = text.sentence_words[best]
        top_words = [w for i in top for w in text.sentence_words[i]]
        claim_negated = _count(claim_words, NEGATION) > 0
        best_negated = _count(best_words, NEGATION) > 0
        numbers = [
            float(cosines[best]),
            float(cosines[top].mean()),
            float(cosines.mean()),
            float(cosines[0]),
            float(cosines[order[1]]) if len(order) > 1 else float(cosines[best]),
            best / max(len(cosines) - 1, 1),
            *self.tfidf_numbers(claim, text),
            len(claim_content & text_stats.word_set) / max(len(claim_content), 1),
            len(claim_content.intersection(best_words)) / max(len(claim_content), 1),
            len(claim_stats.bigrams & text_stats.bigrams) / max(len(claim_stats.bigrams), 1),
            len(claim_stats.word_set & text_stats.word_set)
            / max(len(claim_stats.word_set | text_stats.word_set), 1),
            *(_count(claim_words, lexicon) for lexicon in (REFUTING, HEDGING, NEGATION)),
            *(_count(best_words, lexicon) for lexicon in (REFUTING, HEDGING, NEGATION)),
            *(_count(top_words, lexicon) for lexicon in (REFUTING, HEDGING, NEGATION)),
            *text_stats.lexicon_rates,
            text_stats.questions,
            math.log1p(len(text.sentences)),
            math.log1p(len(claim_words)),
            float(claim_negated != best_negated),
        ]
        return np.concatenate(
            [h, s, h * s, np.abs(h - s), m, h * m, np.asarray(numbers, dtype=np.float32)]
        ).astype(np.float32)


FEATURES = 6 * 384 + len(NUMBER_NAMES)
_FIRST_TFIDF = 6 * 384 + NUMBER_NAMES.index(TFIDF_NAMES[0])
TFIDF_COLUMNS = slice(_FIRST_TFIDF, _FIRST_TFIDF + len(TFIDF_NAMES))


def document_frequencies(documents: Sequence[Sequence[str]]) -> np.ndarray:
    """Smoothed IDF per hash bucket over tokenised documents (fitted on training data)."""
    df = np.zeros(HASH_BUCKETS, dtype=np.float64)
    for document in documents:
        for key in {bucket(w) for w in document}:
            df[key] += 1
    return np.log((1 + len(documents)) / (1 + df)) + 1.0


def head_class():
    """The MLP head (built on first use: importing this file needs no torch)."""
    import torch
    from torch import nn

    class StanceHead(nn.Module):
        def __init__(self, features: int = FEATURES, hidden: int = 256, dropout: float = 0.3):
            super().__init__()
            self.register_buffer("mean", torch.zeros(features))
            self.register_buffer("scale", torch.ones(features))
            self.register_buffer("idf", torch.ones(HASH_BUCKETS))
            self.net = nn.Sequential(
                nn.Dropout(0.1),
                nn.Linear(features, hidden),
                nn.GELU(),
                nn.Dropout(dropout),
                nn.Linear(hidden, hidden // 2),
                nn.GELU(),
                nn.Dropout(dropout),
                nn.Linear(hidden // 2, len(LABELS)),
            )

        def forward(self, features: torch.Tensor) -> torch.Tensor:
            return self.net((features - self.mean) / self.scale)

    return StanceHead


@dataclass(frozen=True)
class StanceResult:
    label: str
    probs: dict[str, float]


@dataclass(frozen=True)
class Manifest:
    weights: str
    sha256: str
    trained_on: str
    hidden: int
    features: int


def model_dir() -> Path:
    return Path(str(resources.files("counterclaim").joinpath("models", "stance")))


class StanceModel:
    """The shipped head over the shared encoder; `predict` takes many pairs at once."""

    batch_size = 512

    def __init__(self, directory: Path) -> None:
        import torch

        def build(manifest: Manifest):
            if manifest.features != FEATURES:
                raise EncoderError(
                    f"{directory}: made for {manifest.features} features, not {FEATURES}"
                )
            return head_class()(hidden=manifest.hidden)

        _, self.head = load_verified_head(directory, Manifest, build)
        self.encoder = load_encoder()
        self.idf = self.head.idf.numpy().astype(np.float64)
        self.torch = torch

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        torch = self.torch
        rows = []
        with torch.inference_mode():
            for start in range(0, len(features), self.batch_size):
                logits = self.head(torch.from_numpy(features[start : start + self.batch_size]))
                rows.append(torch.softmax(logits, -1).numpy())
        return np.concatenate(rows) if rows else np.zeros((0, len(LABELS)), dtype=np.float32)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[StanceResult]:
        """The stance of each (claim, text) pair; every distinct claim and text is read once."""
        if not pairs:
            return []
        claims = list(dict.fromkeys(claim for claim, _ in pairs))
        texts = list(dict.fromkeys(text for _, text in pairs))
        prepared_claims = dict(
            zip(claims, prepare_texts(claims, self.encoder.embed, as_claims=True), strict=True)
        )
        prepared_texts = dict(zip(texts, prepare_texts(texts, self.encoder.embed), strict=True))
        featurize = Featurizer(self.idf)
        features = np.stack(
            [featurize(prepared_claims[claim], prepared_texts[text]) for claim, text in pairs]
        )
        results = []
        for row in self.probabilities(features):
            probs = {label: round(float(p), 4) for label, p in zip(LABELS, row, strict=True)}
            results.append(StanceResult(LABELS[int(row.argmax())], probs))
        return results


@cache
def load_stance_model(directory: str | None = None) -> StanceModel:
    """The stance model for this process, checksum verified."""
    return StanceModel(Path(directory) if directory else model_dir())
