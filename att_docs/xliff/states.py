"""Where each unit's translation stands, as the XLIFF export reports it.

``translated`` (the paper has the text in the language), ``stale`` (it has, but the
original changed since the translation was made), ``untranslated`` (missing, empty, or
still the original text, as a new paper's copy of the original starts). The readiness
record of the conference knows about stale translations; until it is kept, every other
translation counts as translated.
"""

from __future__ import annotations

from att_docs.document.model import Document
from att_docs.document.units import document_units

__all__ = ["unit_states"]


def unit_states(doc: Document, lang: str) -> dict[str, str]:
    """``{unit id: state}`` of ``doc``'s units in ``lang``."""
    original = doc.masthead.original_language
    states: dict[str, str] = {}
    for unit in document_units(doc):
        text, source = unit.text(lang), unit.text(original)
        plain = text.plain().strip() if text is not None else ""
        untranslated = not plain or (source is not None and plain == source.plain().strip())
        states[unit.id] = "untranslated" if untranslated else "translated"
    return states
