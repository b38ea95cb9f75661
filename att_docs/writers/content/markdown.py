"""Model texts as the Markdown that :mod:`att_docs.readers.markdown` reads back.

Every character that Markdown could take for syntax is escaped, straight quotes included
(so that smart quotes leave them as written), bold and italic become ``**`` and ``*``
with spaces kept outside the markers, footnote references ``[^id]``, hard line breaks a
backslash at the end of the line.
"""

from __future__ import annotations

import re

from att_docs.document.model import FootnoteRef, Inline, Run, Text, TextBlock

__all__ = ["render_block_text", "render_inlines", "render_rich_text"]

_ESCAPE = re.compile(r"([\\`*_\[\]<>&{}\"'!~|$])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _segments(inlines: list[Inline]) -> list[tuple[bool, list[Inline]]]:
    """Consecutive inlines grouped by boldness (footnote marks join their neighbours)."""
    out: list[tuple[bool, list[Inline]]] = []
    for inline in inlines:
        bold = inline.bold if isinstance(inline, Run) else (out[-1][0] if out else False)
        if out and out[-1][0] == bold:
            out[-1][1].append(inline)
        else:
            out.append((bold, [inline]))
    return out


def _wrap(body: str, marker: str) -> str:
    """``marker`` around ``body`` with its outer spaces moved outside the markers."""
    stripped = body.strip(" ")
    if not stripped:
        return body
    lead = body[: len(body) - len(body.lstrip(" "))]
    tail = body[len(body.rstrip(" ")):]
    return f"{lead}{marker}{stripped}{marker}{tail}"


def _plain_inlines(inlines: list[Inline]) -> str:
    out: list[str] = []
    italic_run: list[str] = []

    def flush() -> None:
        if italic_run:
            out.append(_wrap("".join(italic_run), "*"))
            italic_run.clear()

    for inline in inlines:
        if isinstance(inline, FootnoteRef):
            flush()
            out.append(f"[^{inline.id}]")
        elif inline.italic:
            italic_run.append(_escape(inline.text))
        else:
            flush()
            out.append(_escape(inline.text))
    flush()
    return "".join(out)


def render_inlines(inlines: list[Inline], indent: str = "") -> str:
    """Inline Markdown on one line (hard breaks continue on the next, indented)."""
    parts = []
    for bold, group in _segments(inlines):
        body = _plain_inlines(group)
        parts.append(_wrap(body, "**") if bold else body)
    text = "".join(parts)
    lines = text.split("\n")
    out = [_escape_line_start(lines[0])]
    for line in lines[1:]:
        out.append(indent + _escape_line_start(line))
    return "\\\n".join(out)


def _escape_line_start(line: str) -> str:
    """A line that would open a heading, list, quote or rule reads as text: ``\\#``,
    ``\\-``, ``1\\.``."""
    def escape(m: re.Match[str]) -> str:
        marker = m.group(2)
        if marker[0].isdigit():
            return m.group(1) + marker[:-1] + "\\" + marker[-1]
        return m.group(1) + "\\" + marker

    return _LINE_START.sub(escape, line)


def render_block_text(text: Text, indent: str = "") -> str:
    """A paragraph or heading text (its first and only block)."""
    return render_inlines(text.inlines, indent)


def render_rich_text(text: Text) -> str:
    """A cell or footnote: paragraphs separated by blank lines, the items of a list on
    consecutive lines (a tight list, as authors write them)."""
    out: list[str] = []
    previous: TextBlock | None = None
    for block in text.blocks:
        if out:
            out.append("\n" if _same_list(previous, block) else "\n\n")
        out.append(_rich_block(block))
        previous = block
    return "".join(out)


def _same_list(before: TextBlock | None, block: TextBlock) -> bool:
    """``block`` is the next item of the list ``before`` is an item of."""
    if before is None or block.list_kind is None or before.list_kind != block.list_kind:
        return False
    return block.list_kind == "bullet" or block.number == (before.number or 1) + 1


def _rich_block(block: TextBlock) -> str:
    if block.list_kind == "ordered":
        marker = f"{block.number or 1}. "
    elif block.list_kind == "bullet":
        marker = "- "
    else:
        return render_inlines(block.inlines)
    return marker + render_inlines(block.inlines, " " * len(marker))
