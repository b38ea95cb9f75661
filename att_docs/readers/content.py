"""Read a conference folder (YAML + Markdown) into :class:`~att_docs.document.model.Document`.

The original language's prose gives the structure; every other language must have the
same ids in the same order. Anything that does not align is reported by file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE, conference_name, inside
from att_docs.base.yamlfile import Loaded, load_yaml, validate
from att_docs.document.model import (
    Block,
    BlockQuote,
    Cell,
    Conference,
    DecisionGroup,
    DecisionItem,
    DecisionList,
    Document,
    Footnote,
    Heading,
    Localized,
    Masthead,
    Paragraph,
    Part,
    SourceLocation,
    Subparagraph,
    Table,
    TableRow,
    Text,
)
from att_docs.document.symbols import SymbolError, parse_symbol
from att_docs.language.locale import load_locale
from att_docs.readers.markdown import ProseBlock, ProseFile, parse_rich_text, read_prose
from att_docs.readers.schema import (
    AnnexFile,
    ConferenceFile,
    DecisionGroupSpec,
    PaperFile,
    TableSetSpec,
)

__all__ = ["CONFERENCE_FILE", "PAPER_FILE", "read_conference", "read_paper"]

ANNEX_FILE = "annex.yaml"
TABLES_FILE = "tables.yaml"
DECISIONS_FILE = "decisions.yaml"


def read_conference(folder: Path) -> Conference:
    """Read ``<folder>/conference.yaml``."""
    path = folder / CONFERENCE_FILE
    if not folder.is_dir():
        raise ContentError("not a conference folder (it does not exist)", folder)
    if not path.exists():
        raise ContentError(f"not a conference folder: it has no {CONFERENCE_FILE}", folder)
    loaded = load_yaml(path)
    spec = validate(loaded, ConferenceFile, CONFERENCE_FILE)
    if spec.closing < spec.opening:
        raise loaded.error("closing date is before the opening date", "closing")
    _require_languages(loaded, spec.venue, spec.languages, "venue")
    return Conference(
        id=conference_name(folder),
        number=spec.number,
        venue=dict(spec.venue),
        opening=spec.opening,
        closing=spec.closing,
        languages=list(spec.languages),
        source=path,
        redline_author=spec.redline_author,
        **({"deadline_days": spec.deadline.days_before_opening} if spec.deadline else {}),
        house_style=dict(spec.house_style),
        checks=spec.checks.model_dump() if spec.checks else {},
    )


def read_paper(folder: Path, conference: Conference, templates: Path,
               known_types: set[str], strict: bool = True,
               languages: list[str] | None = None) -> Document:
    """Read one paper folder into a Document (not yet assembled: no frame, no numbers).

    With ``strict`` (the build), a block or footnote missing in one language raises.
    Without it (status reports), such problems are kept in ``Document.problems`` and the
    missing texts are simply absent from the blocks' ``Localized`` values.
    ``languages`` reads only those conference languages (say, the original alone) and
    ignores the texts of the others.
    """
    path = folder / PAPER_FILE
    root = folder.resolve()
    for file_name in (PAPER_FILE, TABLES_FILE, DECISIONS_FILE,
                      *(f"{lang}.md" for lang in conference.languages)):
        _stay_inside(folder / file_name, root, folder / file_name, None)
    loaded = load_yaml(path)
    spec = validate(loaded, PaperFile, PAPER_FILE)
    langs = languages or conference.languages
    known = conference.languages
    _check_type(loaded, spec.type, known_types)
    try:
        symbol = parse_symbol(spec.symbol)
    except SymbolError as exc:
        raise loaded.error(str(exc), "symbol") from None
    if spec.original_language not in langs:
        raise loaded.error(f"original_language {spec.original_language!r} is not one of "
                           f"the conference languages ({', '.join(langs)})",
                           "original_language")
    for key in ("submitted_by", "title", "subtitle"):
        if key != "subtitle" or getattr(spec, key):
            _require_languages(loaded, getattr(spec, key), langs, key, known=known)

    reader = _PartReader(templates, langs, spec.original_language, strict, known)
    parts = [reader.read("main", spec.type, folder, dict(spec.title), dict(spec.subtitle))]
    root = folder.resolve()
    for i, name in enumerate(spec.annexes):
        annex_dir = folder / name
        if not inside(annex_dir.resolve(), root) or annex_dir.resolve() == root:
            raise ContentError(f"annex {name!r} leads out of the paper folder (a link to "
                               f"{annex_dir.resolve()}); an annex is a folder inside it",
                               path, loaded.line("annexes", i))
        for file_name in (ANNEX_FILE, TABLES_FILE, DECISIONS_FILE,
                          *(f"{lang}.md" for lang in langs)):
            _stay_inside(annex_dir / file_name, root, path, loaded.line("annexes", i))
        if not (annex_dir / ANNEX_FILE).exists():
            raise ContentError(f"annex folder {name!r} has no {ANNEX_FILE}", path,
                               loaded.line("annexes", i))
        annex_loaded = load_yaml(annex_dir / ANNEX_FILE)
        annex = validate(annex_loaded, AnnexFile, ANNEX_FILE)
        _check_type(annex_loaded, annex.type, known_types)
        for key in ("title", "subtitle", "caption"):
            if key == "title" or getattr(annex, key):
                _require_languages(annex_loaded, getattr(annex, key), langs, key, known=known)
        part = reader.read(name, annex.type, annex_dir, dict(annex.title), dict(annex.subtitle))
        part.label = annex.label
        part.caption = dict(annex.caption)
        parts.append(part)

    return Document(
        id=folder.name,
        type=spec.type,
        masthead=Masthead(symbol, spec.date, dict(spec.submitted_by), spec.original_language),
        conference=conference,
        parts=parts,
        footnotes=reader.footnotes,
        languages=list(langs),
        source=folder,
        problems=reader.problems,
        extras=reader.extras,
        deadline_days=spec.deadline.days_before_opening if spec.deadline else None,
    )


def _stay_inside(path: Path, root: Path, where: Path, line: int | None) -> None:
    """A paper's files are its own: a link out of its folder, or a dangling one, stops."""
    if path.is_symlink() and not path.exists():
        raise ContentError(f"{path.name} is a link to {os.readlink(path)}, which does not "
                           "exist", where, line)
    if path.exists() and not inside(path.resolve(), root):
        raise ContentError(f"{path.name} is a link out of the paper folder (to "
                           f"{path.resolve()}); a paper's files must be inside it", where,
                           line)


