"""The states by which a translator confirms a text in a returned XLIFF file.

A unit's own state in a paper (``translated``, ``stale``, ``untranslated``) is the
translation record's (:mod:`att_docs.records.provenance`); the export says it as
each XLIFF version does (:mod:`att_docs.exchange.xliff.export`).
"""

from __future__ import annotations

__all__ = ["CONFIRMED", "confirms"]

CONFIRMED = {"1.2": frozenset({"final", "signed-off"}), "2": frozenset({"final"})}
"""Target states (1.2) and segment states (2.x) by which a translator confirms a text as
the translation, even where it is the same as the original ("Introduction" in French)."""


def confirms(state: str, version: str) -> bool:
    """``state`` (as the file of XLIFF ``version`` says it) confirms the target."""
    return state in CONFIRMED["1.2" if version == "1.2" else "2"]
