"""Recognise the masthead and title block of a draft, in the draft's language.

The phrases are the templates' own (``Submitted by: %(body)s``, ``Annex %(label)s`` ...),
translated through the language's message catalogue, so a draft in any language that has
locale data is read the same way. Dates follow the language's babel date patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import get_date_format

from att_docs.document.symbols import SymbolError, parse_symbol
from att_docs.language.locale import LocaleData

__all__ = ["FrontMatter", "MastheadFields"]

_SYMBOL_TOKEN = re.compile(r"ATT/\S+")
_LABEL = r"(?P<label>[A-Z]|[IVXL]+|\d{1,2})"
_FIELD = re.compile(r"%\((\w+)\)s")


@dataclass
class MastheadFields:
    """What the front lines of a draft give; ``None`` where the draft has nothing."""

    symbol: str | None = None
    date: dt.date | None = None
    submitted_by: str | None = None
    original: str | None = None
    title: str | None = None
    subtitle: str | None = None


def _phrase(loc: LocaleData, message: str, fields: dict[str, str]) -> re.Pattern[str]:
    """A template phrase in ``loc``'s language as a regular expression."""
    text = loc.gettext(message)
    out, last = [], 0
    for m in _FIELD.finditer(text):
        out.append(_literal(text[last:m.start()]))
        out.append(fields.get(m.group(1), f"(?P<{m.group(1)}>.+?)"))
        last = m.end()
    out.append(_literal(text[last:]))
    return re.compile("^" + "".join(out) + "$", re.IGNORECASE)


def _literal(text: str) -> str:
    # A colon may be followed by any space (or none); spaces may vary.
    return r"\s*".join(re.escape(part) for part in re.split(r"\s+", text)) \
        .replace(r"\:", r"\s*[:：]\s*").replace(":", r"\s*[:：]\s*")


def _date_regex(loc: LocaleData) -> list[re.Pattern[str]]:
    """Regexes with groups d, m or month, y for the locale's long, medium and full dates."""
    months = loc.babel.months["format"]["wide"]
    abbreviated = loc.babel.months["format"]["abbreviated"]
    days = list(loc.babel.days["format"]["wide"].values())
    out = []
    for width in ("long", "full", "medium"):
        pattern = get_date_format(width, locale=loc.babel).pattern
        regex = _translate_pattern(pattern, list(months.values()), list(abbreviated.values()),
                                   days)
        out.append(re.compile("^" + regex + "$", re.IGNORECASE))
    return out


def _translate_pattern(pattern: str, wide: list[str], short: list[str], days: list[str]) -> str:
    out = []
    for m in re.finditer(r"'([^']*)'|([A-Za-z])\2*|([^A-Za-z']+)", pattern):
        quoted, token, literal = m.group(1), m.group(0), m.group(3)
        if quoted is not None:
            out.append(re.escape(quoted))
        elif literal is not None:
            out.append(r"\s*".join(re.escape(p) for p in re.split(r"\s+", literal)))
        elif token[0] == "d":
            out.append(r"(?P<d>\d{1,2})")
        elif token[0] in "ML" and len(token) >= 3:
            names = wide if len(token) == 4 else short
            out.append("(?P<month>" + "|".join(re.escape(n) for n in names) + ")")
        elif token[0] in "ML":
            out.append(r"(?P<m>\d{1,2})")
        elif token[0] == "y":
            out.append(r"(?P<y>\d{4})")
        elif token[0] in "Ec":
            out.append("(?:" + "|".join(re.escape(d) for d in days) + ")")
        else:
            out.append(".*?")
    return "".join(out)


class FrontMatter:
    """Recognises masthead lines, annex headings and the end mark in one language."""

    def __init__(self, loc: LocaleData):
        self.loc = loc
        self.submitted = _phrase(loc, "Submitted by: %(body)s", {})
        self.original = _phrase(loc, "Original: %(language)s", {})
        self.conference = [
            _phrase(loc, "Arms Trade Treaty", {}),
            _phrase(loc, "%(ordinal)s Conference of States Parties", {}),
            _phrase(loc, "%(venue)s, %(dates)s", {"dates": r"(?P<dates>.*\d{4}.*)"}),
        ]
        self.annex = [
            _phrase(loc, "Annex %(label)s %(caption)s", {"label": _LABEL}),
            _phrase(loc, "Annex %(label)s", {"label": _LABEL}),
        ]
        self.dates = _date_regex(loc)
        self.month_numbers = {
            name.lower(): number
            for kind in ("wide", "abbreviated")
            for number, name in loc.babel.months["format"][kind].items()
        }

    def parse_date(self, text: str) -> dt.date | None:
        for regex in self.dates:
            m = regex.match(text.strip())
            if not m:
                continue
            groups = m.groupdict()
            month = (int(groups["m"]) if groups.get("m")
                     else self.month_numbers.get((groups.get("month") or "").lower()))
            try:
                return dt.date(int(groups["y"]), int(month or 0), int(groups["d"]))
            except (TypeError, ValueError, KeyError):
                continue
        return None

    def annex_heading(self, text: str) -> tuple[str, str] | None:
        """``(label, caption)`` when ``text`` is an annex heading."""
        text = " ".join(text.split())
        for regex in self.annex:
            m = regex.match(text)
            if m:
                return m.group("label"), (m.groupdict().get("caption") or "").strip()
        return None

    def is_conference_line(self, text: str) -> bool:
        return any(regex.match(" ".join(text.split())) for regex in self.conference)

    def take(self, fields: MastheadFields, text: str) -> bool:
        """Record ``text`` if it is a masthead line; False if it is something else."""
        text = " ".join(text.split())
        symbol = _SYMBOL_TOKEN.search(text)
        if symbol and fields.symbol is None and len(text) < 80:
            try:
                fields.symbol = str(parse_symbol(symbol.group(0).rstrip(".,;")))
                return True
            except SymbolError:
                pass
        if fields.date is None:
            date = self.parse_date(text)
            if date is not None:
                fields.date = date
                return True
        m = self.submitted.match(text)
        if m and fields.submitted_by is None:
            fields.submitted_by = m.group("body").strip()
            return True
        m = self.original.match(text)
        if m and fields.original is None:
            fields.original = m.group("language").strip()
            return True
        return self.is_conference_line(text)
