"""Serialise a document, in one language, to the plain data that ``templates/paper.typ`` lays out.

The PDF writer hands Typst JSON rather than Typst markup: user text never needs escaping,
and the layout lives in the template where a designer can change it. The shape is::

    {"meta": {...},             # ids, language, title, symbol, date, fonts, page, sizes,
                                # the resolved styles of templates/styles.yaml by name,
                                # the draft mark {"text", "place", "style"} or null
     "blocks": [Block, ...]}    # the document body in order

    Block   = {"kind": "frame", "style": str, "text": Content}
            | {"kind": "heading", "level": int, "outline": int, "text": Inlines}
            | {"kind": "paragraph", "number": int | None, "text": Inlines, "keep": bool,
               "subparagraphs": [{"label": str, "text": Inlines}]}
            | {"kind": "quote", "text": Inlines, "keep": bool}
            | {"kind": "table", "columns": int, "title": Inlines,
               "rows": [{"label": Content, "cells": [Content]}]}
            | {"kind": "decisions", "groups": [{"lead": Inlines, "items": [Inlines]}]}
            | {"kind": "page-break"}
    Content = [{"kind": "par", "text": Inlines}
               | {"kind": "enum" | "list", "items": [{"number": int | None, "text": Inlines}]}]
    Inlines = [{"text": str, "bold": bool, "italic": bool}
               | {"footnote": id, "number": int, "first": bool, "body": Content | None}]

``first`` is true at a footnote's first reference only, which carries the footnote text;
later references point back to it. ``keep`` marks a paragraph that leads into what follows
it (:mod:`att_docs.writers.keep`). ``outline`` is the heading's level in the PDF structure:
the paper's title is level 1, so headings start at 2 and never skip a level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.document.model import (
    Block,
    BlockQuote,
    DecisionList,
    Document,
    FootnoteRef,
    FrameBlock,
    Heading,
    Inline,
    Localized,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Text,
    TextBlock,
)
from att_docs.document.walk import dispatch, document_title
from att_docs.writers.keep import lead_ins
from att_docs.writers.styles import ParagraphLook, Styles

__all__ = ["document_data", "split_language_tag"]

Json = dict[str, Any]


def split_language_tag(tag: str) -> tuple[str, str | None]:
    """``"xx-YY"`` -> ``("xx", "yy")``; a tag without a region gives ``None``."""
    lang, _, region = tag.partition("-")
    return lang.lower(), (region.lower() or None)


@dataclass
class _Serialiser:
    """Walks the body once, in order, so footnotes know their first reference."""

    document: Document
    lang: str
    lead_ins: set[str] = field(default_factory=set)
    seen_footnotes: set[str] = field(default_factory=set)
    outline_level: int = 1  # the title's

    # ----------------------------------------------------------------- text

    def text(self, value: Localized, owner: str) -> Text:
        """The text of ``value`` in this language, or a ContentError naming the block."""
        try:
            return value[self.lang]
        except KeyError:
            raise ContentError(
                f"block {owner!r} has no {self.lang!r} text", self.document.source
            ) from None

    def inlines(self, value: Localized, owner: str) -> list[Json]:
        return self.inline_list(self.text(value, owner).inlines)

    def content(self, value: Localized, owner: str) -> list[Json]:
        return self.blocks_of(self.text(value, owner).blocks)

    def inline_list(self, inlines: list[Inline]) -> list[Json]:
        return [self.inline(i) for i in inlines]

    def inline(self, inline: Inline) -> Json:
        if isinstance(inline, Run):
            return {"text": inline.text, "bold": inline.bold, "italic": inline.italic}
        return self.footnote(inline)

    def footnote(self, ref: FootnoteRef) -> Json:
        note = self.document.footnotes.get(ref.id)
        if note is None or note.number is None:
            raise ContentError(
                f"footnote {ref.id!r} is referenced but not defined or not numbered",
                self.document.source,
            )
        first = ref.id not in self.seen_footnotes
        self.seen_footnotes.add(ref.id)
        body = self.content(note.text, f"footnote {ref.id}") if first else None
        return {"footnote": ref.id, "number": note.number, "first": first, "body": body}

    def blocks_of(self, blocks: list[TextBlock]) -> list[Json]:
        """Group text blocks: plain paragraphs, and runs of list items into one list."""
        out: list[Json] = []
        for block in blocks:
            text = self.inline_list(block.inlines)
            if block.list_kind is None:
                out.append({"kind": "par", "text": text})
                continue
            kind = "enum" if block.list_kind == "ordered" else "list"
            if not out or out[-1]["kind"] != kind:
                out.append({"kind": kind, "items": []})
            out[-1]["items"].append({"number": block.number, "text": text})
        return out

    # ----------------------------------------------------------------- blocks

    def block(self, block: Block) -> Json:
        return dispatch(self.rules, block, "the PDF writer")

    @property
    def rules(self) -> dict[type, Callable[[Any], Json]]:
        """How each block type becomes template data (one rule per type of the model)."""
        return {
            FrameBlock: self.frame,
            Heading: self.heading,
            Paragraph: self.paragraph,
            BlockQuote: self.quote,
            Table: self.table,
            DecisionList: self.decisions,
            PageBreak: self.page_break,
        }

    def frame(self, block: FrameBlock) -> Json:
        return {"kind": "frame", "style": block.style, "text": self.content(block.text, block.id)}

    def quote(self, block: BlockQuote) -> Json:
        return {"kind": "quote", "text": self.inlines(block.text, block.id),
                "keep": block.id in self.lead_ins}

    @staticmethod
    def page_break(block: PageBreak) -> Json:
        return {"kind": "page-break"}

    def heading(self, block: Heading) -> Json:
        """``outline`` is the structure level: below the title's, never skipping one."""
        self.outline_level = max(2, min(block.level + 1, self.outline_level + 1))
        return {"kind": "heading", "level": block.level, "outline": self.outline_level,
                "text": self.inlines(block.text, block.id)}

    def paragraph(self, block: Paragraph) -> Json:
        text = self.inlines(block.text, block.id)
        subs = [{"label": self.document.subparagraph_label(self.lang, s.label),
                 "text": self.inlines(s.text, s.id)} for s in block.subparagraphs]
        number = block.number if block.numbered else None
        return {"kind": "paragraph", "number": number, "text": text, "subparagraphs": subs,
                "keep": block.id in self.lead_ins}

    def table(self, block: Table) -> Json:
        title = self.inlines(block.title, block.id)
        rows = [{"label": self.content(row.label, row.id),
                 "cells": [self.content(c.text, c.id) for c in row.cells]}
                for row in block.rows]
        columns = 1 + max((len(r["cells"]) for r in rows), default=1)
        return {"kind": "table", "columns": columns, "title": title, "rows": rows}

    def decisions(self, block: DecisionList) -> Json:
        groups = [{"lead": self.inlines(g.lead, g.id),
                   "items": [self.inlines(i.text, i.id) for i in g.items]}
                  for g in block.groups]
        return {"kind": "decisions", "groups": groups}


