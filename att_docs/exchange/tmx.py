"""A translation memory of a conference's own wording: TMX 1.4 from its aligned papers.

Every paper of the conference is read (as the build reads it), and each translatable unit
(:mod:`att_docs.document.units`) that has a source text and at least one translation
becomes one ``<tu>``: ``tuid`` is ``<symbol>#<unit id>``, one ``<tuv>`` for the source
language and one per translated language, in plain text (inline formatting and footnote
marks are not part of a TM segment). A CAT tool then offers the conference's earlier
renderings as matches. Written with translate-toolkit's TMX storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from att_docs.document.model import Document
from att_docs.document.units import document_units

__all__ = ["conference_tmx", "documents_tmx"]


def conference_tmx(folder: Path, templates: Path, source: str | None = None,
                   targets: Sequence[str] | None = None) -> tuple[bytes, int]:
    """The TMX of every paper of the conference in ``folder`` and its number of units."""
    from att_docs.status.setinfo import load_conference

    _, documents = load_conference(folder, templates)
    return documents_tmx(documents, source, targets)


def documents_tmx(documents: Sequence[Document], source: str | None = None,
                  targets: Sequence[str] | None = None) -> tuple[bytes, int]:
    """The TMX of ``documents`` and its number of units.

    ``source`` defaults to each paper's original language; ``targets`` to every other
    language of the paper. A unit with no text in the source language, or in none of the
    targets, is left out.
    """
    from translate.storage.tmx import tmxfile

    sources = {source or d.masthead.original_language for d in documents}
    header_lang = sources.pop() if len(sources) == 1 else "*all*"
    memory = tmxfile(sourcelanguage=header_lang)
    for header in memory.document.getroot().iter("header"):
        header.set("segtype", "paragraph")  # each unit is a whole paragraph, title or cell
    count = 0
    for doc in documents:
        src = source or doc.masthead.original_language
        langs = [lang for lang in (targets or doc.languages) if lang != src]
        for unit in document_units(doc):
            original = unit.text(src)
            translations = {lang: text.plain() for lang in langs
                            if (text := unit.text(lang)) is not None and text.plain().strip()}
            if original is None or not original.plain().strip() or not translations:
                continue
            tu = memory.addsourceunit(original.plain(), src)
            tu.xmlelement.set("tuid", f"{doc.masthead.symbol}#{unit.id}")
            for lang, text in translations.items():
                tu.settarget(text, lang, append=True)
            count += 1
    return bytes(memory), count
