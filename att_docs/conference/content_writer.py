"""Write texts of one language into an existing paper folder, unit by unit, by id.

Unit ids are those of :mod:`att_docs.document.units`: prose ids and ``footnote.<id>``
live in ``<lang>.md`` of their part; ``<set>.<table>.<row>.text``, ``<set>.<table>.title``
and ``<set>.row_labels.<row>`` in ``tables.yaml``; ``<list>.<group>.lead`` and
``<list>.<group>.<item>`` in ``decisions.yaml``; ``title``, ``subtitle``, ``caption``
(``annex-a.title`` ...) and ``submitted_by`` in ``paper.yaml`` / ``annex.yaml``.

Only the texts change: YAML keeps its comments, key order and quoting (ruamel round
trip), Markdown its layout. A prose file that does not exist yet starts as a copy of the
original language's. Every file is computed before any is written; an id that matches no
unit stops the whole write.
"""

from __future__ import annotations

import io
import re
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

from att_docs.atomic import atomic_output
from att_docs.document.model import Text
from att_docs.errors import ContentError
from att_docs.plural import counted
from att_docs.writers.content.markdown import render_block_text, render_rich_text

__all__ = ["Change", "write_translations"]

_BLOCK_START = re.compile(
    r"^(?P<lead>#{1,6} .*?\{#(?P<hid>[a-z0-9-]+)[^}]*\}\s*$"
    r"|(?P<prefix>(?:- |> )?)\{#(?P<pid>[a-z0-9-]+)(?P<cls>[^}]*)\}[ \t]*)"
)
_NOTE_START = re.compile(r"^\[\^(?P<id>[a-z0-9-]+)\]:[ \t]*")
_HEADING = re.compile(r"^(?P<hashes>#{1,6}) .*?(?P<mark>[ \t]*\{#[a-z0-9-]+[^}]*\})\s*$")


@dataclass(frozen=True)
class Change:
    """One unit whose text in ``lang`` was added or replaced in ``file``."""

    unit_id: str
    file: Path
    kind: str  # "added" | "changed"


def write_translations(paper_dir: Path, lang: str, texts: dict[str, Text],
                       original: str, dry_run: bool = False) -> list[Change]:
    """Write ``texts`` (unit id → text in ``lang``) into the paper; the changes made."""
    plan = _Plan(paper_dir, lang, original)
    remaining = dict(texts)
    for part_dir in plan.part_dirs():
        plan.prose(part_dir, remaining)
        plan.structured(part_dir / "tables.yaml", remaining, _table_slots)
        plan.structured(part_dir / "decisions.yaml", remaining, _decision_slots)
        plan.metadata(part_dir, remaining)
    if remaining:
        ids = ", ".join(sorted(remaining)[:8])
        raise ContentError(counted(len(remaining), "{n} unit id matches", "{n} unit ids match")
                           + f" nothing in this paper: {ids}",
                           paper_dir)
    if not dry_run:
        for path, content in plan.outputs.items():
            with atomic_output(path) as tmp:
                tmp.write_text(content, encoding="utf-8")
    return plan.changes


def _yaml() -> YAML:
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


