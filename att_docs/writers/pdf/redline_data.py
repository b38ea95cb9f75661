"""The template's input for a redline PDF: the document data, with what changed marked.

A redline document (:func:`~att_docs.document.revision.redline_document`) serialises as any
document does (:mod:`.typst_data`), with these additions, which ``templates/redline.typ``
lays out (``templates/paper.typ`` calls it where a run, a number or a block is set)::

    Inline  += {"change": "ins" | "del" | "move-from" | "move-to" | "format"}
    paragraph, subparagraph += {"change": ...}   # the number of a paragraph changed whole
    Block   += {"changed": true}                 # a change bar in the margin
    paragraph += {"text_changed": true}, subparagraph += {"changed": true}  # bars of each
    Block   |= {"kind": "notice", "text": Inlines}
    meta    += {"redline": styles.yaml's redline look}
"""

from __future__ import annotations

from typing import Any

from att_docs.document.model import (
    Block,
    Document,
    FootnoteRef,
    FrameBlock,
    Inline,
    Localized,
    Text,
)
from att_docs.document.revision import NOTICE_STYLE, ChangedRef, ChangedRun, RevisedText
from att_docs.writers.keep import lead_ins
from att_docs.writers.pdf.typst_data import _meta, _Serialiser
from att_docs.writers.styles import Styles

__all__ = ["redline_data"]

Json = dict[str, Any]
_CHANGES = {"inserted": "ins", "deleted": "del", "formatted": "format",
            "moved-from": "move-from", "moved-to": "move-to"}


def _mark(text: Text | None) -> str | None:
    """The change of a text as a whole: inserted, deleted or moved."""
    return _CHANGES.get(text.mark) if isinstance(text, RevisedText) and text.mark else None


class _RedlineSerialiser(_Serialiser):
    """Runs with their change; blocks with a change bar; the paragraphs' numbers too."""

    moving: str | None = None  # the mark of the moved text being serialised

    def text(self, value: Localized, owner: str) -> Text:
        text = super().text(value, owner)
        mark = text.mark if isinstance(text, RevisedText) else None
        self.moving = mark if mark in ("moved-from", "moved-to") else None
        return text

    def inline(self, inline: Inline) -> Json:
        data = super().inline(inline)
        if isinstance(inline, ChangedRun | ChangedRef):
            data["change"] = _CHANGES[inline.change]
        elif self.moving and "text" in data:
            data["change"] = _CHANGES[self.moving]
        return data

    def footnote(self, ref: FootnoteRef) -> Json:
        moving = self.moving  # the note's text is serialised inside the paragraph's
        data = super().footnote(ref)
        self.moving = moving
        return data

    def block(self, block: Block) -> Json:
        if isinstance(block, FrameBlock) and block.style == NOTICE_STYLE:
            return {"kind": "notice", "text": self.inlines(block.text, block.id)}
        data = super().block(block)
        if data["kind"] != "paragraph" and _changed(block, self.lang):
            data["changed"] = True
        return data

    def paragraph(self, block: Any) -> Json:
        """A paragraph's bar beside its own text, each subparagraph's beside its own."""
        data = super().paragraph(block)
        for text, json in [(block.text, data), *zip((s.text for s in block.subparagraphs),
                                                    data["subparagraphs"], strict=True)]:
            revised = text.get(self.lang)
            if change := _mark(revised):
                json["change"] = change
            if isinstance(revised, RevisedText) and revised.changed:
                json["text_changed" if json is data else "changed"] = True
        return data


def _changed(block: Block, lang: str) -> bool:
    from att_docs.document.walk import block_texts

    return any(isinstance(t, RevisedText) and t.changed
               for t in (p.text.get(lang) for p in block_texts(block)))


def redline_data(document: Document, lang: str, styles: Styles,
                 draft: str | None = None, *,
                 fallback_fonts: list[str] | None = None) -> Json:
    """The template's input for the redline ``document`` in ``lang``; ``draft`` and
    ``fallback_fonts`` as for :func:`~.typst_data.document_data`."""
    walker = _RedlineSerialiser(document, lang,
                                lead_ins(document.body, lang, styles.lead_in_endings))
    meta = _meta(document, lang, styles, draft, fallback_fonts)
    meta["redline"] = styles.redline.model_dump()
    return {"meta": meta, "blocks": [walker.block(b) for b in document.body]}
