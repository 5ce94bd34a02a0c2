"""Speaker resolution within an article: `he`, `the spokesman`, `the Russian general`,
`a Pentagon spokesperson`, `the ministry` → the named person or the organisation meant.

Evidence is everything earlier in the article: each person named (with the titles before the
name and the role in apposition: `Major General Igor Konashenkov, a spokesman for Russia's
Defense Ministry`), each organisation, and each speaker already resolved. A description
resolves to the latest person whose titles or role contain its head noun and whose
nationality and organisation do not contradict its modifiers. An unnamed speaker resolves to
its organisation (`a Pentagon spokesperson` → Pentagon, role spokesperson).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.acts import CUE_ACTS
from counterclaim.extract.countries import load_countries
from counterclaim.model import CharSpan, Speaker, Statement
from counterclaim.text import PARAGRAPH_BREAK, word_set

TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "sir", "major", "general", "gen", "lt", "lieutenant", "colonel",
    "col", "captain", "capt", "admiral", "adm", "sgt", "sergeant", "president", "prime",
    "minister", "secretary", "senator", "sen", "rep", "representative", "gov", "governor",
    "ambassador", "judge", "justice", "chancellor", "king", "queen", "prince", "pope",
    "defense", "defence", "foreign", "state", "deputy", "vice", "spokesman", "spokeswoman",
    "spokesperson", "chief", "commander", "mayor", "premier", "chairman", "chairwoman",
}  # fmt: skip
ROLE_NOUNS = TITLE_WORDS | {
    "official", "officials", "envoy", "officer", "director", "head", "leader", "lawmaker",
    "diplomat", "source", "sources", "analyst", "expert", "aide", "adviser", "advisor",
    "prosecutor", "lawyer", "attorney", "chair", "ceo", "police", "witness", "resident",
    "spokespeople", "representative", "negotiator", "militant", "soldier", "doctor",
    "journalist", "reporter", "author", "blogger", "activist", "researcher", "investigator",
    "dictator", "politician", "opponent", "critic", "professor", "scientist", "economist",
}  # fmt: skip
# words that rank or date a role rather than say what kind it is (general English)
_RANK_WORDS = {
    "top", "senior", "junior", "former", "new", "current", "acting", "then", "longtime",
    "veteran", "main", "leading", "principal", "assistant", "interim", "outgoing", "incoming",
}  # fmt: skip
ORG_NOUNS = {
    "ministry",
    "department",
    "agency",
    "government",
    "office",
    "army",
    "military",
    "pentagon",
    "kremlin",
    "administration",
    "council",
    "committee",
    "party",
    "company",
    "group",
    "coalition",
    "embassy",
    "police",
    "court",
    "commission",
}
_SAME_ROLE = {
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "spokespeople": "spokesman",
    "gen": "general",
    "officials": "official",
}
# Things that speak for whoever issued them: `the report said`, `the statement read`.
DOCUMENT_NOUNS = {
    "report", "statement", "communique", "communiqué", "letter", "document", "summary",
    "assessment", "release", "study", "memo", "declaration", "note", "dossier", "findings",
}  # fmt: skip
# paragraph breaks an unquoted `I`/`we` may be from the last one who spoke, to be them
_FIRST_PERSON_PARAGRAPHS = 1
# what someone said, spoken of as a thing (`his remarks`, `her statement`; general English)
_UTTERANCE_NOUNS = {
    "remark", "remarks", "comment", "statement", "speech", "tweet", "post", "interview",
    "testimony", "words", "letter", "message", "address", "account",
}  # fmt: skip
# how a document comes from its issuer (`was released by`, `was published by`)
_ISSUING_VERBS = {"release", "publish", "issue", "prepare", "compile", "write", "produce"}
# Groups that belong to someone: `his team`, `her lawyers`, `their spokesman`.
GROUP_NOUNS = {
    "team", "allies", "supporters", "lawyers", "lawyer", "office", "spokesman", "spokeswoman",
    "spokesperson", "aides", "aide", "family", "campaign", "staff", "associates", "camp",
    "representatives", "party", "government", "administration", "ministry", "reps",
    "relatives", "friends", "colleagues",
}  # fmt: skip
# A company or group spoken of by its kind (`the company said`): the organisation named before.
_KIND_NOUNS = {"company", "firm", "corporation", "group", "organisation", "organization"}
# people who deal with a body without speaking for it: `a Comcast customer` is not Comcast
# (general English)
_OUTSIDER_NOUNS = {
    "customer", "customers", "client", "clients", "user", "users", "subscriber", "subscribers",
    "viewer", "viewers", "reader", "readers", "fan", "fans", "passenger", "passengers",
    "patient", "patients", "shareholder", "shareholders", "investor", "investors", "buyer",
    "buyers", "owner", "owners", "victim", "victims", "student", "students", "visitor",
    "visitors", "critic", "critics", "opponent", "opponents", "rival", "rivals", "competitor",
    "competitors",
}  # fmt: skip
# `the military` for a defence ministry or an army named before (general English).
_MILITARY_WORDS = {"military", "defence", "defense", "army", "armed", "forces"}
# a speaker noun names the body whose name shares its first letters (`investigators` and
# the `Joint Investigation Team`), written within this many characters of it
_STEM_LETTERS = 7
_BODY_WINDOW = 600
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "we", "i", "them", "us"}
_POSSESSIVE_PRONOUNS = {"his": "he", "its": "it", "their": "they", "our": "we", "my": "i"}
_DETERMINERS = {"a", "an", "the", "this", "that", "its", "his", "her", "their"}
_ORG_LABELS = ("ORG", "GPE", "NORP")


def _norm(word: str) -> str:
    word = word.lower().strip(".'’")
    return _SAME_ROLE.get(word, word)


def _unpossessed(word: str) -> str:
    """`Russia's` → `russia`: the word without its possessive ending, lower-cased."""
    return word.lower().removesuffix("'s").removesuffix("’s")


def _stem(word: str) -> str:
    """`Russian`, `Russia's`, `Russia` → `russi`: enough to compare nationalities."""
    return _unpossessed(word)[:5]


# Family words before a name (`Biden's son Hunter Biden`, `Trump's niece Mary Trump`): the
# person is named for a relative, whose bare surname means the relative, not them.
KIN_WORDS = word_set(
    "son sons daughter daughters wife husband brother sister father mother nephew niece "
    "cousin uncle aunt grandson granddaughter grandfather grandmother stepson stepdaughter "
    "widow widower ex-wife ex-husband"
)


@dataclass
class Referent:
    kind: str  # person | org | unnamed
    name: str | None
    role: str | None = None
    organisation: str | None = None
    words: set[str] = field(default_factory=set)  # titles and role nouns, normalised
    nationality: set[str] = field(default_factory=set)  # stems of places and demonyms
    position: int = 0  # character offset of the latest mention
    gender: str | None = None  # "m" | "f" from titles, role nouns and the pronouns that follow
    described: set[str] = field(default_factory=set)  # every word of its mention, lower case


def organisation_text(ent: Span) -> str:
    """An organisation as written, with a possessive place before it: `Russia's Defense
    Ministry` (spaCy's entity is often only `Defense Ministry`)."""
    doc, start = ent.doc, ent.start
    if start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].ent_type_ in ("GPE", "NORP"):
        start = doc[start - 2].left_edge.i if doc[start - 2].ent_iob_ != "B" else start - 2
        while start > 0 and doc[start - 1].ent_type_ == "GPE" and doc[start - 1].ent_iob_ != "O":
            start -= 1
    return _without_determiner(doc[start : ent.end])


def _without_determiner(span: Span) -> str:
    tokens = list(span)
    while tokens and tokens[0].lower_ in _DETERMINERS:
        tokens = tokens[1:]
    # a Span's text is built from its own tokens; `doc.text` would rebuild the whole article
    return span.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""


