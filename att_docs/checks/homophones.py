"""Chinese homophones of glossary terms: the input-method slip (联系主席 for 联席主席).

Each Chinese character maps to its toneless pinyin syllable (pypinyin's dictionary), and
each syllable to one private-use character, so a text becomes a *sound string* of the
same length with ``str.translate``. The glossary's terms, in the same coding (their
pinyin read in context by pypinyin, plus each character's default reading), go into an
Aho-Corasick automaton; scanning the sound string finds every span that reads like a
term, in one pass over the text.

A span is reported only when it looks like a slip and not like another word:

- the term has three characters or more (two-character sound-alikes are everywhere);
- the span shares characters with the term and differs in at most half of them;
- the span is not itself an approved glossary term, and no character that differs lies
  inside an approved glossary term found in the text (it belongs to another name); a
  deprecated variant that reads like its preferred term (联系主席, recorded in the
  glossary) is reported here, as the slip it is;
- the differing characters, where they run together, are not a common word of their own
  (国家以及 reads like 国家一级, but 以及 is "and");
- the span is not a word of jieba's lexicon of common words, and a differing character at
  either end does not form a dictionary word with its neighbour outside the span
  (秘书出席 is 秘书 + 出席, not a slip for 秘书处), nor does any dictionary word run
  across either end of the span (联系主席团 is 联系 + 主席团).
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from att_docs.language.scripts import is_han

__all__ = ["Homophone", "HomophoneIndex", "syllable"]

_PUA = 0xE000


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[str, str]]:
    """Character → sound character, and syllable → sound character."""
    from pypinyin.constants import PINYIN_DICT

    codes: dict[str, str] = {}
    table: dict[int, str] = {}
    for code_point, readings in PINYIN_DICT.items():
        sound = _toneless(readings.split(",")[0])
        if sound not in codes:
            codes[sound] = chr(_PUA + len(codes))
        table[code_point] = codes[sound]
    return table, codes


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def syllable(char: str) -> str | None:
    """The toneless default reading of one character."""
    from pypinyin.constants import PINYIN_DICT

    readings = PINYIN_DICT.get(ord(char))
    return _toneless(readings.split(",")[0]) if readings else None


@functools.lru_cache(maxsize=1)
def _phrases() -> frozenset[str]:
    """Common Chinese words: jieba's lexicon (349,000 words), read on first need."""
    import jieba

    words: set[str] = set()
    lexicon = Path(jieba.__file__).with_name("dict.txt")
    with lexicon.open(encoding="utf-8") as lines:
        for line in lines:
            word = line.split(" ", 1)[0]
            if len(word) > 1:
                words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class Homophone:
    """A span that reads like ``term`` but is written differently."""

    start: int
    end: int
    text: str
    term: str
    concept: str


class HomophoneIndex:
    """Chinese glossary terms indexed by their sound."""

    MIN_LENGTH = 3

    def __init__(self, terms: dict[str, str], all_terms: set[str]):
        """``terms``: allowed Chinese term → concept id; ``all_terms``: the terms that are
        never a slip (the allowed ones: a deprecated variant may well be one). The sound
        table and the terms' sound keys come from the disk cache where a process made
        them before (pypinyin is then not even imported)."""
        self.all_terms = all_terms
        self.automaton = ahocorasick.Automaton()
        self.table, keys = _stored(terms)
        for key, value in keys.items():
            self.automaton.add_word(key, (len(key), tuple(value)))
        self.empty = not keys
        if not self.empty:
            self.automaton.make_automaton()

    def sound(self, text: str) -> str:
        """The sound string of a text: same length, one private-use char per syllable."""
        return text.translate(self.table)

    def same_sound(self, a: str, b: str) -> bool:
        """True where two different spellings read alike (a recorded input-method slip)."""
        return a != b and len(a) == len(b) and self.sound(a) == self.sound(b)

    def find(self, text: str, covered: list[tuple[int, int]] | None = None) -> list[Homophone]:
        """Slips in ``text``; ``covered`` are the spans of glossary terms found in it."""
        if self.empty or not text:
            return []
        sound = self.sound(text)
        found: list[Homophone] = []
        taken: set[tuple[int, int]] = set()
        for end, (length, candidates) in self.automaton.iter(sound):
            start = end + 1 - length
            span = text[start:end + 1]
            if span in self.all_terms or (start, end + 1) in taken:
                continue
            phrases = _phrases()
            if span in phrases:
                continue
            for term, concept in candidates:
                if self._slip(text, start, span, term, covered or [], phrases):
                    found.append(Homophone(start, end + 1, span, term, concept))
                    taken.add((start, end + 1))
                    break
        return found

    @staticmethod
    def _slip(text: str, start: int, span: str, term: str,
              covered: list[tuple[int, int]], phrases: frozenset[str]) -> bool:
        differ = [i for i, (a, b) in enumerate(zip(span, term, strict=True)) if a != b]
        if not differ or len(differ) * 2 > len(term):
            return False
        if not all(is_han(c) for c in span):
            return False
        for i in differ:
            at = start + i
            if any(s <= at < e for s, e in covered):
                return False
        first, last = differ[0], differ[-1]
        run = span[first:last + 1]
        if last > first and len(run) == len(differ) and run in phrases:
            return False  # the differing characters are a word of their own (国家以及)
        if first == 0 and start > 0 and text[start - 1] + span[0] in phrases:
            return False
        end = start + len(span)
        if last == len(span) - 1 and end < len(text) and span[-1] + text[end] in phrases:
            return False
        return not _crossed(text, start, end, phrases)


