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

# Rejection in its usual English forms (general lexical knowledge, not from any article):
# saying it is untrue, a lie, fiction, fabricated, noise, a provocation, baseless; seeing no
# grounds, evidence or proof; calling it false; rejecting, refuting, dismissing it.
_DENIAL = re.compile(
    r"\b(?:ridiculous|absurd|baseless|groundless|nonsense|rubbish|unfounded|unsubstantiated|"
    r"fake(?: news)?|false(?:hoods?|ly)?|falsif\w*|untrue|not true|(?:can ?not|can't|cannot|"
    r"could not|couldn't) (?:possibly )?be true|nothing to do with (?:the )?(?:truth|reality)|"
    r"far from (?:the )?truth|(?:does|do) not correspond to (?:the )?(?:reality|facts)|"
    r"lies|lie|lying|liars?|fiction(?:al)?|fabricat\w*|made[- ]up|hoax|"
    r"(?:empty )?noise|provocations?|slander\w*|smear\w*|disinformation|"
    r"misinformation|propaganda|libel\w*|claims to the contrary|categorically|"
    r"no (?:grounds?|evidence|proof|basis|truth|reason to believe|facts?)|"
    r"without (?:any )?(?:grounds?|evidence|proof|basis)|(?:lacks?|lacking) (?:any )?"
    r"(?:evidence|proof|basis)|not (?:a )?(?:single )?(?:shred|piece) of evidence|"
    r"(?:deny|denies|denied|denying|denial)|reject\w*|refut\w*|dismiss\w*|rebuff\w*|"
    r"repudiat\w*|debunk\w*|had nothing to do with|has nothing to do with|"
    r"have nothing to do with|not (?:involved|responsible|behind)|no (?:involvement|role) in|"
    r"never (?:happened|took place|existed))\b",
    re.I,
)

# Content wording that shows the act when the cue is neutral, strongest first.
_CONTENT_PATTERNS: list[tuple[SpeechAct, float, re.Pattern[str]]] = [
    ("deny", 0.8, _DENIAL),
    (
        "threaten",
        0.7,
        re.compile(
            # destroying said of what will or would be done: `hydrogen atmospheres shouldn't
            # kill or destroy life` is no threat
            r"\b(complete destruction|will pay|"
            r"(?:will|would|shall|'ll|to|ready to|vow\w* to)\s+(?:\w+\s+)?"
            r"(?:destroy|annihilat\w*|wipe out|retaliat\w*|crush)|"
            r"(?:is|are) prepared to (?:begin|strike|attack|destroy|act))\b",
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
            r"provid\w+ intelligence|cover(?:ed|ing)? up|war crimes?|obstacle|"
            r"(?:commit\w*|carr\w* out|stag\w*) (?:[\w-]+ ){0,2}provocations?)\b",
            re.I,
        ),
    ),
    ("confirm", 0.6, re.compile(r"\b(confirm\w*|acknowledg\w*|indeed)\b", re.I)),
]


