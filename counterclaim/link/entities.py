"""Canonical entities across the store: one name for one thing, with the rule for each merge.

Mentions arrive article by article (in the order articles are analysed) and each is linked to
an existing entity or starts a new one, through match keys kept in an `EntityIndex`:

- `registry`: a form of the alias registry (Daesh, ISIS and Islamic State are one entity);
- `same-name`: the same name after case and punctuation folding (`U.S.` / `US`);
- `person-short-form`: `Konashenkov` after `Major General Igor Konashenkov` in one article;
- `surname-in-context`: a bare surname in another article, when exactly one known person has
  it and the article shares another entity with that person's articles;
- `transliteration`: places whose consonant skeleton agrees once Arabic articles (`al-`,
  `el-`, `ez-`) are dropped: `Dayr al-Zawr` / `Deir ez-Zor` / `Deir al-Zour`;
- `acronym`: `SDF` for an organisation whose initials it is, or written `Name (ACR)`;
- `name-variant`: an organisation's name in other words or spellings (`Ministry of Defence of
  Peru` / `Peruvian Defense Ministry`: a state's name and demonym count alike);
- `name-extension`: a body's name and its longer or shorter form (`Minexa` / `Peruvian
  Minexa`, `Andes Pictures` / `Andes Pictures Holdings`), when the article shares context
  with it;
- `override-merge` / `override-split`: a user's `counterclaim entities merge|split`.

Different people who share a surname, and a city and a same-named province (`Homs` /
`Homs province`), never merge on these keys.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Protocol

from anyascii import anyascii
from rapidfuzz import fuzz

from counterclaim.config import ConfigOptions
from counterclaim.extract.countries import load_countries
from counterclaim.extract.mentions import person_name
from counterclaim.extract.speakers import ORG_NOUNS
from counterclaim.model import Linked, Mention, Statement
from counterclaim.nlp.aliases import AliasRegistry
from counterclaim.text import fold

PLACE_LABELS = ("GPE", "LOC", "FAC")
_ARABIC_ARTICLES = {
    "al",
    "el",
    "ez",
    "ad",
    "as",
    "ash",
    "an",
    "ar",
    "at",
    "az",
    "ed",
    "es",
    "et",
    "ul",
}
_SEMIVOWELS = "aeiouyw"
_STOPWORDS = {"of", "the", "and", "for", "de", "la", "le", "du", "des", "in", "on"}
# Romanisation variants, applied in this order to a lowercased ASCII word: one sound written
# several ways by outlets transliterating from Russian, Ukrainian, Arabic, Persian, Serbian
# (kh/h, sh/s, ks/x, j/y, ou/u, ee/i, iy/y/i) and doubled letters.
_ROMAN = (
    ("kh", "h"),
    ("sh", "s"),
    ("zh", "z"),
    ("ch", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("ks", "x"),
    ("q", "k"),
    ("c", "k"),
    ("j", "y"),
    ("w", "v"),
    ("ou", "u"),
    ("ee", "i"),
    ("iy", "i"),
    ("y", "i"),
)


class EntityIndex(Protocol):
    """What the linker needs from the store (see store/entities.py)."""

    def lookup(self, key: str) -> list[str]: ...

    def create(
        self, entity_id: str, name: str, type: str, source: str, keys: list[str]
    ) -> None: ...

    def add_keys(self, entity_id: str, keys: list[str]) -> None: ...

    def name_of(self, entity_id: str) -> str | None: ...

    def rename(self, entity_id: str, name: str) -> None: ...

    def type_of(self, entity_id: str) -> str | None: ...

    def redirect(self, entity_id: str) -> str: ...

    def split_for(self, entity_id: str, surface_key: str) -> str | None: ...

    def cooccurring(self, entity_id: str) -> set[str]: ...


def place_skeleton(surface: str) -> str:
    """Consonants of a place name without Arabic articles: `Dayr al-Zawr` → `dr zr`."""
    words = [w for w in re.split(r"[\s\-]+", fold(surface).replace("-", " ")) if w]
    words = [w for w in words if w not in _ARABIC_ARTICLES]
    skeleton = []
    for word in words:
        word = word.replace("q", "k").replace("c", "k").replace("ph", "f")
        consonants = re.sub(rf"[{_SEMIVOWELS}]", "", word[1:])
        squeezed = re.sub(r"(.)\1+", r"\1", word[0] + consonants)
        skeleton.append(squeezed)
    return " ".join(skeleton)


@lru_cache(maxsize=1 << 16)  # every pair of names compared asks again for the same words
def roman(word: str) -> str:
    """One word in a romanisation-neutral form: `Zelenskyy` and `Zelenskiy` → `zelenski`,
    `Alexey`/`Aleksei` → `alexei`, `Seyyed`/`Seyed` → `seied`, `Kyiv` → `kiv`."""
    text = re.sub(r"[^a-z0-9]", "", anyascii(word).lower())  # digits kept: `27th`, `117th`
    for written, said in _ROMAN:
        text = text.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", text)


def name_skeleton(word: str) -> str:
    """The first letter and the consonants of `roman(word)`: the lookup key under which
    spellings of one name meet (`Mohammed`/`Muhammad`/`Mohammad` → `mhmd`)."""
    text = roman(word)
    return re.sub(r"(.)\1+", r"\1", text[:1] + re.sub(r"[aeiouy]", "", text[1:]))


def same_spelling(a: str, b: str) -> bool:
    """Two written forms of one word: the same skeleton and first letter, alike as
    romanised (rapidfuzz ratio; `Mohammed`/`Muhammad` is 71, `Guaido`/`Guiado` 83), and the
    same ending, vowel or consonant: `Zakharova` (a woman) is not `Zakharov`."""
    ra, rb = roman(a), roman(b)
    if not ra or not rb:
        return False
    if ra == rb:
        return True
    if min(len(ra), len(rb)) < 3:  # `Mc`/`Mich`: too short to tell a spelling from another
        return False
    if ra[0] != rb[0] or name_skeleton(a) != name_skeleton(b):
        return False
    if (ra[-1] in "aeiou") != (rb[-1] in "aeiou"):
        return False
    short = len(name_skeleton(a)) <= 2
    return fuzz.ratio(ra, rb) >= (80 if short else 70)


# Words that make a name an organisation's, whatever title words precede them
_ORG_WORDS = ORG_NOUNS | {
    "agency", "ministry", "service", "services", "force", "forces", "corps", "bureau",
    "institute", "university", "bank", "fund", "union", "association", "organization",
    "organisation", "intelligence", "staff", "guard", "navy", "house", "team", "news",
}  # fmt: skip
# Arabic articles before a surname (`al-Momani`, `Al Moumani`, `el-Sisi`): not part of the key
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|ash|as|az|ul)[-‐‑'’](?=\w)", re.IGNORECASE)


def _name_tokens(name: str) -> list[str]:
    tokens = [_NAME_PARTICLE.sub("", w) for w in re.split(r"[\s.]+", name) if w]
    return [w for w in tokens if w.lower() not in ("al", "el")] or tokens


def name_words(name: str) -> list[str]:
    """The words of a person's name without middle initials or Arabic articles:
    `Anna K. Lindqvist` → `Anna`, `Lindqvist`; `Hamad Al Thani` → `Hamad`, `Thani`;
    `R.G.K Kapoor` → `R`, `Kapoor` (initials only: the first one is kept)."""
    tokens = _name_tokens(name)
    if len(tokens) <= 1:
        return tokens
    named = [w for w in tokens[:-1] if len(w.strip("-'’")) > 1]
    first = named[0] if named else tokens[0]
    return [first, *named[1:], tokens[-1]]


def person_key(name: str) -> str:
    """First and last name as skeletons: where spellings and middle names of one person meet
    (`Kayla Jean Mueller`, `Kayla Mueller` → `kyl mlr`)."""
    words = name_words(name)
    return " ".join(name_skeleton(w) for w in (words[:1] + words[1:][-1:]))


def same_person_name(a: str, b: str) -> bool:
    """Two full names of one person: first and last names are spellings of each other, and
    middle names, where both have them, agree (`George W. Bush` is not `George H. W. Bush`).
    Different first names are different people, even in one family (`Joe`/`Hunter Biden`)."""
    wa, wb = name_words(a), name_words(b)
    if len(wa) < 2 or len(wb) < 2:
        return False
    if not (same_spelling(wa[0], wb[0]) and same_spelling(wa[-1], wb[-1])):
        return False
    ma, mb = _middles(a), _middles(b)
    return not (ma and mb) or ma == mb


def _middles(name: str) -> str:
    """Initials of the middle names: `George H. W. Bush` → `hw`."""
    return "".join(roman(w)[:1] for w in _name_tokens(name)[1:-1])


def _surname_of(name: str | None) -> str:
    words = name_words(name or "")
    return words[-1] if words else ""


def _unique_person(full_names: list[str]) -> str | None:
    """The one person these full names are (the first written form), or None when they
    name two people (`Hillary` and `Bill Clinton` before a bare `Clinton`)."""
    if not full_names:
        return None
    first = full_names[0]
    return first if all(same_person_name(first, f) for f in full_names[1:]) else None


def acronym(name: str) -> str | None:
    """Initials of a multi-word name: `Syrian Democratic Forces` → `SDF`."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _STOPWORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