def _places(span: Span) -> set[str]:
    return {_stem(e.text.split()[0]) for e in span.ents if e.label_ in ("GPE", "NORP")} | {
        _stem(t.text) for t in span if t.ent_type_ in ("GPE", "NORP")
    }


# Words that fix a person's gender (general English, not data): honorifics and gendered roles.
_MALE_WORDS = {"mr", "sir", "king", "prince", "spokesman", "chairman", "congressman", "lord"}
_FEMALE_WORDS = {
    "mrs", "ms", "miss", "madam", "queen", "princess", "spokeswoman", "chairwoman",
    "congresswoman", "lady",
}  # fmt: skip
_HONORIFICS = TITLE_WORDS | _MALE_WORDS | _FEMALE_WORDS
_MALE_PRONOUNS = {"he", "him", "his", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}


def _gender_of_words(words: set[str]) -> str | None:
    if words & _MALE_WORDS and not words & _FEMALE_WORDS:
        return "m"
    if words & _FEMALE_WORDS and not words & _MALE_WORDS:
        return "f"
    return None


def _following_pronoun(doc: Doc, ent: Span) -> str | None:
    """The gender of the first personal pronoun after a person's mention in its own
    sentence, before any other person is named: `Merkel said her government ...`. (The next
    sentence's `She said` is what is being resolved, so it is no evidence.)"""
    for token in doc[ent.end : ent.sent.end]:
        if token.ent_type_ == "PERSON":
            return None
        lower = token.lower_
        if lower in _MALE_PRONOUNS:
            return "m"
        if lower in _FEMALE_PRONOUNS:
            return "f"
    return None


def _surname_gender(name: str) -> str | None:
    """Slavic surnames mark gender: Ivanova, Zhukovskaya (f); Ivanov, Zhukovsky (m)."""
    last = name.split()[-1].lower()
    if len(last) > 4 and last.endswith(("ova", "eva", "skaya", "tskaya", "ina")):
        return "f"
    if len(last) > 3 and last.endswith(("ov", "ev", "sky", "skiy", "skii", "in")):
        return "m"
    return None


def _a_person_typed_org(ent: Span) -> bool:
    """A name the NER typed as an organisation (`Sviatlana Tsikhanouskaya`): two or three
    capitalised words, none an organisation's noun, with a surname that marks gender or a
    subject that the next sentence goes on about as `he` or `she`."""
    words = list(ent)
    if _a_person_after_a_place(ent):
        return True
    if ent.label_ != "ORG" or not 2 <= len(words) <= 3:
        return False
    if not all(t.pos_ == "PROPN" and t.text.istitle() and t.text.isalpha() for t in words):
        return False
    if any(t.lower_ in ORG_NOUNS | _KIND_NOUNS for t in words):
        return False
    if _surname_gender(ent.text):
        return True
    following = ent.sent.end < len(ent.doc) and ent.doc[ent.sent.end]
    return bool(
        following
        and _is_subject(ent.root)
        and following.lower_ in _MALE_PRONOUNS | _FEMALE_PRONOUNS
    )


def _after_last_comma(tokens: list[Token]) -> list[Token]:
    """The tokens after an entity's last comma (`Bucha, Anatoly Fedoruk` taken as one name);
    all of them when it has none or ends in one."""
    commas = [i for i, t in enumerate(tokens) if t.text == ","]
    return tokens[commas[-1] + 1 :] if commas and commas[-1] + 1 < len(tokens) else tokens


def _a_person_after_a_place(ent: Span) -> bool:
    """`the mayor of Bucha, Anatoly Fedoruk` taken as one organisation by the NER: a name
    after the place and its comma is a person in apposition."""
    words = list(ent)
    tail = _after_last_comma(words)
    if ent.label_ != "ORG" or len(tail) == len(words):
        return False
    return (
        2 <= len(tail) <= 3
        and all(t.pos_ == "PROPN" and t.text.istitle() and t.text.isalpha() for t in tail)
        and not any(t.lower_ in ORG_NOUNS | _KIND_NOUNS for t in tail)
    )


def _organisations_typed_person(doc: Doc) -> set[str]:
    """One-word names the NER types ORG or GPE where the article introduces them and at
    least as often as PERSON, that end no name given in full (`A Lego pamphlet`, `Lego
    spokesman X`, then `Lego dollhouses` as PERSON; not `Biden` first typed PERSON, nor
    `Trump` after `Donald Trump`): organisations, never the `he` that a quote's cue stands
    for."""
    typed: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    surnames = set()
    for ent in doc.ents:
        typed.setdefault(ent.text, Counter())[ent.label_] += 1
        first.setdefault(ent.text, ent.label_)
        if ent.label_ == "PERSON" and len(ent) > 1:
            surnames.add(ent[-1].text)
    return {
        name
        for name, labels in typed.items()
        if " " not in name
        and labels["PERSON"]
        and first[name] in ("ORG", "GPE")
        and labels["ORG"] + labels["GPE"] >= labels["PERSON"]
        and name not in surnames
        and name.lower() not in _countries()  # `Armenia accused ...`: the state's own path
    }


def _person_referents(doc: Doc) -> list[tuple[int, Referent]]:
    """Every named person, in order, with titles and apposed roles."""
    found: list[tuple[int, Referent]] = []
    organisations = _organisations_typed_person(doc)
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not _a_person_typed_org(ent):
            continue
        if ent.text in organisations:
            continue
        # `the mayor of Bucha, Anatoly Fedoruk` taken as one name: the name after the comma;
        # `Volodymyr Zelenskyy's`: the name without its possessive
        tokens = _after_last_comma(list(ent))
        while len(tokens) > 1 and tokens[-1].tag_ == "POS":
            tokens.pop()
        titles = set()
        while (
            len(tokens) > 1 and _norm(tokens[0].text) in TITLE_WORDS | _MALE_WORDS | _FEMALE_WORDS
        ):
            titles.add(_norm(tokens.pop(0).text))
        # titles written before the entity: `Defense Minister Sergei Shoigu`
        index = ent.start - 1
        while index >= 0 and _norm(doc[index].text) in _HONORIFICS:
            titles.add(_norm(doc[index].text))
            index -= 1
        name = doc[tokens[0].i : tokens[-1].i + 1].text
        # `Biden's son Hunter Biden`: a relative of the one the bare surname names (not `His
        # brother, Daniel Morlan`, whose `Morlan` may well be him)
        surname = tokens[-1].text
        before = doc[max(ent.sent.start, ent.start - 4) : ent.start]
        named_for = any(
            t.text == surname and t.i + 1 < ent.start and doc[t.i + 1].tag_ == "POS" for t in before
        )
        if named_for:
            titles |= {t.lower_ for t in before if t.lower_ in KIN_WORDS}
        referent = Referent("person", name, words=titles, position=ent.start_char)
        # the description written before the name: `Venezuelan dictator Nicolas Maduro`,
        # `Russia's Foreign Ministry spokeswoman Maria Zakharova`, `investigative journalist X`
        while (
            index >= 0
            and doc[index].dep_ in ("compound", "amod", "poss", "case", "nmod")
            and index < doc[index].head.i < ent.end
            and doc[index].sent.start == ent.sent.start
        ):
            token = doc[index]
            if token.ent_type_ in ("GPE", "NORP"):
                referent.nationality.add(_stem(token.text))
            elif token.pos_ == "NOUN":
                referent.words.add(_norm(token.text))
            index -= 1
        # another name in apposition is another person, no role (`a spokesman for President
        # Jane Harlow, Tom Brennan`: the parse hangs Brennan on Harlow)
        appositions = [
            c
            for c in ent.root.children
            if c.dep_ == "appos" and c.ent_type_ != "PERSON" and not ent.start <= c.i < ent.end
        ]
        if ent.root.dep_ == "appos" and ent.root.head.lower_ in ROLE_NOUNS:
            appositions.append(ent.root.head)
        raw_words = {t.lower_.strip(".") for t in doc[max(0, index + 1) : ent.end]}
        role_spans = [doc[a.left_edge.i : a.right_edge.i + 1] for a in appositions]
        named = ent.root.head
        if (
            ent.root.dep_ == "appos"
            and named.ent_type_ == "PERSON"
            and named.dep_ == "pobj"
            and named.head.head.lower_ in ROLE_NOUNS
        ):
            # `a senior aide to President Martin Okoro, Hassan Bello`: Bello is the aide
            role_noun = named.head.head
            role_spans.append(doc[role_noun.left_edge.i : named.i + 1])
        for role_span in role_spans:
            referent.role = _without_determiner(role_span)
            referent.words |= {_norm(t.text) for t in role_span if t.pos_ == "NOUN"}
            raw_words |= {t.lower_ for t in role_span}
            orgs = [e for e in role_span.ents if e.label_ in ("ORG", "GPE")]
            if orgs:
                referent.organisation = organisation_text(orgs[-1])
            referent.nationality |= _places(role_span)
        referent.gender = (
            _gender_of_words(raw_words) or _surname_gender(name) or _following_pronoun(doc, ent)
        )
        referent.described = raw_words
        found.append((ent.start_char, referent))
    return found


