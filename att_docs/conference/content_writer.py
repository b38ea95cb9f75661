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
from collections.abc import Callable, Mapping
from contextlib import ExitStack
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

from att_docs.conference.readback import Origin, check_units, read_back
from att_docs.document.model import Document, Text
from att_docs.document.sameness import same_text
from att_docs.document.units import document_units, texts_by_id
from att_docs.errors import ContentError
from att_docs.writers.content.blocks import BLOCK_START, NOTE_START, block_end, block_span, line_id
from att_docs.writers.content.markdown import render_block_text, render_rich_text

__all__ = ["Change", "PaperWrite", "commit_all", "write_translations"]

_HEADING = re.compile(r"^(?P<hashes>#{1,6}) .*?(?P<mark>[ \t]*\{#[a-z0-9-]+[^}]*\})\s*$")
_LINE_END = re.compile(r"\r\n?|\n")  # a line, as the Markdown reader splits them
_BOM = "\ufeff"


@dataclass(frozen=True)
class Change:
    """One unit whose text in ``lang`` was added or replaced in ``file``."""

    unit_id: str
    file: Path
    kind: str  # "added" | "changed"


def write_translations(paper_dir: Path, lang: str, texts: dict[str, Text],
                       original: str | None = None, dry_run: bool = False, *,
                       templates: Path | None = None, conference_dir: Path | None = None,
                       sources: Mapping[str, str] | None = None,
                       locate: Callable[[str], Origin] | None = None,
                       what: str = "write of translations") -> list[Change]:
    """Write ``texts`` (unit id → text in ``lang``) into the paper; the changes made.

    ``sources`` (unit id → the original text each was translated from) go into the
    paper's translation record in the same write. ``locate`` names where a text came
    from, for a refusal.
    """
    write = PaperWrite(paper_dir, templates, conference_dir=conference_dir, what=what)
    if original is not None and original != write.original:
        raise ContentError(f"the paper's original language is {write.original!r}, not "
                           f"{original!r}", paper_dir)
    changes = write.translations(lang, texts, sources=sources, locate=locate)
    if not dry_run:
        commit_all([write])
    return changes


def commit_all(writes: list[PaperWrite]) -> None:
    """Stage and read back every paper's write, then commit them: a refusal of any one
    (a text the reader would read otherwise) writes none."""
    from att_docs.journal import Write

    with ExitStack() as stack:
        staged = []
        for write in writes:
            if write.outputs:
                tx = stack.enter_context(Write(write.paper_dir, write.what))
                write.stage(tx)
                staged.append(tx)
        for tx in staged:
            tx.commit()


