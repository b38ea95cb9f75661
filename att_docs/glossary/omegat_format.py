"""OmegaT's own glossary format: tab-separated ``source<TAB>target<TAB>comment``, UTF-8.

One line per allowed source term (preferred, admitted, abbreviations) of each concept
that has a preferred target term; the target column holds that preferred term, so the
translator sees the required rendering whichever source form the text uses. The comment
gives the other allowed target terms, the ones to avoid (deprecated, superseded), and the
concept's note. Tabs and line breaks inside a value become spaces: the format has no
quoting. OmegaT reads such a file from the project's ``glossary/`` folder; name it
``.utf8``, which OmegaT 3.6 always reads as UTF-8 (``.txt`` and ``.tab`` it reads in an
encoding it guesses, falling back to the system's).
"""

from __future__ import annotations

import re

from att_docs.glossary.model import Concept, Glossary

__all__ = ["dumps_omegat"]

_BREAKS = re.compile(r"[\t\r\n]+")


def dumps_omegat(glossary: Glossary, source: str, target: str) -> str:
    """The glossary as OmegaT tab-separated lines from ``source`` to ``target``."""
    lines = []
    for concept in glossary.concepts:
        preferred = concept.preferred(target)
        if preferred is None:
            continue
        comment = _comment(concept, target)
        for term in concept.allowed(source):
            lines.append("\t".join(_flat(v) for v in (term.text, preferred.text, comment)))
    return "".join(f"{line}\n" for line in lines)


def _comment(concept: Concept, target: str) -> str:
    preferred = concept.preferred(target)
    parts = []
    also = [t.text for t in concept.allowed(target) if t is not preferred]
    if also:
        parts.append(f"also: {', '.join(also)}")
    avoid = [t.text for t in concept.deprecated(target)]
    if avoid:
        parts.append(f"avoid: {', '.join(avoid)}")
    if concept.note:
        parts.append(concept.note)
    return "; ".join(parts)


def _flat(value: str) -> str:
    return _BREAKS.sub(" ", value).strip()
