"""One module per check id. Each has ``CHECK`` (the id) and ``run(corpora, ctx)``.

``run`` receives every corpus of the run at once (consistency compares across the paper
set; the others loop over corpora) and yields findings.
"""

from __future__ import annotations

from att_docs.checks.rules import (
    consistency,
    date,
    deprecated,
    homophone,
    number,
    reference,
    stale,
    structure,
    term,
    term_reverse,
    typography,
    untranslated,
)

__all__ = ["RULES"]

RULES = (untranslated, term, term_reverse, deprecated, homophone, consistency, number, date,
         reference, structure, typography, stale)