# Derivational endings that make one organisation's name two ways (`Joint Investigation
# Team` / `Joint Investigative Team`), longest first; British and American spellings.
_ENDINGS = (
    "ations", "atives", "ation", "ative", "aries", "ions", "ives", "ary", "ion", "ive", "ing",
    "es", "s",
)  # fmt: skip
_SPELLINGS = (("ence", "ense"), ("our", "or"), ("ise", "ize"), ("isation", "ization"))


def state_of_word(written: str) -> str | None:
    """The state a word of a name names (`Azerbaijani`, `Azerbaijan's`): its id, else None."""
    return load_countries().by_word.get(written.removesuffix("'s").removesuffix("’s"))


def org_stems(surface: str) -> str:
    """The content words of a name, stemmed and sorted, a state's name or demonym as the
    state: `Joint Investigative Team` → `investig joint team`; `Ministry of Defence` →
    `defense ministry`; `Ministry of Defense of Azerbaijan` and `Azerbaijani Defense Ministry`
    alike."""
    stems = []
    words = []
    for written in surface.split():
        state = state_of_word(written)
        if state:
            stems.append(state)
        else:
            words += fold(written).split()
    for word in words:
        if word in _STOPWORDS or word == "affairs":  # `Ministry of Foreign Affairs`
            continue
        for british, american in _SPELLINGS:
            if word.endswith(british):
                word = word[: -len(british)] + american
        for _ in range(2):  # `revolutionary` → `revolution` → `revolut`
            for ending in _ENDINGS:
                if word.endswith(ending) and len(word) - len(ending) >= 4:
                    word = word[: -len(ending)]
                    break
        stems.append(word)
    return " ".join(sorted(stems))  # in any order: `Defence Ministry`, `Ministry of Defence`


