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

The rule works in two steps, so that a set's papers can be read apart and their tables
kept (:mod:`att_docs.checks.incremental`): :func:`collect` lists, for the papers given,
every rendering with what ranking it needs, as plain data (a :class:`Table`);
:func:`judge` compares the renderings of merged tables, in the papers' order.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding, Severity
from att_docs.checks.matcher import Match
from att_docs.checks.rules.term import tally
from att_docs.checks.segments import Corpus, Segment

__all__ = ["CHECK", "collect", "judge", "run"]

CHECK = "consistency"
HELP = "the same term or sentence translated in different ways"
"""What ``att-docs check --help`` says of the check."""
ORDER = 60
"""Where the check stands in reports (ascending)."""

# Three letters anywhere (a letter, then twice: non-letters and a letter).
_THREE_LETTERS = re.compile(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){2}")

# A place, as plain data: [document, segment id, language, path, line, silenced,
# recorded as translated, glossary score (approved, preferred) or None, text or None],
# the document and the path as indexes into the table's "documents" and "paths". The
# score and the text are kept for the first place of a rendering in a table only: the
# first place of a rendering across tables is the first of some table's.
Place = list[Any]
DOC, SEG, LANG, PATH, LINE, SILENCED, RECORDED, SCORE, TEXT = range(9)
Table = dict[str, list[Any]]


def _key(text: str, keys: dict[str, str]) -> str:
    """The text with its white space collapsed and trimmed, case-folded, without closing
    punctuation (a list item ends with ; or ；, the same words as a heading do not), as a
    digest: tables compare texts, they need not hold them. ``keys``: those made so far."""
    found = keys.get(text)
    if found is None:
        folded = " ".join(text.split()).rstrip(_CLOSING).casefold()
        found = keys[text] = hashlib.blake2b(folded.encode("utf-8", "surrogatepass"),
                                             digest_size=12).hexdigest()
    return found


# Punctuation stripped from the end with the space the join leaves (a trailing close
# quote or bracket stays).
_CLOSING = " .,;:!?\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f"


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    yield from judge([collect(corpora, ctx)], ctx)


def collect(corpora: list[Corpus], ctx: Context) -> Table:
    """The renderings of ``corpora``, in order, as plain data."""
    places = _Places()
    return {"segments": _segment_entries(corpora, ctx, places),
            "terms": _term_entries(corpora, ctx, places),
            "documents": places.documents, "paths": places.paths}


class _Places:
    """Makes places, numbering the documents and paths they name."""

    def __init__(self) -> None:
        self.documents: list[str] = []
        self.paths: list[str | None] = []
        self._documents: dict[str, int] = {}
        self._paths: dict[str | None, int] = {}
        self._made: dict[tuple[int, str, int], tuple[int, int, int | None]] = {}

    def __call__(self, corpus: Corpus, seg: Segment, lang: str, offset: int = 0) -> Place:
        """A new place (the caller may fill in what it records)."""
        key = (id(seg), lang, offset)  # a source text is placed once for each target
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._where(corpus, seg, lang, offset)
        doc, at, line = made
        return [doc, seg.id, lang, at, line, CHECK in seg.ignore, False, None, None]

    def _where(self, corpus: Corpus, seg: Segment, lang: str,
               offset: int) -> tuple[int, int, int | None]:
        path, line = seg.location(lang, offset)
        path = path if path is not None else corpus.path
        where = str(path) if path is not None else None
        doc = self._documents.get(corpus.name)
        if doc is None:
            doc = self._documents[corpus.name] = len(self.documents)
            self.documents.append(corpus.name)
        at = self._paths.get(where)
        if at is None:
            at = self._paths[where] = len(self.paths)
            self.paths.append(where)
        return doc, at, line or None


def judge(tables: list[Table], ctx: Context) -> Iterator[Finding | None]:
    """The findings of the renderings of ``tables`` taken together, in order."""
    forward: dict[tuple[str, str, str], dict[str, list[Place]]] = defaultdict(
        lambda: defaultdict(list))
    backward: dict[tuple[str, str, str], dict[str, list[Place]]] = defaultdict(
        lambda: defaultdict(list))
    where = _Where(tables)
    for n, table in enumerate(tables):
        for source, target, src_key, tgt_key, ahead, behind in table["segments"]:
            forward[(source, target, src_key)][tgt_key].append((n, ahead))
            backward[(source, target, tgt_key)][src_key].append((n, behind))
    for (source, target, _), renderings in forward.items():
        yield from _minorities(
            renderings, where, "warning",
            f"this {source} text is translated differently elsewhere", target,
            lambda text, places: (*(-n for n in places[0][1][SCORE]),
                                  -sum(1 for _, p in places if p[RECORDED])))
    for (source, target, _), originals in backward.items():
        yield from _minorities(originals, where, "info",
                               f"this {target} text also translates a different {source} text",
                               source)
    renderings_of: dict[tuple[str, str, bool], dict[str, list[Placed]]] = defaultdict(
        lambda: defaultdict(list))
    for n, table in enumerate(tables):
        for concept, lang, bilingual, variant, place in table["terms"]:
            renderings_of[(concept, lang, bilingual)][variant].append((n, place))
    for (concept, lang, _), groups in renderings_of.items():
        name = ctx.index.label(concept, (ctx.index.glossary.languages or [lang])[0])
        preferred = ctx.index.label(concept, lang).strip("《》")
        yield from _minorities(groups, where, "info",
                               f"{name!r} is rendered differently across the papers", lang,
                               lambda text, _p, best=preferred: (text != best,),
                               show_key=True)


