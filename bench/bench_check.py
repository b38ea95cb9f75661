"""Benchmark ``att-docs check`` over a generated aligned corpus.

    .venv/bin/python bench/bench_check.py [--chars N] [--repeat N]

The corpus is the example conference's aligned segments, repeated as more papers until
each language holds at least N characters (default 1,000,000), with a slip put into
every 40th segment (a homophone, a deprecated term, a wrong number, a doubled stop) so
that the checks have something to report. It times:

  * att-docs: every check (all ten ids) with the full glossary, index building included;
  * the glossary matching alone (Aho-Corasick automata, both languages);
  * the plain alternative: one regular expression per glossary term (English with word
    bounds, case-insensitive; Chinese as a literal) looped over every segment, which
    finds the terms only, with none of the other checks.

The example conference has French too, so the default corpus carries a third language
(about as much French as English) that every check also reads; ``--only en,zh`` times
the aim's corpus, the Chinese with its English alone (the same segments, the French text
dropped).

The copies repeat the example's texts, and the checks work out what they read from a
text once however often it recurs; ``--unique`` ends every text of each copy with a word
of its own (a tag of letters), so that no text recurs across copies and every one is
read afresh: the cost on a set of papers that share nothing.

It prints seconds and the two aims as ratios (medians of --repeat runs): the whole check
under one second, and the glossary matching at least eight times faster than one regular
expression per term. Run on demand: the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from att_docs.checks.engine import check_corpora  # noqa: E402
from att_docs.checks.findings import Finding  # noqa: E402
from att_docs.checks.matcher import GlossaryIndex  # noqa: E402
from att_docs.checks.segments import Corpus, Segment, corpus_from_document  # noqa: E402
from att_docs.glossary import default_path, load  # noqa: E402
from att_docs.glossary.model import Glossary  # noqa: E402
from att_docs.language.profile import load_language  # noqa: E402
from att_docs.status.setinfo import load_conference  # noqa: E402

SLIPS = [("联席主席", "联系主席"), ("《条约》", "《公约》"), ("113", "112"), ("。", "。。"),
         ("普遍加入", "普遍化")]


CPU: dict[str, float] = {}  # processor seconds of the last median_time, by label


def median_time(func: Callable[[], object], repeat: int,
                label: str = "") -> tuple[float, object]:
    """Median wall-clock seconds of ``repeat`` runs and the last result; the median
    processor seconds go to ``CPU[label]`` (steadier on a shared machine)."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, started = time.perf_counter(), time.process_time()
        result = func()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - started)
    CPU[label] = statistics.median(cpu)
    return statistics.median(times), result


def _tag(copy: int) -> str:
    """A word of letters only, different for each copy (a, b, ..., ba, bb, ...)."""
    letters = ""
    while True:
        copy, rest = divmod(copy, 26)
        letters = chr(ord("a") + rest) + letters
        if not copy:
            return "q" + letters


