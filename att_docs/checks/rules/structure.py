"""structure: every segment present, translated, and shaped alike in each language.

A source text that is empty where its translation is not, a table cell with a different
number of paragraphs or list items, and the alignment problems the reader found (a block
missing, added or moved). A translation missing, empty or left a copy of its source is
the ``untranslated`` check's.
"""

from __future__ import annotations

from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus

CHECK = "structure"
HELP = "a segment shaped differently (paragraphs, list items, alignment)"
"""What ``att-docs check --help`` says of the check."""
ORDER = 100
"""Where the check stands in reports (ascending)."""


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        for message, path, line in corpus.problems:
            yield Finding(CHECK, "error", message, path, line, None, corpus.name)
        if not corpus.bilingual:
            continue
        source = corpus.source
        assert source is not None
        for target in corpus.targets:
            for seg in corpus.segments:
                if CHECK in seg.ignore or ctx.untranslated(corpus, seg, target):
                    continue
                if not seg.text(source).strip() and seg.text(target).strip() \
                        and source in seg.texts:
                    yield ctx.finding(CHECK, "error", corpus, seg, source,
                                      f"the {source} text of {seg.kind} {seg.id} is empty")
                    continue
                blocks_src, blocks_tgt = seg.blocks.get(source), seg.blocks.get(target)
                if blocks_src and blocks_tgt and blocks_src != blocks_tgt:
                    yield ctx.finding(CHECK, "warning", corpus, seg, target,
                                      f"{blocks_tgt[0]} paragraphs and {blocks_tgt[1]} list items "
                                      f"in the {target} text, {blocks_src[0]} and "
                                      f"{blocks_src[1]} in the {source} text")