def _check_type(loaded: Loaded, doc_type: str, known: set[str]) -> None:
    if doc_type not in known:
        raise loaded.error(f"unknown document type {doc_type!r} (known: "
                           f"{', '.join(sorted(known))})", "type")


def _require_languages(loaded: Loaded, values: dict[str, str], langs: list[str],
                       *keys: str | int, known: list[str] | None = None) -> None:
    for lang in langs:
        if not str(values.get(lang, "")).strip():
            raise loaded.error(f"missing {lang!r} text for {'.'.join(map(str, keys))}", *keys)
    for lang in values:
        if lang not in (known or langs):
            raise loaded.error(f"{lang!r} is not a conference language "
                               f"({', '.join(known or langs)})", *keys, lang)


@dataclass
class _PartReader:
    """Reads the parts (main text, annexes) of one paper; collects its footnotes."""

    templates: Path
    langs: list[str]
    original: str
    strict: bool = True
    known: list[str] | None = None

    def __post_init__(self) -> None:
        self.footnotes: dict[str, Footnote] = {}
        self.problems: list[ContentError] = []
        self.extras: dict[str, dict[str, Text]] = {}

    def _problem(self, error: ContentError) -> None:
        if self.strict:
            raise error
        self.problems.append(error)

    def read(self, part_id: str, part_type: str, folder: Path, title: dict[str, str],
             subtitle: dict[str, str]) -> Part:
        order = [self.original, *[lang for lang in self.langs if lang != self.original]]
        locales = {lang: load_locale(self.templates, lang) for lang in order}
        prose = {
            lang: read_prose(folder / f"{lang}.md", lang, locales[lang].soft_break,
                             locales[lang].quotes)
            for lang in order
        }
        for problem in _alignment_problems(prose, order):
            self._problem(problem)
        self._collect_extras(prose, order)
        self._collect_footnotes(prose, order)
        tables = (_Structured(folder / TABLES_FILE, self.known)
                  if (folder / TABLES_FILE).exists() else None)
        decisions = (_Structured(folder / DECISIONS_FILE, self.known)
                     if (folder / DECISIONS_FILE).exists() else None)
        blocks = self._blocks(prose, order, tables, decisions)
        placed = {b.id for b in prose[order[0]].blocks if b.kind == "include"}
        for kind, source in (("tables", tables), ("decisions", decisions)):
            for name in (source.loaded.data if source else {}):
                if f"{kind}:{name}" not in placed:
                    raise source.loaded.error(  # type: ignore[union-attr]
                        f"{name!r} is not placed in {prose[order[0]].path.name} (write "
                        f"```{{{kind}}} {name} where it goes, or remove it)", name)
        return Part(part_id, part_type, title, subtitle, blocks, source=folder)

    def _collect_extras(self, prose: dict[str, ProseFile], order: list[str]) -> None:
        """Texts a language has and the original lacks (reported as problems too)."""
        first = prose[order[0]]
        ids = set(first.block_ids())
        for lang in order[1:]:
            found = {b.id: b.text for b in prose[lang].blocks
                     if b.id not in ids and b.text is not None}
            found.update({f"footnote.{label}": text
                          for label, text in prose[lang].footnotes.items()
                          if label not in first.footnotes})
            if found:
                self.extras.setdefault(lang, {}).update(found)

    def _collect_footnotes(self, prose: dict[str, ProseFile], order: list[str]) -> None:
        first = prose[order[0]]
        for lang in order[1:]:
            other = prose[lang]
            for label in sorted(first.footnotes.keys() ^ other.footnotes.keys()):
                has, lacks = (first, other) if label in first.footnotes else (other, first)
                where = has.footnotes[label].where
                self._problem(ContentError(
                    f"footnote [^{label}] is defined in {has.path.name}"
                    f"{f' (line {where.line})' if where else ''} but not here", lacks.path))
        for label in first.footnotes:
            if label in self.footnotes:
                raise ContentError(f"footnote id [^{label}] is already used in another part "
                                   "of this paper", first.path, first.footnotes[label].where.line
                                   if first.footnotes[label].where else None)
            self.footnotes[label] = Footnote(label, {lang: prose[lang].footnotes[label]
                                                     for lang in order
                                                     if label in prose[lang].footnotes})

    def _blocks(self, prose: dict[str, ProseFile], order: list[str],
                tables: _Structured | None, decisions: _Structured | None) -> list[Block]:
        by_lang = {lang: {b.id: b for b in prose[lang].blocks} for lang in order}
        blocks: list[Block] = []
        paragraphs: dict[str, Paragraph] = {}
        for block in prose[order[0]].blocks:
            text: Localized = {}
            for lang in order:
                twin = by_lang[lang].get(block.id)
                if twin is not None and twin.kind == block.kind and twin.text is not None:
                    text[lang] = twin.text
            if block.kind == "heading":
                blocks.append(Heading(block.id, block.level, text))
            elif block.kind == "paragraph":
                para = Paragraph(block.id, text, numbered=block.numbered)
                paragraphs[block.id] = para
                blocks.append(para)
            elif block.kind == "subparagraph":
                paragraphs[block.parent or ""].subparagraphs.append(
                    Subparagraph(block.id, text))
            elif block.kind == "quote":
                blocks.append(BlockQuote(block.id, text))
            else:
                blocks.extend(self._include(block, prose, order, tables, decisions))
        return blocks

    def _include(self, block: ProseBlock, prose: dict[str, ProseFile], order: list[str],
                 tables: _Structured | None, decisions: _Structured | None) -> list[Block]:
        kind, name = block.id.split(":", 1)
        source = tables if kind == "tables" else decisions
        file_name = TABLES_FILE if kind == "tables" else DECISIONS_FILE
        if source is None or name not in (source.loaded.data or {}):
            raise ContentError(f"```{{{kind}}} {name}: no {name!r} in {file_name} of this "
                               "part", block.where.path, block.where.line)
        if kind == "tables":
            return source.tables(name, prose, order)
        return [source.decisions(name, prose, order)]


