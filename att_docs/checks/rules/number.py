"""number: the numbers of a segment agree by value across languages.

Digits, full-width digits, percentages, English number words and ordinals, Chinese
numerals (113 = 一百一十三, three years = 三年, Ninth = 第九届, CSP9 = 第九届). Dates,
document symbols and paragraph references are left to their own checks. A number
written in digits on one side must be found on the other, in digits or words; a number
word must be found too, unless the other side says it in digits already.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.extract import (
    DateValue,
    Quantity,
    blank,
    dates,
    decades,
    fold,
    numbers_of_folded,
    one_words,
    symbols,
)
from att_docs.checks.findings import Finding, Severity
from att_docs.checks.references import Reference, references
from att_docs.checks.segments import Corpus, Pair, Segment
from att_docs.language.profile import Language

CHECK = "number"
HELP = "numbers by value (113 = 一百一十三, three years = 三年, Ninth = 第九届)"
"""What ``att-docs check --help`` says of the check."""
ORDER = 70
"""Where the check stands in reports (ascending)."""


def values(text: str, language: Language, found_dates: list[DateValue] | None = None,
           found_refs: list[Reference] | None = None) -> list[Quantity]:
    """The numbers of a text that no other check compares (dates, symbols, references)."""
    text = fold(text)
    spans = [(s, e) for _, s, e in symbols(text)]
    spans += [(d.start, d.end) for d in
              (dates(text, language) if found_dates is None else found_dates)]
    spans += [(r.start, r.end) for r in
              (references(text, language) if found_refs is None else found_refs)]
    found = numbers_of_folded(blank(text, spans), language)
    if found and ("(" in text or "（" in text):
        found = _restated(_years_of_numbers(found, text), text)
    return found


_YEAR_OF = re.compile(r"\s?[(（]\s?(?:19|20)\d\d\s?[)）]")


def _years_of_numbers(found: list[Quantity], text: str) -> list[Quantity]:
    """Without the year in parentheses after a number (resolution 2118 (2013)): it is
    part of the document's number, which one language version may leave out."""
    out = []
    for i, q in enumerate(found):
        year = _YEAR_OF.match(text, found[i - 1].end) if i else None
        if year is not None and year.start() <= q.start and q.end <= year.end():
            continue
        out.append(q)
    return out


def memo_values(ctx: Context, seg: Segment, lang: str) -> list[Quantity]:
    """The numbers of a segment's text, dates and references read once per run."""
    return ctx.fact("numbers", seg, lang, _values_of)


def _values_of(ctx: Context, seg: Segment, lang: str) -> list[Quantity]:
    return values(seg.text(lang), ctx.language(lang), ctx.memo("dates", seg, lang, dates),
                  ctx.memo("references", seg, lang, references))


def _restated(found: list[Quantity], text: str) -> list[Quantity]:
    """Drop a number that a parenthesis restates: Third Conference (CSP3) says 3 once.

    The parenthesis must open just before the number and follow the same value in the
    same clause, at most 80 characters back.
    """
    kept: list[Quantity] = []
    for q in found:
        near = max(0, q.start - 6)  # an opening farther back does not count
        opening = max(text.rfind("(", near, q.start), text.rfind("（", near, q.start))
        if opening >= 0 and any(
                k.value == q.value and opening - 80 <= k.start < opening
                and not _CLAUSE.search(text, k.end, opening) for k in kept):
            continue
        kept.append(q)
    return kept


_CLAUSE = re.compile(r"[,.;:，。；：]")


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _pair_up(these: list[Quantity], those: list[Quantity], used_these: set[int],
             used_those: set[int], strong: bool) -> None:
    """Pair each unused number of ``these`` of the given strength with an equal one."""
    for i, q in enumerate(these):
        if i in used_these or q.strong != strong:
            continue
        j = next((j for j, r in enumerate(those) if j not in used_those and r.value == q.value),
                 None)
        if j is not None:
            used_these.add(i)
            used_those.add(j)


