"""deprecated: a deprecated variant of a glossary term, with the preferred term to use.

Bilingual: reported where the aligned source names the concept with an approved term (the
translator chose the wrong word; a source that writes the deprecated name itself, as
another treaty's "Conference of the Parties", is rendered faithfully). Monolingual:
reported wherever it stands. Matching is leftmost-longest, so characters that belong to a
longer glossary term (公约 inside 《集束弹药公约》) never count.
A Chinese variant that reads like the preferred term (联系主席) is left to ``homophone``.
"""

from __future__ import annotations

from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.rules.term import tally
from att_docs.checks.segments import Corpus

CHECK = "deprecated"
HELP = "a deprecated variant (公约 for the Treaty), with the preferred term"
"""What ``att-docs check --help`` says of the check."""
ORDER = 40
"""Where the check stands in reports (ascending)."""


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        source = corpus.source if corpus.bilingual else None
        for seg in corpus.segments:
            if CHECK in seg.ignore:
                continue
            # bilingual: where the source names the concept with an approved term (a
            # source that itself writes the deprecated name is rendered faithfully)
            present = (frozenset(tally(ctx, seg, source).allowed)
                       if source and seg.text(source) else None)
            for lang in corpus.languages:
                if lang == source or not seg.text(lang) or \
                        ctx.untranslated(corpus, seg, lang):
                    continue
                for m in ctx.matches(seg, lang):
                    if not m.deprecated_only:
                        continue
                    concepts = sorted(m.concepts if present is None else m.concepts & present)
                    if not concepts:
                        continue
                    preferred = ctx.index.label(concepts[0], lang)
                    if ctx.language(lang).homophones == "pinyin" and \
                            ctx.index.homophones(lang).same_sound(m.text, preferred):
                        continue  # an input-method slip: the homophone check reports it
                    where = (f"; the {source} text has {ctx.index.label(concepts[0], source)!r}"
                             if present is not None else "")
                    severity = "error" if present is not None else "warning"
                    yield ctx.finding(CHECK, severity, corpus, seg, lang,
                                      f"{m.text} is deprecated: expected {preferred}{where}",
                                      preferred, m.start)