class _Structured:
    """A tables.yaml or decisions.yaml file, turned into model blocks on demand."""

    def __init__(self, path: Path, known: list[str] | None = None):
        self.known = known
        self.loaded = load_yaml(path)
        if not isinstance(self.loaded.data, dict):
            raise ContentError("must be a mapping of names to table sets or decision lists",
                               path, 1)

    def _text(self, value: str, prose: ProseFile, *keys: str | int) -> Text:
        # A block scalar ("|") starts on the line after its key.
        line = self.loaded.line(*keys) + (1 if "\n" in value else 0)
        return parse_rich_text(value, prose, SourceLocation(self.loaded.path, line))

    def _localized(self, values: dict[str, str], prose: dict[str, ProseFile],
                   order: list[str], *keys: str | int) -> Localized:
        _require_languages(self.loaded, values, order, *keys, known=self.known)
        return {lang: self._text(values[lang], prose[lang], *keys, lang) for lang in order}

    def tables(self, name: str, prose: dict[str, ProseFile], order: list[str]) -> list[Block]:
        spec = validate(self.loaded, TableSetSpec, f"table set {name!r}", (name,))
        labels = {key: self._localized(dict(v), prose, order, name, "row_labels", key)
                  for key, v in spec.row_labels.items()}
        out: list[Block] = []
        for t_index, table in enumerate(spec.tables):
            at = (name, "tables", t_index)
            rows = []
            for row_key, texts in table.rows.items():
                if row_key not in labels:
                    raise self.loaded.error(f"row {row_key!r} has no entry in row_labels "
                                            f"(known: {', '.join(labels)})", *at, "rows", row_key)
                row_id = f"{name}.{table.id}.{row_key}"
                cell = Cell(f"{row_id}.text",
                            self._localized(dict(texts), prose, order, *at, "rows", row_key))
                rows.append(TableRow(row_id, labels[row_key], [cell]))
            title = self._localized(dict(table.title), prose, order, *at, "title")
            out.append(Table(f"{name}.{table.id}", title, rows))
        return out

    def decisions(self, name: str, prose: dict[str, ProseFile], order: list[str]) -> Block:
        raw = self.loaded.data[name]
        if not isinstance(raw, list):
            raise self.loaded.error(f"decision list {name!r} must be a list of groups", name)
        groups = []
        for g_index, _ in enumerate(raw):
            at = (name, g_index)
            spec = validate(self.loaded, DecisionGroupSpec, f"decision group in {name!r}", at)
            items = []
            for i_index, item in enumerate(spec.items):
                items.append(DecisionItem(
                    f"{name}.{spec.id}.{item.id}",
                    self._localized(item.texts(), prose, order, *at, "items", i_index)))
            lead = self._localized(dict(spec.lead), prose, order, *at, "lead")
            groups.append(DecisionGroup(f"{name}.{spec.id}", lead, items))
        return DecisionList(name, groups)


