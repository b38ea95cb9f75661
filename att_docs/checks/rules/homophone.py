"""homophone: Chinese characters that read like a glossary term but are other characters.

The most common Chinese input-method slip (联系主席 for 联席主席). See
:mod:`att_docs.checks.homophones` for how spans are found and what keeps ordinary words
(联系方式, 保持联系) from being reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.homophones import Homophone, syllable
from att_docs.checks.segments import Corpus, Segment

CHECK = "homophone"
HELP = "characters that read like a glossary term (联系主席 for 联席主席)"
"""What ``att-docs check --help`` says of the check."""
ORDER = 50
"""Where the check stands in reports (ascending)."""


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        for lang in corpus.languages:
            if ctx.language(lang).homophones != "pinyin":
                continue
            index = ctx.index.homophones(lang)
            if index.empty:
                continue
            for seg in corpus.segments:
                text = seg.text(lang)
                if not text or CHECK in seg.ignore or ctx.untranslated(corpus, seg, lang):
                    continue
                for slip in ctx.fact(CHECK, seg, lang, _slips):
                    reading = " ".join(filter(None, (syllable(c) for c in slip.term)))
                    yield ctx.finding(
                        CHECK, "warning", corpus, seg, lang,
                        f"{slip.text} reads like the term {slip.term} ({reading}) but is "
                        f"written with other characters: expected {slip.term}",
                        slip.term, slip.start)


def _slips(ctx: Context, seg: Segment, lang: str) -> list[Homophone]:
    """The slips in the segment's text, outside the glossary terms found there (once per
    text: they depend on the text alone)."""
    covered = [(m.start, m.end) for m in ctx.matches(seg, lang) if not m.deprecated_only]
    return ctx.index.homophones(lang).find(seg.text(lang), covered)  # type: ignore[no-any-return]
