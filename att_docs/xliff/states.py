"""Where each unit's translation stands, as the XLIFF export reports it.

``translated`` (the paper has the text in the language), ``stale`` (it has, but the
original changed since the translation was made), ``untranslated`` (it has not). The
readiness record of the conference knows about stale translations; until it is kept,
every translation present counts as translated.
"""

from __future__ import annotations

from att_docs.document.model import Document
from att_docs.document.units import document_units

__all__ = ["unit_states"]


def unit_states(doc: Document, lang: str) -> dict[str, str]:
    """``{unit id: state}`` of ``doc``'s units in ``lang``."""
    return {unit.id: "translated" if unit.text(lang) is not None else "untranslated"
            for unit in document_units(doc)}
