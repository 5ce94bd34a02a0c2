"""Which side a speaker speaks for: the state or party behind a person or an organisation.

A side comes from the speaker's own description ("Iranian Foreign Ministry spokesman",
"the Azerbaijani Ministry of Defense", "Kremlin spokesman Dmitry Peskov", "a Houthi military
spokesman") and, for a person named bare ("Peskov said"), from how the story describes that
person anywhere else ("... said Kremlin spokesman Dmitry Peskov", "Mousavi, the Iranian
foreign ministry spokesman,"). The forms that name a state are the alias registry's (with
`part_of`: the Pentagon belongs to the United States) and the bundled country table
(`data/countries.toml`: every UN member and observer, their demonyms, capitals and seats of
government used as metonyms: Moscow, the Kremlin, Beijing, Kyiv). A non-state group is the
registry's entity when it has one, else the capitalised name before a role word ("a Houthi
military spokesman" → Houthi).

An unresolved pronoun ("he", "they") or a speaker that is no actor ("polls", "records", "a
vaccine") has no side: `None`, never a column of its own. Pure: strings in, ids out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from counterclaim.extract.countries import CountryTable, load_countries
from counterclaim.model import CharSpan, Speaker, StoredStatement
from counterclaim.nlp.aliases import AliasRegistry
from counterclaim.text import word_set

# Words that say who a person works for ("spokesman of", "foreign minister"): a capitalised
# name just before one of these is the group the speaker speaks for.
ROLE_WORDS = word_set(
    "spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople official officials "
    "minister ministers ministry "
    "military army forces commander commanders leader leaders chief president premier "
    "ambassador envoy diplomat diplomats embassy mission government administration source "
    "sources representative representatives militia militants fighters rebels movement "
    "group party office agency service services authorities police council committee "
    "prosecutor prosecutors investigators delegation media outlet channel"
)
# Capitalised words of an institution's name that are no group ("Defence Ministry").
INSTITUTION_WORDS = word_set(
    "defence defense foreign interior state national security intelligence central federal "
    "presidential press general joint armed supreme high foreign affairs justice home "
    "information public department ministry office council house"
)
# A person described by one of these speaks as themself, not for the state their
# nationality names ("U.S. investigative journalist"), unless a role word says otherwise.
INDEPENDENT_WORDS = word_set(
    "journalist journalists reporter reporters writer author analyst analysts expert experts "
    "researcher researchers scholar professor academic activist activists blogger critic "
    "critics dissident opposition lawyer witness witnesses resident residents citizen "
    "citizens investigative freelance independent commentator"
)
# A person described by one of these stands against the state their nationality names ("Russian
# opposition leader Alexei Navalny"), whatever role words follow: never that state's side.
OPPOSING_WORDS = word_set("opposition dissident dissidents critic critics exiled exile")
# Words that make a speaker a news medium: it reports the dispute, it is no side of it ("the
# SPA state-run news agency", "the newspaper", "Reuters").
MEDIA_WORDS = word_set("newspaper newspapers broadcaster newswire tabloid")
_NEWS_AGENCY = re.compile(
    r"\bnews\s+(?:agency|agencies|outlet|outlets|service|channel|site)\b", re.I
)
PRONOUNS = word_set(
    "i we you he she it they him her them us me this that these those who which one someone "
    "somebody anyone everyone nobody"
)
# A country form right after one of these names a place, not the speaker's state ("the
# envoy to Russia", "Russia's envoy in Washington").
_PLACE_PREPOSITIONS = word_set("to in at from into against toward towards with over")
_WORD = re.compile(r"[\w’'.-]+")
_CAPITALISED = re.compile(r"^[A-Z][\w’'-]*$")


def _tokens(text: str) -> list[str]:
    """Words, a possessive `'s` dropped and a sentence's full stop cut (`U.S.` kept)."""
    words = _WORD.findall(re.sub(r"['’]s\b", "", text or ""))
    return [w[:-1] if w.endswith(".") and w.count(".") == 1 else w for w in words]


