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
from att_docs.checks.extract import references
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus, Segment

CHECK = "reference"


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
    src = ctx.memo("references", seg, source, references)
    tgt = ctx.memo("references", seg, target, references)
    if not src and not tgt:
        return
    left = Counter((r.kind, r.label.replace("–", "-")) for r in src)
    right = Counter((r.kind, r.label.replace("–", "-")) for r in tgt)
    for r in src:
        key = (r.kind, r.label)
        if left[key] > right[key]:
            left[key] -= 1
            expected = r.render(ctx.language(target))
            yield ctx.finding(CHECK, "warning", corpus, seg, target,
                              f"{r.render(ctx.language(source))} of the {source} text is not "
                              f"referred to in the {target} text: expected {expected}",
                              expected)
    for r in tgt:
        key = (r.kind, r.label)
        if right[key] > Counter((x.kind, x.label) for x in src)[key]:
            right[key] -= 1
            yield ctx.finding(CHECK, "warning", corpus, seg, target,
                              f"{r.render(ctx.language(target))} has no "
                              f"counterpart in the {source} text", None, r.start)


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
