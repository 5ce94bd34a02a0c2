"""A link's evidence (`links.evidence`, what the linker's decision used) in words a reader
can check, for the web page, its JSON twin and `counterclaim links`.

The linker's evidence keys are known here one by one; a key added later, not yet known,
still shows, as `name: value`, so nothing the decision used is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from counterclaim.link.disputes import DisputeOptions

RELATION_WORDS = {
    "disputes": "disputes",
    "supports": "supports",
    "repeats": "repeats",
    "responds_to": "answers",
    "copy_of": "is a copy of",
}


def _percent(value: object) -> str:
    return f"{float(value):.0%}"  # type: ignore[arg-type]


def _closeness(value: object) -> str:
    """The content embeddings' cosine, with the bands `link/disputes.py` decides on (the
    bundled config's: the words describe the default bands)."""
    options = DisputeOptions.default()
    cosine = float(value)  # type: ignore[arg-type]
    if cosine >= options.same_content:
        words = "say much the same"
    elif cosine >= options.repeated_content:
        words = "are close in meaning"
    elif cosine >= options.related_content:
        words = "are related"
    else:
        words = "are not close in meaning"
    return f"the two statements {words} (cosine {cosine:.2f})"


def _acts(value: object) -> str:
    if isinstance(value, list | tuple) and len(value) == 2:
        claim, reply = value
        return f"a statement that is “{reply}” answering one that is “{claim}”"
    return f"speech acts: {value}"


def _rebuttal(value: object) -> str:
    if value == "words":
        return "the reply uses words of rebuttal (such as “baseless”, “ridiculous”, “no evidence”)"
    return "the reply is a denial"


def _names(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v).split(":", 1)[-1] for v in value)
    return str(value).split(":", 1)[-1]


def _flag(text: str) -> Callable[[object], str | None]:
    return lambda value: text if value else None


DESCRIBE: dict[str, Callable[[object], str | None]] = {
    "acts": _acts,
    "rebuttal": _rebuttal,
    "reply_by_target": _flag("the reply comes from the party the claim is about (the accused)"),
    "names_claimant": _flag("the reply names the claimant"),
    "cosine": _closeness,
    "counter_accusation": _flag("a counter-accusation: the reply accuses the claimant's side"),
    "claim_just_before": _flag("a bare denial answering the claim reported just before it"),
    "relayed_original": _flag("the claim as first reported, relayed where the reply answers it"),
    "contradiction_against": lambda v: (
        f"the contradiction model reads the reply as against the claim at {_percent(v)}"
    ),
    "stance_disagree": lambda v: f"the stance model puts disagreement at {_percent(v)}",
    "same_voice": lambda v: f"the same voice ({_names(v)}) in another article",
    "same_side": lambda v: f"another voice of the same side ({_names(v)})",
    "minhash_jaccard": lambda v: f"the texts share {_percent(v)} of their word sequences",
}
# the order a reader wants the reasons in: what kind of statement, then who, then content
ORDER = list(DESCRIBE)


def describe_evidence(evidence: Mapping[str, object]) -> list[str]:
    """One sentence per piece of evidence, known keys first in a fixed order."""
    lines = []
    for key in sorted(evidence, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k)):
        value = evidence[key]
        describe = DESCRIBE.get(key)
        line = describe(value) if describe else f"{key.replace('_', ' ')}: {value}"
        if line:
            lines.append(line)
    return lines


def describe_link(link: Mapping[str, object]) -> dict:
    """A `links` row (evidence decoded) as a reader sees it: id, relation, score, who made
    it, and the reasons in words; the evidence as stored beside them."""
    evidence = link.get("evidence") or {}
    assert isinstance(evidence, Mapping)
    return {
        "id": link.get("id"),
        "relation": link.get("relation"),
        "score": round(float(link.get("score") or 0.0), 3),  # type: ignore[arg-type]
        "producer": link.get("producer"),
        "why": describe_evidence(evidence),
        "evidence": dict(evidence),
    }