class _Resolver:
    def __init__(self, doc: Doc, contents: list[CharSpan] | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        # what was reported: a person named inside another's claim (`Maduro said Trump had
        # decided ...`) is talked about, seldom the one who goes on talking
        self.contents = contents or []
        self.people = _person_referents(doc)
        from counterclaim.extract.mentions import speaker_labels  # it imports this module

        labels = speaker_labels(doc.text)  # `((WN))`: the interviewer, never an `it` or `we`
        self.orgs = [
            (e.start_char, e)
            for e in doc.ents
            if e.label_ in ("ORG", "GPE") and e.text not in labels
        ]
        self.speakers: list[Referent] = []  # resolved so far, in order
        self.spoken: list[tuple[int, Referent]] = []  # (where the speaker is written, who)
        self.quotes = list(doc.spans.get("cc_quotes", []))
        self.subjects = {
            e.start_char
            for e in doc.ents
            if (e.label_ == "PERSON" or _a_person_typed_org(e))
            and _is_subject(e.root)
            and not any(c.start <= e.start_char < c.end for c in self.contents)
            and not _embedded_subject(e.root)
        }
        # people named only as a possessor (`Michael Brown's family`)
        self.possessors = {
            e.start_char for e in doc.ents if e.label_ == "PERSON" and e.root.dep_ == "poss"
        }

    def remember(self, referent: Referent, position: int) -> None:
        self.speakers.append(referent)
        self.spoken.append((position, referent))

    def pronoun_referent(self, pronoun: str, position: int) -> Referent | None:
        """What a pronoun speaker means. `he`/`she`: the nearest person named or speaking
        before it whose gender does not contradict it, a subject or earlier speaker first
        (an object named in between is seldom the one who goes on talking); `we`/`us`: the
        nearest earlier speaker's organisation (with the person, when one was named);
        `it`/`they`: the nearest earlier organisation speaking, else named."""
        if pronoun in PERSON_PRONOUNS:
            gender = "m" if pronoun in ("he", "him") else "f"
            # a person named inside a quotation is talked about, seldom the one talking
            mentions = [
                (pos, r, pos in self.subjects)
                for pos, r in self.people
                if pos < position and not any(q.start_char < pos < q.end_char for q in self.quotes)
            ]
            # an unnamed body (`police`, `officials`) is no `he` or `she`
            mentions += [
                (pos, r, True)
                for pos, r in self.spoken
                if r.kind == "person"
                or (r.kind == "unnamed" and not (r.words & ORG_NOUNS) and not _plural(r.words))
            ]
            mentions.sort(key=lambda m: -m[0])
            # `the attorney for Michael Brown's family. He ...`: a possessor, named only to
            # say whose family, goes after the others named in the window (the sentence
            # before and the pronoun's own), before those named earlier
            floor = self._window_start(position)
            mentions.sort(key=lambda m: (m[0] < floor, m[0] in self.possessors))
            fitting = [
                (self.known_person(r.name, pos) or r) if r.name else r
                for pos, r, _ in mentions
                if r.gender in (None, gender)
            ]
            fitting = [r for r in fitting if r.gender in (None, gender)]
            preferred = [
                (self.known_person(r.name, pos) or r) if r.name else r
                for pos, r, subject in mentions
                if subject and r.gender in (None, gender)
            ]
            preferred = [r for r in preferred if r.gender in (None, gender)]
            if preferred and fitting and preferred[0] is not fitting[0]:
                # the nearest fitting mention is an object: take it only when no subject
                # or speaker fits within the two sentences before
                first_pos = next(
                    (pos for pos, r, subject in mentions if subject and r.gender in (None, gender)),
                    0,
                )
                return preferred[0] if first_pos >= floor else fitting[0]
            return fitting[0] if fitting else None
        if pronoun in ("we", "us", "i"):
            for pos, referent in sorted(self.spoken, key=lambda m: -m[0]):
                if pronoun == "i" and referent.kind == "org":
                    continue
                # one who spoke paragraphs before is not the `I` of an opinion piece's
                # author (`What I want to know is ...`)
                breaks = len(PARAGRAPH_BREAK.findall(self.text, min(pos, position), position))
                return referent if breaks <= _FIRST_PERSON_PARAGRAPHS else None
            return None
        for _, referent in sorted(self.spoken, key=lambda m: -m[0]):
            if referent.kind in ("org", "unnamed") or (pronoun == "they" and referent.organisation):
                return referent
        earlier = [(pos, e) for pos, e in self.orgs if pos < position and e.label_ == "ORG"]
        # `The X Federation released a statement addressing Dorn's arrest. It read, ...`: an
        # organisation that is a subject in the sentences just before, first
        floor = self._window_start(position)
        subjects = [e for pos, e in earlier if pos >= floor and _is_subject(e.root)]
        named = [e for e in subjects if e.root.dep_ != "appos"] or subjects  # not `(NCF)`
        if named or earlier:
            chosen = named[-1] if named else earlier[-1][1]
            return Referent("org", None, organisation=organisation_text(chosen))
        return None

    def _window_start(self, position: int) -> int:
        """Where the sentence before the pronoun's begins, sentences of a quotation not
        counted (`"A. B," he said`: the sentence before is the one before the quote)."""
        near = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if near is None:
            return 0
        sent, counted = near.sent, 0
        while sent.start > 0 and counted < 1:
            sent = self.doc[sent.start - 1].sent
            if not any(q.start_char <= sent.start_char < q.end_char for q in self.quotes):
                counted += 1
        return sent.start_char

    def known_person(self, name: str, before: int) -> Referent | None:
        """The full earlier form of a person's name: `Konashenkov` → Igor Konashenkov. A
        bare surname takes the nearest earlier full name that ends with it; a name with a
        first name matches only the same first name (Joe Biden is not Hunter Biden)."""
        words = name.split()
        last = words[-1]
        candidates = [
            (pos, r)
            for pos, r in self.people
            if pos <= before
            and r.name
            and (
                r.name == name
                or (len(words) == 1 and len(r.name.split()) == 2 and _first(r.name) == last)
                or (
                    r.name.split()[-1] == last
                    and (len(words) == 1 or len(r.name.split()) == 1 or _first(r.name) == words[0])
                )
            )
        ]
        if not candidates:
            return None
        full = [(pos, r) for pos, r in candidates if len((r.name or "").split()) > 1]
        if len(words) == 1 and full:
            # a bare surname is not the relative named for someone else of that name
            # (`Trump's niece Mary Trump`): the other one, even when never named in full
            unrelated = [(pos, r) for pos, r in full if not r.words & KIN_WORDS]
            if len(unrelated) < len(full):
                full = unrelated
                if not full:
                    candidates = [(pos, r) for pos, r in candidates if " " not in (r.name or "")]
                    if not candidates:
                        return None
        # the nearest full mention before this one: another person of the same surname
        # named earlier is not the one meant
        merged = max(full or candidates, key=lambda pr: (pr[0], len(pr[1].name or "")))[1]
        if len(words) == 1 and full:
            merged = self._established(merged, full, candidates, before) or merged
        same = [
            r for _, r in candidates if r.name == merged.name or len((r.name or "").split()) == 1
        ]
        for other in same:  # what any mention said about this person counts
            merged.words |= other.words
            merged.nationality |= other.nationality
            merged.role = merged.role or other.role
            merged.organisation = merged.organisation or other.organisation
            merged.gender = merged.gender or other.gender
        return merged

    def _established(
        self,
        nearest: Referent,
        full: list[tuple[int, Referent]],
        candidates: list[tuple[int, Referent]],
        before: int,
    ) -> Referent | None:
        """The person a bare surname already meant, when a namesake named in full since is
        not in the sentences just before (`Fidel Castro ... Mr. Castro ... a revolutionary
        figure, Rene Orley Sanchez Castro, died in 1997 ... Mr. Castro`: still Fidel)."""
        if all(r.name == nearest.name for _, r in full):
            return None  # no namesake: nothing to keep (and no sentence lookup)
        nearest_at = max(pos for pos, r in full if r.name == nearest.name)
        if nearest_at >= self._window_start(before):
            return None
        first_at = min(pos for pos, r in full if r.name == nearest.name)
        bare = [pos for pos, r in candidates if " " not in (r.name or "")]
        uses: dict[str, int] = {}
        earlier: dict[str, Referent] = {}
        for pos, r in full:
            if r.name == nearest.name or pos >= first_at:
                continue
            # its bare uses after it and before the namesake came in
            uses[r.name or ""] = sum(1 for b in bare if pos < b < first_at)
            earlier[r.name or ""] = r
        used = [name for name, count in uses.items() if count]
        if not used:
            return None
        return earlier[max(used, key=lambda name: uses[name])]

    def people_before(self, position: int) -> list[Referent]:
        seen: dict[str, Referent] = {}
        for pos, referent in self.people:
            if pos < position and referent.name:
                full = self.known_person(referent.name, position) or referent
                seen.pop(full.name or "", None)
                seen[full.name or ""] = full
        return list(seen.values())[::-1]  # latest first

    def _titled(self, referent: Referent, noun: str) -> bool:
        """Whether the article wrote `noun` just before the person's name (`commissioner
        Albert Muchanga`), anywhere."""
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and ent.start > 0 and referent.name in ent.text:
                before = self.doc[ent.start - 1]
                if before.dep_ == "compound" and _norm(before.text) == noun:
                    return True
        return False

    def compatible(self, referent: Referent, span: Span) -> bool:
        places = _places(span)
        if places and not places & referent.nationality:
            # `The Venezuelan president` is not the `President Donald Trump` named before
            # it: a description's nationality must be the person's, as written somewhere
            return False
        qualifiers = {
            t.lower_
            for t in span.root.children
            if t.dep_ in ("amod", "compound")
            and t.pos_ in ("ADJ", "NOUN")
            and not t.ent_type_
            and _norm(t.text) not in ROLE_NOUNS | _RANK_WORDS
        }
        if qualifiers and referent.described and not qualifiers & referent.described:
            # `Chief military spokesperson` is not the `foreign ministry spokesman` named
            # before: what kind of role it is must be how the person was described
            return False
        # `a spokesperson for Rep Hunter` is not the `DHS spokesperson Marsha Catron` named
        # before: whom the role is for must be how the person was described
        served = {
            t.lower_
            for prep in span.root.children
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of") and prep.i < span.end
            for t in prep.subtree
            if t.pos_ in ("PROPN", "NOUN") and t.i < span.end
        }
        if served:
            known = set(referent.described) | {
                _unpossessed(w).strip(".,")
                for w in f"{referent.organisation or ''} {referent.role or ''}".split()
            }
            if not served & known:
                return False
        org_words = {t.lower_ for e in span.ents if e.label_ == "ORG" for t in e}
        if org_words and referent.organisation:
            return bool(org_words & set(referent.organisation.lower().split()))
        # `First Minister of Scotland Nicola Sturgeon` (the NER's organisation) is not the
        # `Prime Minister Boris Johnson` named before: a description naming a body must
        # share a word with how the person was described
        return not (org_words and referent.described and not org_words & referent.described)

    def resolve(self, speaker: Speaker, cue_at: int, outer: Speaker | None) -> Speaker:
        span = self.doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
        if span is None:
            return speaker
        head = span.root
        titled = next((t for t in span if t.i > head.i and t.text in ("'", "‘", '"', "“")), None)
        if head.lemma_.lower() in DOCUMENT_NOUNS and titled is not None:
            # `The report 'Assessing the Saudi Government Role ...'`: the names in a
            # document's title are what it is about, not who issued it
            span = self.doc[span.start : titled.i]
            head = span.root
        aside = next(
            (
                t
                for t in head.children
                # `speaking to Y`, `who met Y` (not `quoted by KCNA`: the relaying outlet)
                if (t.dep_ == "relcl" or (t.dep_ in ("acl", "advcl") and t.tag_ == "VBG"))
                and t.i > head.i
                and t.i < span.end
                and t.i > span.start
                and self.doc[t.left_edge.i - 1].text == ","
            ),
            None,
        )
        if aside is not None and aside.left_edge.i - 1 > span.start:
            # `The Ohio Republican, speaking to Mary Keane on Channel 5, said`: who is
            # spoken to in an aside on the speaker is not the speaker
            span = self.doc[span.start : aside.left_edge.i - 1]
            head = span.root
        noun = _antecedent(head)
        if noun is not None:
            # `according to CNN who reported that ...`: the relative pronoun is its noun
            antecedent = self.doc[noun.left_edge.i : noun.i + 1]
            found = self.resolve(
                Speaker(CharSpan(antecedent.start_char, antecedent.end_char), antecedent.text),
                cue_at,
                outer,
            )
            return replace(found, span=speaker.span, text=speaker.text)
        pronoun = _POSSESSIVE_PRONOUNS.get(head.lower_, head.lower_)  # `In his words:`
        acronym = len(head.text) > 1 and head.text.isupper()  # `US claims`: the state, not `us`
        if pronoun in PERSON_PRONOUNS | GROUP_PRONOUNS and not acronym:
            if outer is not None:  # `The ministry said it had warned ...`
                return replace(
                    speaker, name=outer.name, role=outer.role, organisation=outer.organisation
                )
            referent = self.pronoun_referent(pronoun, span.start_char)
            if referent is None:
                return replace(speaker, unresolved=True)
            self.remember(referent, span.start_char)
            return self._as_speaker(speaker, referent)
        # the NER takes a country for a person now and then (`Azerbaijan's defense
        # ministry`): that is no person speaking
        persons = [
            e
            for e in span.ents
            if (e.label_ == "PERSON" or _a_person_after_a_place(e))
            and not (e.text.lower() in _countries() and e.root is not head)
        ]
        # `Dunn's mother, Charlotte Charles`: the possessor is not the one speaking
        owners = [
            e
            for e in persons
            if e[-1].tag_ == "POS" or (e.end < len(self.doc) and self.doc[e.end].tag_ == "POS")
        ]
        if owners and len(owners) < len(persons):
            persons = [e for e in persons if e not in owners]
        if not persons and head.pos_ == "PROPN":
            # a surname the NER took for an organisation (`Dacic said`) after its full name
            known = self.known_person(head.text, span.start_char)
            if known is not None and len(span) <= 2:
                self.remember(known, span.start_char)
                return self._as_speaker(speaker, known)
        # `Russian Duma Deputy Yuri Shvytkin` (the NER's `Russian Duma` a person too): the
        # person the phrase is about is the one holding its head
        # `a spokesman for President Jane Harlow, Tom Brennan`: the name apposed to the
        # name in the role's phrase is the role holder's (the parse hangs it on Harlow)
        persons.sort(
            key=lambda e: (
                not (e.start <= head.i < e.end),
                not (e.root.dep_ == "appos" and e.root.head.ent_type_ == "PERSON"),
            )
        )
        if persons:
            written = persons[0].text
            referent = self.known_person(written, persons[0].start_char) or next(
                (r for pos, r in self.people if pos == persons[0].start_char), None
            )
            if referent is None:
                return speaker
            self.remember(referent, span.start_char)
            return self._as_speaker(speaker, referent)
        if head.pos_ == "PROPN" and head.ent_type_ not in _ORG_LABELS:
            # a surname the NER did not tag: `Morlan told reporters`
            referent = self.known_person(head.text, span.start_char)
            if referent is not None:
                self.remember(referent, span.start_char)
                return self._as_speaker(speaker, referent)
        noun = _norm(head.text)
        # `according to his remarks`, `her statement said`: the one the pronoun points to
        sayer = next(
            (c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")),
            None,
        )
        if sayer is not None and head.lemma_.lower() in _UTTERANCE_NOUNS:
            referent = self.pronoun_referent(
                {"his": "he", "her": "she"}.get(sayer.lower_, "they"), sayer.idx
            )
            if referent is not None:
                self.remember(referent, span.start_char)
                return self._as_speaker(speaker, referent)
        document = self._document_in(span)
        if document is not None:
            issuer = self.issuer(document, cue_at)
            if issuer is not None:
                self.remember(issuer, span.start_char)
                return self._as_speaker(speaker, issuer)
        owner = next(
            (c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")),
            None,
        )
        if owner is not None and noun in GROUP_NOUNS:
            referent = self.pronoun_referent(
                {"his": "he", "her": "she"}.get(owner.lower_, "they"), owner.idx
            )
            whose = (referent.name or referent.organisation) if referent else None
        elif owner is None and noun in GROUP_NOUNS:
            # `the singer's representatives`: a group of someone unnamed, which a later
            # `they` goes on with (not the outlet named before them)
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
            whose = _strip_det(self.doc[owner.left_edge.i : owner.i + 1].text) if owner else None
        else:
            whose = None
        if owner is not None and whose:
            after = owner.i + 1 + (self.doc[owner.i + 1].tag_ == "POS")
            group = Referent(
                "org",
                None,
                role=_strip_det(self.doc[after : span.end].text),
                organisation=f"{whose}'s {_strip_det(self.doc[after : head.i + 1].text)}",
                words={noun},
            )
            self.remember(group, span.start_char)
            return self._as_speaker(speaker, group)
        if (
            noun not in ROLE_NOUNS | ORG_NOUNS | GROUP_NOUNS
            and len(span) == 2
            and span[0].lower_ == "the"
            and head.pos_ == "NOUN"
        ):
            # `AU trade and industry commissioner Albert Muchanga ... The commissioner said`:
            # any title the article wrote before a name is that person's, later
            for referent in self.people_before(cue_at):
                if self._titled(referent, noun):
                    self.remember(referent, span.start_char)
                    return self._as_speaker(speaker, referent)
        if noun in ROLE_NOUNS:
            for referent in self.people_before(cue_at):
                if noun in referent.words and self.compatible(referent, span):
                    self.remember(referent, span.start_char)
                    return self._as_speaker(speaker, referent)
            places = _places(span)
            if span[0].lower_ == "the" and places:
                # `the Venezuelan leader` after `Venezuelan dictator Nicolas Maduro`: a
                # definite description of the latest person of that nationality
                for referent in self.people_before(cue_at):
                    if referent.nationality & places:
                        self.remember(referent, span.start_char)
                        return self._as_speaker(speaker, referent)
            # `a U.S. investigative journalist alleging ...` before `U.S. investigative
            # journalist Seymour Hersh` in the next paragraph: an introduction, named after
            if span[0].lower_ in ("a", "an") or not self.people_before(cue_at):
                for pos, later in self.people:
                    if (
                        pos > span.end_char
                        and pos - span.end_char < 600
                        and noun in later.words
                        and self.compatible(later, span)
                    ):
                        found = self.known_person(later.name or "", pos) or later
                        self.remember(found, span.start_char)
                        return self._as_speaker(speaker, found)
            # `a Kremlin critic` is no one of the Kremlin's
            organisation = None if noun in _OUTSIDER_NOUNS else self._organisation_in(span)
            # `the spokesman`, `a spokesperson` are the one who spoke before; `a foreign
            # ministry spokesman` after `a White House spokesman` is someone new
            own_words = {
                t.lower_ for t in span if t.i != head.i and t.pos_ in ("NOUN", "PROPN", "ADJ")
            }
            new_one = span[0].lower_ in ("a", "an") and bool(own_words)
            for referent in reversed(self.speakers):
                known_words = f"{referent.role or ''} {referent.organisation or ''}".lower()
                if (
                    referent.kind == "unnamed"
                    and noun in referent.words
                    and (organisation is None or organisation == referent.organisation)
                    and not (new_one and own_words - set(known_words.split()))
                ):
                    return self._as_speaker(speaker, referent)
            role_tokens = [t for t in span if t.i >= head.i or t.pos_ in ("ADJ",)]
            role = self.doc[role_tokens[0].i : span.end].text if role_tokens else noun
            referent = Referent(
                "unnamed",
                None,
                role=_strip_det(role),
                organisation=organisation,
                words={noun},
                nationality=_places(span),
                gender=_gender_of_words({noun, head.lower_}),
            )
            self.remember(referent, span.start_char)
            return self._as_speaker(speaker, referent)
        if noun in _OUTSIDER_NOUNS:
            return replace(speaker, unresolved=True)  # `a Comcast customer`: not Comcast's
        organisation = self._organisation_in(span)
        if organisation is None and noun in ORG_NOUNS | _KIND_NOUNS:
            earlier = [e for pos, e in self.orgs if pos < cue_at and noun in e.text.lower()]
            if earlier:
                organisation = _without_determiner(earlier[-1])
            elif head.text[:1].isupper() and head.i > span.start:
                # a named body the NER missed: `The Saudi Ministry of Foreign Affairs`
                organisation = _without_determiner(span)
            elif len(span) <= 3 and span[0].lower_ not in ("a", "an"):
                # `the company` is one named before; `a group` is someone new
                organisation = self.organisation_of_kind(noun, cue_at)
            if organisation is None and noun in ORG_NOUNS and _places(span):
                # `the Russian military`, `Ukraine's army`: a state's body named by its kind,
                # kept as written so that a later `the military` finds it
                organisation = _without_determiner(span)
        if organisation is not None:
            referent = Referent(
                "org", None, organisation=organisation, words={noun}, nationality=_places(span)
            )
            self.remember(referent, span.start_char)
            return replace(speaker, organisation=organisation)
        if any(e.label_ in ("PERSON", "ORG", "GPE", "NORP") for e in span.ents):
            return speaker
        body = self.body_of_kind(head, span)
        if body is not None:
            referent = Referent("org", None, organisation=body, words={noun})
            self.remember(referent, span.start_char)
            return replace(speaker, organisation=body)
        if _a_missed_name(span):
            # a name the NER missed (`Human Rights Watch said`, `Verisign has seen`): someone
            # named speaks, kept as written
            return replace(speaker, organisation=_without_determiner(span))
        # neither a person, an organisation nor a role: `polls`, `the report`, a hashtag
        return replace(speaker, unresolved=True)

    def body_of_kind(self, head: Token, span: Span) -> str | None:
        """`international investigators say` with `the Joint Investigation Team (JIT)` named
        nearby: the body whose name shares the speaker noun's stem (seven letters or more:
        investigat-, prosecut-, inspect-) speaks, the nearest one within a window."""
        if head.pos_ != "NOUN" or len(head.lemma_) < _STEM_LETTERS:
            return None
        stem = head.lemma_.lower()[:_STEM_LETTERS]
        near = [
            (abs(pos - span.start_char), e)
            for pos, e in self.orgs
            if e.label_ == "ORG"
            and abs(pos - span.start_char) <= _BODY_WINDOW
            and any(t.lower_.startswith(stem) for t in e)
        ]
        return organisation_text(min(near, key=lambda n: n[0])[1]) if near else None

    def _document_in(self, span: Span) -> Token | None:
        """The document a speaker is (`the report`, `the official statement`) or belongs to
        (`the report's executive summary`), when the span names no organisation."""
        if self._organisation_in(span) is not None or any(e.label_ == "PERSON" for e in span.ents):
            return None
        head = span.root
        # `the report's executive summary`: the part speaks for the document it belongs to
        owner = next(
            (c for c in head.children if c.dep_ == "poss" and c.lemma_.lower() in DOCUMENT_NOUNS),
            None,
        )
        if owner is not None:
            return owner
        return head if head.lemma_.lower() in DOCUMENT_NOUNS else None

    def issuer(self, document: Token, cue_at: int) -> Referent | None:
        """Who issued a document: the latest earlier mention of the same kind of document
        that names its author (`A U.S. intelligence report`, `the ministry's statement`,
        `The State Department released its report`); for a statement, else the latest
        speaker before it (`"...," the ministry said. "...," the statement said.`)."""
        lemma = document.lemma_.lower()
        later = self._issued_after(document)
        if later is not None:
            return later
        # the document itself first: `USA Today carried a report that stated ...`
        for token in reversed(self.doc[: document.i + 1]):
            if token.lemma_.lower() != lemma or token.pos_ != "NOUN":
                continue
            phrase = self.doc[token.left_edge.i : token.i + 1]
            named = [e for e in phrase.ents if e.label_ in ("ORG", "GPE", "NORP", "PERSON")]
            if named:
                ent = named[-1]
                role = _without_determiner(phrase)
                if ent.label_ == "PERSON":
                    person = self.known_person(ent.text, ent.start_char)
                    if person is not None:
                        return person
                    return Referent("person", ent.text, role=role)
                return Referent("org", None, role=role, organisation=organisation_text(ent))
            verb = token.head
            if token.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB":
                for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                    subject_span = self.doc[subject.left_edge.i : subject.right_edge.i + 1]
                    orgs = [e for e in subject_span.ents if e.label_ in ("ORG", "GPE", "PERSON")]
                    if orgs and orgs[0].label_ == "PERSON":
                        return self.known_person(orgs[0].text, orgs[0].start_char)
                    if orgs:
                        return Referent("org", None, organisation=organisation_text(orgs[0]))
                    if subject.pos_ == "PROPN":  # a name the NER missed: `USA Today`
                        return Referent("org", None, organisation=_without_determiner(subject_span))
        if lemma in ("statement", "communique", "communiqué", "release", "declaration"):
            earlier = [(pos, r) for pos, r in self.spoken if pos < cue_at]
            if earlier:
                return max(earlier, key=lambda pr: pr[0])[1]
        return None

    def _issued_after(self, document: Token) -> Referent | None:
        """`The report ... said X. The report was released by the Office of Y.`: the issuer
        written in the next sentence, for a document spoken of as known (`the report`)."""
        if not any(c.lower_ == "the" for c in document.children):
            return None
        sent = document.sent
        end = self.doc[sent.end].sent.end if sent.end < len(self.doc) else sent.end
        for token in self.doc[document.i + 1 : end]:
            verb = token.head
            if (
                token.lemma_.lower() != document.lemma_.lower()
                or token.dep_ != "nsubjpass"
                or verb.lemma_.lower() not in _ISSUING_VERBS
            ):
                continue
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                objects = [c for c in agent.children if c.dep_ == "pobj"]
                if not objects:
                    continue
                phrase = self.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
                named = [e for e in phrase.ents if e.label_ in ("ORG", "GPE", "NORP")]
                if named:
                    return Referent(
                        "org",
                        None,
                        role=_without_determiner(phrase),
                        organisation=_without_determiner(phrase),
                    )
        return None

    def organisation_of_kind(self, noun: str, cue_at: int) -> str | None:
        """`the company` → the organisation named or speaking before it (a subject first);
        `the military` → the latest defence body or army before it."""
        if noun in ("military", "army"):
            for pos, referent in sorted(self.spoken, key=lambda m: -m[0]):
                words = set((referent.organisation or "").lower().split())
                if referent.kind == "org" and words & _MILITARY_WORDS and pos < cue_at:
                    return referent.organisation
            return None
        if noun not in _KIND_NOUNS:
            return None
        earlier = [(pos, e) for pos, e in self.orgs if pos < cue_at and e.label_ == "ORG"]
        subjects = [(pos, e) for pos, e in earlier if _is_subject(e.root)]
        for _, ent in reversed(subjects or earlier):
            return organisation_text(ent)
        return None

    def _organisation_in(self, span: Span) -> str | None:
        ents = [e for e in span.ents if e.label_ in ("ORG", "GPE") and _belongs_to(e, span.root)]
        if ents:
            return organisation_text(ents[0])
        if span.root.ent_type_ in ("ORG", "GPE"):
            return _without_determiner(span)
        return None

    @staticmethod
    def _as_speaker(speaker: Speaker, referent: Referent) -> Speaker:
        return replace(
            speaker, name=referent.name, role=referent.role, organisation=referent.organisation
        )


_NAME_GLUE = {"of", "for", "and", "the", "&", "-"}


def _a_missed_name(span: Span) -> bool:
    """A speaker written as a proper name, every word capitalised but the glue of a name
    (`Human Rights Watch`, `Bank of England`), and no date or hashtag."""
    words = [t for t in span if not (t.i == span.start and t.lower_ == "the")]
    return (
        bool(words)
        and span.root.pos_ == "PROPN"
        and span.root.ent_type_ not in ("DATE", "TIME")
        and all(t.text[:1].isupper() or t.lower_ in _NAME_GLUE for t in words)
        # a capitalised function word opening a sentence (`Amongst`) is no name
        and not any(t.is_stop and t.lower_ not in _NAME_GLUE for t in words)
        and not any(t.text.startswith(("#", "@")) for t in words)
        and span.doc.text[max(0, span.start_char - 1) : span.start_char] not in ("#", "@")
    )


def _belongs_to(ent: Span, head: Token) -> bool:
    """Whether an organisation in a speaker's phrase is the speaker's (`a spokesman for the
    ministry`, `the head of X`), not what a modifier is about (`family members with patients
    in the emergency room at X`): no other common noun between it and the phrase's head,
    but the names of bodies and roles."""
    token = ent.root
    for _ in range(12):  # a parse's chain up to the head is short; never loop on a root
        if token.i == head.i or token.head.i == token.i:
            return True
        token = token.head
        if (
            token.i != head.i
            and token.pos_ == "NOUN"
            and not ent.start <= token.i < ent.end
            and _norm(token.text) not in ORG_NOUNS | ROLE_NOUNS | _KIND_NOUNS
        ):
            return False
    return True


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun speaker stands for: the one its clause hangs on, else
    the noun just before it (`CNN who reported ...`, which the parse may not hang on CNN)."""
    if token.lower_ not in ("who", "which") or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if token.head.dep_ == "relcl" and token.head.head.i < token.i:
        return token.head.head
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and before.text == "," and token.i > 1:
        before = token.doc[token.i - 2]
    if before is not None and before.pos_ in ("PROPN", "NOUN"):
        return before
    return None


def _plural(words: set[str]) -> bool:
    return any(w.endswith("s") and not w.endswith("ss") for w in words)


def _first(name: str) -> str:
    return name.split()[0]


def _is_subject(token: Token) -> bool:
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") or (
        token.dep_ in ("appos", "pobj") and token.head.dep_ in ("nsubj", "agent")
    )


def _embedded_subject(token: Token) -> bool:
    """A subject of a clause that is what another person or body regretted, feared or said
    (`Maduro has regretted that ... Trump has decided ...`): talked about, not talking."""
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ == "relcl" and token.dep_ == "nsubj" and token.pos_ in ("PROPN", "NOUN"):
        # `Trump said he banned travel, which Biden opposed`: an aside on what the sentence
        # is about; the `He` that follows goes on with the sentence's own subject
        return True
    if verb.dep_ != "ccomp" or verb.head is verb:
        return False
    outer = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return bool(outer) and (outer[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _relaying(doc: Doc, speaker: Speaker) -> str | None:
    """X in `X quoted Y as saying`, `Y was quoted by X`, `according to Y, cited by X`."""
    span = doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    verb = root.head
    if root.dep_ == "dobj" and verb.lemma_.lower() in ("quote", "cite"):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return _without_determiner(doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1])
    candidates = [root] + [c for c in root.children if c.dep_ in ("acl", "relcl")]
    if root.dep_ == "nsubjpass" and verb.lemma_.lower() in ("quote", "cite"):
        candidates = [verb]
    for node in candidates:
        if node.lemma_.lower() in ("quote", "cite") or node is verb:
            for agent in (c for c in node.children if c.dep_ == "agent"):
                objects = [c for c in agent.children if c.dep_ == "pobj"]
                if objects:
                    o = objects[0]
                    return _without_determiner(doc[o.left_edge.i : o.right_edge.i + 1])
    return None


def _cited(doc: Doc, statement: Statement) -> Speaker | None:
    """Y in `X reported ..., citing Y` and `X said, quoting Y`: the source X relays."""
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if cue is None:
        return None
    verb = cue.root
    candidates = list(verb.children)
    if verb.dep_ in ("acl", "relcl") and verb.head.i < verb.i:
        # `the SPA news agency reported ... citing Y`: the parse hangs `citing` on the
        # agency the cue is attached to, beside the cue
        candidates += [c for c in verb.head.children if c.i > verb.i]
    for child in candidates:
        if (
            child.lemma_.lower() in ("cite", "quote")
            and child.pos_ == "VERB"
            and child.i > cue.root.i
        ):
            objects = [c for c in child.children if c.dep_ == "dobj"]
            # a source cited, not a reason (`citing their refusal to ...`)
            if objects and (
                objects[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or _norm(objects[0].text) in ROLE_NOUNS | ORG_NOUNS
            ):
                o = objects[0]
                span = CharSpan(doc[o.left_edge.i].idx, o.right_edge.idx + len(o.right_edge))
                content = statement.content
                if span.start < content.end and content.start < span.end:
                    return None  # what is cited is the content (`citing a report that ...`)
                return Speaker(span, span.of(doc.text))
    return None


# verbs that say or name what was said: a report of one is a report of that saying
_SAYING_VERBS = {"describe", "term", "brand", "label", "characterize", "characterise"}


def _reported_saying(doc: Doc, statement: Statement) -> Speaker | None:
    """Y in `X reported that Y described the remarks as ...` and `Y claimed responsibility
    ..., reports X`: what X reports is Y's saying, so Y said it (X relays)."""
    content = doc.char_span(statement.content.start, statement.content.end, alignment_mode="expand")
    if content is None:
        return None
    root = content.root
    verb = root if root.pos_ == "VERB" else root.head
    if verb is not root and root.dep_ not in ("dobj", "ccomp", "obj"):
        return None
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or not (lemma in CUE_ACTS or lemma in _SAYING_VERBS):
        return None
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if cue is not None and verb.i in range(cue.start, cue.end):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].pos_ == "PRON" and subjects[0].lower_ not in PERSON_PRONOUNS:
        return None
    subject = subjects[0]
    if subject.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") and subject.pos_ != "PROPN":
        return None
    span = CharSpan(doc[subject.left_edge.i].idx, subject.right_edge.idx + len(subject.right_edge))
    return Speaker(span, span.of(doc.text))


@cache
def _countries() -> dict[str, str]:
    """A country's names and capitals, lowercased → its demonym (`moscow` → Russian), from the
    bundled country table. Seats of government (the Kremlin) are left out: a body that speaks
    through them is kept apart from its government."""
    table: dict[str, str] = {}
    for country in load_countries().countries:
        if not country.demonyms:
            continue
        for form in (country.name, *country.aliases, *country.capitals):
            table.setdefault(form.lower(), country.demonyms[0])
            if form.lower().startswith("the "):
                table.setdefault(form.lower()[4:], country.demonyms[0])
    return table


@cache
def _state_forms() -> frozenset[str]:
    """Every country's names, aliases and demonyms, lowercased."""
    return frozenset(
        form.lower()
        for country in load_countries().countries
        for form in (country.name, *country.aliases, *country.demonyms)
    )


def _names_a_state(text: str) -> bool:
    words = [_unpossessed(w) for w in text.split()]
    forms = _state_forms()
    return any(" ".join(words[i : i + n]) in forms for n in (1, 2, 3) for i in range(len(words)))


_POSSESSIVE_PLACE = re.compile(r"^(?:the\s+)?(?P<place>[A-Z][\w.\- ]*?)(?:'s|’s)\s+(?P<rest>\S.*)$")


_FIRST_CONJUNCT = re.compile(r",\s+|\s+and\s+|\s+as well as\s+")
# words for a state's government as a whole (general English)
_AUTHORITIES = {"authorities", "the authorities", "government", "the government", "leadership"}

_LOCATED_PLACE = re.compile(r"^(?P<rest>.*\S) in (?P<place>[A-Z][\w.\- ]*)$")


def _state_organisation(speaker: Speaker) -> Speaker:
    """A state speaking is its government (`Russia said`, `Moscow denied` → Russian
    government), and a state's institution is named with its demonym (`Russia's defence
    ministry` → Russian defence ministry), so that one country's voices read alike."""
    countries = _countries()
    if speaker.name is not None:
        # the NER takes a country for a person now and then: `Armenia accused ...`
        if countries.get(speaker.name.lower()) and speaker.name == speaker.text:
            demonym = countries[speaker.name.lower()]
            return replace(speaker, name=None, organisation=f"{demonym} government")
        return speaker
    written = _strip_det(speaker.text)
    # of several speakers (`Warsaw and other EU countries`), the first is the one named
    conjuncts = [_strip_det(c) for c in _FIRST_CONJUNCT.split(written)]
    first = conjuncts[0]
    # ... but `Russia and Ukraine` are two states, neither speaking alone
    others_named = any(countries.get(c.lower()) for c in conjuncts[1:])
    if first != written and countries.get(first.lower()) and not others_named:
        return replace(
            speaker, organisation=f"{countries[first.lower()]} government", unresolved=False
        )
    located = _LOCATED_PLACE.match(first)
    if (
        not others_named
        and located
        and countries.get(located["place"].lower())
        and located["rest"].lower() in _AUTHORITIES
    ):  # `the authorities in Pristina`: the government seated there
        demonym = countries[located["place"].lower()]
        return replace(speaker, organisation=f"{demonym} government", unresolved=False)
    match = _POSSESSIVE_PLACE.match(written)
    if match and countries.get(match["place"].lower()):
        demonym = countries[match["place"].lower()]
        return replace(speaker, organisation=f"{demonym} {match['rest']}", unresolved=False)
    located = _LOCATED_PLACE.match(written)
    if (
        located
        and countries.get(located["place"].lower())
        and _norm(located["rest"].split()[-1]) in ORG_NOUNS | ROLE_NOUNS
        # `an official at the U.S. embassy in Kabul`: another state's, in the place
        and not _names_a_state(located["rest"])
        and not {"embassy", "consulate", "mission"} & set(located["rest"].lower().split())
    ):  # the Defense Ministry in Belgrade
        demonym = countries[located["place"].lower()]
        return replace(speaker, organisation=f"{demonym} {located['rest']}", unresolved=False)
    place = (speaker.organisation or "").lower()
    if place in countries and countries[place] and written.lower() == place:
        return replace(speaker, organisation=f"{countries[place]} government", unresolved=False)
    return speaker


def _without_time(doc: Doc, speaker: Speaker) -> Speaker:
    """`Iran on Sunday`, `The ministry Friday`: the date is the saying's, not the speaker's
    (the speaker is resolved without it)."""
    span = doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return speaker
    end = span.end
    while end > span.start + 1 and doc[end - 1].ent_type_ in ("DATE", "TIME"):
        end -= 1
    if end < span.end and end > span.start + 1 and doc[end - 1].lower_ in ("on", "at", "in"):
        end -= 1
    if end == span.end or end <= span.start:
        return speaker
    last = doc[end - 1]
    cut = CharSpan(speaker.span.start, last.idx + len(last))
    return replace(speaker, span=cut, text=cut.of(doc.text))


def _fuller_organisation(speaker: Speaker, earlier: list[str]) -> Speaker:
    """`the ministry` or `Defence Ministry` after `Russia's defence ministry`: the fuller
    name written before (the latest that ends with the same words)."""
    short = speaker.organisation
    if short is None:
        head = _strip_det(speaker.text).lower()
        if speaker.name is not None or head not in ORG_NOUNS:
            return speaker
        short = head
    for full in reversed(earlier):
        if len(full) > len(short) and full.lower().endswith(short.lower()):
            return replace(speaker, organisation=full, unresolved=False)
    if short.lower() in ORG_NOUNS:  # `the ministry` after `the Saudi Ministry of Foreign Affairs`
        for full in reversed(earlier):
            if short.lower() in full.lower().split():
                return replace(speaker, organisation=full, unresolved=False)
    return speaker


def _national_ministry(speaker: Speaker, earlier: list[str]) -> Speaker:
    """`the Foreign Ministry` named with no state, after a state spoke (`Saudi Arabia has
    refuted ..., the Foreign Ministry said`): that state's ministry."""
    organisation = speaker.organisation
    if speaker.name is not None or not organisation:
        return speaker
    words = organisation.split()
    if words[-1].lower() != "ministry" or len(words) > 3:
        return speaker
    demonyms = {d.lower() for d in _countries().values() if d}
    if any(w.lower() in demonyms or w.lower() in _countries() for w in words):
        return speaker
    for full in reversed(earlier):
        parts = full.split()
        if len(parts) == 2 and parts[1] == "government" and parts[0].lower() in demonyms:
            return replace(speaker, organisation=f"{parts[0]} {organisation}")
    return speaker


def _relayer_keys(doc: Doc, speaker: Speaker) -> list[str]:
    """An agency's names in a speaker: `the SPA state-run news agency` -> `spa`, and the
    whole, so that a later `SPA` finds it."""
    span = doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
    orgs = [e.text.lower() for e in span.ents if e.label_ == "ORG"] if span is not None else []
    return [*orgs, _strip_det(speaker.text).lower()]


def resolve_speakers(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """The statements with each speaker's name, role and organisation filled in."""
    resolver = _Resolver(doc, [s.content for s in statements if s.kind != "direct"])
    resolved: list[Statement] = []
    organisations: list[str] = []  # as resolved so far, in order
    # an agency that reported citing a source (`SPA reported, citing the Foreign Ministry`)
    # goes on relaying it when it speaks again (`..., SPA added`): relayer's name -> source
    relays: dict[str, Speaker] = {}
    for statement in sorted(statements, key=lambda s: (s.cue.start, s.content.start)):
        if statement.speaker is None:
            resolved.append(statement)
            continue
        # the outermost claim this cue is written in (`Maduro regretted that Trump has
        # decided to ..., he pointed out, ...`: the `he` is Maduro's, not Trump's)
        containing = [
            o
            for o in resolved
            if o.speaker
            and o.id != statement.id
            and o.content.start <= statement.cue.start < o.content.end
        ]
        outer = (
            min(containing, key=lambda o: (o.content.start, -o.content.end)).speaker
            if containing
            else None
        )
        speaker = _without_time(doc, statement.speaker)
        remembered = (len(resolver.spoken), len(resolver.speakers))
        cited = _cited(doc, statement)
        # `SPA reported, citing X`: SPA goes on relaying X; `X told Y that ..., Janes
        # reports`: Janes reported X's saying, and speaks for itself when it reports again
        goes_on_relaying = cited is not None
        if cited is None and statement.cue_lemma.split()[0] == "report":
            cited = _reported_saying(doc, statement)
        relayed = (
            next((relays[k] for k in _relayer_keys(doc, speaker) if k in relays), None)
            if cited is None
            else None
        )
        if cited is not None:  # `SPA reported, citing the Foreign Ministry`: the ministry said it
            via = _strip_det(speaker.text)
            speaker = resolver.resolve(cited, statement.cue.start, outer)
            speaker = replace(_state_organisation(speaker), via=via)
            if goes_on_relaying and statement.cue_lemma.split()[0] == "report":
                relays.update((k, speaker) for k in _relayer_keys(doc, statement.speaker))
        elif relayed is not None:
            speaker = replace(relayed, via=_strip_det(speaker.text))
        elif speaker.name:
            # named by its extractor (a transcript's turn label): that person, as known
            # from the article when it names them (role, organisation), else as labelled
            referent = resolver.known_person(speaker.name, statement.cue.start) or Referent(
                "person", speaker.name, position=speaker.span.start
            )
            resolver.remember(referent, speaker.span.start)
            speaker = resolver._as_speaker(speaker, referent)
        else:
            speaker = resolver.resolve(speaker, statement.cue.start, outer)
            speaker = replace(_state_organisation(speaker), via=_relaying(doc, speaker))
        written = doc.char_span(
            statement.speaker.span.start, statement.speaker.span.end, alignment_mode="expand"
        )
        embedded = written is not None and _embedded_subject(written.root)
        if embedded or (
            outer is not None
            and (outer.name, outer.organisation) != (speaker.name, speaker.organisation)
        ):
            # a speaker inside another's claim (`Maduro regretted that Trump has decided
            # ...`) is talked about: the `he` that follows is still the outer speaker
            del resolver.spoken[remembered[0] :]
            del resolver.speakers[remembered[1] :]
        speaker = _national_ministry(_fuller_organisation(speaker, organisations), organisations)
        # the span stays as the tagger or parse found it (cutting it cost PolNeAR dev source
        # F1); only the resolution reads it without the date
        speaker = replace(speaker, span=statement.speaker.span, text=statement.speaker.text)
        if speaker.organisation:
            organisations.append(speaker.organisation)
        resolved.append(replace(statement, speaker=speaker))
    return resolved
