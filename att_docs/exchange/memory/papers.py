"""The recorded translations of a content folder's conferences, as memory entries.

Every paper of every conference under the content folder is read leniently, as
``status`` reads it; each unit ``translated`` into the target language (recorded as
made from its current original, or confirmed to stay the same) gives one entry per
paragraph, with the paragraph's XLIFF id (``<unit id>:<n>`` for a text of several).
Stale, untranslated and extra units give none: what is remembered is what was
translated from the text as it stands. A paper that cannot be read is left out and
named in the notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.document.model import Document
from att_docs.exchange.memory.entries import Entry
from att_docs.exchange.xliff import BLOCK_SEP

__all__ = ["content_documents", "document_entries"]


def content_documents(content: Path, templates: Path, known: Sequence[Document] = (),
                      ) -> tuple[list[Document], list[str]]:
    """Every paper under ``content`` (a folder of conferences, or one conference), and a
    note for each paper or conference that could not be read. Papers of ``known`` (read
    already) are taken as they are."""
    from att_docs.base.paths import CONFERENCE_FILE, find_paper_dirs
    from att_docs.readers.load import load_papers

    if (content / CONFERENCE_FILE).is_file():
        folders = [content]
    else:
        folders = sorted(p.parent for p in content.glob(f"*/{CONFERENCE_FILE}")
                         if not p.parent.name.startswith("."))
    read = {doc.source.resolve(): doc for doc in known if doc.source is not None}
    docs: list[Document] = []
    notes: list[str] = []
    for folder in folders:
        try:
            dirs = find_paper_dirs(folder)
            docs.extend(read[d.resolve()] for d in dirs if d.resolve() in read)
            missing = [d for d in dirs if d.resolve() not in read]
            if not missing:
                continue
            papers = load_papers(folder, templates, strict=False, keep_going=True,
                                 dirs=missing)
        except ContentError as exc:
            notes.append(f"{exc}; its papers are not in the translation memory")
            continue
        docs.extend(papers.documents.values())
        notes.extend(f"{exc}; not in the translation memory" for exc in papers.failed.values())
    return docs, notes


def document_entries(doc: Document, target: str) -> Iterator[Entry]:
    """One entry per paragraph of each unit of ``doc`` translated into ``target``."""
    from att_docs.document.units import document_units
    from att_docs.records.provenance import unit_states

    original = doc.masthead.original_language
    if target == original or target not in doc.languages:
        return
    states = unit_states(doc, target)
    symbol = str(doc.masthead.symbol)
    for unit in document_units(doc):
        state = states.get(unit.id)
        source, translation = unit.text(original), unit.text(target)
        if state is None or state.state != "translated" or source is None \
                or translation is None or len(source.blocks) != len(translation.blocks):
            continue
        several = len(source.blocks) > 1
        for n, (src, tgt) in enumerate(zip(source.blocks, translation.blocks, strict=True)):
            xliff_id = f"{unit.id}{BLOCK_SEP}{n + 1}" if several else unit.id
            yield Entry(tuple(src.inlines), tuple(tgt.inlines), f"{symbol}#{xliff_id}",
                        xliff_id, doc.type, symbol, doc.masthead.date)
