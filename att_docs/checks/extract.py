"""Values in text, by language: dates, document symbols and numbers (references are
:mod:`att_docs.checks.references`).

What to read comes from the language's data (:mod:`att_docs.language.profile`): date and
reference patterns, month names from babel's locale data, number words from num2words
(``three`` = 3, ``ninth`` = 9, ``trois`` = 3) or numerals from cn2an (一百一十三 = 113,
两 = 2); full-width digits are folded with NFKC. Each extractor returns the spans it read,
so that the number check can skip what the date and reference checks compare.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from att_docs.language.profile import Language

__all__ = [
    "DateValue",
    "Quantity",
    "blank",
    "dates",
    "decades",
    "fold",
    "numbers",
    "numbers_of_folded",
    "symbols",
]


def fold(text: str) -> str:
    """Full-width digits, letters and ％ to ASCII; the length never changes."""
    if text.isascii() or _ANY_FULL_WIDTH.search(text) is None:
        return text
    return text.translate(_FULL_WIDTH)


_FOLDED = [0xFF05, *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
_FULL_WIDTH = {code: code - 0xFEE0 for code in _FOLDED}
_ANY_FULL_WIDTH = re.compile("[\uff05\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces of the same length."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateValue:
    """A calendar date or part of one; ``None`` where the text leaves it out."""

    year: int | None
    month: int
    day: int | None
    start: int
    end: int
    text: str

    def matches(self, other: DateValue) -> bool:
        if self.month != other.month or self.day != other.day:
            return False
        return self.year is None or other.year is None or self.year == other.year

    def render(self, language: Language) -> str:
        """The date as ``language`` writes it (babel's skeletons for its locale)."""
        if not language.babel:
            return "-".join(str(p) for p in (self.year, self.month, self.day) if p)
        from babel.dates import format_skeleton

        skeleton = ("y" if self.year else "") + "MMMM" + ("d" if self.day else "")
        date = dt.date(self.year or 2000, self.month, self.day or 1)
        return format_skeleton(skeleton, date, locale=language.babel)


@functools.lru_cache(maxsize=32)
def _months(babel: str | None) -> dict[str, int]:
    """Month names of a locale (wide, as written and capitalised) to their numbers."""
    if not babel:
        return {}
    from babel import Locale

    names: dict[str, int] = {}
    locale = Locale.parse(babel)
    for context in ("format", "stand-alone"):
        for number, name in locale.months[context]["wide"].items():
            for form in (name, name[:1].upper() + name[1:]):
                if not form.isdigit():
                    names.setdefault(form, number)
    return names


@functools.lru_cache(maxsize=32)
def _date_patterns(language: Language) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """The language's date patterns, ``{month}`` filled in; and a quick pre-test."""
    months = _months(language.babel)
    names = sorted(months, key=len, reverse=True)
    alone = [n for n in names if n not in set(language.dates.get("not_alone") or ())]
    compiled = []
    for raw in language.dates.get("patterns") or ():
        lone = raw.replace("\\b", "").strip() == "{month}"  # a month name on its own
        group = "|".join(map(re.escape, alone if lone else names)) or "(?!)"
        compiled.append(re.compile(raw.replace("{month}", f"(?P<m>{group})")))
    hint = language.dates.get("hint")
    quick = re.compile(re.escape(hint) if hint else "|".join(map(re.escape, names)) or "(?!)")
    return tuple(compiled), quick


def dates(text: str, language: Language) -> list[DateValue]:
    """Every date in the text, a range giving its first and last day."""
    patterns, quick = _date_patterns(language)
    if not patterns or quick.search(text) is None:
        return []
    text = fold(text)
    months = _months(language.babel)
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def add(y: str | None, month: str, d: str | None, m: re.Match[str]) -> None:
        number = int(month) if month.isdigit() else months.get(month, 0)
        if 1 <= number <= 12:
            found.append(DateValue(int(y) if y else None, number, int(d) if d else None,
                                   m.start(), m.end(), m.group()))

    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            if g.get("d1"):
                add(g.get("y"), g["m"], g["d1"], m)
                add(g.get("y2") or g.get("y"), g.get("m2") or g["m"], g["d2"], m)
            else:
                add(g.get("y"), g["m"], g.get("d"), m)
            taken.append(m.span())
    found.sort(key=lambda d: d.start)
    return found


# --------------------------------------------------------------------------- symbols

_SYMBOL = re.compile(r"(?<![A-Za-z0-9])ATT/[A-Za-z0-9./-]*[A-Za-z0-9]")


def symbols(text: str) -> list[tuple[str, int, int]]:
    """Document symbols (ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep) and their spans."""
    if "ATT/" not in text:
        return []
    return [(m.group(), m.start(), m.end()) for m in _SYMBOL.finditer(text)]


# --------------------------------------------------------------------------- numbers


class Quantity(NamedTuple):
    """A number in the text; ``strong`` for digits, weak for words and numerals (a light
    tuple: a run reads tens of thousands)."""

    value: float
    start: int
    end: int
    text: str
    strong: bool


@functools.lru_cache(maxsize=32)
def _spelled(engine: str, lang: str, first: int = 2) -> dict[str, int]:
    """Number words of a num2words language: ``first`` … 100, their ordinals, thousand,
    million (in prose one and first are left out: "one of", "at first" say no number).
    Kept in the disk cache by num2words' version: making them imports num2words and
    spells out two hundred numbers, before any paper is checked."""
    if engine != "num2words":
        return {}
    from att_docs.base.diskcache import cache_path, cached, tool_version

    path = cache_path("numberwords", engine, tool_version(engine), lang, first)
    return dict(cached(path, lambda: _spelled_by_num2words(lang, first), _word_table))


def _word_table(value: object) -> bool:
    """A cached table of number words: words to their values, not empty."""
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(k, str) and k and type(v) is int for k, v in value.items()))


