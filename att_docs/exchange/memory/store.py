"""The translation memory of a content folder: its papers' recorded translations and
the TMX files kept in ``content/.tm/``, indexed per language pair when first asked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from att_docs.document.model import Document
from att_docs.exchange.memory.match import Memory

__all__ = ["MemoryStore"]


class MemoryStore:
    """Every paper under ``content`` and every stored TMX file, read once; a
    :class:`~att_docs.exchange.memory.match.Memory` per language pair, built when first asked.

    ``notes`` names the papers and conferences that could not be read (they are left
    out; the command goes on). Papers of ``known``, read already, are not read again."""

    def __init__(self, content: Path, templates: Path,
                 known: Sequence[Document] = ()) -> None:
        from att_docs.exchange.memory.papers import content_documents
        from att_docs.exchange.memory.tmx import read_tmx, stored_tmx

        self.content = content
        if content.is_dir():
            self.documents, self.notes = content_documents(content, templates, known)
            self.tmx = [read_tmx(path) for path in stored_tmx(content)]
        else:
            self.documents, self.notes, self.tmx = [], [], []
        self._memories: dict[tuple[str, str], Memory] = {}

    def memory(self, source: str, target: str) -> Memory:
        """Entries from ``source`` into ``target``: papers first, then TMX files."""
        from att_docs.exchange.memory.papers import document_entries
        from att_docs.exchange.memory.tmx import tmx_entries

        key = (source, target)
        if key not in self._memories:
            entries = [entry for doc in self.documents
                       if doc.masthead.original_language == source
                       for entry in document_entries(doc, target)]
            entries += [entry for tmx in self.tmx for entry in tmx_entries(tmx, source, target)]
            self._memories[key] = Memory(entries)
        return self._memories[key]
