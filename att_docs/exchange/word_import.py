"""``att-docs import``: a Word draft as a new paper, or a Word translation into a paper.

:func:`import_draft` reads a draft in the paper's original language, fills ``paper.yaml``
with the masthead fields it finds (reporting the missing ones), gives every unit a
readable id and writes the paper folder in one step. Re-importing over the same folder
keeps the ids of units whose text is unchanged and reports new, changed and gone units.
:func:`import_translation` aligns a translated draft with an existing paper and writes its
texts by id through :mod:`att_docs.exchange.content_writer`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.base.confine import Folder, check_name, copy_tree, write_inside
from att_docs.base.errors import ContentError
from att_docs.base.text import LINE_BREAK, fold_lines
from att_docs.document.model import Document, Footnote, Heading, Text
from att_docs.document.units import document_units
from att_docs.exchange.content_writer import Change, PaperWrite, write_translations
from att_docs.exchange.readback import (
    ONE_LINE,
    Origin,
    breaks_lines,
    check_units,
    one_line,
    read_back,
)
from att_docs.exchange.reimport import compare_units, draft_document, keep_map
from att_docs.readers.docx import Draft, Notice, read_docx
from att_docs.readers.docx.ids import assign_ids, slug
from att_docs.readers.issued import ISSUED_DIR
from att_docs.records.provenance import RECORD_DIR
from att_docs.writers.content.paper import PaperInfo

__all__ = ["ImportReport", "import_draft", "import_translation"]


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    folder: Path
    notices: list[Notice]
    missing: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    written: list[Change] = field(default_factory=list)
    recorded: bool = False


def _types_by_code() -> dict[str, str]:
    from att_docs.readers.symbol_field import SYMBOL_TYPES

    return {code: doc_type for doc_type, code in SYMBOL_TYPES.items()}


def _read_existing(folder: Path, conference_dir: Path, templates: Path) -> Document | None:
    from att_docs.base.yamlfile import load_yaml
    from att_docs.readers.content import read_conference, read_paper
    from att_docs.readers.frame import known_types

    if not (folder / "paper.yaml").exists():
        return None
    original = str((load_yaml(folder / "paper.yaml").data or {}).get("original_language", ""))
    conference = read_conference(conference_dir)
    return read_paper(folder, conference, templates, known_types(templates),
                      languages=[original] if original else None)


def import_draft(docx: Path, conference_dir: Path, templates: Path, *,
                 paper_type: str | None = None, folder_name: str | None = None,
                 lang: str | None = None, accept_changes: bool = False,
                 dry_run: bool = False) -> ImportReport:
    """Create (or re-import) a paper folder from a Word draft in its original language.

    ``lang`` is the draft's language (default: the conference's first language).
    """
    from att_docs.document.deadline import conference_deadline
    from att_docs.document.symbols import parse_symbol
    from att_docs.readers.content import read_conference
    from att_docs.readers.frame import known_types
    from att_docs.readers.symbol_field import next_serial, serial_holder
    from att_docs.writers.content.paper import paper_files

    if folder_name is not None:
        check_name(folder_name, "--id")
    conference = read_conference(conference_dir)
    lang = lang or conference.languages[0]
    if lang not in conference.languages:
        raise ContentError(f"{lang!r} is not a language of this conference "
                           f"({', '.join(conference.languages)})", conference_dir)
    types = known_types(templates)
    if paper_type is not None and paper_type not in types:
        raise ContentError(f"unknown document type {paper_type!r} (known: "
                           f"{', '.join(sorted(types))})", templates)
    draft = read_docx(docx, lang, templates, paper_type or "chair-report", accept_changes)
    _one_line_frame(draft)
    fields = draft.masthead
    missing = [name for name in ("symbol", "date", "submitted_by")
               if getattr(fields, name) is None]
    if not draft.main.title.get(lang):
        missing.append("title")
    year = conference.opening.year
    symbol = fields.symbol or f"ATT/CSP{conference.number}/{year}/CHAIR/" \
                              f"{next_serial(conference_dir)}/Conf.Rep"
    given_type = paper_type is not None
    if paper_type is None:
        paper_type = _types_by_code().get(symbol.split("/")[-1].split(".Rev")[0],
                                          "chair-report")
        for part in draft.parts:
            part.type = paper_type
    title = draft.main.title.get(lang) or f"(title of {docx.name})"
    draft.main.title[lang] = title
    name = folder_name or check_name(slug(title, slug(docx.stem, "paper")), "the folder name")
    folder = conference_dir / name
    if folder.is_symlink():
        raise ContentError("is a link; a re-import writes a new folder in its place: "
                           "import into the folder it leads to instead", folder)
    if folder.exists() and not (folder / "paper.yaml").exists():
        raise ContentError("already exists and is not a paper folder; choose another --id",
                           folder)
    taken = serial_holder(conference_dir, parse_symbol(symbol), folder.name)
    if taken is not None:
        raise ContentError(f"the draft's symbol {symbol} takes serial "
                           f"{parse_symbol(symbol).serial}, which {taken[0].name} ({taken[1]}) "
                           f"already has: re-import over it with --id {taken[0].name}, or "
                           "correct the symbol in the draft", docx)
    previous = _read_existing(folder, conference_dir, templates)
    if previous is not None and folder_name is None \
            and str(previous.masthead.symbol) != symbol:
        raise ContentError(f"already holds another paper ({previous.masthead.symbol}); "
                           "choose another --id, or name this one with --id to re-import "
                           "over it", folder)
    if previous is not None:  # a re-import keeps the types it had
        paper_type = paper_type if given_type else previous.type
        old_types = {part.id: part.type for part in previous.parts}
        for part in draft.parts:
            part.type = old_types.get(part.id, paper_type)
    keep = keep_map(draft, previous, lang) if previous else {}
    footnotes = assign_ids(draft.parts, draft.footnotes, lang, keep)
    info = PaperInfo(
        type=paper_type, symbol=symbol, date=fields.date or conference_deadline(conference),
        original_language=lang, languages=list(conference.languages),
        submitted_by={lang: fields.submitted_by or "(submitted by)"},
        annex_types={part.id: part.type for part in draft.parts[1:]},
        comment=f"Imported from {docx.name} with att-docs import."
                + (f"\nTo fill in: {', '.join(missing)}." if missing else ""))
    written, locate = _checked_units(draft, footnotes, info, templates)
    files = paper_files(info, draft.parts, footnotes)
    report = ImportReport(folder, draft.notices, missing, sorted(files))
    carried = None
    if previous is not None:
        report.new, report.changed, report.gone, ids = compare_units(
            previous, draft.parts, footnotes, lang, info.submitted_by)
        carried = _translations(folder, conference_dir, templates, lang)
    else:
        ids = set()
    if not dry_run:
        verb = "re-import" if previous is not None else "import"
        _write_folder(folder, files, lang, ids, carried, templates,
                      f"{verb} of {docx.name}", written, locate)
    return report


_JOINED = "a {} is one line: its line breaks were joined with spaces"


def _one_line_frame(draft: Draft) -> None:
    """Titles, subtitles, captions, the submitted-by line and headings are one line in
    the content (the frame typesets them as one): a line break in the draft becomes a
    space, with a notice."""
    lang = draft.lang
    for part in draft.parts:
        for name in ("title", "subtitle", "caption"):
            values = getattr(part, name)
            if lang in values and LINE_BREAK.search(values[lang]):
                values[lang] = fold_lines(values[lang])
                draft.notices.append(Notice(name, _JOINED.format(name)))
        for block in part.blocks:
            text = block.text.get(lang) if isinstance(block, Heading) else None
            if text is not None and breaks_lines(text):
                block.text[lang] = one_line(text)
                draft.notices.append(Notice(Origin.of_text(text, draft.path).place,
                                            _JOINED.format("heading")))
    submitted = draft.masthead.submitted_by
    if submitted and LINE_BREAK.search(submitted):
        draft.masthead.submitted_by = fold_lines(submitted)
        draft.notices.append(Notice("submitted by", _JOINED.format("submitted-by line")))


def _checked_units(draft: Draft, footnotes: dict[str, Footnote], info: PaperInfo,
                   templates: Path) -> tuple[dict[str, Text], Callable[[str], Origin]]:
    """The draft's texts by unit id, each refused (with its paragraph in the draft) if
    the content reader would not read it back as it is; where each unit came from."""
    lang = draft.lang
    doc = draft_document(draft.parts, footnotes, lang, info.type, info.symbol,
                         info.submitted_by)
    units = list(document_units(doc))
    texts = {u.id: u.texts[lang] for u in units if lang in u.texts}
    kinds = {u.id: u.kind for u in units}

    def locate(unit_id: str) -> Origin:
        if unit_id not in texts:
            return Origin(draft.path)
        kind = kinds.get(unit_id, "paragraph")
        what = "footnote" if kind == "footnote" else "paragraph"
        origin = Origin.of_text(texts[unit_id], draft.path, what)
        return origin if origin.place else Origin(draft.path, None, kind.replace("-", " "))

    check_units(texts, kinds, list(footnotes), lang, templates, locate)
    return texts, locate


def _write_folder(folder: Path, files: dict[str, str], lang: str, ids: set[str],
                  carried: dict[str, dict[str, Text]] | None, templates: Path,
                  what: str, written: dict[str, Text],
                  locate: Callable[[str], Origin]) -> None:
    """Stage the new paper folder inside the conference, read it back as the build
    will, then put it in place of the old one in one exchange (a journaled write).

    ``carried`` translations of units whose ids are still in ``ids`` are written on top
    of the placeholders, so a re-import keeps them, with the paper's translation records.
    """
    from att_docs.base.journal import Write
    from att_docs.readers.content import read_conference

    conference_dir = folder.parent
    conference = read_conference(conference_dir)
    with Write(conference_dir, what) as write:
        staged = write.folder(folder.name)
        for name, text in files.items():
            write_inside(staged, name, text.encode("utf-8"))
        if not folder.joinpath(ISSUED_DIR).is_symlink():  # what was distributed stays
            _carry(folder, staged, ISSUED_DIR)
        meant = {lang: written}
        if carried is not None:
            _carry(folder, staged, RECORD_DIR)
            paper = PaperWrite(staged, templates, conference_dir=conference_dir,
                               complete=True)
            for other, texts in carried.items():
                paper.translations(other, {unit_id: text for unit_id, text in texts.items()
                                           if unit_id in ids})
            paper.write_unseen()
            meant.update(paper.written)
        read_back(staged, folder, conference, templates, meant, strict=True,
                  locate=locate, source=locate(""))
        write.commit()


def _carry(folder: Path, staged: Path, name: str) -> None:
    """The old folder's sub-folder ``name`` (its translation records, its issued
    versions), into the new one, copied without following a link (a linked
    ``name`` is refused)."""
    try:
        source = Folder.open(folder, name)
    except FileNotFoundError:
        return
    with source, Folder.open(staged, name, create=True) as target:
        copy_tree(source, target)


def _translations(folder: Path, conference_dir: Path, templates: Path,
                  original: str) -> dict[str, dict[str, Text]]:
    """The paper's texts in every language but the original, by unit id."""
    from att_docs.readers.content import read_conference, read_paper
    from att_docs.readers.frame import known_types

    conference = read_conference(conference_dir)
    doc = read_paper(folder, conference, templates, known_types(templates), strict=False)
    return {lang: {u.id: u.texts[lang] for u in document_units(doc) if lang in u.texts}
            for lang in conference.languages if lang != original}


