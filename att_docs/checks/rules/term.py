"""term: a glossary term in the source requires its approved rendering in the target.

Counted by occurrences: a term the source uses twice needs two approved renderings
(preferred or admitted) in the aligned segment. A term restated in parentheses (Working
Group on Treaty Universalization (WGTU), the Conference (CSP9)) is one occurrence, met
by a rendering of either. An acronym kept as it is in the target (ATT秘书处) counts as
rendered. Deprecated renderings are left to the ``deprecated`` check.

None at all is a warning for a name (several words, an acronym, a capitalised term:
Management Committee, WGTU, Annex) and for information for a common word (proposal,
decision), which a translator may rightly render otherwise; fewer than the source is for
information, since Chinese often refers back with 该工作组 or 本《条约》.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.matcher import Match
from att_docs.checks.segments import Corpus, bilingual_pairs

CHECK = "term"

_RESTATE = re.compile(r"\s*[(（]\s*")


def occurrences(matches: list[Match], text: str) -> list[tuple[Match, frozenset[str]]]:
    """One entry per occurrence: a match and the concepts that may render it.

    A match in parentheses right after another match restates it and joins its entry.
    """
    out: list[tuple[Match, frozenset[str]]] = []
    previous: Match | None = None
    for m in matches:
        if previous is not None and out and _RESTATE.fullmatch(text[previous.end:m.start]):
            first, concepts = out[-1]
            out[-1] = (first, concepts | m.concepts)
            previous = None
            continue
        out.append((m, m.concepts))
        previous = m
    return out


def concept_counts(matches: list[Match], allowed_only: bool = True) -> Counter[str]:
    """Occurrences per concept; an ambiguous match counts for each of its concepts."""
    counts: Counter[str] = Counter()
    for m in matches:
        if len(m.entries) == 1:
            only = m.entries[0]
            if not allowed_only or only.allowed:
                counts[only.concept] += 1
            continue
        for concept in m.concepts:
            if not allowed_only or m.status_for(concept) in ("preferred", "admitted"):
                counts[concept] += 1
    return counts


def is_name(term: str) -> bool:
    """A name rather than a common word: several words, an acronym, or capitalised."""
    return " " in term.strip() or term[:1].isupper()


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for pair in bilingual_pairs(corpora, CHECK):
        if pair.source_text.strip() == pair.target_text.strip():
            continue  # left untranslated: the structure check says so once
        src_matches = ctx.matches(pair.segment, pair.source)
        if src_matches:
            yield from _segment(pair.corpus, pair.segment, pair.source, pair.target,
                                src_matches, ctx)


def _segment(corpus: Corpus, seg, source: str, target: str,  # type: ignore[no-untyped-def]
             src_matches: list[Match], ctx: Context) -> Iterator[Finding | None]:
    tgt_text = seg.text(target)
    tgt_matches = ctx.matches(seg, target)
    pool = concept_counts(tgt_matches)
    wrong = concept_counts(tgt_matches, allowed_only=False) - pool
    kept = {(c, m.text) for m in src_matches if all(e.case_sensitive for e in m.entries)
            for c in m.concepts}
    for concept, acronym in kept:  # an acronym kept as it is (ATT秘书处) renders it
        pool[concept] += tgt_text.count(acronym)
    missing: dict[str, list[Match]] = {}
    needed: Counter[str] = Counter()
    for m, concepts in occurrences(src_matches, seg.text(source)):
        main = sorted(m.concepts)[0]
        needed[main] += 1
        usable = [c for c in sorted(concepts) if pool[c] > 0]
        if usable:
            pool[usable[0]] -= 1
        elif not any(wrong[c] for c in concepts) and ctx.index.allowed_texts(main, target):
            missing.setdefault(main, []).append(m)
    for concept, matches in missing.items():
        first = matches[0]
        rendering = ctx.index.label(concept, target)
        allowed = ctx.index.allowed_texts(concept, target)
        others = f" (or {', '.join(allowed[1:])})" if len(allowed) > 1 else ""
        found = needed[concept] - len(matches)
        if found == 0:
            severity = "warning" if any(is_name(e.term) for e in first.entries) else "info"
            yield ctx.finding(CHECK, severity, corpus, seg, target,
                              f"{first.text!r} in the {source} text requires {rendering}"
                              f"{others} in the {target} text; none found", rendering)
        else:
            yield ctx.finding(CHECK, "info", corpus, seg, target,
                              f"{first.text!r} stands {needed[concept]} times in the {source} "
                              f"text but {rendering}{others} only {found} times in the "
                              f"{target} text", rendering)
