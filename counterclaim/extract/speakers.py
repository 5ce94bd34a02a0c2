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

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from counterclaim.model import Speaker, Statement

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
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "we", "i", "them", "us"}
_DETERMINERS = {"a", "an", "the", "this", "that", "its", "his", "her", "their"}
_ORG_LABELS = ("ORG", "GPE", "NORP")


def _norm(word: str) -> str:
    word = word.lower().strip(".'’")
    return _SAME_ROLE.get(word, word)


def _stem(word: str) -> str:
    """`Russian`, `Russia's`, `Russia` → `russi`: enough to compare nationalities."""
    return word.lower().removesuffix("'s").removesuffix("’s")[:5]


@dataclass
class Referent:
    kind: str  # person | org | unnamed
    name: str | None
    role: str | None = None
    organisation: str | None = None
    words: set[str] = field(default_factory=set)  # titles and role nouns, normalised
    nationality: set[str] = field(default_factory=set)  # stems of places and demonyms
    position: int = 0  # character offset of the latest mention


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


def _person_referents(doc: Doc) -> list[tuple[int, Referent]]:
    """Every named person, in order, with titles and apposed roles."""
    found: list[tuple[int, Referent]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        tokens = list(ent)
        titles = set()
        while len(tokens) > 1 and _norm(tokens[0].text) in TITLE_WORDS:
            titles.add(_norm(tokens.pop(0).text))
        # titles written before the entity: `Defense Minister Sergei Shoigu`
        index = ent.start - 1
        while index >= 0 and _norm(doc[index].text) in TITLE_WORDS:
            titles.add(_norm(doc[index].text))
            index -= 1
        name = doc[tokens[0].i : tokens[-1].i + 1].text
        referent = Referent("person", name, words=titles)
        appositions = [c for c in ent.root.children if c.dep_ == "appos"]
        if ent.root.dep_ == "appos" and ent.root.head.lower_ in ROLE_NOUNS:
            appositions.append(ent.root.head)
        for appos in appositions:
            role_span = doc[appos.left_edge.i : appos.right_edge.i + 1]
            referent.role = _without_determiner(role_span)
            referent.words |= {_norm(t.text) for t in role_span if t.pos_ == "NOUN"}
            orgs = [e for e in role_span.ents if e.label_ in ("ORG", "GPE")]
            if orgs:
                referent.organisation = organisation_text(orgs[-1])
            referent.nationality |= _places(role_span)
        found.append((ent.start_char, referent))
    return found


class _Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people = _person_referents(doc)
        self.orgs = [(e.start_char, e) for e in doc.ents if e.label_ in ("ORG", "GPE")]
        self.speakers: list[Referent] = []  # resolved so far, in order

    def known_person(self, name: str, before: int) -> Referent | None:
        """The fullest earlier form of a person's name: `Konashenkov` → Igor Konashenkov."""
        last = name.split()[-1]
        candidates = [
            r
            for pos, r in self.people
            if pos <= before and r.name and (r.name == name or r.name.split()[-1] == last)
        ]
        if not candidates:
            return None
        merged = max(candidates, key=lambda r: len(r.name or ""))
        for other in candidates:  # what any mention said about this person counts
            merged.words |= other.words
            merged.nationality |= other.nationality
            merged.role = merged.role or other.role
            merged.organisation = merged.organisation or other.organisation
        return merged

    def people_before(self, position: int) -> list[Referent]:
        seen: dict[str, Referent] = {}
        for pos, referent in self.people:
            if pos < position and referent.name:
                full = self.known_person(referent.name, position) or referent
                seen.pop(full.name or "", None)
                seen[full.name or ""] = full
        return list(seen.values())[::-1]  # latest first

    def compatible(self, referent: Referent, span: Span) -> bool:
        places = _places(span)
        if places and referent.nationality and not places & referent.nationality:
            return False
        org_words = {t.lower_ for e in span.ents if e.label_ == "ORG" for t in e}
        return not (
            org_words
            and referent.organisation
            and not org_words & set(referent.organisation.lower().split())
        )

    def resolve(self, speaker: Speaker, cue_at: int, outer: Speaker | None) -> Speaker:
        span = self.doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
        if span is None:
            return speaker
        head = span.root
        if head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if outer is not None:  # `The ministry said it had warned ...`
                return replace(
                    speaker, name=outer.name, role=outer.role, organisation=outer.organisation
                )
            wanted = "person" if head.lower_ in PERSON_PRONOUNS else None
            for referent in reversed(self.speakers):
                if wanted is None or referent.kind == "person":
                    return self._as_speaker(speaker, referent)
            people = self.people_before(cue_at)
            if wanted and people:
                return self._as_speaker(speaker, people[0])
            return speaker
        persons = [e for e in span.ents if e.label_ == "PERSON"]
        if persons:
            written = persons[0].text
            referent = self.known_person(written, persons[0].start_char) or next(
                (r for pos, r in self.people if pos == persons[0].start_char), None
            )
            if referent is None:
                return speaker
            self.speakers.append(referent)
            return self._as_speaker(speaker, referent)
        noun = _norm(head.text)
        if noun in ROLE_NOUNS:
            for referent in self.people_before(cue_at):
                if noun in referent.words and self.compatible(referent, span):
                    self.speakers.append(referent)
                    return self._as_speaker(speaker, referent)
            organisation = self._organisation_in(span)
            for referent in reversed(self.speakers):
                if (
                    referent.kind == "unnamed"
                    and noun in referent.words
                    and (organisation is None or organisation == referent.organisation)
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
            )
            self.speakers.append(referent)
            return self._as_speaker(speaker, referent)
        organisation = self._organisation_in(span)
        if organisation is None and noun in ORG_NOUNS:
            earlier = [e for pos, e in self.orgs if pos < cue_at and noun in e.text.lower()]
            if earlier:
                organisation = _without_determiner(earlier[-1])
        if organisation is not None:
            referent = Referent(
                "org", None, organisation=organisation, words={noun}, nationality=_places(span)
            )
            self.speakers.append(referent)
            return replace(speaker, organisation=organisation)
        return speaker

    def _organisation_in(self, span: Span) -> str | None:
        ents = [e for e in span.ents if e.label_ in ("ORG", "GPE")]
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


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def resolve_speakers(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """The statements with each speaker's name, role and organisation filled in."""
    resolver = _Resolver(doc)
    resolved: list[Statement] = []
    for statement in sorted(statements, key=lambda s: (s.cue.start, s.content.start)):
        if statement.speaker is None:
            resolved.append(statement)
            continue
        outer = next(
            (
                o.speaker
                for o in resolved
                if o.speaker
                and o.id != statement.id
                and o.content.start <= statement.cue.start < o.content.end
            ),
            None,
        )
        speaker = resolver.resolve(statement.speaker, statement.cue.start, outer)
        resolved.append(replace(statement, speaker=speaker))
    return resolved