# A word of rejection after one of these is not the speaker rejecting: what someone could
# do (`could easily deny it`), or an act talked about (`a long history of denying
# responsibility`, `accused him of lying`)
_NOT_DONE_BEFORE = re.compile(
    r"\b(?:could|would|might|may|can|of|for|by|about|from|without|instead of)\s+(?:\w+ly\s+)?$",
    re.I,
)
_REJECTING = re.compile(r"^(?:den[iy]\w*|reject\w*|refut\w*|dismiss\w*|rebuff\w*|l[iy]\w*)$", re.I)
# a provocation done (`has committed a provocation`, `staged a large-scale provocation`) is
# an accusation; calling what was said a provocation is a rejection of it
_DONE_BEFORE = re.compile(
    r"\b(?:commit\w*|carr\w* out|stag\w*|launch\w*|conduct\w*|resort\w* to)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


def is_own_rejection(text: str, found: re.Match[str]) -> bool:
    """Whether a rejection word found in a content is the speaker rejecting something: not
    `could deny`, `a history of denying`, `committed a provocation`."""
    word, before = found.group(0), text[: found.start()]
    if _REJECTING.match(word) and _NOT_DONE_BEFORE.search(before):
        return False
    return not (word.lower().startswith("provocation") and _DONE_BEFORE.search(before))


# A content in which the speaker takes the blame itself (`claimed responsibility for the
# attack`, `said they were responsible`): a claim of its own deed, which accuses no one
_OWN_RESPONSIBILITY = re.compile(
    r"^\W*(?:(?:full\s+|sole\s+)?responsibility\b|(?:we|they)\s+(?:were|are|had been|have been)"
    r"\s+(?:solely\s+)?(?:responsible|behind)\b)",
    re.I,
)


def takes_responsibility(content: str) -> bool:
    """Whether the content is its speaker claiming a deed as its own: `responsibility for the
    drone attacks` (after `claimed`), `we were responsible for the strike`."""
    return bool(_OWN_RESPONSIBILITY.match(content))


def _found(act: SpeechAct, pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    """The pattern's first match in the words, a denial's only where it is the speaker's."""
    for found in pattern.finditer(words):
        if act != "deny" or is_own_rejection(words, found):
            return found
    return None


# Cues that name the content's kind (`called it false`, `described the report as fiction`):
# what they carry is in the words, not the verb
_NAMING_CUES = {"describe", "label", "brand", "term", "characterize", "characterise"}
# cues that assure: with a negation, the speaker asserts the opposite of a claim
_ASSURING_CUES = {"assure", "insist", "maintain", "stress", "emphasize", "emphasise"}
_NEGATION = re.compile(r"\b(?:no|not|never|nothing|none|nobody|no one|n't)\b", re.I)


# A cue word whose reported contents are propositions in fewer than half of its PolNeAR
# train uses (cue_lexicon.tsv: vote .36, approve .40, endorse .27, impose .00) reports an
# action or a stance on a thing, not something said
ACTION_PROPOSITION = 0.5


def _is_action(lemma: str) -> bool:
    if lemma in CUE_ACTS or lemma in _NAMING_CUES or lemma in _ASSURING_CUES or lemma == "call":
        return False
    from counterclaim.extract.cues import cue_lexicon  # cues.py imports this module

    entry = cue_lexicon().get(lemma)
    return entry is not None and entry[1] < ACTION_PROPOSITION


def classify_act(
    cue_lemma: str, content: str, cue_text: str = "", negated: bool = False
) -> tuple[SpeechAct, float, str]:
    """The statement's act, a confidence, and the evidence: the cue (`cue:denied`) or the
    words (`words:baseless`) that decided it. `cue_text` is the cue as written (`saw no
    grounds for`); its words count as the content's. `negated`: the cue did not happen
    (`did not deny`, `declined to confirm`), which is no denial or confirmation."""
    lemma = cue_lemma.lower()
    if negated and CUE_ACTS.get(lemma) in ("deny", "confirm", "accuse"):
        return "other", 0.5, f"cue:{cue_text or lemma} (negated)"
    calling = lemma == "call" and not re.search(r"\b(?:on|upon|for)\b", cue_text, re.I)
    carried = None if calling or lemma in _NAMING_CUES else CUE_ACTS.get(lemma)
    if carried:
        return carried, 0.9, f"cue:{cue_text or lemma}"
    if _is_action(lemma):
        # `voted to reject the bill`, `approved sanctions`: an action, not a saying; its
        # object's words (`reject`) are not the speaker's denial
        return "other", 0.4, ""
    # the content's words first: some patterns anchor (a negated cue's own words, `declined
    # to confirm`, and the action it declined, `declined` + `to confirm that ...`, say what
    # was not done)
    if takes_responsibility(content):
        return "assert", 0.6, "words:own responsibility"
    read = (content, cue_text)
    if negated:
        read = () if content.lstrip().lower().startswith("to ") else (content,)
    for words in read:
        for act, confidence, pattern in _CONTENT_PATTERNS:
            found = _found(act, pattern, words)
            if found:
                return act, confidence, f"words:{found.group(0)}"
    if lemma in _ASSURING_CUES:
        found = _NEGATION.search(content)
        if found and lemma == "assure":
            return "deny", 0.6, f"cue:{cue_text or lemma} + words:{found.group(0)}"
    neutral = lemma in CUE_ACTS or calling or lemma in _NAMING_CUES
    return ("assert", 0.6, "") if neutral else ("other", 0.4, "")