# endings of a people's adjective or plural (`Kurdish`, `Uyghurs`, `Pakistani`): no body's name
_PEOPLE_ENDINGS = ("an", "ish", "ese", "i", "ic", "s")


def _distinctive(word: str) -> bool:
    """A capitalised word of a name that is neither a state's nor an organisation noun."""
    return (
        word[:1].isupper()
        and fold(word) not in _ORG_WORDS
        and state_of_word(word) is None
        and len(word) >= 3
    )


def names_a_body(surface: str) -> bool:
    """A nationality written before a body's one-word name, which spaCy types NORP as a
    whole (`Saudi Aramco`): a name, not a people (`Iranian Kurds`, `Saudi Arabian`)."""
    words = surface.split()
    return (
        len(words) == 2
        and surface not in load_countries().by_form
        and state_of_word(words[0]) is not None
        and _distinctive(words[1])
        and not words[1].lower().endswith(_PEOPLE_ENDINGS)
    )


def shorter_names(surface: str) -> list[str]:
    """The shorter forms a body's name is written in: without a nationality before a one-word
    name (`Saudi Aramco` → `Aramco`), or, for a name of plain words, without its last word
    (`Sony Pictures Entertainment` → `Sony Pictures`). An organisation noun or a state in the
    name (`Foreign Ministry Spokesman`, `Islamic State Group`) makes no shorter form: `the
    Foreign Ministry` may be any state's."""
    words = surface.split()
    found = []
    if names_a_body(surface):
        found.append(words[1])
    if len(words) >= 3 and all(_distinctive(w) for w in words):
        found.append(" ".join(words[:-1]))
    return found


def is_acronym(surface: str) -> bool:
    bare = surface.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def display_name(surface: str) -> str:
    """`WASHINGTON` (a dateline) → `Washington`; acronyms and mixed case stay as written."""
    return surface.title() if surface.isupper() and len(surface) > 5 else surface


def entity_id_for(kind: str, key: str) -> str:
    """Deterministic, so that re-analysis finds the same ids (and a user's overrides)."""
    return "e" + hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:12]


def _kind(label: str) -> str:
    if label == "PERSON":
        return "person"
    if label in PLACE_LABELS:
        return "place"
    return "norp" if label == "NORP" else "org"


