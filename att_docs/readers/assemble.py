"""Assembly: wrap a read Document in its template frame and number it.

After :func:`assemble`, ``Document.body`` is the complete ordered block sequence, paragraph
numbers run on across headings within each part (restarting in each annex),
subparagraphs are lettered, and footnotes are numbered in order of first reference.
Writers read the result and never compute numbers themselves, so every format agrees.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.document.house_style import house_style
from att_docs.document.model import (
    Block,
    Document,
    FrameBlock,
    Localized,
    PageBreak,
    Paragraph,
    Part,
    Text,
)
from att_docs.document.walk import footnote_refs, walk
from att_docs.readers.frame import FrameItem, FrameRenderer

__all__ = ["assemble", "letter"]


def assemble(doc: Document, renderer: FrameRenderer) -> Document:
    """Set ``doc.body`` from the type's template, then number paragraphs and footnotes."""
    for part in doc.parts:
        _number_part(part)
    frames = {lang: renderer.render_paper(doc, lang) for lang in doc.languages}
    annex_frames = {
        annex.id: {lang: renderer.render_annex(doc, annex, lang) for lang in doc.languages}
        for annex in doc.annexes
    }
    body: list[Block] = []
    counter = iter(range(1, 10_000))
    for item in _aligned(frames, doc, renderer.templates / f"{doc.type}.md.j2"):
        if item[0] == "body":
            body.extend(doc.main.blocks)
        elif item[0] == "annexes":
            for annex in doc.annexes:
                annex_path = renderer.templates / "annex.md.j2"
                for sub in _aligned(annex_frames[annex.id], doc, annex_path):
                    body.extend(_materialise(sub, annex, counter))
        else:
            body.extend(_materialise(item, doc.main, counter))
    doc.body = body
    _number_footnotes(doc)
    doc.house_styles = {lang: house_style(renderer.templates, lang,
                                          doc.conference.house_style.get(lang))
                        for lang in doc.languages}
    return doc


def _aligned(frames: dict[str, list[FrameItem]], doc: Document,
             path: Path) -> Iterator[tuple[str, str, Localized]]:
    """Zip the per-language frames; they must have the same shape."""
    langs = list(frames)
    shapes = {lang: [(i.kind, i.style) for i in frames[lang]] for lang in langs}
    first = langs[0]
    for lang in langs[1:]:
        if shapes[lang] != shapes[first]:
            raise ContentError(f"the template gives a different frame in {lang!r} than in "
                               f"{first!r} for {doc.id}: keep language-specific text in the "
                               "message catalogue, not in template conditions", path)
    for index, item in enumerate(frames[first]):
        texts: Localized = {}
        for lang in langs:
            text = frames[lang][index].text
            if text is not None:
                texts[lang] = text
        yield item.kind, item.style, texts


def _materialise(item: tuple[str, str, Localized], part: Part,
                 counter: Iterator[int]) -> list[Block]:
    kind, style, texts = item
    if kind == "body":
        return list(part.blocks)
    if kind == "pagebreak":
        return [PageBreak(f"{part.id}.page-break")]
    if kind == "line":
        return [FrameBlock(f"frame-{next(counter)}", style, texts)]
    raise ContentError(f"```{{{kind}}} is only allowed in a paper's template, not an annex's")


def letter(index: int) -> str:
    """0 → a, 25 → z, 26 → aa: subparagraph labels."""
    letters = string.ascii_lowercase
    return letters[index] if index < 26 else letter(index // 26 - 1) + letters[index % 26]


def _number_part(part: Part) -> None:
    number = 0
    for block in part.blocks:
        if isinstance(block, Paragraph):
            if block.numbered:
                number += 1
                block.number = number
            for i, sub in enumerate(block.subparagraphs):
                sub.label = letter(i)
                sub.index = i + 1


def _refs(text: Text) -> Iterator[str]:
    return (ref.id for ref in footnote_refs(text))


def _number_footnotes(doc: Document) -> None:
    original = doc.masthead.original_language
    number = 0
    for piece in walk(doc.body):
        text = piece.text.get(original)
        if text is None:
            continue
        for ref in _refs(text):
            note = doc.footnotes.get(ref)
            if note is None:
                raise ContentError(f"footnote [^{ref}] is not defined", doc.source)
            if note.number is None:
                number += 1
                note.number = number
    for note in doc.footnotes.values():
        if note.number is None:
            where = note.text.get(original)
            raise ContentError(f"footnote [^{note.id}] is defined but never referenced",
                               where.where.path if where and where.where else doc.source,
                               where.where.line if where and where.where else None)
