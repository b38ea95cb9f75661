"""consistency: one thing said one way across the paper set.

- The same source segment (a heading, a row label, a repeated sentence) translated in
  different ways: a warning at each rendering that deviates from the established one,
  which is the one that renders the source's glossary terms as the glossary has them,
  then the one recorded as translated (the paper's translation record), then the most
  common, then the first seen. An untranslated copy is never a rendering. The
  reverse, one translation standing for different source segments, is for information.
- A glossary concept rendered by different approved variants across the set (the
  glossary admits both 执行 and 实施 for "implementation", but a paper set should pick
  one): for information, at each rendering that is not the glossary's preferred term, or
  else not the most common one. Each finding names the language of its suggestion. Monolingual
  texts get the same check over their own terms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.matcher import Match
from att_docs.checks.rules.term import tally
from att_docs.checks.segments import Corpus, Segment

CHECK = "consistency"

# Three letters anywhere (a letter, then twice: non-letters and a letter).
_THREE_LETTERS = re.compile(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){2}")

Place = tuple[Corpus, Segment, str, int]


def _key(text: str) -> str:
    """The text with its white space collapsed and trimmed, case-folded, without closing
    punctuation (a list item ends with ; or ；, the same words as a heading do not)."""
    return " ".join(text.split()).rstrip(_CLOSING).casefold()


# Punctuation stripped from the end with the space the join leaves (a trailing close
# quote or bracket stays).
_CLOSING = " .,;:!?\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f"


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    yield from _segments(corpora, ctx)
    yield from _terms(corpora, ctx)


def _segments(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    forward: dict[tuple[str, str, str], dict[str, list[Place]]] = defaultdict(
        lambda: defaultdict(list))
    backward: dict[tuple[str, str, str], dict[str, list[Place]]] = defaultdict(
        lambda: defaultdict(list))
    src_keys: dict[int, str | None] = {}  # by segment: the source's key, None if too short
    for pair in ctx.pairs(corpora):
        corpus, seg, source, target = pair.corpus, pair.segment, pair.source, pair.target
        src, tgt = pair.source_text, pair.target_text
        if not tgt.strip():
            continue
        if id(seg) in src_keys:
            src_key = src_keys[id(seg)]
        else:
            src_key = src_keys[id(seg)] = (None if _THREE_LETTERS.search(src) is None
                                           else _key(src))
        if src_key is None:
            continue
        tgt_key = _key(tgt)
        forward[(source, target, src_key)][tgt_key].append((corpus, seg, target, 0))
        backward[(source, target, tgt_key)][src_key].append((corpus, seg, source, 0))
    recorded = _Recorded()
    for (source, target, _), renderings in forward.items():
        yield from _minorities(
            renderings, ctx, "warning",
            f"this {source} text is translated differently elsewhere", target,
            lambda text, places: (*(-n for n in _glossary_score(places, ctx)),
                                  -recorded.count(places)))
    for (source, target, _), originals in backward.items():
        yield from _minorities(originals, ctx, "info",
                               f"this {target} text also translates a different {source} text",
                               source)


Rank = Callable[[str, list[Place]], tuple]


def _minorities(groups: dict[str, list[Place]], ctx: Context, severity: str,
                lead: str, lang: str, rank: Rank | None = None,
                show_key: bool = False) -> Iterator[Finding | None]:
    """A finding at each place of every group but the established one: the one the
    glossary bears out first (``rank``), then the recorded translations, then the
    most common; the first seen among equals."""
    if len(groups) < 2:
        return
    order = {text: i for i, text in enumerate(groups)}
    ranked = sorted(groups.items(), key=lambda kv: (
        *(rank(*kv) if rank else ()), -len(kv[1]), order[kv[0]]))
    usual, usual_places = ranked[0]
    corpus0, seg0, lang0, _ = usual_places[0]
    where = f"{corpus0.name}:{seg0.id}"
    shown = usual if show_key else seg0.text(lang0)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    for _text, places in ranked[1:]:
        for corpus, seg, place_lang, offset in places:
            if CHECK in seg.ignore:
                continue
            yield ctx.finding(CHECK, severity, corpus, seg, place_lang,  # type: ignore[arg-type]
                              f"{lead}: {len(usual_places)}× as {shown!r} in {lang} "
                              f"(first at {where})", shown, offset)


def _glossary_score(places: list[Place], ctx: Context) -> tuple[int, int]:
    """How many of the source's glossary concepts the rendering gives an approved term,
    and how many its preferred term."""
    corpus, seg, lang, _ = places[0]
    source = corpus.source
    if source is None:
        return 0, 0
    wanted = tally(ctx, seg, source).present
    approved = wanted & set(tally(ctx, seg, lang).allowed)
    preferred = {c for m in ctx.matches(seg, lang) for c in m.concepts & approved
                 if m.status_for(c) == "preferred"}
    return len(approved), len(preferred)


def _variant(m: Match, concept: str) -> str:
    """The glossary term a match stands for (its preferred one if it can stand for that),
    so that inflected forms of one term are one rendering (groupe(s) de travail)."""
    terms = sorted((e.status != "preferred", e.term) for e in m.entries
                   if e.concept == concept)
    return (terms[0][1] if terms else m.text).strip("《》")


class _Recorded:
    """Whether a paper's rendering is recorded as translated from its current original
    (its translation record), looked up once per paper and language."""

    def __init__(self) -> None:
        self._states: dict[tuple[int, str], dict[str, str]] = {}

    def count(self, places: list[Place]) -> int:
        return sum(1 for corpus, seg, lang, _ in places
                   if self._state(corpus, lang).get(seg.id) == "translated")

    def _state(self, corpus: Corpus, lang: str) -> dict[str, str]:
        key = (id(corpus), lang)
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = {}
            doc = corpus.document
            if doc is not None and doc.source is not None and lang in doc.languages:
                from att_docs.conference.provenance import unit_states

                found.update((u.id, u.state) for u in unit_states(doc, lang).values())
        return found


def _terms(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    """Renderings of each concept: bilingual where the source holds it, else every match."""
    renderings: dict[tuple[str, str, bool], dict[str, list[Place]]] = defaultdict(
        lambda: defaultdict(list))
    variants: dict[tuple[tuple, str], str] = {}  # by a match's entries and concept
    for corpus in corpora:
        source = corpus.source if corpus.bilingual else None
        for seg in corpus.segments:
            src_concepts: frozenset[str] | None = None
            for lang in corpus.languages:
                if lang == source or not seg.text(lang) or \
                        ctx.untranslated(corpus, seg, lang):
                    continue
                varied = ctx.index.varied(lang)
                for m in ctx.matches(seg, lang):
                    if m.concepts.isdisjoint(varied) or ctx.index.is_minor(m, lang):
                        continue  # a short form or abbreviation refers again: no rival
                    for concept in m.concepts:
                        if concept not in varied:
                            continue
                        if m.status_for(concept) not in ("preferred", "admitted"):
                            continue
                        if source and seg.text(source):
                            if src_concepts is None:
                                src_concepts = tally(ctx, seg, source).present
                            if concept not in src_concepts:
                                continue
                        key = (concept, lang, source is not None)
                        found = variants.get((m.entries, concept))
                        if found is None:
                            found = variants[(m.entries, concept)] = _variant(m, concept)
                        variant = found
                        renderings[key][variant].append((corpus, seg, lang, m.start))
    for (concept, lang, _), groups in renderings.items():
        name = ctx.index.label(concept, (ctx.index.glossary.languages or [lang])[0])
        preferred = ctx.index.label(concept, lang).strip("《》")
        yield from _minorities(groups, ctx, "info",
                               f"{name!r} is rendered differently across the papers", lang,
                               lambda text, _p, best=preferred: (text != best,),
                               show_key=True)