def _spelled_by_num2words(lang: str, first: int) -> dict[str, int]:
    from num2words import num2words

    words: dict[str, int] = {}
    try:
        for n in range(first, 101):
            words[num2words(n, lang=lang).lower()] = n
            words[num2words(n, lang=lang, to="ordinal").lower()] = n
        for n in (1000, 1000000):
            word = num2words(n, lang=lang).lower()
            words[word.split(" ", 1)[-1] if " " in word else word] = n
    except NotImplementedError:
        return {}
    return words


@functools.lru_cache(maxsize=32)
def _word_automaton(engine: str, lang: str):  # type: ignore[no-untyped-def]
    """The number words as keys of one Aho-Corasick automaton (lower case), or None."""
    import ahocorasick

    words = _spelled(engine, lang)
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, (len(word), value))
    automaton.make_automaton()
    return automaton


@functools.lru_cache(maxsize=32)
def _language_words(language: Language):  # type: ignore[no-untyped-def]
    """The number-word automaton of a language's ``numbers`` engine, or None."""
    rule = language.numbers
    return _word_automaton(str(rule.get("engine")), str(rule.get("lang", language.code)))


def _spelled_numbers(text: str, language: Language) -> list[Quantity]:
    automaton = _language_words(language)
    if automaton is None:
        return []
    lower = text.lower()
    if len(lower) != len(text):
        lower = text
    size = len(lower)
    out: list[Quantity] = []
    for end, (length, value) in automaton.iter_long(lower):
        start = end + 1 - length
        if (start and lower[start - 1].isalnum()) or (end + 1 < size and (
                lower[end + 1].isalnum() or lower[end + 1] == "-")):
            continue
        out.append(Quantity(float(value), start, end + 1, text[start:end + 1], False))
    return out


def _cn2an(text: str) -> float | None:
    """cn2an's value of a Chinese numeral, kept on disk (:mod:`.lemma_store`)."""
    from att_docs.checks.lemma_store import numeral_store

    return numeral_store()(text)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=32)
def one_words(language: Language) -> tuple[str, ...]:
    """The words for one and first in a language (num2words, and its data's ``one``:
    première), or the numeral (cn2an)."""
    rule = language.numbers
    engine = rule.get("engine")
    if engine == "cn2an":
        return ("一",)
    if engine != "num2words":
        return ()
    from num2words import num2words

    lang = str(rule.get("lang", language.code))
    try:
        words = {num2words(1, lang=lang), num2words(1, lang=lang, to="ordinal")}
    except NotImplementedError:
        return ()
    words.update(str(w) for w in rule.get("one") or ())
    return tuple(sorted(words))


def number_word(text: str, language: Language, first: int = 2) -> float | None:
    """The value of a numeral written in words in ``language`` (cn2an, num2words), or None;
    num2words words from ``first`` on."""
    engine = language.numbers.get("engine")
    if engine == "cn2an":
        return _cn2an(text)
    value = _spelled(str(engine), str(language.numbers.get("lang", language.code)),
                     first).get(text.lower())
    return None if value is None else float(value)


_NUMERALS = "〇零一二三四五六七八九十百千万亿两"  # cn2an's numeral characters


@functools.lru_cache(maxsize=32)
def _numeral_pattern(language: Language) -> re.Pattern[str] | None:
    """cn2an numerals after the ordinal prefix (第九) or before a measure word (三年)."""
    rule = language.numbers
    if rule.get("engine") != "cn2an":
        return None
    prefix = re.escape(str(rule.get("ordinal_prefix", "")))
    measures = re.escape(str(rule.get("measure_words", "")))
    parts = []
    if prefix:
        parts.append(rf"{prefix}(?P<n>[{_NUMERALS}]+)")
    if measures:
        parts.append(rf"(?P<m>[{_NUMERALS}]+)[{measures}]")
    return re.compile("|".join(parts)) if parts else None


@functools.lru_cache(maxsize=32)
def _decades(language: Language) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in language.numbers.get("decade") or ())


def decades(text: str, language: Language) -> list[Quantity]:
    """Decades by their last two digits: the 1960s = les années 60 = 1960年代 = 60."""
    return [Quantity(float(int(m.group("d")) % 100), m.start(), m.end(), m.group(), True)
            for pattern in _decades(language) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=32)
