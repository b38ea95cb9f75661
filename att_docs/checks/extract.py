"""Values in text, by language: dates, document symbols, references and numbers.

English month names come from babel's locale data, English number words and ordinals
from num2words (``three`` = 3, ``ninth`` = 9), Chinese numerals from cn2an (一百一十三 =
113, 两 = 2); full-width digits are folded with NFKC. Each extractor returns the spans it
read, so that the number check can skip what the date and reference checks compare.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = [
    "DateValue",
    "Quantity",
    "Reference",
    "blank",
    "dates",
    "fold",
    "numbers",
    "references",
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

    def chinese(self) -> str:
        year = f"{self.year}年" if self.year else ""
        day = f"{self.day}日" if self.day else ""
        return f"{year}{self.month}月{day}"

    def english(self) -> str:
        parts = [str(self.day)] if self.day else []
        parts.append(_months()[self.month])
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)


@functools.lru_cache(maxsize=1)
def _months() -> dict[int, str]:
    from babel.dates import get_month_names

    return dict(get_month_names("wide", locale="en"))


@functools.lru_cache(maxsize=1)
def _en_date_patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(_months().values())
    month = rf"(?P<m>{names})"
    return (
        # 21–25 August 2023, 22 to 26 August 2022
        re.compile(rf"\b(?P<d1>\d{{1,2}})\s*(?:–|-|to)\s*(?P<d2>\d{{1,2}})\s+{month}"
                   rf"(?:,?\s+(?P<y>\d{{4}}))?"),
        # 21 July 2023, 12 May
        re.compile(rf"\b(?P<d>\d{{1,2}})\s+{month}(?:,?\s+(?P<y>\d{{4}}))?"),
        # July 21, 2023
        re.compile(rf"\b{month}\s+(?P<d>\d{{1,2}})(?:,\s+(?P<y>\d{{4}}))?\b(?!\s*\()"),
        # August 2022
        re.compile(rf"\b{month}\s+(?P<y>\d{{4}})\b"),
        # in January (never the bare modal "May")
        re.compile(rf"\b(?P<m>{names.replace('May|', '')})\b"),
    )


@functools.lru_cache(maxsize=1)
def _any_month() -> re.Pattern[str]:
    return re.compile("|".join(_months().values()))


_ZH_RANGE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*"
                       r"(?:至|到|-|–|—|~)\s*(?:(?P<y2>\d{4})\s*年\s*)?"
                       r"(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*日")
_ZH_DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_ZH_MONTH = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?<!\d)(?P<m>\d{1,2})\s*月(?!\s*\d)")


def dates(text: str, lang: str) -> list[DateValue]:
    """Every date in the text, a range giving its first and last day."""
    if lang.startswith("zh"):
        if "月" not in text:
            return []
    elif _any_month().search(text) is None:
        return []
    text = fold(text)
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(s < m.end() and m.start() < e for s, e in taken)

    def add(y: str | None, month: int, d: str | None, m: re.Match[str]) -> None:
        if 1 <= month <= 12:
            found.append(DateValue(int(y) if y else None, month, int(d) if d else None,
                                   m.start(), m.end(), m.group()))

    if lang.startswith("zh"):
        for m in _ZH_RANGE.finditer(text):
            y, y2 = m.group("y"), m.group("y2") or m.group("y")
            add(y, int(m.group("m")), m.group("d1"), m)
            add(y2, int(m.group("m2") or m.group("m")), m.group("d2"), m)
            taken.append(m.span())
        for pattern in (_ZH_DATE, _ZH_MONTH):
            for m in pattern.finditer(text):
                if free(m):
                    add(m.group("y"), int(m.group("m")), m.groupdict().get("d"), m)
                    taken.append(m.span())
    else:
        months = {name: number for number, name in _months().items()}
        for index, pattern in enumerate(_en_date_patterns()):
            for m in pattern.finditer(text):
                if not free(m):
                    continue
                groups = m.groupdict()
                month = months[groups["m"]]
                if index == 0:
                    add(groups.get("y"), month, groups["d1"], m)
                    add(groups.get("y"), month, groups["d2"], m)
                else:
                    add(groups.get("y"), month, groups.get("d"), m)
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


# --------------------------------------------------------------------------- references


@dataclass(frozen=True)
class Reference:
    """A reference to a paragraph, an article or an annex: ``kind`` and normalised label."""

    kind: str  # paragraph, article, annex
    label: str  # 24(b-d), 22, A
    start: int
    end: int

    def chinese(self) -> str:
        if self.kind == "paragraph":
            return f"第{self.label}段"
        if self.kind == "article":
            return f"第{self.label}条"
        return f"附件{self.label}"

    def english(self) -> str:
        return f"{self.kind} {self.label}" if self.kind != "annex" else f"Annex {self.label}"


_LABEL = r"\d+(?:\s*[(（]\s*[a-z]{1,4}(?:\s*[-–]\s*[a-z]{1,4})?\s*[)）])?"
_EN_REF = re.compile(
    rf"\b(?P<kind>[Pp]aragraphs?|[Pp]aras?\.|[Aa]rticles?|Annex(?:es)?)\s+"
    rf"(?P<labels>(?:{_LABEL}|[A-Z]\b)(?:\s*(?:,|and|to|–|-|or)\s*(?:{_LABEL}|[A-Z]\b))*)")
_EN_ONE = re.compile(rf"{_LABEL}|\b[A-Z]\b")
_ZH_REF = re.compile(rf"第\s*(?P<label>{_LABEL}|[〇零一二三四五六七八九十百两]+)\s*(?P<kind>段|条)"
                     r"|附件\s*(?P<annex>[A-Z])\b")


def _label(raw: str) -> str:
    return re.sub(r"\s+", "", raw).replace("–", "-").replace("（", "(").replace("）", ")")


def references(text: str, lang: str) -> list[Reference]:
    """Paragraph, article and annex references."""
    if lang.startswith("zh"):
        if "第" not in text and "附件" not in text:
            return []
    elif not ("para" in text or "Para" in text or "rticle" in text or "Annex" in text):
        return []
    text = fold(text)
    found = []
    if lang.startswith("zh"):
        for m in _ZH_REF.finditer(text):
            if m.group("annex"):
                found.append(Reference("annex", m.group("annex"), m.start(), m.end()))
                continue
            label = m.group("label")
            if not label[0].isdigit():
                value = chinese_number(label)
                if value is None:
                    continue
                label = str(int(value))
            kind = "paragraph" if m.group("kind") == "段" else "article"
            found.append(Reference(kind, _label(label), m.start(), m.end()))
    else:
        for m in _EN_REF.finditer(text):
            word = m.group("kind").lower()
            kind = ("paragraph" if word.startswith("para") else
                    "article" if word.startswith("article") else "annex")
            base = m.start("labels")
            for one in _EN_ONE.finditer(m.group("labels")):
                found.append(Reference(kind, _label(one.group()), base + one.start(),
                                       base + one.end()))
    return found


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class Quantity:
    """A number in the text; ``strong`` for digits, weak for words and Chinese numerals."""

    value: float
    start: int
    end: int
    text: str
    strong: bool


@functools.lru_cache(maxsize=1)
def _english_words() -> dict[str, int]:
    from num2words import num2words

    words: dict[str, int] = {}
    for n in range(2, 101):
        words[num2words(n)] = n
        words[num2words(n, to="ordinal")] = n
    for n in (1000, 1000000):
        words[num2words(n).replace("one ", "")] = n
    return words


@functools.lru_cache(maxsize=1)
def _english_word_automaton():  # type: ignore[no-untyped-def]
    """The number words as keys of one Aho-Corasick automaton (lower case)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word, value in _english_words().items():
        automaton.add_word(word, (len(word), value))
    automaton.make_automaton()
    return automaton