def generate(chars: int, only: list[str] | None = None,
             unique: bool = False) -> list[Corpus]:
    """Copies of the example papers, varied by a slip every 40th segment (and with
    ``unique``, every text by a word of its copy's own)."""
    _conference, documents = load_conference(ROOT / "content" / "csp9", ROOT / "templates")
    originals = [corpus_from_document(doc) for doc in documents]
    corpora: list[Corpus] = []
    size = {"en": 0, "zh": 0}
    copy = 0
    count = 0
    while min(size.values()) < chars:
        for original in originals:
            segments = []
            for seg in original.segments:
                texts = {k: v for k, v in seg.texts.items() if not only or k in only}
                count += 1
                if count % 40 == 0:
                    old, new = SLIPS[(count // 40) % len(SLIPS)]
                    texts["zh"] = texts.get("zh", "").replace(old, new, 1)
                if unique:
                    texts = {k: f"{v} {_tag(copy)}" if v else v for k, v in texts.items()}
                for lang in size:
                    size[lang] += len(texts.get(lang, ""))
                segments.append(Segment(seg.id, seg.kind, texts, seg.where, seg.line_starts,
                                        seg.notes, seg.note_offsets, seg.blocks))
            languages = [lang for lang in original.languages if not only or lang in only]
            corpora.append(Corpus(f"{original.name}-{copy}", languages, segments,
                                  original.source, original.path))
        copy += 1
    return corpora


def regex_loop(corpora: list[Corpus], glossary: Glossary) -> int:
    """One regular expression per term, over every segment: the plain alternative."""
    patterns = []
    for concept in glossary.concepts:
        for term in concept.terms.get("en", []):
            flags = 0 if term.case_sensitive or term.text.isupper() else re.IGNORECASE
            patterns.append(("en", re.compile(rf"\b{re.escape(term.text)}\b", flags)))
        for term in concept.terms.get("zh", []):
            patterns.append(("zh", re.compile(re.escape(term.text))))
    found = 0
    for corpus in corpora:
        for seg in corpus.segments:
            for lang, pattern in patterns:
                found += len(pattern.findall(seg.texts.get(lang, "")))
    return found


def automaton_only(corpora: list[Corpus], glossary: Glossary) -> int:
    index = GlossaryIndex(glossary)
    languages = [load_language(ROOT / "templates", lang) for lang in ("en", "zh")]
    return sum(len(index.find(seg.texts.get(language.code, ""), language))
               for corpus in corpora for seg in corpus.segments for language in languages)


def finding_line(finding: Finding) -> str:
    """One finding as a tab-separated line: everything a report shows."""
    return "\t".join(str(v) for v in (finding.document, finding.path, finding.line,
                                       finding.segment, finding.check, finding.severity,
                                       finding.message, finding.suggestion))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=1_000_000,
                        help="characters per language (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--only", help="keep only these languages of the example, comma-"
                        "separated (en,zh: the aim's corpus); default: all of them")
    parser.add_argument("--unique", action="store_true",
                        help="a word of its own at the end of every text of each copy: no "
                             "text recurs across the corpus")
    parser.add_argument("--findings", type=Path,
                        help="write every finding, one a line, to this file (to diff runs)")
    args = parser.parse_args()

    glossary = load(default_path())
    corpora = generate(args.chars, args.only.split(",") if args.only else None, args.unique)
    segments = sum(len(c.segments) for c in corpora)
    languages = sorted({lang for c in corpora for lang in c.languages})
    chars = {lang: sum(len(s.texts.get(lang, "")) for c in corpora for s in c.segments)
             for lang in languages}
    terms = sum(len(ts) for c in glossary.concepts for ts in c.terms.values())
    print(f"corpus: {len(corpora)} papers, {segments} aligned segments, characters: "
          + ", ".join(f"{lang} {n:,}" for lang, n in chars.items()))
    print(f"glossary: {len(glossary.concepts)} concepts, {terms} terms")

    # The first run also pays for what a process loads once (pypinyin's tables, jieba's
    # lexicon); the timed runs still build every glossary index from scratch.
    cold, _ = median_time(lambda: check_corpora(corpora, Glossary(glossary.concepts)), 1)
    full, findings = median_time(lambda: check_corpora(corpora, Glossary(glossary.concepts)),
                                 args.repeat, "full")
    if args.findings:
        args.findings.write_text("".join(f"{finding_line(f)}\n" for f in findings),  # type: ignore[union-attr]
                                 encoding="utf-8")
    matching, matches = median_time(lambda: automaton_only(corpora, glossary), args.repeat,
                                    "matching")
    plain, plain_matches = median_time(lambda: regex_loop(corpora, glossary), args.repeat,
                                       "plain")
    by_check: dict[str, int] = {}
    for f in findings:  # type: ignore[union-attr]
        by_check[f.check] = by_check.get(f.check, 0) + 1

    print(f"first run in this process:             {cold:7.3f} s")
    print(f"att-docs check, all ten checks:        {full:7.3f} s  (processor {CPU['full']:.3f} s;"
          f" {len(findings):,} findings: {by_check})")  # type: ignore[arg-type]
    print(f"glossary matching alone (automata):    {matching:7.3f} s  (processor "
          f"{CPU['matching']:.3f} s; {matches:,} matches)")
    print(f"one regular expression per term:       {plain:7.3f} s  (processor "
          f"{CPU['plain']:.3f} s; {plain_matches:,} matches)")
    print(f"ratio, full check / regex loop:        {full / plain:7.2f}")
    print(f"ratio, automata / regex loop:          {matching / plain:7.2f}")
    met = {True: "met", False: "NOT met"}
    print(f"aim, the whole check under 1 s on one core: {met[full < 1]} ({full:.2f} s, "
          f"processor {CPU['full']:.2f} s)")
    print(f"aim, terms at least 8x faster than one regex per term: {met[plain >= 8 * matching]}"
          f" ({plain / matching:.1f}x faster)")


if __name__ == "__main__":
    main()