@dataclass(frozen=True)
class SideFinder:
    """Finds the side a description names, from the registry and the country table."""

    registry: AliasRegistry
    countries: CountryTable

    @cached_property
    def _forms(self) -> list[tuple[tuple[str, ...], str, bool]]:
        """(words of a form, side id, case-sensitive), longest first."""
        forms: dict[tuple[str, ...], tuple[str, bool]] = {}
        for form, entity_id, _ in self.registry.forms():
            side = self.registry.root(entity_id)
            words = tuple(_tokens(form))
            if words:
                forms.setdefault(words, (side, len(form) <= 3))
        for form, country_id in self.countries.by_form.items():
            words = tuple(_tokens(form))
            if words:
                forms.setdefault(words, (self.registry.root(country_id), True))
        return sorted(
            ((w, side, exact) for w, (side, exact) in forms.items()),
            key=lambda x: -len(x[0]),
        )

    @cached_property
    def _first_words(self) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
        index: dict[str, list] = {}
        for words, side, exact in self._forms:
            index.setdefault(words[0].casefold(), []).append((words, side, exact))
        return index

    def label(self, side: str) -> str:
        known = self.registry.get(side)
        if known:
            return known.name
        country = self.countries.get(side)
        if country:
            return country.name
        return side.split(":", 1)[-1].replace("-", " ").title()

    def is_state(self, side: str) -> bool:
        return self.countries.get(side) is not None

    def _matches(self, text: str) -> list[tuple[str, bool]]:
        """(side, after a place preposition) for each state or registry form in the text."""
        words = _tokens(text)
        found: list[tuple[str, bool]] = []
        i = 0
        while i < len(words):
            match = None
            for form, side, exact in self._first_words.get(words[i].casefold(), ()):
                span = words[i : i + len(form)]
                if len(span) == len(form) and all(
                    (a == b if exact else a.casefold() == b.casefold())
                    for a, b in zip(span, form, strict=True)
                ):
                    match = (form, side)
                    break
            if match:
                before = words[i - 1].casefold() if i else ""
                found.append((match[1], before in _PLACE_PREPOSITIONS))
                i += len(match[0])
            else:
                i += 1
        return found

    def in_text(self, text: str) -> str | None:
        """The side a speaker's description names: the first state or registry entity not
        after a place preposition, else a capitalised group before a role word. A
        journalist or an expert of some nationality speaks for no state."""
        words = {w.casefold() for w in _tokens(text)}
        if words & OPPOSING_WORDS:
            return None
        if words & INDEPENDENT_WORDS and not words & (ROLE_WORDS - INDEPENDENT_WORDS):
            return None
        for side, placed in self._matches(text):
            if not placed:
                return side
        return self.group_in_text(_tokens(text))

    def all_in_text(self, text: str) -> set[str]:
        """Every state or registry entity (as its side) a text names: who it is about."""
        return {side for side, _ in self._matches(text)}

    def group_in_text(self, words: Sequence[str]) -> str | None:
        """`a Houthi military spokesman` → `group:houthi`: a capitalised word (not the first
        of a sentence-like description unless a role word follows) right before role words."""
        for i, word in enumerate(words[:-1]):
            if not _CAPITALISED.match(word) or word.casefold() in PRONOUNS:
                continue
            if word.casefold() in ROLE_WORDS | INSTITUTION_WORDS or word.casefold() in {
                "the",
                "a",
                "an",
            }:
                continue
            if words[i + 1].casefold() in ROLE_WORDS:
                name = word.casefold().removesuffix("'s").removesuffix("’s")
                if len(name) > 2 and name.endswith("s") and not name.endswith("ss"):
                    name = name[:-1]
                return "group:" + name
        return None


@cache
def side_finder(registry: AliasRegistry) -> SideFinder:
    return SideFinder(registry, load_countries())


def is_pronoun(text: str | None) -> bool:
    words = [w.casefold() for w in _WORD.findall(text or "")]
    return bool(words) and all(w in PRONOUNS for w in words)


def surname(name: str) -> str:
    words = _WORD.findall(name or "")
    return words[-1] if words else ""


# Lower-case words that may stand in a title before a name ("foreign ministry spokesman").
_TITLE_GLUE = word_set("of the for and 's deputy senior top former acting")


def title_before(text: str) -> str:
    """The title run just before a name: the capitalised words, role words and their glue
    ("Kremlin spokesman", "Iranian foreign ministry spokesman"); empty when none."""
    words = _tokens(re.split(r"[.;:!?\"“”()]|,\s", text)[-1])
    run: list[str] = []
    for word in reversed(words):
        lower = word.casefold()
        if (
            _CAPITALISED.match(word)
            or lower in ROLE_WORDS
            or lower in INSTITUTION_WORDS
            or lower in _TITLE_GLUE
            or lower in INDEPENDENT_WORDS
            or word.isupper()
        ):
            run.append(word)
        else:
            break
    return " ".join(reversed(run))


