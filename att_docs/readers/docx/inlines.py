"""Pandoc inlines to model inlines: runs with bold and italic, footnote references.

Whatever the content model cannot hold (images, links' targets, underline, comments,
tracked changes) is reported as a :class:`Notice` with its place; nothing is dropped
silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from att_docs.document.model import FootnoteRef, Inline, Run, TextBlock

__all__ = ["Notice", "ReadContext", "blocks_text", "inlines_of", "plain_of", "tidy"]

_DROPPED_FORMAT = {
    "Underline": "underline", "Strikeout": "strikethrough", "SmallCaps": "small capitals",
    "Superscript": "superscript", "Subscript": "subscript",
}
_CHANGE_CLASSES = {"insertion", "deletion", "paragraph-insertion", "paragraph-deletion"}


class Notice(NamedTuple):
    """Something in the draft that the content model cannot express, and where it is."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass
class ReadContext:
    """What reading one draft collects besides the blocks: footnotes, notices, changes."""

    place: str = "start of the document"
    notices: list[Notice] = field(default_factory=list)
    notes: dict[str, list[TextBlock]] = field(default_factory=dict)
    pending_changes: list[str] = field(default_factory=list)

    def notice(self, message: str) -> None:
        item = Notice(self.place, message)
        if item not in self.notices:
            self.notices.append(item)


def inlines_of(items: list[dict[str, Any]], ctx: ReadContext, bold: bool = False,
               italic: bool = False) -> list[Inline]:
    """Model inlines of a pandoc inline list; runs of equal formatting are merged."""
    out: list[Inline] = []
    for item in items:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            _add(out, content, bold, italic)
        elif kind in ("Space", "SoftBreak"):
            _add(out, " ", bold, italic)
        elif kind == "LineBreak":
            _add(out, "\n", bold, italic)
        elif kind == "Strong":
            out.extend(inlines_of(content, ctx, True, italic))
        elif kind == "Emph":
            out.extend(inlines_of(content, ctx, bold, True))
        elif kind in _DROPPED_FORMAT:
            ctx.notice(f"{_DROPPED_FORMAT[kind]} is not kept (the text is)")
            out.extend(inlines_of(content, ctx, bold, italic))
        elif kind == "Quoted":
            quote = "“”" if content[0]["t"] == "DoubleQuote" else "‘’"
            _add(out, quote[0], bold, italic)
            out.extend(inlines_of(content[1], ctx, bold, italic))
            _add(out, quote[1], bold, italic)
        elif kind in ("Code", "Math"):
            _add(out, content[1], bold, italic)
        elif kind == "Link":
            ctx.notice(f"the link to {content[2][0]} is kept as plain text")
            out.extend(inlines_of(content[1], ctx, bold, italic))
        elif kind == "Image":
            ctx.notice("an image cannot be imported (the content format has no images)")
        elif kind == "Note":
            out.append(FootnoteRef(_note(content, ctx)))
        elif kind == "Span":
            out.extend(_span(content, ctx, bold, italic))
        elif kind == "Cite":
            out.extend(inlines_of(content[1], ctx, bold, italic))
        elif kind == "RawInline":
            ctx.notice(f"raw {content[0]} content is not kept")
        else:
            ctx.notice(f"{kind} is not kept")
    return _merged(out)


def _span(content: list[Any], ctx: ReadContext, bold: bool, italic: bool) -> list[Inline]:
    (_, classes, attrs), inner = content
    if _CHANGE_CLASSES & set(classes):
        author = dict(attrs).get("author", "")
        change = next(c for c in classes if c in _CHANGE_CLASSES)
        ctx.pending_changes.append(
            f"{ctx.place}: tracked {change}{f' by {author}' if author else ''}")
        return [] if "deletion" in change else inlines_of(inner, ctx, bold, italic)
    if "comment-start" in classes:
        author = dict(attrs).get("author", "")
        ctx.notice(f"a comment{f' by {author}' if author else ''} is not kept: "
                   f"{plain_of(inner)[:60]!r}")
        return []
    if "comment-end" in classes:
        return []
    return inlines_of(inner, ctx, bold, italic)


def _note(blocks: list[dict[str, Any]], ctx: ReadContext) -> str:
    note_id = f"note-{len(ctx.notes) + 1}"
    ctx.notes[note_id] = []  # reserve the id before nested notes take theirs
    ctx.notes[note_id] = blocks_text(blocks, ctx, "a footnote")
    return note_id


def blocks_text(blocks: list[dict[str, Any]], ctx: ReadContext, where: str) -> list[TextBlock]:
    """Text blocks (paragraphs, list items) of a footnote or table cell."""
    out: list[TextBlock] = []
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            out.append(TextBlock(tidy(inlines_of(content, ctx))))
        elif kind == "Div":
            out.extend(blocks_text(content[1], ctx, where))
        elif kind in ("OrderedList", "BulletList"):
            items = content[1] if kind == "OrderedList" else content
            start = content[0][0] if kind == "OrderedList" else 1
            for offset, item in enumerate(items):
                for sub in blocks_text(item, ctx, where):
                    sub.list_kind = "ordered" if kind == "OrderedList" else "bullet"
                    sub.number = start + offset if kind == "OrderedList" else None
                    out.append(sub)
        elif kind == "BlockQuote":
            out.extend(blocks_text(content, ctx, where))
        else:
            ctx.notice(f"{kind} in {where} is not kept")
    return [b for b in out if b.inlines]


def plain_of(items: list[dict[str, Any]]) -> str:
    """The plain text of pandoc inlines (for notices and recognition)."""
    parts: list[str] = []
    for item in items:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Strong", "Emph", "Underline", "Strikeout", "SmallCaps", "Superscript",
                      "Subscript"):
            parts.append(plain_of(content))
        elif kind == "Span" and {"comment-start", "deletion"} & set(content[0][1]):
            continue
        elif kind in ("Span", "Link", "Cite"):
            parts.append(plain_of(content[1]))
    return "".join(parts)


def _add(out: list[Inline], text: str, bold: bool, italic: bool) -> None:
    out.append(Run(text, bold, italic))


def _merged(items: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for item in items:
        last = out[-1] if out else None
        if (isinstance(item, Run) and isinstance(last, Run) and last.bold == item.bold
                and last.italic == item.italic):
            last.text += item.text
        elif not (isinstance(item, Run) and not item.text):
            out.append(Run(item.text, item.bold, item.italic) if isinstance(item, Run)
                       else item)
    return out


def tidy(inlines: list[Inline]) -> list[Inline]:
    """Strip the whitespace at both ends (the Markdown reader does the same)."""
    out = _merged(inlines)
    while out and isinstance(out[0], Run) and not out[0].text.strip(" \t"):
        out.pop(0)
    while out and isinstance(out[-1], Run) and not out[-1].text.strip(" \t"):
        out.pop()
    if out and isinstance(out[0], Run):
        out[0].text = out[0].text.lstrip(" \t")
    if out and isinstance(out[-1], Run):
        out[-1].text = out[-1].text.rstrip(" \t")
    return out
