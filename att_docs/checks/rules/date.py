"""date: dates agree by value across languages; document symbols are identical.

21 July 2023 = 2023年7月21日; 21–25 August 2023 = 2023年8月21日至25日; 12 May = 5月12日.
A document symbol (ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep) must stand letter for letter
in both languages. Monolingual (and in every Chinese text): a date that does not exist,
a range that ends before it starts, and a same-month range that repeats its month
(2023年4月5日至4月28日: house style is 2023年4月5日至28日).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.extract import DateValue, dates, fold, symbols
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus, Segment
from att_docs.document.symbols import SymbolError, parse_symbol
from att_docs.language.profile import Language

CHECK = "date"
HELP = "dates by value, and document symbols letter for letter"
"""What ``att-docs check --help`` says of the check."""
ORDER = 80
"""Where the check stands in reports (ascending)."""



@functools.lru_cache(maxsize=32)
def _house_style(language: Language) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The language's patterns of a range that repeats its month or year, if it has any."""
    rules = language.dates
    return tuple(re.compile(rules[k]) if rules.get(k) else None  # type: ignore[return-value]
                 for k in ("same_month", "same_year"))


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        for seg in corpus.segments:
            if CHECK in seg.ignore:
                continue
            for lang in corpus.languages:
                if seg.text(lang) and not ctx.untranslated(corpus, seg, lang):
                    yield from _single(corpus, seg, lang, ctx)
            source = corpus.source
            if not corpus.bilingual or not source or not seg.text(source):
                continue
            for target in corpus.targets:
                if seg.text(target) and not ctx.untranslated(corpus, seg, target):
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
    same_month, same_year = _house_style(ctx.language(lang))
    if (ctx.language(lang).dates.get("hint") or "") not in text:
        same_month = same_year = None
    for m in same_month.finditer(text) if same_month else ():
        fixed = ctx.language(lang).dates["same_month_fix"].format(**m.groupdict())
        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                          f"{m.group()!r} repeats the month in a same-month range: "
                          f"expected {fixed}", fixed, m.start())
        if int(m.group("d2")) < int(m.group("d1")):
            yield ctx.finding(CHECK, "error", corpus, seg, lang,
                              f"{m.group()!r} ends before it starts", None, m.start())
    for m in same_year.finditer(text) if same_year else ():
        fixed = ctx.language(lang).dates["same_year_fix"].format(**m.groupdict())
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
    extra = [o for j, o in enumerate(right) if j not in used]
    if not extra:  # a date said twice on one side and once on the other is no slip
        missing = [d for d in missing if not any(d.matches(o) for o in right)]
    if not missing:
        extra = [o for o in extra if not any(o.matches(d) for d in left)]
    for d in missing:
        expected = d.render(ctx.language(target))
        yield ctx.finding(CHECK, "warning", corpus, seg, target,
                          f"the date {d.text!r} of the {source} text is not in the {target} "
                          f"text: expected {expected}", expected)
    for o in extra:
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