def _without_articles(surface: str) -> str:
    words = fold(surface).replace("-", " ").split()
    return " ".join(w for w in words if w not in _ARABIC_ARTICLES)


@dataclass(frozen=True)
class EntityOptions(ConfigOptions):
    """Entity linking's thresholds; their values (and why) are in default.cfg [link.entities]."""

    SECTION = "link.entities"

    transliteration_likeness: float
    short_transliteration_likeness: float


def _same_transliteration(a: str, b: str, options: EntityOptions) -> bool:
    """Guard for skeleton matches: same first letter, and similar enough as written (a short
    one-word name needs more likeness; ratios of difflib on folded names without Arabic
    articles, see default.cfg)."""
    fa, fb = _without_articles(a), _without_articles(b)
    if not fa or not fb or fa[0] != fb[0]:
        return False
    short = " " not in fa and len(place_skeleton(a).replace(" ", "")) <= 3
    # one word: a spelling of it (`Mali` is not `Malawi`, `Ukrainian` is not `Ukraine`)
    if " " not in fa and " " not in fb and not same_spelling(fa, fb):
        return False
    return SequenceMatcher(None, fa, fb).ratio() >= (
        options.short_transliteration_likeness if short else options.transliteration_likeness
    )


def _place_spelling_key(surface: str) -> str:
    return " ".join(name_skeleton(w) for w in _without_articles(surface).split())


def _same_place_words(a: str, b: str) -> bool:
    """Word by word spellings of each other (`Kyiv`/`Kiev`, `Zaporizhzhia`/`Zaporozhye`),
    with the same number of words: `Homs province` is not `Homs`."""
    wa, wb = _without_articles(a).split(), _without_articles(b).split()
    return len(wa) == len(wb) > 0 and all(same_spelling(x, y) for x, y in zip(wa, wb, strict=True))


def _consonants_as_written(word: str) -> str:
    """The skeleton with `j` kept a consonant: across labels a likeness must be closer
    (`Beijing` GPE is not `Boeing` ORG, though `j` is `y` in `Radojcic`/`Radoicic`)."""
    return name_skeleton(re.sub("[jJ]", "g", word))


def _same_word(a: str, b: str) -> bool:
    """One-word names alike across labels: a plural and its singular exactly (`Houthis`,
    `Houthi`; `Francis` is not `France`), else spellings of each other."""
    sa, sb = _one_word(a), _one_word(b)
    if not sa or not sb:
        return False
    if (sa != a.strip()) or (sb != b.strip()):
        return roman(sa) == roman(sb)
    return same_spelling(a, b)


def _one_word(surface: str) -> str | None:
    """A capitalised one-word name, plural `s` dropped (`Uyghurs` → `Uyghur`), else None."""
    text = surface.strip()
    if not re.fullmatch(r"[^\W\d_][\w'’-]*", text) or not text[0].isupper() or is_acronym(text):
        return None
    return text[:-1] if len(text) > 5 and text.endswith("s") and not text.endswith("ss") else text


def _titled_name(mention: Mention) -> bool:
    """A name after a person's title that spaCy typed ORG: `Air Vice Marshal R.G.K Kapoor`."""
    if mention.label != "ORG":
        return False
    name = person_name(mention.surface)
    words = name.split()
    return (
        name != mention.surface.strip()
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() and fold(w) not in _ORG_WORDS for w in words)
    )


def _acronym_expansions(mentions: list[Mention], text: str | None) -> dict[int, int]:
    """{index of an acronym: index of the name it stands for} in one article: written next
    to it in brackets, either way round (`Security Service of Ukraine (SBU)`, `SBU
    (Security Service ...)`), whatever its letters; or the one organisation of the article
    whose initials it is (`Indian Air Force` for a later or earlier `IAF`)."""

    def letters_agree(bare: str, name: str) -> bool:
        # most of its letters are initials of the name (`PKK`: Kurdistan Workers' Party),
        # so a dateline's city before an agency credit (`MOSCOW (Sputnik)`) is not one
        initials = {w[0].upper() for w in re.split(r"[\s\-]+", name) if w}
        distinct = set(bare.upper())
        return len(distinct & initials) * 2 > len(distinct)

    people = {fold(m.surface) for m in mentions if m.label == "PERSON"}
    found: dict[int, int] = {}
    for i, mention in enumerate(mentions):
        if mention.entity_id or mention.label == "PERSON" or not is_acronym(mention.surface):
            continue
        bare = mention.surface.replace(".", "")
        if text is not None:
            if (
                i > 0
                and mentions[i - 1].label != "PERSON"
                and not is_acronym(mentions[i - 1].surface)
            ):
                before = text[mentions[i - 1].span.end : mention.span.start]
                if (
                    re.fullmatch(r"\s*[(\[]\s*", before)
                    and text[mention.span.end :][:1] in ")]"
                    and letters_agree(bare, mentions[i - 1].surface)
                ):
                    found[i] = i - 1
                    continue
            if i + 1 < len(mentions) and mentions[i + 1].label != "PERSON":
                after = text[mention.span.end : mentions[i + 1].span.start]
                if (
                    re.fullmatch(r"\s*[(\[]\s*", after)
                    and not is_acronym(mentions[i + 1].surface)
                    and letters_agree(bare, mentions[i + 1].surface)
                ):
                    found[i] = i + 1
                    continue
        spelt = {
            fold(m.surface): j
            for j, m in enumerate(mentions)
            if m.label != "PERSON"
            and fold(m.surface) not in people  # `NG`, not for `Natasha Gownaris`
            and not is_acronym(m.surface)
            and acronym(m.surface) == bare
        }
        if len(spelt) == 1:
            found[i] = next(iter(spelt.values()))
    return found


