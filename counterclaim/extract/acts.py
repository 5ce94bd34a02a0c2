"""Speech acts: what a statement does (accuse, deny, warn, ...), from its cue and its words.

The cue verb decides when it carries the act (`denied`, `warned`); a neutral cue (`said`,
`told`) leaves it to the content's own wording. Word lists were written from the seed
articles and PolNeAR train sentences; confidences are rough priors, not calibrated.
"""

from __future__ import annotations

import re

from counterclaim.model import SpeechAct

# cue lemma → the act it carries; None: a neutral reporting verb
CUE_ACTS: dict[str, SpeechAct | None] = {
    **dict.fromkeys(
        [
            "say",
            "tell",
            "add",
            "state",
            "claim",
            "announce",
            "explain",
            "note",
            "stress",
            "insist",
            "argue",
            "report",
            "write",
            "comment",
            "declare",
            "maintain",
            "reiterate",
            "emphasize",
            "emphasise",
            "suggest",
            "assert",
            "tweet",
            "respond",
            "reply",
            "answer",
            "predict",
            "estimate",
            "conclude",
            "recall",
            "observe",
            "contend",
            "indicate",
            "believe",
            "think",
            "according",
        ],
        None,
    ),
    **dict.fromkeys(
        [
            "accuse",
            "blame",
            "allege",
            "charge",
            "condemn",
            "criticize",
            "criticise",
            "slam",
            "denounce",
        ],
        "accuse",
    ),
    **dict.fromkeys(
        ["deny", "reject", "dismiss", "refute", "rebuff", "disputes", "dispute", "contradict"],
        "deny",
    ),
    **dict.fromkeys(["warn", "caution", "alert"], "warn"),
    **dict.fromkeys(["threaten", "vow", "pledge"], "threaten"),
    **dict.fromkeys(
        ["urge", "call", "encourage", "ask", "demand", "appeal", "implore", "request"], "urge"
    ),
    **dict.fromkeys(["confirm", "acknowledge", "admit", "concede", "verify"], "confirm"),
}

# Content wording that shows the act when the cue is neutral, strongest first.
_CONTENT_PATTERNS: list[tuple[SpeechAct, float, re.Pattern[str]]] = [
    (
        "deny",
        0.8,
        re.compile(
            r"\b(ridiculous|absurd|baseless|groundless|nonsense|unfounded|fake news|false|"
            r"not true|untrue|lies?|claims to the contrary|categorically|deny|denies|denied|"
            r"no (?:evidence|truth)|fabricat\w*)\b",
            re.I,
        ),
    ),
    (
        "threaten",
        0.7,
        re.compile(
            r"\b(complete destruction|destroy|annihilat\w*|wipe out|retaliat\w*|will pay|"
            r"(?:is|are) prepared to (?:begin|strike|attack|destroy|act)|crush)\b",
            re.I,
        ),
    ),
    (
        "urge",
        0.7,
        re.compile(
            r"^\W*(?:we|i|it|they|he|she)\s+(?:encourag|urg|call(?:ed|s)? on|ask|appeal|demand)\w*|"
            r"\b(?:must|should) (?:stop|end|refrain|focus)\b",
            re.I,
        ),
    ),
    (
        "warn",
        0.65,
        re.compile(
            r"\b(would be repelled|will be repelled|warn\w*|will face|consequences|"
            r"at (?:their|its) own risk|dangerous)\b",
            re.I,
        ),
    ),
    (
        "accuse",
        0.65,
        re.compile(
            r"\b(support for (?:them|terrorists?)|flirt\w*|complicit\w*|collu\w*|"
            r"responsible for|to blame|behind the (?:attacks?|bombing)|sponsor\w*|"
            r"provid\w+ intelligence|cover(?:ed|ing)? up|war crimes?|obstacle)\b",
            re.I,
        ),
    ),
    ("confirm", 0.6, re.compile(r"\b(confirm\w*|acknowledg\w*|indeed)\b", re.I)),
]


def classify_act(cue_lemma: str, content: str) -> tuple[SpeechAct, float]:
    """The statement's act and a confidence."""
    carried = CUE_ACTS.get(cue_lemma.lower())
    if carried:
        return carried, 0.9
    for act, confidence, pattern in _CONTENT_PATTERNS:
        if pattern.search(content):
            return act, confidence
    return ("assert", 0.6) if cue_lemma.lower() in CUE_ACTS else ("other", 0.4)
