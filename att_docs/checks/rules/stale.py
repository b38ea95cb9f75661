"""stale: a translation made from an older version of the original text.

One finding per stale unit of a paper (see :mod:`att_docs.records.provenance`): a
recorded translation whose original changed since, at the file and line of the
translation, with the original before and after as a word diff
(``[-deleted-]{+inserted+}``).
"""

from __future__ import annotations

from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus
from att_docs.records.provenance import UnitState, unit_states
from att_docs.records.worddiff import inline_diff

CHECK = "stale"
HELP = "a translation made from an older original text, with the word diff"
"""What ``att-docs check --help`` says of the check."""
ORDER = 120
"""Where the check stands in reports (ascending)."""


def message(unit: UnitState, source: str, target: str) -> str:
    """What changed, for a stale unit: the word diff of the original."""
    return (f"the {source} text of {unit.kind} {unit.id} changed since the {target} "
            f"translation was made: {inline_diff(unit.old_source or '', unit.source)}")


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        doc, source = corpus.document, corpus.source
        if doc is None or source is None:
            continue
        for lang in doc.languages:
            if lang == source:
                continue
            for unit in unit_states(doc, lang).values():  # untranslated: not stale
                if unit.state != "stale":
                    continue
                path, line = ((unit.where.path, unit.where.line) if unit.where
                              else (unit.file or corpus.path, None))
                yield Finding(CHECK, "warning", message(unit, source, lang), path, line,
                              unit.id, corpus.name,
                              suggestion=f"revise the {lang} text, then: att-docs translated "
                                         f"{doc.source} --lang {lang} {unit.id}")