class EntityLinker:
    def __init__(
        self, index: EntityIndex, registry: AliasRegistry, options: EntityOptions | None = None
    ) -> None:
        self.index = index
        self.registry = registry
        self.options = options or EntityOptions.default()

    def _finish(self, mention: Mention, entity_id: str, rule: str, confidence: float) -> Linked:
        target = self.index.redirect(entity_id)
        if target != entity_id:
            rule, entity_id = f"{rule}+override-merge", target
        split = self.index.split_for(entity_id, fold(mention.surface))
        if split:
            rule, entity_id = "override-split", split
        return Linked(replace(mention, entity_id=entity_id), rule, confidence)

    def link_article(self, mentions: list[Mention], text: str | None = None) -> list[Linked]:
        """Link one article's mentions (in text order; `text` is the article's text, for
        acronyms defined in brackets). An acronym whose name the article spells out is
        linked after that name, whichever comes first."""
        people = [person_name(m.surface) for m in mentions if m.label == "PERSON"] + [
            person_name(m.surface) for m in mentions if _titled_name(m)
        ]
        full_names = [p for p in people if len(name_words(p)) > 1]
        expansions = _acronym_expansions(mentions, text)
        order = [i for i in range(len(mentions)) if i not in expansions] + list(expansions)
        done: dict[int, Linked] = {}
        for index in order:
            mention = mentions[index]
            so_far = list(done.values())
            if mention.entity_id:
                done[index] = self._registry(mention)
                continue
            if index in expansions:
                done[index] = self._defined_acronym(mention, done[expansions[index]])
                continue
            kind = _kind(mention.label)
            if kind == "person" or self._names_a_person(mention, full_names, so_far):
                done[index] = self._person(mention, full_names, so_far)
            elif kind == "place":
                done[index] = self._place(mention)
            else:
                done[index] = self._organisation(mention, so_far)
        return [done[i] for i in range(len(mentions))]

    def _defined_acronym(self, mention: Mention, expansion: Linked) -> Linked:
        entity_id = expansion.mention.entity_id or ""
        bare = mention.surface.replace(".", "")
        self.index.add_keys(
            entity_id, [f"{_kind(mention.label)}:{fold(mention.surface)}", f"acronym:{bare}"]
        )
        return self._finish(mention, entity_id, "acronym-in-text", 0.9)

    def _names_a_person(self, mention: Mention, full_names: list[str], so_far: list[Linked]):
        """spaCy typed a person's name as something else (`Trump` ORG, `Rouhani` NORP,
        `Nebenzia` GPE): the surface is the surname of one person named in full in the
        article; or, typed ORG, a known person's full name (in any spelling), a titled name
        (`Air Vice Marshal ...`), or the surname of one known person the article shares
        context with."""
        if mention.label == "PERSON" or is_acronym(mention.surface):
            return False
        name = person_name(mention.surface)
        words = name_words(name)
        if not words or not all(w[:1].isupper() for w in words) or len(words) > 4:
            return False
        if len(words) == 1 and _unique_person(
            [f for f in full_names if same_spelling(name_words(f)[-1], name)]
        ):
            return True
        if mention.label != "ORG" or any(fold(w) in _ORG_WORDS for w in words):
            return False
        if len(words) > 1:
            if name != mention.surface.strip() or any(fold(f) == fold(name) for f in full_names):
                return True  # `Air Vice Marshal R.G.K Kapoor`: a title makes it a person
            return any(
                same_person_name(self.index.name_of(c) or "", name)
                for c in self.index.lookup(f"person~{person_key(name)}")
            )
        if full_names or self.index.lookup(f"org:{fold(name)}"):
            return False
        candidates = self.index.lookup(f"surname:{fold(name)}")
        context = {x.mention.entity_id for x in so_far}
        return len(candidates) == 1 and bool(context & self.index.cooccurring(candidates[0]))

    def _other_kind(self, surface: str, kind: str) -> str | None:
        """The entity of another kind written exactly so (spaCy types one name differently
        from sentence to sentence: `Nagorno-Karabakh` ORG, `Nagorno Karabakh` PERSON).
        Nationalities stay apart from places (`Russian` is not `Russia` anyway)."""
        for other in ("place", "org", "person", "norp"):
            if other != kind and {kind, other} != {"place", "norp"}:
                name = person_name(surface) if other == "person" else surface
                found = self.index.lookup(f"{other}:{fold(name)}")
                if found:
                    return found[0]
        word = surface.strip() if _one_word(surface) else None
        if word:  # one word spelt otherwise under another label (`Kiev` GPE, `Kyiv` PERSON)
            for candidate in self.index.lookup(f"word≈{name_skeleton(_one_word(word) or word)}"):
                known = self.index.name_of(candidate) or ""
                other = self._kind_of(candidate)
                if (
                    known
                    and _same_word(known, word)
                    and _consonants_as_written(_one_word(known) or known)
                    == _consonants_as_written(_one_word(word) or word)
                    and {kind, other} != {"place", "norp"}
                ):
                    return candidate
        return None

    def _kind_of(self, entity_id: str) -> str:
        return _kind(self.index.type_of(entity_id) or "ORG")

    def _word_key(self, surface: str) -> list[str]:
        word = _one_word(surface)
        return [f"word≈{name_skeleton(word)}"] if word else []

    def _known_place(self, surface: str) -> str | None:
        found = self.index.lookup(f"place:{fold(surface)}")
        if found:
            return found[0]
        for candidate in self.index.lookup(f"place≈{_place_spelling_key(surface)}"):
            name = self.index.name_of(candidate)
            if name is not None and _same_place_words(name, surface):
                return candidate
        return None

    def _registry(self, mention: Mention) -> Linked:
        known = self.registry.get(mention.entity_id or "")
        entity_id = mention.entity_id or ""
        if known and not self.index.lookup(f"registry:{entity_id}"):
            kind = _kind(known.type)
            forms = (known.name, *known.aliases)
            keys = [f"registry:{entity_id}", *(f"{kind}:{fold(a)}" for a in forms)]
            if kind == "place":  # other spellings of a registered place find it too
                keys += [f"place~{place_skeleton(a)}" for a in forms]
                keys += [f"place≈{_place_spelling_key(a)}" for a in forms]
            self.index.create(entity_id, known.name, known.type, "registry", keys)
        return self._finish(mention, entity_id, "registry", mention.provenance.confidence)

    def _person(self, mention: Mention, full_names: list[str], so_far: list[Linked]) -> Linked:
        name = person_name(mention.surface)
        rule = "same-name"
        if len(name_words(name)) == 1:
            longer = _unique_person(
                [f for f in full_names if same_spelling(name_words(f)[-1], name)]
            ) or _unique_person(  # surname first (`Hua` for `Hua Chunying`), or a first name
                [f for f in full_names if fold(name_words(f)[0]) == fold(name)]
            )
            if longer:
                name, rule = longer, "person-short-form"
        key = f"person:{fold(name)}"
        found = self.index.lookup(key)
        if found:
            return self._finish(mention, found[0], rule, 0.9)
        words = name_words(name)
        spelling_key = f"person~{person_key(name)}"
        if len(words) > 1:
            # another spelling of a known full name: `Alexey Navalny` for `Alexei Navalny`,
            # `Donald J. Trump` for `Donald Trump`
            for candidate in self.index.lookup(spelling_key):
                known = self.index.name_of(candidate)
                if known is not None and same_person_name(known, name):
                    self.index.add_keys(candidate, [key])
                    return self._finish(mention, candidate, "person-spelling", 0.8)
        if len(words) == 1:
            surname = fold(words[0])
            candidates = self.index.lookup(f"surname:{surname}") or [
                c
                for c in self.index.lookup(f"surname~{name_skeleton(words[0])}")
                if same_spelling(_surname_of(self.index.name_of(c)), words[0])
            ]
            context = {x.mention.entity_id for x in so_far}
            if len(candidates) == 1 and context & self.index.cooccurring(candidates[0]):
                return self._finish(mention, candidates[0], "surname-in-context", 0.7)
            if not candidates and len(mention.surface.split()) == 1:
                # a place typed PERSON (`Kharkov` after `Kharkiv`); not `Al Jorden`
                place = self._known_place(mention.surface)
                if place:
                    return self._finish(mention, place, "place-typed-person", 0.7)
        other = self._other_kind(mention.surface, "person")
        if other:
            return self._finish(mention, other, "same-name-other-label", 0.75)
        if len(words) > 1:
            fuller = self._bare_surname(words[-1], so_far)
            if fuller is not None:
                # `Vucic` came first, alone (`Serbian President Vucic`), in an article
                # of the same story: the full name is the one that entity was named by
                self.index.rename(fuller, name)
                self.index.add_keys(
                    fuller,
                    [
                        key,
                        spelling_key,
                        f"surname:{fold(words[-1])}",
                        f"surname~{name_skeleton(words[-1])}",
                    ],
                )
                return self._finish(mention, fuller, "person-fuller-name", 0.7)
        entity_id = entity_id_for("person", fold(name))
        keys = [key]
        if len(words) > 1:
            keys += [
                spelling_key,
                f"surname:{fold(words[-1])}",
                f"surname~{name_skeleton(words[-1])}",
            ]
        else:
            keys += self._word_key(name)
        self.index.create(entity_id, name, "PERSON", "auto", keys)
        return self._finish(mention, entity_id, "new", 0.8)

    def _bare_surname(self, surname: str, so_far: list[Linked]) -> str | None:
        """The person entity named by this surname alone, when no full name with that
        surname is known yet and it shares context with this article (the same story):
        the one this full name names."""
        if self.index.lookup(f"surname:{fold(surname)}"):
            return None  # a full name with this surname is known: not only this one
        context = {x.mention.entity_id for x in so_far}
        found = [
            c
            for c in self.index.lookup(f"person:{fold(surname)}")
            if self.index.type_of(c) == "PERSON"
            and len(name_words(self.index.name_of(c) or "")) == 1
        ]
        if len(found) == 1 and context & self.index.cooccurring(found[0]):
            return found[0]
        return None

    def _place(self, mention: Mention) -> Linked:
        key = f"place:{fold(mention.surface)}"
        found = self.index.lookup(key)
        if found:
            return self._finish(mention, found[0], "same-name", 0.9)
        skeleton_key = f"place~{place_skeleton(mention.surface)}"
        for candidate in self.index.lookup(skeleton_key):
            name = self.index.name_of(candidate)
            if name is not None and _same_transliteration(name, mention.surface, self.options):
                self.index.add_keys(candidate, [key])  # remember this spelling
                return self._finish(mention, candidate, "transliteration", 0.75)
        spelling_key = f"place≈{_place_spelling_key(mention.surface)}"
        for candidate in self.index.lookup(spelling_key):
            name = self.index.name_of(candidate)
            if name is not None and _same_place_words(name, mention.surface):
                self.index.add_keys(candidate, [key])
                return self._finish(mention, candidate, "transliteration", 0.75)
        other = self._other_kind(mention.surface, "place")
        if other:
            return self._finish(mention, other, "same-name-other-label", 0.75)
        entity_id = entity_id_for("place", fold(mention.surface))
        self.index.create(
            entity_id,
            display_name(mention.surface),
            mention.label,
            "auto",
            [key, skeleton_key, spelling_key, *self._word_key(mention.surface)],
        )
        return self._finish(mention, entity_id, "new", 0.8)

    def _organisation(self, mention: Mention, so_far: list[Linked]) -> Linked:
        if mention.label == "NORP" and names_a_body(mention.surface):
            mention = replace(mention, label="ORG")
        kind = _kind(mention.label)
        key = f"{kind}:{fold(mention.surface)}"
        found = self.index.lookup(key)
        if found:
            return self._finish(mention, found[0], "same-name", 0.9)
        if is_acronym(mention.surface):
            bare = mention.surface.replace(".", "")
            # spelt out in another article only: with context, as for surnames (initials
            # are easily shared); in this article `_acronym_expansions` found it
            candidates = self.index.lookup(f"acronym:{bare}")
            context = {x.mention.entity_id for x in so_far}
            if len(candidates) == 1 and context & self.index.cooccurring(candidates[0]):
                return self._finish(mention, candidates[0], "acronym", 0.75)
        variant_key = f"{kind}≈{org_stems(mention.surface)}"
        if " " in variant_key:  # names of two words or more only: `Russia` is not `Russian`
            for candidate in self.index.lookup(variant_key):
                name = self.index.name_of(candidate)
                alike = fuzz.token_sort_ratio(fold(name or ""), fold(mention.surface))
                if name is not None and alike >= 70:
                    self.index.add_keys(candidate, [key])
                    return self._finish(mention, candidate, "name-variant", 0.75)
        extended = self._name_extension(mention, kind, so_far) if kind == "org" else None
        if extended:
            self.index.add_keys(extended, [key])
            return self._finish(mention, extended, "name-extension", 0.7)
        other = self._other_kind(mention.surface, kind)
        if other:
            return self._finish(mention, other, "same-name-other-label", 0.75)
        entity_id = entity_id_for(kind, fold(mention.surface))
        keys = [key, variant_key] if " " in variant_key else [key]
        if kind == "org":
            keys += [f"org+:{fold(shorter)}" for shorter in shorter_names(mention.surface)]
        if not is_acronym(mention.surface):
            keys += self._word_key(mention.surface)
        initials = acronym(mention.surface)
        if initials and len(initials) >= 3:
            keys.append(f"acronym:{initials}")
        self.index.create(entity_id, display_name(mention.surface), mention.label, "auto", keys)
        return self._finish(mention, entity_id, "new", 0.8)

    def _name_extension(self, mention: Mention, kind: str, so_far: list[Linked]) -> str | None:
        """The one known body whose name is this one's shorter or longer form
        (`shorter_names`: `Aramco` / `Saudi Aramco`, `Sony Pictures` / `Sony Pictures
        Entertainment`), when the article shares context with it (as for surnames: a short
        name is easily another body's)."""
        found = set(self.index.lookup(f"{kind}+:{fold(mention.surface)}"))
        for shorter in shorter_names(mention.surface):
            found |= set(self.index.lookup(f"{kind}:{fold(shorter)}"))
        if len(found) != 1:
            return None
        candidate = next(iter(found))
        context = {x.mention.entity_id for x in so_far}
        if candidate in context or context & self.index.cooccurring(candidate):
            return candidate
        return None

    def statement_entities(
        self, statements: list[Statement], linked: list[Linked]
    ) -> list[tuple[str, str | None, list[str | None]]]:
        """(statement id, speaker's entity id, the targets' entity ids) for each statement."""
        result = []
        for statement in statements:
            speaker_id = None
            speaker = statement.speaker
            if speaker is not None:
                inside = [
                    x.mention
                    for x in linked
                    if speaker.span.start <= x.mention.span.start < speaker.span.end
                ]
                if speaker.name:
                    wanted = fold(speaker.name)
                    people = [
                        m
                        for m in inside
                        if m.label == "PERSON" and fold(person_name(m.surface)) in wanted
                    ]
                    found = self.index.lookup(f"person:{wanted}")
                    speaker_id = people[0].entity_id if people else (found or [None])[0]
                elif speaker.organisation:
                    # a body named with its place (`Yemen's Houthi militants`, `Russia's
                    # defence ministry`) is the body, not the place: places last
                    organisations = sorted(
                        (m for m in inside if _kind(m.label) != "person"),
                        key=lambda m: _kind(m.label) == "place",
                    )
                    found = self.index.lookup(
                        f"org:{fold(speaker.organisation)}"
                    ) or self.index.lookup(f"place:{fold(speaker.organisation)}")
                    speaker_id = (
                        organisations[0].entity_id if organisations else (found or [None])[0]
                    )
            low = min(statement.cue.start, statement.content.start)
            high = max(statement.cue.end, statement.content.end)
            nearby = {
                fold(x.mention.surface): x.mention.entity_id
                for x in linked
                if low <= x.mention.span.start < high
            }
            targets = [self._target(fold(t), nearby) for t in statement.targets]
            result.append((statement.id, speaker_id, targets))
        return result

    @staticmethod
    def _target(wanted: str, nearby: dict[str, str | None]) -> str | None:
        """The entity of a target: the mention written so, else one whose words contain it or
        are contained in it (`Islamic State` in `Islamic State (Daesh)`)."""
        if wanted in nearby:
            return nearby[wanted]
        for surface, entity_id in nearby.items():
            if surface and (surface in wanted or wanted in surface):
                return entity_id
        return None