def _percent(language: Language) -> tuple[re.Pattern[str], ...]:
    raw = language.numbers.get("percent") or [r"(?P<d>\d+(?:\.\d+)?)\s*[%％]"]
    return tuple(re.compile(p) for p in raw)


_ANY_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=32)
def _digits(language: Language) -> tuple[re.Pattern[str], str, str]:
    """Numbers in digits as the language groups them (1,234,567.89; 475 000; 34,5), and
    the group and decimal marks to take out of a match."""
    rule = language.numbers
    groups = "".join(rule.get("group") or ",")
    decimal = str(rule.get("decimal") or ".")
    sep, dec = f"[{re.escape(groups)}]", re.escape(decimal)
    # ``\d`` first, so that the regular expression engine skips to digits
    pattern = re.compile(rf"\d(?:\d{{0,2}}(?:{sep}\d{{3}})+(?:{dec}\d+)?(?!\d)"
                         rf"|\d*(?:{dec}\d+)?)")
    return pattern, groups, decimal


@functools.lru_cache(maxsize=64)
def _digit_table(groups: str, decimal: str) -> dict[int, str | None]:
    """str.translate table: group marks out, the decimal mark a point."""
    table: dict[int, str | None] = {ord(mark): None for mark in groups}
    table[ord(decimal)] = "."
    return table


def _digit_value(raw: str, groups: str, decimal: str) -> float:
    return float(raw.translate(_digit_table(groups, decimal)) if not raw.isdigit() else raw)


def numbers(text: str, language: Language) -> list[Quantity]:
    """Numbers by value: digits and percentages (strong), then number words (weak).

    Words come from the language's engine: num2words spells two … one hundred and the
    ordinals; cn2an reads numerals after the ordinal prefix or before a measure word
    (三年, 第九届); a lone one is left out ("one of", "at first", 一).
    """
    return numbers_of_folded(fold(text), language)


def numbers_of_folded(text: str, language: Language) -> list[Quantity]:
    """:func:`numbers` of a folded text."""
    found: list[Quantity] = []
    for pattern in _percent(language):
        for m in pattern.finditer(text):
            if any(q.start < m.end() and m.start() < q.end for q in found):
                continue
            raw = m.groupdict().get("d") or m.groupdict().get("n") or ""
            value = (_digit_value(raw, *_digits(language)[1:]) if raw[:1].isdigit()
                     else number_word(raw, language))
            if value is not None:
                found.append(Quantity(value, m.start(), m.end(), m.group(), True))
    scaled = False
    if _ANY_DIGIT.search(text):
        taken = [(q.start, q.end) for q in found]
        pattern, groups, decimal = _digits(language)
        scale = _scale(language)
        if scale is not None and not any(w in text for w in _scale_forms(language)):
            scale = None  # no scale word in the text: no match to try after each number
        for m in pattern.finditer(text):
            at = m.start()
            if not taken or not any(s <= at < e for s, e in taken):
                value, end = _digit_value(raw := m.group(), groups, decimal), m.end()
                after = scale.match(text, end) if scale is not None else None
                if after is not None:  # 1.5 million = 150万
                    value *= _SCALES[language][after.group("w").lower()]
                    end = after.end()
                    scaled = True
                found.append(Quantity(value, at, end, text[at:end], True))
    numerals = _numeral_pattern(language)
    if numerals is not None:
        for m in numerals.finditer(text):
            raw = m.group("n") or m.group("m")
            value = _cn2an(raw)
            if value is None or value == 1:
                continue
            found.append(Quantity(value, m.start(), m.end(), m.group(), False))
    else:
        words = _spelled_numbers(text, language)
        if words and _ANY_DIGIT.search(text) and scaled:  # "million" read with its digits
            words = [w for w in words
                     if not any(q.start <= w.start < q.end for q in found if q.strong)]
        if words:
            found.extend(words)
    if len(found) > 1:
        found.sort(key=_START)
    return found


_START = operator.attrgetter("start")


class _Scales(dict):  # type: ignore[type-arg]
    """A language's scale words by lower-case word (``numbers.scale``), once each."""

    def __missing__(self, language: Language) -> dict[str, float]:
        found = self[language] = {str(k).lower(): float(v)
                                  for k, v in (language.numbers.get("scale") or {}).items()}
        return found


_SCALES = _Scales()


@functools.lru_cache(maxsize=32)
def _scale_forms(language: Language) -> tuple[str, ...]:
    """The scale words as they may be written (million, Million, MILLION)."""
    return tuple({f for w in _SCALES[language] for f in (w, w.capitalize(), w.upper())})


@functools.lru_cache(maxsize=32)
def _scale(language: Language) -> re.Pattern[str] | None:
    """Scale words after digits (1.5 million, 150万), or None for a language without."""
    words = sorted(_SCALES[language], key=len, reverse=True)
    if not words:
        return None
    bound = "" if language.cjk else r"\b"
    return re.compile(rf"\s?(?P<w>{'|'.join(map(re.escape, words))}){bound}", re.IGNORECASE)