def described_sides(
    names: Iterable[str], texts: Iterable[str], finder: SideFinder
) -> dict[str, str]:
    """For each speaker's name (a person, or an organisation written short: "the Defense
    Ministry"), the side the texts describe it with: the title run just before it
    ("Kremlin spokesman Dmitry Peskov", "Russia's Defense Ministry") or an appositive after
    it ("Mousavi, the Iranian foreign ministry spokesman,"); the most frequent one wins."""
    wanted = {n: surname(n) if n[:1].isupper() and " " in n else n for n in names}
    wanted = {n: key for n, key in wanted.items() if key and len(key) > 2}
    votes: dict[str, Counter[str]] = {n: Counter() for n in wanted}
    texts = list(texts)
    for name, key in wanted.items():
        pattern = re.compile(r"\b" + re.escape(key) + r"\b", re.IGNORECASE if key.islower() else 0)
        for text in texts:
            for m in pattern.finditer(text):
                side = finder.in_text(title_before(text[max(0, m.start() - 120) : m.start()]))
                after = re.match(r"\s*,\s*(?:the |a |an )?([^,.;:()]{3,80})[,.;]", text[m.end() :])
                if side is None and after and is_description(after.group(1)):
                    side = finder.in_text(after.group(1))
                if side and not side.startswith("group:"):
                    votes[name][side] += 1
    return {n: v.most_common(1)[0][0] for n, v in votes.items() if v}


# Words of a clause, never of a description: "..., that there was no military".
_CLAUSE_WORDS = word_set("that was were is are had has have would will could said says told")


def is_description(text: str) -> bool:
    """An appositive that describes who someone is ("the Iranian foreign ministry
    spokesman"), not a clause that goes on ("confirmed in his video message that ...", "they
    would have been US Navy divers"): a role word in it, no pronoun opening it."""
    words = [w.casefold() for w in _tokens(text)]
    if not words or words[0] in PRONOUNS or words[0].endswith("ed"):
        return False  # "confirmed in his video ...", "says ..."
    return not set(words) & _CLAUSE_WORDS and any(w in ROLE_WORDS for w in words)


def is_medium(text: str | None) -> bool:
    """The speaker is a news medium ("the state-run news agency", "the newspaper")."""
    words = {w.casefold() for w in _tokens(text or "")}
    return bool(words & MEDIA_WORDS) or bool(_NEWS_AGENCY.search(text or ""))


_NO_SPEAKER = Speaker(CharSpan(0, 0), "")


def speaker_of(statement: StoredStatement) -> Speaker:
    """The statement's speaker, or an empty one (no text, no name) when it has none."""
    return statement.speaker or _NO_SPEAKER


# A relative clause on the speaker: `Jordan Goudreau, ..., for which the two captured
# Americans worked`, `the JIT – which includes officials from the Netherlands, ...`.
_RELATIVE_CLAUSE = re.compile(
    r"(?:,|\s[–—-])\s*(?:who|whom|whose|which)\b|\s(?:for|in|of|with|by) (?:which|whom)\b"
)


def row_description(statement: StoredStatement) -> str:
    """The speaker's role, organisation and text as written, where a side may be named; the
    text without a relative clause on it, which says what the speaker did or whom they met,
    not whom they speak for (the span keeps it: PolNeAR's sources do)."""
    speaker = speaker_of(statement)
    text = _RELATIVE_CLAUSE.split(speaker.text or "", maxsplit=1)[0]
    return " ".join(v or "" for v in (speaker.role, speaker.organisation, text))


def described_speakers(
    statements: Sequence[StoredStatement],
    texts_of: Callable[[list[str]], list[str]],
    registry: AliasRegistry,
    elsewhere: Callable[[str, list[str]], list[str]] | None = None,
) -> dict[str, str]:
    """For each named speaker of these statements, the side their articles describe
    them with ("Kremlin spokesman Dmitry Peskov"): `described_sides` over the texts of the
    statements' articles (`texts_of(article_ids)`, read only when there is a name to look for);
    a person these articles do not describe (`foreign ministry spokeswoman Maria Zakharova`)
    as the archive's other articles about them do (`elsewhere(entity_id, article_ids)`: the
    texts of other articles mentioning that entity)."""
    speakers = [speaker_of(s) for s in statements]
    names = {sp.name for sp in speakers if sp.name}
    for sp in speakers:  # a bare surname, an organisation written short ("the ministry")
        for written in (sp.text, sp.organisation):
            value = (written or "").removeprefix("the ").removeprefix("The ")
            if value and not is_pronoun(value) and len(value.split()) <= 3:
                names.add(value)
    articles = sorted({s.article_id for s in statements})
    if not names or not articles:
        return {}
    finder = side_finder(registry)
    described = described_sides(names, texts_of(articles), finder)
    if elsewhere is None:
        return described
    undescribed = {
        sp.name: sp.entity_id
        for sp in speakers
        if sp.name and sp.entity_id and sp.name not in described
    }
    for name, entity_id in sorted(undescribed.items()):  # each in its own articles only
        described |= described_sides([name], elsewhere(entity_id, articles), finder)
    return described
