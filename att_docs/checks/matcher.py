"""Multi-pattern glossary matching with Aho-Corasick automata (pyahocorasick).

Which matcher a language gets is data (``templates/locale/<lang>.yaml``): ``cjk`` and
``terms.inflection``.

A language written without spaces between words (``cjk: true``) is matched by
:class:`UnspacedMatcher`: every term of every status goes into one automaton and the text
is scanned leftmost-longest (``iter_long``), so a term inside a longer glossary term (条约
in 普遍加入条约工作组, 公约 in 《集束弹药公约》) is never counted twice and never mistaken
for the shorter concept.

Other languages are matched word-bounded by :class:`SpacedMatcher` on a normalised copy of
the text that has the same length: lower case, and every character that is neither a
letter, a digit nor a hyphen turned into a space (so an elided article, l'universalisation,
leaves the noun a word of its own). Keys are the terms' variants in the same form, each
with a leading space, so that a key can only start at a word start; the end of a match must
be a word end too. The variants are what a writer may put for the term: its singular and
plural, for the head noun and for every word that inflects (State Party/States Parties; the
``inflect`` package), hyphen or space or nothing between parts (co-chair/co chair/cochair),
the glossary's abbreviations as terms of their own. A case-sensitive term (flagged in the
glossary, or written in capitals like WGTU) matches only where the original text has
exactly its letters. Languages whose inflection is ``simplemma`` match on lemmas instead
(:class:`LemmaMatcher`): États Parties, État partie and l'État Partie are one term.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from att_docs.base.errors import ContentError
from att_docs.checks.inflection import inflect_engine
from att_docs.checks.variant_cache import Row, cached_rows
from att_docs.glossary.model import Concept, Glossary, Status, Term
from att_docs.language.profile import Language

__all__ = [
    "Entry",
    "GlossaryIndex",
    "LemmaMatcher",
    "Match",
    "SpacedMatcher",
    "TermMatcher",
    "UnspacedMatcher",
    "term_variants",
]


@dataclass(frozen=True)
class Entry:
    """One glossary term as a matcher knows it."""

    concept: str
    term: str
    status: Status
    case_sensitive: bool = False

    @property
    def allowed(self) -> bool:
        return self.status in ("preferred", "admitted")


@dataclass(slots=True)
class Match:
    """A glossary term found in a text: ``text[start:end]``, and the entries it stands for.

    ``concepts``, ``deprecated_only`` and ``verbatim`` are worked out once per automaton
    key.
    """

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    concepts: frozenset[str]
    deprecated_only: bool  # every reading of the match is a deprecated variant
    verbatim: bool = False  # every reading is case-sensitive (an acronym, kept as it is)

    def status_for(self, concept: str) -> Status | None:
        """The best status this match has for ``concept`` (allowed before deprecated)."""
        if len(self.entries) == 1:
            only = self.entries[0]
            return only.status if only.concept == concept else None
        statuses = [e.status for e in self.entries if e.concept == concept]
        for status in ("preferred", "admitted", "deprecated", "superseded"):
            if status in statuses:
                return status  # type: ignore[return-value]
        return None


def _info(entries: tuple[Entry, ...]) -> tuple[frozenset[str], bool, bool]:
    """The concepts of a match, whether all are deprecated, whether all are case-sensitive."""
    return (frozenset(e.concept for e in entries), all(not e.allowed for e in entries),
            all(e.case_sensitive for e in entries))


def _automaton(items: Iterable[tuple[str, tuple]]) -> tuple[Any, bool]:
    """An Aho-Corasick automaton of ``(key, value)`` pairs, and whether it is empty."""
    automaton = ahocorasick.Automaton()
    for key, value in items:
        automaton.add_word(key, value)
    empty = len(automaton) == 0
    if not empty:
        automaton.make_automaton()
    return automaton, empty


def _spaced_values(table: dict[str, list[tuple[Entry, str]]]) -> Iterator[tuple[str, tuple]]:
    """Automaton values of the spaced matcher: the variants, entries, and how to match."""
    for key, group in table.items():
        entries = tuple(e for e, _ in group)
        acronyms = all(_is_acronym(v) for _, v in group)
        sensitive = any(e.case_sensitive for e in entries)
        yield key, (len(key) - 1, tuple(group), entries, *_info(entries), acronyms, sensitive)


class TermMatcher:
    """Finds glossary terms of one language in texts (other bodies' names, matched to
    hide what they hold, are left out of what ``find`` returns)."""

    def find(self, text: str) -> list[Match]:  # pragma: no cover - interface
        raise NotImplementedError


class UnspacedMatcher(TermMatcher):
    """Substring matching, leftmost-longest."""

    def __init__(self, entries: Iterable[Entry]):
        table: dict[str, list[Entry]] = {}
        for entry in entries:
            key = unicodedata.normalize("NFKC", entry.term) if entry.term.isascii() \
                else entry.term
            if key:
                table.setdefault(key, []).append(entry)
        # The matched text is the key itself: the automaton matches it exactly.
        self.automaton, self.empty = _automaton(
            (key, (len(key) - 1, key, tuple(group), *_info(tuple(group))))
            for key, group in table.items())

    def find(self, text: str) -> list[Match]:
        if self.empty or not text:
            return []
        return [Match(end - before, end + 1, key, group, concepts, deprecated, verbatim)
                for end, (before, key, group, concepts, deprecated, verbatim)
                in self.automaton.iter_long(text) if OTHER not in concepts]


# --------------------------------------------------------------------------- spaced

_WORD = re.compile(r"\w", re.UNICODE)


class _Normaliser(dict[int, str]):
    """str.translate table: letters and digits lower-cased, hyphens kept, the rest spaces."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isalnum():
            lower = char.lower()
            value = lower if len(lower) == 1 else char
        elif char in "-\u2010\u2011":
            value = "-"
        else:
            value = " "
        self[code] = value
        return value


