"""The blocks of a prose file as the content writer lays them out: where each unit's
block starts and ends (``{#id} ...`` paragraphs and items, ``# ... {#id}`` headings,
``[^id]:`` footnotes with their indented paragraphs)."""

from __future__ import annotations

import re

__all__ = ["BLOCK_START", "NOTE_START", "block_end", "block_span", "line_id", "unit_at_line"]

BLOCK_START = re.compile(
    r"^(?P<lead>#{1,6} .*?\{#(?P<hid>[a-z0-9-]+)[^}]*\}\s*$"
    r"|(?P<prefix>(?:- |> )?)\{#(?P<pid>[a-z0-9-]+)(?P<cls>[^}]*)\}[ \t]*)"
)
NOTE_START = re.compile(r"^\[\^(?P<id>[a-z0-9-]+)\]:[ \t]*")


def line_id(line: str) -> str | None:
    """The unit id of the block starting on ``line`` (``footnote.<id>`` for a note)."""
    note = NOTE_START.match(line)
    if note:
        return f"footnote.{note.group('id')}"
    m = BLOCK_START.match(line)
    return (m.group("hid") or m.group("pid")) if m else None


def block_span(lines: list[str], block_id: str) -> tuple[int, int] | None:
    """First and after-last line of the block ``block_id`` in ``lines``, if there."""
    i = 0
    while i < len(lines):
        end = block_end(lines, i)
        if line_id(lines[i]) == block_id:
            return i, end
        i = end
    return None


def block_end(lines: list[str], i: int) -> int:
    """The line after the block starting at ``i``: a blank line, a new item or block."""
    if NOTE_START.match(lines[i]) is None and BLOCK_START.match(lines[i]) is None:
        return i + 1
    j = i + 1
    is_note = NOTE_START.match(lines[i]) is not None
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            if is_note and j + 1 < len(lines) and lines[j + 1].startswith("    "):
                j += 2
                continue
            break
        if BLOCK_START.match(line) or NOTE_START.match(line) or line.startswith("```"):
            break
        j += 1
    return j


def unit_at_line(lines: list[str], line: int) -> str | None:
    """The unit id of the block holding ``line`` (1-based), if any."""
    i = 0
    while i < len(lines):
        end = block_end(lines, i)
        if i < line <= end:
            return line_id(lines[i])
        i = end
    return None