def import_translation(docx: Path, paper_dir: Path, lang: str, templates: Path, *,
                       accept_changes: bool = False, dry_run: bool = False) -> ImportReport:
    """Write the texts of a translated Word file into ``paper_dir`` by unit id, with the
    paper's translation record, in one journaled write."""
    from att_docs.exchange.align import align_translation
    from att_docs.readers.content import read_conference

    if not (paper_dir / "paper.yaml").exists():
        raise ContentError("not a paper folder: it has no paper.yaml", paper_dir)
    conference_dir = paper_dir.parent
    conference = read_conference(conference_dir)
    if lang not in conference.languages:
        raise ContentError(f"{lang!r} is not a language of this conference "
                           f"({', '.join(conference.languages)})", conference_dir)
    doc = _read_existing(paper_dir, conference_dir, templates)
    assert doc is not None
    original = doc.masthead.original_language
    if lang == original:
        raise ContentError(f"{lang!r} is the paper's original language; import a revised "
                           "draft without --into", paper_dir)
    draft = read_docx(docx, lang, templates, doc.type, accept_changes)
    texts = align_translation(doc, original, draft)
    kinds = {u.id: u.kind for u in document_units(doc)}
    for unit_id, text in texts.items():
        if kinds.get(unit_id) in ONE_LINE and breaks_lines(text):
            texts[unit_id] = one_line(text)
            draft.notices.append(Notice(Origin.of_text(text, docx).place or unit_id,
                                        _JOINED.format(kinds[unit_id].replace("-", " "))))
    sources = {u.id: u.texts[original].plain() for u in document_units(doc)
               if original in u.texts and u.id in texts
               and texts[u.id].plain() != u.texts[original].plain()}  # copies: unconfirmed

    def locate(unit_id: str) -> Origin:
        return Origin.of_text(texts[unit_id], docx) if unit_id in texts else Origin(docx)

    report = ImportReport(paper_dir, draft.notices)
    report.written = write_translations(paper_dir, lang, texts, original, dry_run,
                                        templates=templates, sources=sources, locate=locate,
                                        what=f"import of {docx.name} into {lang}")
    report.recorded = not dry_run
    return report