_NORMALISE = _Normaliser()


def normalise(text: str) -> str:
    """Same length as ``text``: lower case, hyphens as ``-``, other non-word chars spaces."""
    return text.translate(_NORMALISE)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


Inflector = Callable[[str], set[str]]
"""A word to its singular and plural forms (itself included)."""


def inflect_forms(word: str) -> set[str]:
    """The word, its singular and its plural (the ``inflect`` package; case kept)."""
    forms = {word}
    if not word or not word[-1].isalpha():
        return forms
    if _is_acronym(word):
        forms.add(word + "s")
        return forms
    engine = inflect_engine()
    lower = word.lower()
    singular = engine.singular_noun(lower)
    others = [singular] if singular else [engine.plural_noun(lower)]
    for other in others:
        if other and other != lower:
            forms.add(word[0] + other[1:] if word[0].isupper() else other)
    return forms


def no_forms(word: str) -> set[str]:
    return {word}


INFLECTORS: dict[str, Inflector] = {"inflect": inflect_forms, "none": no_forms}
"""Inflection engines of ``terms.inflection`` that generate forms (simplemma lemmatises)."""


def term_variants(term: str, forms: Inflector = inflect_forms,
                  function_words: frozenset[str] = frozenset()) -> set[str]:
    """Surface forms of a term: its head noun inflected (the word before the first function
    word, else the last), every word inflected together (States Parties, as UN usage
    writes the plural of State Party), hyphen variants."""
    words = term.split()
    if not words:
        return set()
    variants: set[str] = set()
    linker = next((i for i, w in enumerate(words) if i and w.lower() in function_words), None)
    head = linker - 1 if linker is not None else len(words) - 1
    for form in forms(words[head]):
        variants.add(" ".join([*words[:head], form, *words[head + 1:]]))
    if head != len(words) - 1 and not _is_acronym(words[-1]):
        for form in forms(words[-1]):
            variants.add(" ".join([*words[:-1], form]))
    if len(words) > 1:
        content = [i for i, w in enumerate(words[:head + 1]) if w.lower() not in function_words
                   and not _is_acronym(w)]
        if len(content) > 1:
            # the singular of every word, and the plural of every word
            for pick in (min, max):
                inflected = list(words)
                for i in content:
                    inflected[i] = pick(forms(words[i]), key=len)
                variants.add(" ".join(inflected))
    for variant in list(variants):
        if "-" in variant:
            variants.add(variant.replace("-", " "))
            variants.add(variant.replace("-", ""))
    return variants


