"""Where each unit's translation stands, as the XLIFF export reports it.

The conference's translation record (:mod:`att_docs.conference.provenance`) knows it:
``translated`` (made from the current original), ``stale`` (the original changed since,
or the translation was never recorded), ``untranslated`` (missing, empty, still the
original text or a placeholder). Texts with no counterpart in the original (``extra``)
are not exported.
"""

from __future__ import annotations

from att_docs.document.model import Document

__all__ = ["unit_states"]


def unit_states(doc: Document, lang: str) -> dict[str, str]:
    """``{unit id: state}`` of ``doc``'s units in ``lang``."""
    from att_docs.conference.provenance import unit_states as recorded_states

    return {unit_id: unit.state for unit_id, unit in recorded_states(doc, lang).items()
            if unit.state != "extra"}