def _char_class(chars: str) -> str:
    """A regex class of ``chars`` for the template's show rules (none: one never matching)."""
    if not chars:
        return "[^\\s\\S]"
    return "[" + "".join("\\" + c if c in "\\^-[]&~" else c for c in chars) + "]"


@cache
def _look(look: ParagraphLook, east_asian: bool, pitch_pt: float) -> Json:
    """A style as the template needs it (made once per style and language, not for every
    document): its alignment in the language and its line pitch in points."""
    return {**look.as_dict(), "align": look.align_in(east_asian), "pitch_pt": pitch_pt}


def _styles(styles: Styles, lang: str) -> Json:
    """Every style of the sheet as the template needs it in ``lang`` (copies: the data is
    the caller's to change)."""
    east_asian = lang in styles.east_asian
    return {name: dict(_look(look, east_asian, styles.pitch(lang, look.size)))
            for name, look in styles.looks.items()}


def _meta(document: Document, lang: str, styles: Styles, draft: str | None,
          fallback_fonts: list[str] | None) -> Json:
    tag = styles.language_tag(lang)
    text_lang, region = split_language_tag(tag)
    top, bottom, left, right = styles.margins_mm
    date = document.masthead.date
    fallback = list(styles.fallback_fonts if fallback_fonts is None else fallback_fonts)
    return {
        "id": document.id,
        "lang": text_lang,
        "region": region,
        "tag": tag,
        "title": document_title(document, lang),
        "symbol": str(document.masthead.symbol),
        "date": {"year": date.year, "month": date.month, "day": date.day},
        "fonts": {**styles.pdf_fonts(lang), "fallback": fallback},
        "page": {"size": styles.page_size.lower(),
                 "margins_mm": {"top": top, "bottom": bottom, "left": left, "right": right},
                 "header_mm": styles.header_distance_mm[0],
                 "footer_mm": styles.header_distance_mm[1]},
        "sizes": dict(styles.sizes),
        "spacing": dict(styles.spacing),
        "styles": _styles(styles, lang),
        "table": styles.table.model_dump(),
        "footnote_separator": styles.footnote_separator.model_dump(),
        "hyphenate": styles.hyphenate,
        "hanging_punctuation": styles.hanging_punctuation,
        "cjk_latin_spacing": styles.cjk_latin_spacing,
        "cjk": lang in styles.east_asian,
        "full_width": {side: _char_class(marks) for side, marks
                       in styles.full_width_punctuation.model_dump().items()},
        "widow_lines": styles.widow_lines,
        "first_page": styles.first_page.model_dump() if styles.first_page else None,
        "draft": {"text": draft, **styles.draft_mark.model_dump()} if draft else None,
    }


def document_data(document: Document, lang: str, styles: Styles,
                  draft: str | None = None, *,
                  fallback_fonts: list[str] | None = None) -> Json:
    """The template's input for ``document`` in ``lang``: plain JSON-ready data; ``draft``
    is the mark of a text that is not ready, for every page; ``fallback_fonts``: those of
    the style sheet that are installed (default: all)."""
    walker = _Serialiser(document, lang,
                         lead_ins(document.body, lang, styles.lead_in_endings))
    return {"meta": _meta(document, lang, styles, draft, fallback_fonts),
            "blocks": [walker.block(b) for b in document.body]}