class _Plan:
    def __init__(self, paper_dir: Path, lang: str, original: str):
        self.paper_dir, self.lang, self.original = paper_dir, lang, original
        self.outputs: dict[Path, str] = {}
        self.changes: list[Change] = []

    def part_dirs(self) -> list[Path]:
        data = _yaml().load((self.paper_dir / "paper.yaml").read_text(encoding="utf-8"))
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

    def _dump(self, data: Any, path: Path) -> None:
        buffer = io.StringIO()
        _yaml().dump(data, buffer)
        self.outputs[path] = buffer.getvalue()

    def structured(self, path: Path, remaining: dict[str, Text], slots: Any) -> None:
        if not path.exists():
            return
        data = _yaml().load(path.read_text(encoding="utf-8"))
        before = len(self.changes)
        for unit_id, node in slots(data):
            if unit_id in remaining:
                text = render_rich_text(remaining.pop(unit_id))
                self.set_value(node, unit_id, text, path)
        if len(self.changes) > before:
            self._dump(data, path)

    def metadata(self, part_dir: Path, remaining: dict[str, Text]) -> None:
        is_main = part_dir == self.paper_dir
        path = part_dir / ("paper.yaml" if is_main else "annex.yaml")
        prefix = "" if is_main else f"{part_dir.name}."
        data = _yaml().load(path.read_text(encoding="utf-8"))
        before = len(self.changes)
        names = ("title", "subtitle", "caption") + (("submitted_by",) if is_main else ())
        for name in names:
            unit_id = f"{prefix}{name}"
            if unit_id in remaining and isinstance(data.get(name), dict):
                self.set_value(data[name], unit_id, remaining.pop(unit_id).plain(), path)
        if len(self.changes) > before:
            self._dump(data, path)

    # ---------------------------------------------------------------- Markdown

    def prose(self, part_dir: Path, remaining: dict[str, Text]) -> None:
        target = part_dir / f"{self.lang}.md"
        existed = target.exists()
        source = target if existed else part_dir / f"{self.original}.md"
        if not source.exists():
            return
        lines = source.read_text(encoding="utf-8").splitlines()
        out, changed, i = [], False, 0
        while i < len(lines):
            end = _block_end(lines, i)
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
            self.outputs[target] = "\n".join(out) + "\n"

    def _insert_missing(self, part_dir: Path, out: list[str], remaining: dict[str, Text],
                        target: Path) -> bool:
        """Blocks of the original language that ``out`` lacks and ``remaining`` translates,
        each put after the block it follows in the original, in the original's layout."""
        original = part_dir / f"{self.original}.md"
        if original == target or not original.exists():
            return False
        lines = original.read_text(encoding="utf-8").splitlines()
        inserted, previous, i = False, None, 0
        while i < len(lines):
            end = _block_end(lines, i)
            block_id = _line_id(lines[i])
            if block_id is not None and block_id in remaining:
                unit_id, rendered = self._render(lines[i], remaining)
                new = rendered.split("\n")
                span = _block_span(out, previous) if previous else None
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
            if block_id is not None and _block_span(out, block_id) is not None:
                previous = block_id
            i = end
        return inserted

    def _render(self, line: str, remaining: dict[str, Text]) -> tuple[str | None, str]:
        note = _NOTE_START.match(line)
        if note:
            unit_id = f"footnote.{note.group('id')}"
            if unit_id not in remaining:
                return None, ""
            body = render_rich_text(remaining.pop(unit_id)).replace("\n\n", "\n\n    ")
            return unit_id, note.group(0).rstrip() + " " + body
        m = _BLOCK_START.match(line)
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


def _line_id(line: str) -> str | None:
    """The unit id of the block starting on ``line`` (``footnote.<id>`` for a note)."""
    note = _NOTE_START.match(line)
    if note:
        return f"footnote.{note.group('id')}"
    m = _BLOCK_START.match(line)
    return (m.group("hid") or m.group("pid")) if m else None


def _block_span(lines: list[str], block_id: str) -> tuple[int, int] | None:
    """First and after-last line of the block ``block_id`` in ``lines``, if there."""
    i = 0
    while i < len(lines):
        end = _block_end(lines, i)
        if _line_id(lines[i]) == block_id:
            return i, end
        i = end
    return None


def _block_end(lines: list[str], i: int) -> int:
    """The line after the block starting at ``i``: a blank line, a new item or block."""
    if _NOTE_START.match(lines[i]) is None and _BLOCK_START.match(lines[i]) is None:
        return i + 1
    j = i + 1
    is_note = _NOTE_START.match(lines[i]) is not None
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            if is_note and j + 1 < len(lines) and lines[j + 1].startswith("    "):
                j += 2
                continue
            break
        if _BLOCK_START.match(line) or _NOTE_START.match(line) or line.startswith("```"):
            break
        j += 1
    return j


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
