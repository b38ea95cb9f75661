"""Where each unit's translation stands, as the XLIFF export reports it, and the states
a translator returns that confirm a text.

The conference's translation record (:mod:`att_docs.conference.provenance`) knows it:
``translated`` (made from the current original, or confirmed to stay the same),
``stale`` (a recorded translation whose original changed since), ``untranslated``
(missing, empty, still the original text or a placeholder). Texts with no counterpart
in the original (``extra``) are not exported.
"""

from __future__ import annotations

from att_docs.document.model import Document

__all__ = ["CONFIRMED", "confirms", "unit_states"]

CONFIRMED = {"1.2": frozenset({"final", "signed-off"}), "2": frozenset({"final"})}
"""Target states (1.2) and segment states (2.x) by which a translator confirms a text as
the translation, even where it is the same as the original ("Introduction" in French)."""


def confirms(state: str, version: str) -> bool:
    """``state`` (as the file of XLIFF ``version`` says it) confirms the target."""
    return state in CONFIRMED["1.2" if version == "1.2" else "2"]


def unit_states(doc: Document, lang: str) -> dict[str, str]:
    """``{unit id: state}`` of ``doc``'s units in ``lang``."""
    from att_docs.conference.provenance import unit_states as recorded_states

    return {unit_id: unit.state for unit_id, unit in recorded_states(doc, lang).items()
            if unit.state != "extra"}
