"""reference: paragraph references, footnote marks and footnote counts agree.

Bilingual: paragraph 24(b–d) = 第24(b-d)段, paragraphs 26 and 27(d) = 第26段和第27(d)段,
Article 22 = 第22条, Annex A = 附件A; every footnote marked in a source segment is marked
in its translation, and each language of a paper marks as many footnotes.

Plain text (superscript marks ¹²³): a footnote marked twice or out of order, and a mark
that splits a glossary term (《武器贸易条约》⁴赞助方案).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.references import Reference, references
from att_docs.checks.rules.number import memo_values
from att_docs.checks.segments import Corpus, Segment

CHECK = "reference"
HELP = "paragraph references (24(b-d) = 第24(b-d)段), footnote marks and counts"
"""What ``att-docs check --help`` says of the check."""
ORDER = 90
"""Where the check stands in reports (ascending)."""


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        if corpus.bilingual and corpus.source is not None:
            for target in corpus.targets:
                yield from _bilingual(corpus, corpus.source, target, ctx)
        else:
            yield from _superscripts(corpus, ctx)


def _bilingual(corpus: Corpus, source: str, target: str,
               ctx: Context) -> Iterator[Finding | None]:
    totals: Counter[str] = Counter()
    for seg in corpus.segments:
        if ctx.untranslated(corpus, seg, target):
            continue
        for lang in (source, target):
            totals[lang] += len(seg.notes.get(lang, []))
        if CHECK in seg.ignore or not seg.text(source) or not seg.text(target):
            continue
        yield from _paragraph_refs(corpus, seg, source, target, ctx)
        if seg.notes.get(source, []) == seg.notes.get(target, []):
            continue  # the same marks in the same order
        src_notes = Counter(seg.notes.get(source, []))
        tgt_notes = Counter(seg.notes.get(target, []))
        for note in src_notes - tgt_notes:
            yield ctx.finding(CHECK, "error", corpus, seg, target,
                              f"footnote [^{note}] is marked in the {source} text but not in "
                              f"the {target} text", f"[^{note}]")
        for note in tgt_notes - src_notes:
            offsets = seg.note_offsets.get(target, [])
            at = offsets[seg.notes[target].index(note)] if offsets else 0
            yield ctx.finding(CHECK, "error", corpus, seg, target,
                              f"footnote [^{note}] is marked in the {target} text but not in "
                              f"the {source} text", None, at)
    if totals[source] != totals[target]:
        yield ctx.finding(CHECK, "error", corpus, None, None,
                          f"{totals[source]} footnote marks in the {source} text but "
                          f"{totals[target]} in the {target} text")


def _paragraph_refs(corpus: Corpus, seg: Segment, source: str, target: str,
                    ctx: Context) -> Iterator[Finding | None]:
    """References compared by value: each value of one side needs the same value on the
    other, or one that ends alike (subparagraph (a) = l'alinéa a) du paragraphe 12)."""
    src = ctx.memo("references", seg, source, references)
    tgt = ctx.memo("references", seg, target, references)
    if not src and not tgt:
        return
    left, right = _unpaired(src, tgt)
    if left:
        left = _unnumbered(left, memo_values(ctx, seg, target))
    if right:
        right = _unnumbered(right, memo_values(ctx, seg, source))
    target_language, source_language = ctx.language(target), ctx.language(source)
    for r in left:
        expected = r.render(target_language)
        yield ctx.finding(CHECK, "warning", corpus, seg, target,
                          f"{r.render(source_language)} of the {source} text is not "
                          f"referred to in the {target} text: expected {expected}",
                          expected)
    for r in right:
        yield ctx.finding(CHECK, "warning", corpus, seg, target,
                          f"{r.render(target_language)} has no counterpart in the {source} "
                          "text", None, r.start)


def _unpaired(src: list[Reference], tgt: list[Reference]) -> tuple[list[Reference],
                                                                   list[Reference]]:
    """The values of each side that the other side lacks (each value once): a value
    pairs with an equal one, else with every value of the other side that it starts or
    ends (:func:`_ends_alike`)."""
    left = {r.path: r for r in src}
    right = {r.path: r for r in tgt}
    for path in set(left) & set(right):
        del left[path], right[path]
    if left and right:
        alike = [(a, b) for a in left for b in right if _ends_alike(a, b)]
        for a, b in alike:
            left.pop(a, None)
            right.pop(b, None)
    return list(left.values()), list(right.values())


def _ends_alike(one: tuple, other: tuple) -> bool:
    """True where the shorter path ends or starts the longer one: one side names the
    parent (subparagraph (a) = l'alinéa a) du paragraphe 12) or the subparagraphs
    (paragraph 1 = les alinéas a) et b) du paragraphe 1) that the other leaves out."""
    short, long = sorted((one, other), key=len)
    return long[len(long) - len(short):] == short or long[:len(short)] == short


def _unnumbered(missing: list[Reference], numbers: list) -> list[Reference]:
    """Without the references whose numbers the other side writes with a word it does
    not read as a reference (rule 3 of the rules of procedure = l'article 3 du Règlement
    intérieur = 议事规则第3条; the eighth to twelfth preambular paragraphs = 序言部分第8至
    12段: a range counts as said where its ends are)."""
    said = {q.value for q in numbers}
    phrases: dict[tuple[int, int], list[Reference]] = {}
    for r in missing:
        phrases.setdefault((r.start, r.end), []).append(r)
    kept = []
    for group in phrases.values():
        ends = {group[0].path, group[-1].path}
        if not all(label.isdigit() and float(label) in said
                   for path in ends for _kind, label in path):
            kept.extend(group)
    return kept


def _superscripts(corpus: Corpus, ctx: Context) -> Iterator[Finding | None]:
    for lang in corpus.languages:
        seen: dict[str, Segment] = {}
        last = 0
        for seg in corpus.segments:
            marks = seg.notes.get(lang, [])
            offsets = seg.note_offsets.get(lang, [])
            if seg.kind == "footnote" or CHECK in seg.ignore:
                continue
            spans = [(m.start, m.end, m.text) for m in ctx.matches(seg, lang)]
            for mark, at in zip(marks, offsets, strict=False):
                number = int(mark) if mark.isdigit() else None
                if mark in seen:
                    yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                                      f"footnote {mark} is marked a second time (first "
                                      f"{_where(seen[mark], lang)}): a footnote is marked "
                                      "once", None, at)
                elif number is not None and number != last + 1:
                    yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                                      f"footnote {mark} comes after footnote {last}: "
                                      f"expected {last + 1}", str(last + 1), at)
                for start, end, term in spans:
                    if start < at < end:
                        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                                          f"footnote {mark} splits the term {term}: mark it "
                                          "after the term", term, at)
                if mark not in seen:
                    seen[mark] = seg
                    last = max(last, number or last)


def _where(seg: Segment, lang: str) -> str:
    _path, line = seg.location(lang)
    return f"at line {line}" if line else f"in {seg.id}"
