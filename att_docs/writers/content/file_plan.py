"""Where one language's texts go in a paper's files, and the new text of each file.

Prose ids and ``footnote.<id>`` live in ``<lang>.md`` of their part (a prose file that
does not exist yet starts as a copy of the original language's); cells, row labels and
table titles in ``tables.yaml``; decision leads and items in ``decisions.yaml``;
``title``, ``subtitle``, ``caption`` and ``submitted_by`` in ``paper.yaml`` /
``annex.yaml``. Only the texts change: YAML keeps its comments, key order and quoting
(ruamel round trip), Markdown its layout, its line ends (CRLF stays CRLF) and its byte
order mark. Lines are split as the Markdown reader splits them, never where
``str.splitlines`` would (U+2028 inside a paragraph stays inside it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from att_docs.document.model import Text
from att_docs.writers.content.blocks import BLOCK_START, NOTE_START, block_end, block_span, line_id
from att_docs.writers.content.markdown import render_block_text, render_rich_text

__all__ = ["Change", "FilePlan", "content_yaml"]

_HEADING = re.compile(r"^(?P<hashes>#{1,6}) .*?(?P<mark>[ \t]*\{#[a-z0-9-]+[^}]*\})\s*$")
_LINE_END = re.compile(r"\r\n?|\n")  # a line, as the Markdown reader splits them
_BOM = "\ufeff"


@dataclass(frozen=True)
class Change:
    """One unit whose text in ``lang`` was added or replaced in ``file``."""

    unit_id: str
    file: Path
    kind: str  # "added" | "changed"


def content_yaml() -> YAML:
    """ruamel's round-trip YAML as the content files are written: comments, key order
    and quoting kept."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _styled(old: Any, new: str) -> str:
    """``new`` in the scalar style of ``old`` (block scalars keep their final newline)."""
    for kind in (LiteralScalarString, FoldedScalarString):
        if isinstance(old, kind):
            return kind(new.rstrip("\n") + "\n")
    for kind in (DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(old, kind):
            return kind(new)
    return LiteralScalarString(new + "\n") if "\n" in new else new


def _split(text: str) -> tuple[list[str], str, str]:
    """A file's lines as the Markdown reader counts them (``\\n``, ``\\r\\n``, ``\\r``:
    never U+2028 or other characters ``str.splitlines`` breaks at), its line end (CRLF
    files stay CRLF) and its byte order mark."""
    bom = _BOM if text.startswith(_BOM) else ""
    text = text[len(bom):]
    first = _LINE_END.search(text)
    eol = first.group(0) if first and first.group(0) == "\r\n" else "\n"
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines, eol, bom


def _eol_of(text: str | None) -> str:
    return _split(text)[1] if text else "\n"


class FilePlan:
    """One language's texts planned into a paper's files: the new text of each file it
    changes goes into ``outputs``, files are read through ``read`` (so that several
    languages plan into the same files one after the other)."""

    def __init__(self, paper_dir: Path, lang: str, original: str,
                 read: Callable[[Path], str | None], outputs: dict[Path, str]):
        self.paper_dir, self.lang, self.original = paper_dir, lang, original
        self._read, self.outputs = read, outputs
        self.changes: list[Change] = []

    def plan(self, texts: dict[str, Text]) -> dict[str, Text]:
        """Plan ``texts`` (unit id → text); the ids that match nothing in the paper."""
        remaining = dict(texts)
        for part_dir in self.part_dirs():
            self.prose(part_dir, remaining)
            self.structured(part_dir / "tables.yaml", remaining, _table_slots)
            self.structured(part_dir / "decisions.yaml", remaining, _decision_slots)
            self.metadata(part_dir, remaining)
        return remaining

    def part_dirs(self) -> list[Path]:
        text = self._read(self.paper_dir / "paper.yaml") or ""
        data = content_yaml().load(text)
        return [self.paper_dir] + [self.paper_dir / str(a) for a in data.get("annexes") or []]

    def set_value(self, node: CommentedMap, unit_id: str, text: str, path: Path) -> None:
        old = node.get(self.lang)
        if old is not None and str(old).rstrip("\n") == text.rstrip("\n"):
            return
        value = _styled(old if old is not None else node.get(self.original), text)
        if self.lang in node:
            node[self.lang] = value
        else:
            keys = list(node.keys())
            at = keys.index(self.original) + 1 if self.original in keys else len(keys)
            node.insert(at, self.lang, value)
        self.changes.append(Change(unit_id, path, "changed" if old is not None else "added"))

    # ---------------------------------------------------------------- YAML

    def _load(self, path: Path) -> tuple[Any, str] | None:
        text = self._read(path)
        return None if text is None else (content_yaml().load(text), _eol_of(text))

    def _dump(self, data: Any, path: Path, eol: str) -> None:
        buffer = io.StringIO()
        content_yaml().dump(data, buffer)
        self.outputs[path] = buffer.getvalue().replace("\n", eol)

    def structured(self, path: Path, remaining: dict[str, Text], slots: Any) -> None:
        loaded = self._load(path)
        if loaded is None:
            return
        data, eol = loaded
        before = len(self.changes)
        for unit_id, node in slots(data):
            if unit_id in remaining:
                text = render_rich_text(remaining.pop(unit_id))
                self.set_value(node, unit_id, text, path)
        if len(self.changes) > before:
            self._dump(data, path, eol)

    def metadata(self, part_dir: Path, remaining: dict[str, Text]) -> None:
        is_main = part_dir == self.paper_dir
        path = part_dir / ("paper.yaml" if is_main else "annex.yaml")
        prefix = "" if is_main else f"{part_dir.name}."
        loaded = self._load(path)
        if loaded is None:
            return
        data, eol = loaded
        before = len(self.changes)
        names = ("title", "subtitle", "caption") + (("submitted_by",) if is_main else ())
        for name in names:
            unit_id = f"{prefix}{name}"
            if unit_id in remaining and isinstance(data.get(name), dict):
                self.set_value(data[name], unit_id, remaining.pop(unit_id).plain(), path)
        if len(self.changes) > before:
            self._dump(data, path, eol)

    # ---------------------------------------------------------------- Markdown

    def prose(self, part_dir: Path, remaining: dict[str, Text]) -> None:
        target = part_dir / f"{self.lang}.md"
        current = self._read(target)
        existed = current is not None
        source = current if existed else self._read(part_dir / f"{self.original}.md")
        if source is None:
            return
        lines, eol, bom = _split(source)
        out: list[str] = []
        changed, i = False, 0
        while i < len(lines):
            end = block_end(lines, i)
            unit_id, rendered = self._render(lines[i], remaining)
            if unit_id is None:
                out.extend(lines[i:end])
            else:
                new_lines = rendered.split("\n")
                if new_lines != lines[i:end]:
                    self.changes.append(Change(unit_id, target,
                                               "changed" if existed else "added"))
                    changed = True
                out.extend(new_lines)
            i = end
        if existed:
            changed = self._insert_missing(part_dir, out, remaining, target) or changed
        if changed or not existed:
            self.outputs[target] = bom + eol.join(out) + eol

    def _insert_missing(self, part_dir: Path, out: list[str], remaining: dict[str, Text],
                        target: Path) -> bool:
        """Blocks of the original language that ``out`` lacks and ``remaining`` translates,
        each put after the block it follows in the original, in the original's layout."""
        original = part_dir / f"{self.original}.md"
        text = self._read(original)
        if original == target or text is None:
            return False
        lines = _split(text)[0]
        inserted, previous, i = False, None, 0
        while i < len(lines):
            end = block_end(lines, i)
            block_id = line_id(lines[i])
            if block_id is not None and block_id in remaining:
                unit_id, rendered = self._render(lines[i], remaining)
                new = rendered.split("\n")
                span = block_span(out, previous) if previous else None
                item = lines[i].startswith("- ")
                if span is None:
                    out[0:0] = [*new, ""]
                elif item and out[span[0]].startswith("- "):
                    out[span[1]:span[1]] = new  # the next item of the same list
                elif item and out[span[1] + 1:span[1] + 2] and \
                        out[span[1] + 1].startswith("- "):
                    out[span[1] + 1:span[1] + 1] = new  # the first item of the list
                else:
                    out[span[1]:span[1]] = ["", *new]
                self.changes.append(Change(unit_id or block_id, target, "added"))
                inserted = True
            if block_id is not None and block_span(out, block_id) is not None:
                previous = block_id
            i = end
        return inserted

    def _render(self, line: str, remaining: dict[str, Text]) -> tuple[str | None, str]:
        note = NOTE_START.match(line)
        if note:
            unit_id = f"footnote.{note.group('id')}"
            if unit_id not in remaining:
                return None, ""
            body = render_rich_text(remaining.pop(unit_id)).replace("\n\n", "\n\n    ")
            return unit_id, note.group(0).rstrip() + " " + body
        m = BLOCK_START.match(line)
        if not m:
            return None, ""
        if m.group("hid"):
            unit_id = m.group("hid")
            heading = _HEADING.match(line)
            if unit_id not in remaining or heading is None:
                return None, ""
            body = render_block_text(remaining.pop(unit_id))
            return unit_id, f"{heading.group('hashes')} {body}{heading.group('mark')}"
        unit_id = m.group("pid")
        if unit_id not in remaining:
            return None, ""
        prefix = m.group("prefix")
        indent = "  " if prefix == "- " else prefix
        body = render_block_text(remaining.pop(unit_id), indent)
        return unit_id, line[: m.end()].rstrip() + " " + body


def _table_slots(data: Any) -> Any:
    for set_name, spec in (data or {}).items():
        for key, node in (spec.get("row_labels") or {}).items():
            yield f"{set_name}.row_labels.{key}", node
        for table in spec.get("tables") or []:
            yield f"{set_name}.{table['id']}.title", table["title"]
            for row, node in (table.get("rows") or {}).items():
                yield f"{set_name}.{table['id']}.{row}.text", node


def _decision_slots(data: Any) -> Any:
    for name, groups in (data or {}).items():
        for group in groups or []:
            yield f"{name}.{group['id']}.lead", group["lead"]
            for item in group.get("items") or []:
                yield f"{name}.{group['id']}.{item['id']}", item