class PaperWrite:
    """Pending changes to one paper's files: texts of one or more languages, and the
    languages' translation records, all read back before any file moves."""

    def __init__(self, paper_dir: Path, templates: Path | None = None, *,
                 conference_dir: Path | None = None, what: str = "write of translations",
                 current: Document | None = None):
        from att_docs.conference.paths import default_templates
        from att_docs.document.frame import known_types
        from att_docs.readers.content import read_conference, read_paper

        self.paper_dir, self.what = paper_dir, what
        self.templates = templates or default_templates()
        self._complete = current is not None  # read in every language
        if current is not None:  # the paper as the caller just read it
            self.conference, self.current = current.conference, current
        else:  # in its original language: a translation may still lack texts
            self.conference = read_conference(conference_dir or paper_dir.parent)
            self.current = read_paper(paper_dir, self.conference, self.templates,
                                      known_types(self.templates), strict=False,
                                      languages=[original_language(paper_dir)])
        self.original = self.current.masthead.original_language
        self.units = {u.id: u for u in document_units(self.current)}
        self.outputs: dict[Path, str] = {}
        self.written: dict[str, dict[str, Text]] = {}
        self.origins: dict[str, Origin] = {}  # unit id: where its new text came from
        self.source: Origin | None = None  # the input, for a refusal with no unit

    def translations(self, lang: str, texts: Mapping[str, Text], *,
                     sources: Mapping[str, str] | None = None,
                     locate: Callable[[str], Origin] | None = None) -> list[Change]:
        """Plan ``texts`` into the files of ``lang``; the changes this makes."""
        held = self._held(lang)
        texts = {unit_id: text for unit_id, text in texts.items()
                 if not _same(held.get(unit_id), text, self.units.get(unit_id))}
        kinds = {unit_id: unit.kind for unit_id, unit in self.units.items()}
        locate = locate or (lambda _id: Origin(self.paper_dir))
        check_units(texts, kinds, list(self.current.footnotes), lang, self.templates, locate)
        self.origins.update({unit_id: locate(unit_id) for unit_id in texts})
        if texts and self.source is None:
            self.source = Origin(locate(next(iter(texts))).path)
        plan = _Plan(self, lang)
        remaining = dict(texts)
        for part_dir in plan.part_dirs():
            plan.prose(part_dir, remaining)
            plan.structured(part_dir / "tables.yaml", remaining, _table_slots)
            plan.structured(part_dir / "decisions.yaml", remaining, _decision_slots)
            plan.metadata(part_dir, remaining)
        if remaining:
            ids = ", ".join(sorted(remaining)[:8])
            raise ContentError(f"{len(remaining)} unit id(s) match nothing in this paper: "
                               f"{ids}", self.paper_dir)
        if sources:
            from att_docs.conference.provenance import record_path, recorded_text

            record = record_path(self.paper_dir, lang)
            text = recorded_text(self.paper_dir, lang, sources)
            if text != self.read(record):
                self.outputs[record] = text
        self.written.setdefault(lang, {}).update(texts)
        return plan.changes

    def _read(self, languages: list[str], folder: Path | None = None) -> Document:
        from att_docs.document.frame import known_types
        from att_docs.readers.content import read_paper

        return read_paper(folder or self.paper_dir, self.conference, self.templates,
                          known_types(self.templates), strict=False, languages=languages)

    def _held(self, lang: str) -> dict[str, Text]:
        """The paper's texts in ``lang`` now ({} when the language does not read yet)."""
        if self._complete:
            return texts_by_id(self.current, lang)
        try:
            return texts_by_id(self._read([self.original, lang]), lang)
        except ContentError:
            return {}

    def read(self, path: Path) -> str | None:
        """A file's text as planned so far (else as on disk; None if missing)."""
        if path in self.outputs:
            return self.outputs[path]
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                return fh.read()
        except FileNotFoundError:
            return None

    def stage(self, tx: Any) -> None:
        """Stage the planned files in ``tx`` (a :class:`att_docs.journal.Write`) and read
        the paper back from them; a text that would read otherwise is refused."""
        for path, content in self.outputs.items():
            tx.put(path.relative_to(self.paper_dir).as_posix(), content.encode("utf-8"))
        languages = [self.original, *(x for x in self.written if x != self.original)]
        read_back(tx.shadow(), self.paper_dir, self.conference, self.templates,
                  self.written, languages=languages, locate=self._origin,
                  source=self.source, tolerate=lambda exc: self._failed_before(exc, languages))

    def _failed_before(self, error: ContentError, languages: list[str]) -> bool:
        """The paper did not read in ``languages`` before this write either, for the same
        reason: a problem the write found, not one it made."""
        try:
            self._read(languages)
        except ContentError as before:
            return (before.message, _rel(before.path, self.paper_dir)) == \
                (error.message, _rel(error.path, self.paper_dir))
        return False

    def _origin(self, unit_id: str) -> Origin:
        return self.origins.get(unit_id) or self.source or Origin(self.paper_dir)


def _same(held: Text | None, text: Text, unit: Any) -> bool:
    """The paper already holds ``text`` (however its Markdown or YAML spells it)."""
    if held is None:
        return False
    if unit is not None and unit.file is not None:  # metadata: a plain string
        return held.plain() == text.plain()
    return same_text(held, text)


def _rel(path: Path | None, root: Path) -> str:
    """A reader error's file as a path inside the paper."""
    if path is None:
        return ""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def original_language(paper_dir: Path) -> str:
    """The ``original_language`` of a paper's ``paper.yaml`` (validated by the reader)."""
    from att_docs.readers.yamlfile import load_yaml

    return str((load_yaml(paper_dir / "paper.yaml").data or {}).get("original_language", ""))


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


class _Plan:
    """The files of one language, planned into :attr:`PaperWrite.outputs`."""

    def __init__(self, write: PaperWrite, lang: str):
        self.write, self.paper_dir = write, write.paper_dir
        self.lang, self.original = lang, write.original
        self.changes: list[Change] = []

    def part_dirs(self) -> list[Path]:
        text = self.write.read(self.paper_dir / "paper.yaml") or ""
        data = _yaml().load(text)
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
        text = self.write.read(path)
        return None if text is None else (_yaml().load(text), _eol_of(text))

    def _dump(self, data: Any, path: Path, eol: str) -> None:
        buffer = io.StringIO()
        _yaml().dump(data, buffer)
        self.write.outputs[path] = buffer.getvalue().replace("\n", eol)

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
        current = self.write.read(target)
        existed = current is not None
        source = current if existed else self.write.read(part_dir / f"{self.original}.md")
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
            self.write.outputs[target] = bom + eol.join(out) + eol

    def _insert_missing(self, part_dir: Path, out: list[str], remaining: dict[str, Text],
                        target: Path) -> bool:
        """Blocks of the original language that ``out`` lacks and ``remaining`` translates,
        each put after the block it follows in the original, in the original's layout."""
        original = part_dir / f"{self.original}.md"
        text = self.write.read(original)
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