def _english_number_words(text: str) -> list[Quantity]:
    lower = text.lower()
    if len(lower) != len(text):
        lower = text
    size = len(lower)
    out: list[Quantity] = []
    for end, (length, value) in _english_word_automaton().iter_long(lower):
        start = end + 1 - length
        if (start and lower[start - 1].isalnum()) or (end + 1 < size and (
                lower[end + 1].isalnum() or lower[end + 1] == "-")):
            continue
        out.append(Quantity(float(value), start, end + 1, text[start:end + 1], False))
    return out


_ANY_DIGIT = re.compile(r"\d")
# 1,234,567.89 or 1234.5: ``\d`` comes first so that the regex engine skips to digits
# (the same matches as ``\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?``).
_DIGITS = re.compile(r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d*(?:\.\d+)?)")
_CN_NUMERAL = "〇零一二三四五六七八九十百千万亿两"
_MEASURE = "年天日个次届项名位轮周月倍条段届份种类点"
_ZH_WORDS = re.compile(rf"第(?P<n>[{_CN_NUMERAL}]+)|(?P<m>[{_CN_NUMERAL}]+)[{_MEASURE}]")
_PERCENT = re.compile(r"(?:百分之(?P<zh>[\d.〇零一二三四五六七八九十百两]+))"
                      r"|(?P<d>\d+(?:\.\d+)?)\s*(?:%|％| per ?cent)")


@functools.lru_cache(maxsize=4096)
def chinese_number(text: str) -> float | None:
    """The value of a Chinese numeral (cn2an), or None."""
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def numbers(text: str, lang: str) -> list[Quantity]:
    """Numbers by value: digits (strong), then number words or Chinese numerals (weak).

    English: digits, percentages, ``two`` … ``one hundred``, ordinals ``second`` …
    (one and first are left out: "one of", "at first" say no number). Chinese: digits,
    百分之…, and Chinese numerals that stand before a measure word or after 第
    (三年, 两次, 第九届); a lone 一 is left out for the same reason.
    """
    text = fold(text)
    found: list[Quantity] = []
    if "%" in text or "％" in text or "百分之" in text or (  # what _PERCENT needs
            " per" in text and (" percent" in text or " per cent" in text)):
        for m in _PERCENT.finditer(text):
            raw = m.group("d") or m.group("zh") or ""
            value = float(raw) if raw[:1].isdigit() else chinese_number(raw)
            if value is not None:
                found.append(Quantity(value, m.start(), m.end(), m.group(), True))
    taken = [(q.start, q.end) for q in found]
    if _ANY_DIGIT.search(text):
        for m in _DIGITS.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                value = float(m.group().replace(",", ""))
                found.append(Quantity(value, m.start(), m.end(), m.group(), True))
    if lang.startswith("zh"):
        for m in _ZH_WORDS.finditer(text):
            raw = m.group("n") or m.group("m")
            if raw == "一":
                continue
            value = chinese_number(raw)
            if value is None or value == 1:
                continue
            found.append(Quantity(value, m.start(), m.end(), m.group(), False))
    else:
        found.extend(_english_number_words(text))
    found.sort(key=lambda q: q.start)
    return found