def unmatched(left: list[Quantity], right: list[Quantity]) -> tuple[list[Quantity],
                                                                    list[Quantity]]:
    """Pair equal values, strong numbers first; what is left on each side."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    for strong_first in (True, False):
        _pair_up(left, right, used_left, used_right, strong_first)
        _pair_up(right, left, used_right, used_left, strong_first)
    return ([q for i, q in enumerate(left) if i not in used_left],
            [r for j, r in enumerate(right) if j not in used_right])


def _severity(q: Quantity, other_side: list[Quantity]) -> Severity:
    """A number in words with nothing left over on the other side is only information:
    languages say some numbers without a numeral (两次 = twice, 双方 = both)."""
    return "warning" if q.strong or other_side else "info"


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for pair in ctx.pairs(corpora, CHECK):
        corpus, seg, source, target = pair.corpus, pair.segment, pair.source, pair.target
        src_values, tgt_values = memo_values(ctx, seg, source), memo_values(ctx, seg, target)
        if not src_values and not tgt_values:
            continue
        src_values, tgt_values = _labels_apart(src_values, tgt_values, pair.source_text,
                                               pair.target_text)
        left, right = unmatched(src_values, tgt_values)
        if left or right:
            left, right = _decades_apart(left, right, pair, ctx)
            left = _one_said(left, pair.target_text, ctx.language(target))
            right = _one_said(right, pair.source_text, ctx.language(source))
            left = _in_references(left, ctx, seg, target)
            right = _in_references(right, ctx, seg, source)
            left, right = (_said(left, tgt_values) if not right else left,
                           _said(right, src_values) if not left else right)
        for q in left:
            yield ctx.finding(CHECK, _severity(q, right), corpus, seg, target,
                              f"{q.text!r} ({_format(q.value)}) in the {source} text has "
                              f"no number of that value in the {target} text",
                              _format(q.value))
        for q in right:
            yield ctx.finding(CHECK, _severity(q, left), corpus, seg, target,
                              f"{q.text!r} ({_format(q.value)}) has no number of that "
                              f"value in the {source} text", None, q.start)


_LABEL = re.compile(r"\s*\(?\d{1,3}[.)]\s")  # 31. / 3) / (3) opening a paragraph


def _labels_apart(left: list[Quantity], right: list[Quantity], src: str,
                  tgt: str) -> tuple[list[Quantity], list[Quantity]]:
    """Without the paragraph number that opens one side only: a paragraph's number is a
    label that Word or a CAT tool may keep out of the text on one side."""
    src_label = _LABEL.match(src) is not None and left and left[0].start < 6
    tgt_label = _LABEL.match(tgt) is not None and right and right[0].start < 6
    if src_label and not tgt_label:
        return left[1:], right
    if tgt_label and not src_label:
        return left, right[1:]
    return left, right


def _decades_apart(left: list[Quantity], right: list[Quantity], pair: Pair,
                   ctx: Context) -> tuple[list[Quantity], list[Quantity]]:
    """Without the numbers of a decade that the other side names too (the 1960s = les
    années 60): read only where numbers are left over, which is seldom."""
    ours = decades(fold(pair.source_text), ctx.language(pair.source))
    theirs = decades(fold(pair.target_text), ctx.language(pair.target))
    shared = {q.value for q in ours} & {q.value for q in theirs}
    if not shared:
        return left, right

    def keep(found: list[Quantity], spans: list[Quantity]) -> list[Quantity]:
        inside = [(d.start, d.end) for d in spans if d.value in shared]
        return [q for q in found if not any(s <= q.start < e for s, e in inside)]

    return keep(left, ours), keep(right, theirs)


def _one_said(missing: list[Quantity], other: str, language: Language) -> list[Quantity]:
    """Without a 1 where the other side says one or first in words (1re séance = first
    meeting = 第1次会议): the number words leave those out, they also mean "a"."""
    if not missing or all(q.value != 1 for q in missing):
        return missing
    ones = one_words(language)
    said = any(w in other if language.cjk else
               re.search(rf"(?<!\w){re.escape(w)}(?!\w)", other, re.IGNORECASE)
               for w in ones)
    return [q for q in missing if q.value != 1 or not said]


def _in_references(missing: list[Quantity], ctx: Context, seg: Segment,
                   lang: str) -> list[Quantity]:
    """Without the numbers that the other side says inside a reference of another kind
    (rule 3 = l'article 3 du Règlement intérieur = 议事规则第3条)."""
    refs = ctx.memo("references", seg, lang, references)
    if not refs or not missing:
        return missing
    said = {float(label) for r in refs for _kind, label in r.path if label.isdigit()}
    return [q for q in missing if q.value not in said]


def _said(missing: list[Quantity], other: list[Quantity]) -> list[Quantity]:
    """Where the other side has nothing left over: without the values it holds already (a
    value said twice on one side and once on the other, 2015 ... its 2015 session)."""
    said = {q.value for q in other}
    return [q for q in missing if q.value not in said]
