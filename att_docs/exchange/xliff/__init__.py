"""XLIFF out of a paper for a translator's CAT tool, and the translation back into the paper.

- :mod:`~att_docs.exchange.xliff.codes`: a text's inlines as segment content with inline codes,
  and back; the same for both XLIFF versions.
- :mod:`~att_docs.exchange.xliff.export`: one XLIFF 1.2 or 2.1 file per paper and target language.
- :mod:`~att_docs.exchange.xliff.parse`: an XLIFF file read safely into units (source and target).
- :mod:`~att_docs.exchange.xliff.ingest`: those units checked against the paper and written into it.
- :mod:`~att_docs.exchange.xliff.leverage`: translation-memory matches as pre-filled targets and
  offered candidates.
"""

from __future__ import annotations

XLIFF_VERSIONS = ("1.2", "2.1")
NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_2 = "urn:oasis:names:tc:xliff:document:2.0"
NS_MTC = "urn:oasis:names:tc:xliff:matches:2.0"  # the Translation Candidates module
BLOCK_SEP = ":"
"""Separates a unit id from the number of its block (``cell.text:2``) for texts of
several paragraphs; unit ids never contain it."""

__all__ = ["BLOCK_SEP", "NS_2", "NS_12", "NS_MTC", "XLIFF_VERSIONS"]
