"""term: a glossary term in the source requires its approved rendering in the target.

Counted by occurrences: a term the source uses twice needs two approved renderings
(preferred or admitted) in the aligned segment. A term restated in parentheses (Working
Group on Treaty Universalization (WGTU), the Conference (CSP9)) is one occurrence, met
by a rendering of either. An acronym kept as it is in the target (ATT秘书处) counts as
rendered. Deprecated renderings are left to the ``deprecated`` check.

None at all is a warning for a name of several words or an acronym (Management
Committee, WGTU) and for information for a single word (proposal, the President, Annex)
or a short form (the Committee, the Treaty named again), which a translator may rightly
render otherwise (a pronoun, 总统 for a State's President); fewer than the source is for
information, since Chinese often refers back with 该工作组 or 本《条约》.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.matcher import Match
from att_docs.checks.segments import Corpus, Segment

CHECK = "term"
HELP = "a glossary term of the source lacks its approved rendering"
"""What ``att-docs check --help`` says of the check."""
ORDER = 20
"""Where the check stands in reports (ascending)."""

_RESTATE = re.compile(r"\s*[(（]\s*")


def _restates(text: str, start: int, end: int) -> bool:
    """True where ``text[start:end]`` opens a parenthesis and holds nothing else."""
    gap = text[start:end]
    return ("(" in gap or "（" in gap) and _RESTATE.fullmatch(gap) is not None


def occurrences(matches: list[Match], text: str) -> list[tuple[Match, frozenset[str]]]:
    """One entry per occurrence: a match and the concepts that may render it.

    A match in parentheses right after another match restates it and joins its entry.
    """
    out: list[tuple[Match, frozenset[str]]] = []
    previous: Match | None = None
    for m in matches:
        if previous is not None and out and _restates(text, previous.end, m.start):
            first, concepts = out[-1]
            out[-1] = (first, concepts | m.concepts)
            previous = None
            continue
        out.append((m, m.concepts))
        previous = m
    return out


@dataclass(frozen=True)
class Tally:
    """The concepts of one text's matches, worked out once per segment and language."""

    allowed: dict[str, int]  # occurrences per concept, approved readings only
    present: frozenset[str]  # every concept matched, deprecated readings included
    wrong: frozenset[str]  # concepts matched more often than approved (a deprecated reading)


def concept_tally(matches: list[Match]) -> Tally:
    """Occurrences per concept (an ambiguous match counts for each of its concepts), in
    one pass: approved readings counted, every concept present, the deprecated ones."""
    allowed: dict[str, int] = {}
    total: dict[str, int] = {}
    for m in matches:
        if len(m.entries) == 1:
            concept = m.entries[0].concept
            total[concept] = total.get(concept, 0) + 1
            if not m.deprecated_only:  # the one reading is approved
                allowed[concept] = allowed.get(concept, 0) + 1
            continue
        for concept in m.concepts:
            total[concept] = total.get(concept, 0) + 1
            if m.status_for(concept) in ("preferred", "admitted"):
                allowed[concept] = allowed.get(concept, 0) + 1
    return Tally(allowed, frozenset(total),
                 frozenset(c for c, n in total.items() if n > allowed.get(c, 0)))


def tally(ctx: Context, seg: Segment, lang: str) -> Tally:
    """The segment's :class:`Tally` in ``lang``, once per run."""
    return ctx.fact("tally", seg, lang, _tally_of)


def _tally_of(ctx: Context, seg: Segment, lang: str) -> Tally:
    return concept_tally(ctx.matches(seg, lang))


def is_name(term: str) -> bool:
    """A name rather than a common word: several words, an acronym, or capitalised."""
    return " " in term.strip() or term[:1].isupper()


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for pair in ctx.pairs(corpora, CHECK):
        if pair.source_text.strip() == pair.target_text.strip():
            continue  # left untranslated: the structure check says so once
        src_matches = ctx.matches(pair.segment, pair.source)
        if src_matches:
            yield from _segment(pair.corpus, pair.segment, pair.source, pair.target,
                                src_matches, ctx)


def _segment(corpus: Corpus, seg: Segment, source: str, target: str,
             src_matches: list[Match], ctx: Context) -> Iterator[Finding | None]:
    tgt_text = seg.text(target)
    target_tally = tally(ctx, seg, target)
    pool = dict(target_tally.allowed)  # approved renderings not yet paired
    wrong = target_tally.wrong
    kept = {(c, m.text) for m in src_matches if m.verbatim for c in m.concepts}
    for concept, acronym in kept:  # an acronym kept as it is (ATT秘书处) renders it
        pool[concept] = pool.get(concept, 0) + tgt_text.count(acronym)
    missing: dict[str, list[Match]] = {}
    needed: dict[str, int] = {}
    for m, concepts in occurrences(src_matches, seg.text(source)):
        main = min(m.concepts)
        needed[main] = needed.get(main, 0) + 1
        usable = _first_available(concepts, pool)
        if usable is not None:
            pool[usable] -= 1
        elif wrong.isdisjoint(concepts) and ctx.index.allowed_texts(main, target):
            missing.setdefault(main, []).append(m)
    for concept, matches in missing.items():
        first = matches[0]
        rendering = ctx.index.label(concept, target)
        allowed = ctx.index.allowed_texts(concept, target)
        if _inside_longer(allowed, ctx.matches(seg, target)):
            continue  # said inside a longer term (TCA in Groupe de travail du TCA sur …)
        others = f" (or {', '.join(allowed[1:])})" if len(allowed) > 1 else ""
        found = needed[concept] - len(matches)
        if found == 0 and ctx.cjk(target) and any(a in tgt_text for a in allowed):
            continue  # said inside another name (联合国 in 联合国裁军审议委员会)
        if found == 0:
            severity = ("warning" if any((is_name(e.term) and " " in e.term.strip())
                                         or (e.case_sensitive and e.term.isupper())
                                         for e in first.entries)
                        and not ctx.index.is_short(first, source) else "info")
            yield ctx.finding(CHECK, severity, corpus, seg, target,
                              f"{first.text!r} in the {source} text requires {rendering}"
                              f"{others} in the {target} text; none found", rendering)
        else:
            yield ctx.finding(CHECK, "info", corpus, seg, target,
                              f"{first.text!r} stands {needed[concept]} times in the {source} "
                              f"text but {rendering}{others} only {found} times in the "
                              f"{target} text", rendering)


def _inside_longer(allowed: list[str], matches: list[Match]) -> bool:
    """True where a longer term found in the target holds one of the allowed renderings."""
    return any(a in m.text and len(m.text) > len(a) for m in matches for a in allowed)


def _first_available(concepts: frozenset[str], pool: dict[str, int]) -> str | None:
    """The first concept (by id) with a rendering left in ``pool``."""
    if len(concepts) == 1:
        (only,) = concepts
        return only if pool.get(only, 0) > 0 else None
    return next((c for c in sorted(concepts) if pool.get(c, 0) > 0), None)
