"""term-reverse: a glossary term in the target with no counterpart in the source.

The aligned source segment must hold the same concept (any of its English terms or
abbreviations); where it holds none, the translation adds something the original does
not say, or the source uses a word the glossary lacks.

Two things count as a counterpart besides the concept's own terms: another form of the
term (implementing for implementation, co-chaired for co-chair, every word of regional
organization in "regional and subregional organizations"), and a concept
of the source whose target term contains the one found (工作组 for the WGTU, whose
Chinese name 普遍加入条约工作组 ends in it: Chinese refers back with the short form).

A warning for a name of three characters or more (缔约国 where the source says States),
for information for a common word (建议, 决定: often verbs in Chinese), a form of fewer
than three characters (条约), a short form of the glossary (委员会, 大会, le Traité) or a
single word of a spaced language (Bureau, Président): a body named again, or another
body's or instrument's name (the Commission, the NPT, le Bureau des Nations Unies).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.rules.term import is_name, tally
from att_docs.checks.segments import Corpus
from att_docs.language.profile import Language

CHECK = "term-reverse"
HELP = "a glossary term of the translation has no counterpart in the source"
"""What ``att-docs check --help`` says of the check."""
ORDER = 30
"""Where the check stands in reports (ascending)."""


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for pair in ctx.pairs(corpora, CHECK):
        corpus, seg, source, target = pair.corpus, pair.segment, pair.source, pair.target
        tgt_matches = ctx.matches(seg, target)
        if not tgt_matches:
            continue
        present = tally(ctx, seg, source).present
        longer: list[str] | None = None  # worked out on first need, as is src_lower
        src_stems: set[str] | None = None
        reported: set[str] = set()
        for m in tgt_matches:
            if m.deprecated_only or not m.concepts.isdisjoint(present):
                continue
            if longer is None:
                longer = [t for c in present for t in ctx.index.allowed_texts(c, target)]
            if any(m.text in t and m.text != t for t in longer):
                continue
            concept = sorted(m.concepts)[0]
            if concept in reported or not ctx.index.allowed_texts(concept, source):
                continue
            if src_stems is None:
                src_stems = _stems(pair.source_text, ctx.language(source))
            if _inflected(ctx.index.allowed_texts(concept, source), src_stems,
                          ctx.language(source)):
                continue
            reported.add(concept)
            expected = ctx.index.label(concept, source)
            named = any(is_name(t) for t in ctx.index.allowed_texts(concept, source))
            short = ctx.index.is_short(m, target) or (
                not ctx.cjk(target) and " " not in m.text.strip())
            severity = "warning" if named and len(m.text) >= 3 and not short else "info"
            yield ctx.finding(
                CHECK, severity, corpus, seg, target,
                f"{m.text} has no counterpart in the {source} text (expected "
                f"{expected!r} there, or a different {target} wording)", expected, m.start)


_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@functools.lru_cache(maxsize=16)
def _stemmer(name: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer(name)


def _stems(text: str, language: Language) -> set[str]:
    """The Snowball stems of a text's words (``terms.stemmer`` of the language's data)."""
    name = language.terms.get("stemmer")
    if not name:
        return set()
    stem = _stem_of(str(name))
    return {stem(word) for word in set(_WORD.findall(text.lower()))}


@functools.lru_cache(maxsize=16)
def _stem_of(name: str) -> Callable[[str], str]:
    """A word to its stem with the ``name`` stemmer, each word stemmed once per process."""
    return functools.lru_cache(maxsize=65536)(_stemmer(name).stemWord)


def _inflected(terms: list[str], source_stems: set[str], language: Language) -> bool:
    """True where the source holds another form of a term: for one word, the same
    Snowball stem of five letters or more (implementing for implementation); for several,
    every word's stem, as where two terms share their noun (regional and subregional
    organizations)."""
    for term in terms:
        stems = _stems(term, language)
        if " " not in term.strip():
            if any(len(s) >= 5 and s in source_stems for s in stems):
                return True
        elif stems and stems <= source_stems:
            return True
    return False
