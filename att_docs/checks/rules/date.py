"""date: dates agree by value across languages; document symbols are identical.

21 July 2023 = 2023年7月21日; 21–25 August 2023 = 2023年8月21日至25日; 12 May = 5月12日.
A document symbol (ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep) must stand letter for letter
in both languages. Monolingual (and in every Chinese text): a date that does not exist,
a range that ends before it starts, and a same-month range that repeats its month
(2023年4月5日至4月28日: house style is 2023年4月5日至28日).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.extract import DateValue, dates, fold, symbols
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus, Segment
from att_docs.document.symbols import SymbolError, parse_symbol

CHECK = "date"

_SAME_MONTH = re.compile(r"(?P<m>\d{1,2})月(?P<d1>\d{1,2})日(?P<to>至|到|-|–|—)(?P=m)月"
                         r"(?P<d2>\d{1,2})日")
_SAME_YEAR = re.compile(r"(?P<y>\d{4})年(?P<rest>\d{1,2}月\d{1,2}日(?:至|到))(?P=y)年")


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        for seg in corpus.segments:
            if CHECK in seg.ignore:
                continue
            for lang in corpus.languages:
                if seg.text(lang):
                    yield from _single(corpus, seg, lang, ctx)
            source, target = corpus.source, corpus.target
            if corpus.bilingual and source and target and seg.text(source) \
                    and seg.text(target):
                yield from _compare(corpus, seg, source, target, ctx)


def _valid(d: DateValue) -> bool:
    if d.day is None:
        return True
    try:
        dt.date(d.year or 2024, d.month, d.day)
    except ValueError:
        return False
    return True


def _single(corpus: Corpus, seg: Segment, lang: str, ctx: Context) -> Iterator[Finding | None]:
    text = fold(seg.text(lang))
    for d in ctx.memo("dates", seg, lang, dates):
        if not _valid(d):
            yield ctx.finding(CHECK, "error", corpus, seg, lang,
                              f"{d.text!r} is not a date of the calendar", None, d.start)
    if ctx.cjk(lang) and "月" in text:
        for m in _SAME_MONTH.finditer(text):
            fixed = f"{m.group('m')}月{m.group('d1')}日{m.group('to')}{m.group('d2')}日"
            yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                              f"{m.group()!r} repeats the month in a same-month range: "
                              f"expected {fixed}", fixed, m.start())
            if int(m.group("d2")) < int(m.group("d1")):
                yield ctx.finding(CHECK, "error", corpus, seg, lang,
                                  f"{m.group()!r} ends before it starts", None, m.start())
        for m in _SAME_YEAR.finditer(text):
            fixed = f"{m.group('y')}年{m.group('rest')}"
            yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                              f"{m.group()!r} repeats the year in a same-year range: expected "
                              f"{fixed}…", fixed, m.start())
    for symbol, start, _end in symbols(text):
        try:
            parse_symbol(symbol)
        except SymbolError as exc:
            yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                              f"{symbol} is not a valid ATT document symbol ({exc})", None,
                              start)


def _compare(corpus: Corpus, seg: Segment, source: str, target: str,
             ctx: Context) -> Iterator[Finding | None]:
    src, tgt = fold(seg.text(source)), fold(seg.text(target))
    left = ctx.memo("dates", seg, source, dates)
    right = ctx.memo("dates", seg, target, dates)
    used: set[int] = set()
    missing = []
    for d in left:
        j = next((j for j, o in enumerate(right) if j not in used and d.matches(o)), None)
        if j is None:
            missing.append(d)
        else:
            used.add(j)
    for d in missing:
        expected = d.chinese() if ctx.cjk(target) else d.english()
        yield ctx.finding(CHECK, "warning", corpus, seg, target,
                          f"the date {d.text!r} of the {source} text is not in the {target} "
                          f"text: expected {expected}", expected)
    for j, o in enumerate(right):
        if j not in used:
            yield ctx.finding(CHECK, "warning", corpus, seg, target,
                              f"the date {o.text!r} has no counterpart in the {source} text",
                              None, o.start)
    src_found, tgt_found = symbols(src), symbols(tgt)
    if not src_found and not tgt_found:
        return
    src_symbols = Counter(s for s, _, _ in src_found)
    tgt_symbols = Counter(s for s, _, _ in tgt_found)
    for symbol in src_symbols - tgt_symbols:
        yield ctx.finding(CHECK, "error", corpus, seg, target,
                          f"the document symbol {symbol} of the {source} text is not in the "
                          f"{target} text letter for letter", symbol)
    for symbol in tgt_symbols - src_symbols:
        start = tgt.find(symbol)
        yield ctx.finding(CHECK, "error", corpus, seg, target,
                          f"the document symbol {symbol} is not in the {source} text",
                          None, start)