def _alignment_problems(prose: dict[str, ProseFile], order: list[str]) -> list[ContentError]:
    """Every language must have the original's blocks, with the same ids, kinds and order."""
    problems: list[ContentError] = []
    first = prose[order[0]]
    first_ids = set(first.block_ids())
    for lang in order[1:]:
        other = prose[lang]
        other_by_id = {b.id: b for b in other.blocks}
        previous_line = 1
        for block in first.blocks:
            twin = other_by_id.get(block.id)
            if twin is None:
                what = "table set" if block.kind == "include" else block.kind
                problems.append(ContentError(
                    f"{what} {block.id!r} ({first.path.name}:{block.where.line}) is missing "
                    f"in this language", other.path, previous_line))
                continue
            if twin.kind != block.kind or twin.parent != block.parent:
                problems.append(ContentError(
                    f"{block.id!r} is a {twin.kind} here but a {block.kind} in "
                    f"{first.path.name}:{block.where.line}", other.path, twin.where.line))
            previous_line = twin.where.line
        for block in other.blocks:
            if block.id not in first_ids:
                problems.append(ContentError(
                    f"{block.kind} {block.id!r} has no counterpart in {first.path.name}",
                    other.path, block.where.line))
        shared = [b for b in first.blocks if b.id in other_by_id]
        theirs = [b for b in other.blocks if b.id in first_ids]
        for mine, twin in zip(shared, theirs, strict=True):
            if mine.id != twin.id:
                problems.append(ContentError(
                    f"{twin.id!r} stands where {first.path.name} has {mine.id!r} "
                    f"(line {mine.where.line}): the blocks are in a different order",
                    other.path, twin.where.line))
                break
    return problems