Placed = tuple[int, Place]  # a place and the index of its table


class _Where:
    """The document and the path of a place of one of the tables."""

    def __init__(self, tables: list[Table]) -> None:
        self.documents = [table["documents"] for table in tables]
        self.paths = [table["paths"] for table in tables]
        self._made: dict[str, Path] = {}  # a path made once, when a finding names it

    def document(self, placed: Placed) -> str:
        return self.documents[placed[0]][placed[1][DOC]]  # type: ignore[no-any-return]

    def path(self, placed: Placed) -> Path | None:
        where = self.paths[placed[0]][placed[1][PATH]]
        if where is None:
            return None
        found = self._made.get(where)
        if found is None:
            found = self._made[where] = Path(where)
        return found


def _segment_entries(corpora: list[Corpus], ctx: Context,
                     make: _Places) -> list[list[Any]]:
    """[source, target, source key, target key, place of the target, place of the
    source] for every translated pair with three letters in its source."""
    entries: list[list[Any]] = []
    src_keys: dict[int, str | None] = {}  # by segment: the source's key, None if too short
    keys: dict[str, str] = {}  # by text: a text repeated across the set is keyed once
    first_ahead: set[tuple[str, str, str, str]] = set()
    first_behind: set[tuple[str, str, str, str]] = set()
    recorded = _Recorded()
    for pair in ctx.pairs(corpora):
        corpus, seg, source, target = pair.corpus, pair.segment, pair.source, pair.target
        src, tgt = pair.source_text, pair.target_text
        if not tgt.strip():
            continue
        if id(seg) in src_keys:
            src_key = src_keys[id(seg)]
        else:
            src_key = src_keys[id(seg)] = (None if _THREE_LETTERS.search(src) is None
                                           else _key(src, keys))
        if src_key is None:
            continue
        tgt_key = _key(tgt, keys)
        ahead, behind = make(corpus, seg, target), make(corpus, seg, source)
        ahead[RECORDED] = recorded.translated(corpus, seg, target)
        if (source, target, src_key, tgt_key) not in first_ahead:
            first_ahead.add((source, target, src_key, tgt_key))
            ahead[SCORE] = _glossary_score(corpus, seg, target, ctx)
            ahead[TEXT] = _shown(tgt)
        if (source, target, tgt_key, src_key) not in first_behind:
            first_behind.add((source, target, tgt_key, src_key))
            behind[TEXT] = _shown(src)
        entries.append([source, target, src_key, tgt_key, ahead, behind])
    return entries


def _shown(text: str) -> str:
    """A text as a finding quotes it: 60 characters at most."""
    return text if len(text) <= 60 else text[:57] + "..."


Rank = Callable[[str, list[Placed]], tuple]


def _minorities(groups: dict[str, list[Placed]], where: _Where, severity: Severity, lead: str,
                lang: str, rank: Rank | None = None,
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
    first = usual_places[0]
    at = f"{where.document(first)}:{first[1][SEG]}"
    shown = _shown(usual) if show_key else first[1][TEXT]
    message = f"{lead}: {len(usual_places)}× as {shown!r} in {lang} (first at {at})"
    for _text, places in ranked[1:]:
        for placed in places:
            place = placed[1]
            if place[SILENCED]:
                continue
            yield Finding(check=CHECK, severity=severity, message=message,
                          path=where.path(placed), line=place[LINE], segment=place[SEG],
                          document=where.document(placed), suggestion=shown)


def _glossary_score(corpus: Corpus, seg: Segment, lang: str, ctx: Context) -> list[int]:
    """How many of the source's glossary concepts the rendering gives an approved term,
    and how many its preferred term."""
    source = corpus.source
    if source is None:
        return [0, 0]
    wanted = tally(ctx, seg, source).present
    approved = wanted & set(tally(ctx, seg, lang).allowed)
    preferred = {c for m in ctx.matches(seg, lang) for c in m.concepts & approved
                 if m.status_for(c) == "preferred"}
    return [len(approved), len(preferred)]


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

    def translated(self, corpus: Corpus, seg: Segment, lang: str) -> bool:
        return self._state(corpus, lang).get(seg.id) == "translated"

    def _state(self, corpus: Corpus, lang: str) -> dict[str, str]:
        key = (id(corpus), lang)
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = {}
            doc = corpus.document
            if doc is not None and doc.source is not None and lang in doc.languages:
                from att_docs.records.provenance import unit_states

                found.update((u.id, u.state) for u in unit_states(doc, lang).values())
        return found


def _term_entries(corpora: list[Corpus], ctx: Context, make: _Places) -> list[list[Any]]:
    """[concept, language, bilingual, variant, place] for every rendering of a concept:
    bilingual where the source holds it, else every match."""
    entries: list[list[Any]] = []
    variants: dict[tuple[tuple, str], str] = {}  # by a match's entries and concept
    for corpus in corpora:
        source = corpus.source if corpus.bilingual else None
        languages = [(lang, ctx.index.varied(lang)) for lang in corpus.languages
                     if lang != source]
        for seg in corpus.segments:
            src_concepts: frozenset[str] | None = None
            for lang, varied in languages:
                if not seg.text(lang) or ctx.untranslated(corpus, seg, lang):
                    continue
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
                        found = variants.get((m.entries, concept))
                        if found is None:
                            found = variants[(m.entries, concept)] = _variant(m, concept)
                        entries.append([concept, lang, source is not None, found,
                                        make(corpus, seg, lang, m.start)])
    return entries