class SpacedMatcher(TermMatcher):
    """Word-bounded, case- and inflection-aware matching of terms."""

    def __init__(self, entries: Iterable[Entry], forms: Inflector = inflect_forms,
                 function_words: frozenset[str] = frozenset(), engine: str | None = None):
        """``engine`` names ``forms`` (``terms.inflection``); given, the variants are kept
        on disk between processes (:mod:`att_docs.checks.variant_cache`)."""
        entries = list(entries)

        def rows() -> list[Row]:
            return [(e.concept, e.term, e.status, e.case_sensitive, variant)
                    for e in entries
                    for variant in term_variants(e.term, forms, function_words)]

        if engine is None:
            found = rows()
        else:
            found = cached_rows(
                [engine, sorted(function_words),
                 [[e.concept, e.term, e.status, e.case_sensitive] for e in entries]], rows)
        table: dict[str, list[tuple[Entry, str]]] = {}
        made: dict[tuple[str, str, str, bool], Entry] = {}
        for concept, term, status, case_sensitive, variant in found:
            entry = made.get((concept, term, status, case_sensitive))
            if entry is None:
                sensitive = case_sensitive or _is_acronym(term)
                entry = made[(concept, term, status, case_sensitive)] = Entry(
                    concept, term, status, sensitive)  # type: ignore[arg-type]
            key = " " + normalise(variant).strip()
            if key.strip():
                table.setdefault(key, []).append((entry, variant))
        self.automaton, self.empty = _automaton(_spaced_values(table))

    def find(self, text: str) -> list[Match]:
        if self.empty or not text:
            return []
        padded = " " + normalise(text)
        out = []
        size = len(padded)
        for end, (length, group, all_entries, concepts, deprecated, verbatim, acronyms,
                  sensitive) in self.automaton.iter_long(padded):
            # ``end`` is inclusive in ``padded``, so exclusive in ``text``; the key's
            # leading space stands before the word.
            if end + 1 < size:
                after = padded[end + 1]
                # An acronym may carry a number or a hyphen: CSP9 counts as CSP, UN-related
                # as UN.
                if (after.isalnum() or after == "-") and not (
                        acronyms and (after == "-" or after.isdigit())):
                    continue
            start = end - length
            found = text[start:end]
            if OTHER in concepts:
                continue  # another body's name: it only hides what it holds
            if not sensitive:
                out.append(Match(start, end, found, all_entries, concepts, deprecated,
                                 verbatim))
                continue
            entries = tuple(e for e, variant in group
                            if not e.case_sensitive or _same_case(found, variant))
            if len(entries) == len(all_entries):
                out.append(Match(start, end, found, all_entries, concepts, deprecated,
                                 verbatim))
            elif entries:
                out.append(Match(start, end, found, entries, *_info(entries)))
        return out


_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")


def _same_case(found: str, variant: str) -> bool:
    return _SEPARATORS.sub("", found) == _SEPARATORS.sub("", variant)


# --------------------------------------------------------------------------- lemmas

_TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # words kept between the gaps
_OPEN, _CLOSE = "\x01", "\x02"  # around each lemma, so that a key matches whole words


class LemmaMatcher(TermMatcher):
    """Word-bounded matching on lemmas (simplemma): every inflected word of a term counts,
    so a multi-word term matches in the singular and the plural whichever words inflect.

    Words are runs of letters and digits, with inner hyphens: CEP9 is one word, so the
    term Président de la CEP does not swallow the Présidente of la Présidente de la CEP9.
    """

    def __init__(self, entries: Iterable[Entry], lang: str):
        self.lang = lang
        table: dict[str, list[Entry]] = {}
        for entry in entries:
            sensitive = entry.case_sensitive or _is_acronym(entry.term)
            entry = Entry(entry.concept, entry.term, entry.status, sensitive)
            key = "".join(f"{_OPEN}{self._lemma(m.group())}{_CLOSE}"
                          for m in _TOKEN.finditer(entry.term))
            if key:
                table.setdefault(key, []).append(entry)
        self.automaton, self.empty = _automaton(
            (key, (key.count(_OPEN), tuple(group), *_info(tuple(group)),
                   any(e.case_sensitive for e in group)))
            for key, group in table.items())
        self._lemmas = _LemmaKeys(self._lemma)  # word -> its key part, once per matcher

    def _lemma(self, word: str) -> str:
        from att_docs.checks.lemma_store import store_for

        return store_for(self.lang)(word.lower())

    def find(self, text: str) -> list[Match]:
        if self.empty or not text:
            return []
        # Split into gaps and words (gap, word, gap, word, ..., gap) and look the words'
        # key parts up, all in C: no match object per word. The words' offsets are the
        # running lengths of the pieces, worked out only where a key matched.
        pieces = _SPLIT.split(text)
        parts = list(map(self._lemmas.__getitem__, pieces[1::2]))
        hits = list(self.automaton.iter_long("".join(parts)))
        if not hits:
            return []
        ends = list(itertools.accumulate(map(len, parts)))  # exclusive ends of the parts
        bounds = list(itertools.accumulate(map(len, pieces)))  # word i: bounds[2i:2i+2]
        out = []
        for end, (words, entries, concepts, deprecated, verbatim, sensitive) in hits:
            last = bisect.bisect_right(ends, end)
            start, stop = bounds[2 * (last - words + 1)], bounds[2 * last + 1]
            found = text[start:stop]
            if sensitive:
                kept = tuple(e for e in entries if not e.case_sensitive
                             or _same_case(found, e.term))
                if not kept:
                    continue
                if len(kept) != len(entries):
                    entries, (concepts, deprecated, verbatim) = kept, _info(kept)
            if OTHER not in concepts:
                out.append(Match(start, stop, found, entries, concepts, deprecated, verbatim))
        return out