def _made(terms: dict[str, str]) -> tuple[dict[int, str], dict[str, list[tuple[str, str]]]]:
    """The sound table, and the sound keys of the terms (their pinyin read in context by
    pypinyin, plus each character's default reading) with the terms they stand for."""
    from pypinyin import Style, lazy_pinyin

    table, codes = _tables()
    keys: dict[str, list[tuple[str, str]]] = {}
    for term, concept in terms.items():
        if len(term) < HomophoneIndex.MIN_LENGTH or not all(is_han(c) for c in term):
            continue
        contextual = lazy_pinyin(term, style=Style.NORMAL)
        if len(contextual) != len(term):
            continue
        options = []
        for char, reading in zip(term, contextual, strict=True):
            sounds = {codes.get(reading)}
            default = table.get(ord(char))
            sounds.add(default)
            options.append(sorted(s for s in sounds if s))
        if not all(options):
            continue
        for combo in itertools.product(*options):
            keys.setdefault("".join(combo), []).append((term, concept))
    return table, keys


def _stored(terms: dict[str, str]) -> tuple[dict[int, str], dict[str, list[tuple[str, str]]]]:
    """:func:`_made`, kept in the disk cache by pypinyin's version and the terms."""
    from att_docs.base.diskcache import cache_path, read_cached, tool_version, write_cached

    path = cache_path("homophones", "homophones", 1, tool_version("pypinyin"),
                      sorted(terms.items()))
    if path is None:
        return _made(terms)
    stored = read_cached(path, None, _stored_ok)
    if stored is not None:
        chars, sounds = stored["chars"], stored["sounds"]
        return (dict(zip(map(ord, chars), sounds, strict=True)),
                {k: [tuple(v) for v in vs] for k, vs in stored["keys"].items()})
    table, keys = _made(terms)
    write_cached(path, {"chars": "".join(map(chr, table)), "sounds": "".join(table.values()),
                      "keys": keys})
    return table, keys


def _stored_ok(stored: object) -> bool:
    """A stored sound table and keys of the shape :func:`_stored` writes."""
    if not (isinstance(stored, dict) and isinstance(stored.get("chars"), str)
            and isinstance(stored.get("sounds"), str)
            and len(stored["chars"]) == len(stored["sounds"])
            and isinstance(stored.get("keys"), dict)):
        return False
    return all(isinstance(values, list) and all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
        for v in values) for values in stored["keys"].values())


def _crossed(text: str, start: int, end: int, phrases: frozenset[str]) -> bool:
    """True where a dictionary word runs across either end of the span (联系主席|团)."""
    for length in (2, 3, 4):
        for at in range(max(0, start - length + 1), start):
            if at + length > start and text[at:at + length] in phrases:
                return True
        for at in range(max(start + 1, end - length + 1), end):
            if at + length > end and text[at:at + length] in phrases:
                return True
    return False
