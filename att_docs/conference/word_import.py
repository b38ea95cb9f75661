"""``att-docs import``: a Word draft as a new paper, or a Word translation into a paper.

:func:`import_draft` reads a draft in the paper's original language, fills ``paper.yaml``
with the masthead fields it finds (reporting the missing ones), gives every unit a
readable id and writes the paper folder in one step. Re-importing over the same folder
keeps the ids of units whose text is unchanged and reports new, changed and gone units.
:func:`import_translation` aligns a translated draft with an existing paper and writes its
texts by id through :mod:`att_docs.conference.content_writer`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.conference.content_writer import Change, write_translations
from att_docs.conference.issued import ISSUED_DIR
from att_docs.conference.provenance import RECORD_DIR
from att_docs.conference.reimport import compare_units, keep_map
from att_docs.document.model import Document, Text
from att_docs.document.units import document_units
from att_docs.errors import ContentError
from att_docs.readers.docx import Notice, read_docx
from att_docs.readers.docx.ids import assign_ids, slug

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
    from att_docs.conference.scaffold import SYMBOL_TYPES

    return {code: doc_type for doc_type, code in SYMBOL_TYPES.items()}


def _read_existing(folder: Path, conference_dir: Path, templates: Path) -> Document | None:
    from att_docs.document.frame import known_types
    from att_docs.readers.content import read_conference, read_paper
    from att_docs.readers.yamlfile import load_yaml

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
    from att_docs.conference.deadline import conference_deadline
    from att_docs.conference.scaffold import next_serial
    from att_docs.document.frame import known_types
    from att_docs.readers.content import read_conference
    from att_docs.writers.content.paper import PaperInfo, paper_files

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
    folder = conference_dir / (folder_name or slug(title, docx.stem.lower()))
    if folder.exists() and not (folder / "paper.yaml").exists():
        raise ContentError("already exists and is not a paper folder; choose another --id",
                           folder)
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
        _write_folder(folder, files, lang, ids, carried)
    return report


def _write_folder(folder: Path, files: dict[str, str], lang: str, ids: set[str],
                  carried: dict[str, dict[str, Text]] | None) -> None:
    """Write into a scratch folder beside the conference, then swap it into place.

    ``carried`` translations of units whose ids are still in ``ids`` are written on top
    of the placeholders, so a re-import keeps them, with the paper's translation records.
    """
    scratch = Path(tempfile.mkdtemp(prefix=f".att-docs-import-{folder.name}.",
                                    dir=folder.parent.parent))
    try:
        for name, text in files.items():
            path = scratch / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if carried is not None and (folder / RECORD_DIR).is_dir():
            shutil.copytree(folder / RECORD_DIR, scratch / RECORD_DIR)
        issued = folder / ISSUED_DIR  # what was distributed is never the draft's to drop
        if issued.is_dir() and not issued.is_symlink():
            shutil.copytree(issued, scratch / ISSUED_DIR, symlinks=True)
        for other, texts in (carried or {}).items():
            kept = {unit_id: text for unit_id, text in texts.items() if unit_id in ids}
            write_translations(scratch, other, kept, lang)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(scratch, 0o777 & ~mask)
        if folder.exists():
            old = folder.with_name(f".{folder.name}.replaced")
            os.rename(folder, old)
            os.rename(scratch, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(scratch, folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _translations(folder: Path, conference_dir: Path, templates: Path,
                  original: str) -> dict[str, dict[str, Text]]:
    """The paper's texts in every language but the original, by unit id."""
    from att_docs.document.frame import known_types
    from att_docs.readers.content import read_conference, read_paper

    conference = read_conference(conference_dir)
    doc = read_paper(folder, conference, templates, known_types(templates), strict=False)
    return {lang: {u.id: u.texts[lang] for u in document_units(doc) if lang in u.texts}
            for lang in conference.languages if lang != original}


def import_translation(docx: Path, paper_dir: Path, lang: str, templates: Path, *,
                       accept_changes: bool = False, dry_run: bool = False) -> ImportReport:
    """Write the texts of a translated Word file into ``paper_dir`` by unit id."""
    from att_docs.conference.align import align_translation
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
    report = ImportReport(paper_dir, draft.notices)
    report.written = write_translations(paper_dir, lang, texts, original, dry_run=dry_run)
    if not dry_run:
        sources = {u.id: u.texts[original].plain() for u in document_units(doc)
                   if original in u.texts and u.id in texts
                   and texts[u.id].plain() != u.texts[original].plain()}  # copies: unconfirmed
        report.recorded = _record_provenance(paper_dir, lang, sources)
    return report


def _record_provenance(paper_dir: Path, lang: str, sources: dict[str, str]) -> bool:
    """Record what each translation was made from (the paper's readiness record)."""
    from att_docs.conference.provenance import record_translations

    record_translations(paper_dir, lang, sources)
    return True