class _LemmaKeys(dict[str, str]):
    """A word to its lemma between the marks, computed on first lookup (at most 65,536
    words kept)."""

    def __init__(self, lemma: Callable[[str], str]):
        super().__init__()
        self.lemma = lemma

    def __missing__(self, word: str) -> str:
        if len(self) >= 65536:
            self.clear()
        found = self[word] = f"{_OPEN}{self.lemma(word)}{_CLOSE}"
        return found


# --------------------------------------------------------------------------- index


def _entries(concept: Concept, lang: str) -> list[Entry]:
    return [Entry(concept.id, t.text, t.status, t.case_sensitive)
            for t in concept.terms.get(lang, []) if t.text.strip()]


class GlossaryIndex:
    """The glossary prepared for checks: one matcher per language, concepts by id."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.concepts = glossary.by_id()
        self._matchers: dict[str, TermMatcher] = {}
        self._allowed: dict[tuple[str, str], list[str]] = {}
        self._varied: dict[str, frozenset[str]] = {}
        self._homophones: dict[str, Any] = {}
        self._short: dict[str, frozenset[tuple[str, str]]] = {}
        self._minor: dict[str, frozenset[tuple[str, str]]] = {}
        self._minor_of: dict[tuple[tuple[Entry, ...], str], bool] = {}

    def matcher(self, language: Language) -> TermMatcher:
        """The matcher of a language, of the kind its data names."""
        lang = language.code
        found = self._matchers.get(lang)
        if found is None:
            entries = [e for c in self.glossary.concepts for e in _entries(c, lang)]
            entries += [Entry(OTHER, name, "admitted") for name in language.other_names]
            engine = str(language.terms.get("inflection", "none"))
            if language.cjk:
                found = UnspacedMatcher(entries)
            elif engine == "simplemma":
                found = LemmaMatcher(entries, str(language.terms.get("lang") or lang))
            else:
                forms = INFLECTORS.get(engine)
                if forms is None:
                    raise ContentError(f"unknown terms.inflection {engine!r} (known: "
                                       f"{', '.join([*INFLECTORS, 'simplemma'])})",
                                       language.source)
                found = SpacedMatcher(entries, forms, frozenset(
                    w.lower() for w in language.terms.get("function_words", ())), engine)
            self._matchers[lang] = found
        return found

    def find(self, text: str, language: Language) -> list[Match]:
        """The glossary terms in ``text``: never inside another body's or instrument's
        name (the language's ``other_names``), nor inside a title between the language's
        title marks (公约 in 《…公约》) unless the term is the whole title."""
        found = self.matcher(language).find(text)  # other names are left out there
        if not found:
            return found
        for opening, closing in language.titles:
            if opening in text and found:
                found = _outside_titles(found, text, opening, closing)
        return found

    def preferred(self, concept: str, lang: str) -> Term | None:
        c = self.concepts.get(concept)
        return c.preferred(lang) if c else None

    def label(self, concept: str, lang: str) -> str:
        """The preferred term of a concept in a language, or its id."""
        term = self.preferred(concept, lang)
        return term.text if term else concept

    def allowed_texts(self, concept: str, lang: str) -> list[str]:
        """The preferred and admitted terms of a concept in a language, preferred first."""
        key = (concept, lang)
        found = self._allowed.get(key)
        if found is None:
            c = self.concepts.get(concept)
            found = self._allowed[key] = [t.text for t in c.allowed(lang)] if c else []
        return found

    def short_forms(self, lang: str) -> frozenset[tuple[str, str]]:
        """(concept, term) of the short forms in a language (kind ``shortForm``: the
        Committee, 委员会, the Treaty named again), whose rendering a translator may vary."""
        found = self._short.get(lang)
        if found is None:
            found = self._short[lang] = frozenset(
                (c.id, t.text) for c in self.glossary.concepts
                for t in c.terms.get(lang, []) if t.kind == "shortForm")
        return found

    def minor_forms(self, lang: str) -> frozenset[tuple[str, str]]:
        """(concept, term) of the short forms and abbreviations of a language: ways to
        refer to a concept again, not renderings that compete with its full name."""
        found = self._minor.get(lang)
        if found is None:
            found = self._minor[lang] = self.short_forms(lang) | frozenset(
                (c.id, t.text) for c in self.glossary.concepts
                for t in c.terms.get(lang, []) if t.is_abbreviation)
        return found

    def is_minor(self, match: Match, lang: str) -> bool:
        """Whether every reading of ``match`` is a short form or an abbreviation (worked
        out once per set of readings)."""
        key = (match.entries, lang)
        found = self._minor_of.get(key)
        if found is None:
            minor = self.minor_forms(lang)
            found = self._minor_of[key] = bool(minor) and all(
                (e.concept, e.term) in minor for e in match.entries)
        return found

    def is_short(self, match: Match, lang: str) -> bool:
        """Whether every reading of ``match`` is a short form."""
        short = self.short_forms(lang)
        return bool(short) and all((e.concept, e.term) in short for e in match.entries)

    def varied(self, lang: str) -> frozenset[str]:
        """The concepts with two approved terms or more in a language (执行, 实施)."""
        found = self._varied.get(lang)
        if found is None:
            found = self._varied[lang] = frozenset(
                c.id for c in self.glossary.concepts if len(self.allowed_texts(c.id, lang)) >= 2)
        return found

    def homophones(self, lang: str):  # type: ignore[no-untyped-def]
        """The pinyin index of a language's terms (built on first use)."""
        found = self._homophones.get(lang)
        if found is None:
            from att_docs.checks.homophones import HomophoneIndex

            terms = {t.text: c.id for c in self.glossary.concepts for t in c.allowed(lang)}
            found = self._homophones[lang] = HomophoneIndex(terms, set(terms))
        return found


OTHER = ""
"""The concept of another body's or instrument's name: matched to hide what it holds."""


@functools.lru_cache(maxsize=8)
def _title_pattern(opening: str, closing: str) -> re.Pattern[str]:
    marks = re.escape(opening + closing)
    return re.compile(f"{re.escape(opening)}[^{marks}]*{re.escape(closing)}")


def _outside_titles(found: list[Match], text: str, opening: str,
                    closing: str) -> list[Match]:
    """The matches that do not stand inside a title without being the whole of it."""
    if text.count(opening) == sum(1 for m in found if m.text.startswith(opening)):
        return found  # each title is a glossary term of its own (《武器贸易条约》)
    spans = {(m.start, m.end) for m in found}
    titles = [(m.start(), m.end()) for m in _title_pattern(opening, closing).finditer(text)
              if (m.start(), m.end()) not in spans and (m.start() + 1, m.end() - 1) not in spans]
    if not titles:
        return found  # every title is a glossary term of its own (《武器贸易条约》)
    return [m for m in found if not any(
        start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
        and (m.start, m.end) != (start + 1, end - 1) for start, end in titles)]


_INDEXES: dict[int, tuple[Glossary, GlossaryIndex]] = {}


def index_for(glossary: Glossary) -> GlossaryIndex:
    """A cached index per glossary object (the conference build calls checks repeatedly)."""
    cached = _INDEXES.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    index = GlossaryIndex(glossary)
    _INDEXES.clear()
    _INDEXES[id(glossary)] = (glossary, index)
    return index
