"""structure: every segment present, translated, and shaped alike in each language.

A segment missing or empty in a language, a target identical to its source (left
untranslated), a table cell with a different number of paragraphs or list items, and
the alignment problems the reader found (a block missing, added or moved).

In a paper, "identical" is what the translation record says: a copy of the original
that nobody confirmed, whatever its length; a text confirmed to stay the same in the
language ("Introduction" in French) is not reported. Elsewhere (XLIFF, text files),
a target identical to its source with two words or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus

CHECK = "structure"

_WORDS = re.compile(r"\b[a-z][a-z]+\b")


def _copies(corpus: Corpus, target: str) -> dict[str, bool]:
    """For each unit of a paper: is its ``target`` text an unconfirmed copy of the
    original? Empty for a corpus that is not a paper."""
    if corpus.document is None or corpus.document.source is None:
        return {}
    from att_docs.conference.provenance import unit_states

    return {uid: unit.reason == "identical"
            for uid, unit in unit_states(corpus.document, target).items()}


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        for message, path, line in corpus.problems:
            yield Finding(CHECK, "error", message, path, line, None, corpus.name)
        if not corpus.bilingual:
            continue
        source = corpus.source
        assert source is not None
        for target in corpus.targets:
            copies = _copies(corpus, target)
            for seg in corpus.segments:
                if CHECK in seg.ignore:
                    continue
                src, tgt = seg.text(source), seg.text(target)
                if target not in seg.texts and source in seg.texts:
                    yield ctx.finding(CHECK, "error", corpus, seg, source,
                                      f"{seg.kind} {seg.id} has no {target} text")
                    continue
                if src.strip() and not tgt.strip():
                    yield ctx.finding(CHECK, "error", corpus, seg, target,
                                      f"the {target} text of {seg.kind} {seg.id} is empty")
                    continue
                if tgt.strip() and not src.strip() and source in seg.texts:
                    yield ctx.finding(CHECK, "error", corpus, seg, source,
                                      f"the {source} text of {seg.kind} {seg.id} is empty")
                    continue
                if src.strip() == tgt.strip() and copies.get(
                        seg.id, len(_WORDS.findall(src)) >= 2):
                    yield ctx.finding(CHECK, "warning", corpus, seg, target,
                                      f"the {target} text is identical to the {source} text: "
                                      "not translated?")
                blocks_src, blocks_tgt = seg.blocks.get(source), seg.blocks.get(target)
                if blocks_src and blocks_tgt and blocks_src != blocks_tgt:
                    yield ctx.finding(CHECK, "warning", corpus, seg, target,
                                      f"{blocks_tgt[0]} paragraphs and {blocks_tgt[1]} list items "
                                      f"in the {target} text, {blocks_src[0]} and "
                                      f"{blocks_src[1]} in the {source} text")
