"""``att-docs new``: start a paper with a valid symbol, date and one file per language.

The symbol takes the conference's meeting (``CSP9``) and opening year, the next free
serial of the conference (one more than the highest in use), and a document code from
the type (:data:`~att_docs.readers.symbol_field.SYMBOL_TYPES`). The date defaults to the
paper's distribution deadline. The new folder builds as it is; its texts are
placeholders to replace, taken from each language's data (the ``scaffold`` texts of
``templates/locale/<lang>.yaml``), and each language's translation record
(:mod:`att_docs.records.provenance`) marks them as such, so that they count as
untranslated, in the original language too, until they are replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from att_docs.base.confine import check_name, write_inside
from att_docs.base.errors import ContentError
from att_docs.base.paths import PAPER_FILE, find_paper_dirs
from att_docs.document.symbols import DocumentSymbol, SymbolError, parse_symbol
from att_docs.language.profile import Language, load_language
from att_docs.readers.symbol_field import SYMBOL_TYPES, symbol_of
from att_docs.writers.content.yamlout import plain_dump

__all__ = ["NewPaper", "new_paper", "write_new_folder"]

_SUBMITTERS = {"SEC": "Secretariat", "MC": "Management Committee"}
"""Submitter codes to the ``scaffold`` key of their name in each language's data."""


@dataclass(frozen=True)
class NewPaper:
    """What :func:`new_paper` made."""

    folder: Path
    symbol: DocumentSymbol
    date: dt.date
    files: list[Path]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def _submitted_by(submitter: str, body: str | None, number: int,
                  language: Language) -> str:
    """The submitter's name in a language: a ``scaffold`` text of its data, or the code."""
    if submitter in _SUBMITTERS:
        key = _SUBMITTERS[submitter]
    elif submitter == "CHAIR":
        key = "Chair of the {body}" if body else "Chair"
    elif submitter == "PRES":
        key = "President of CSP{number}"
    else:
        return submitter
    return language.placeholder(key, submitter).format(body=body, number=number)


def new_paper(conference_dir: Path, templates: Path, doc_type: str, *,
              title: dict[str, str] | None = None, body: str | None = None,
              submitter: str = "CHAIR", serial: int | None = None,
              symbol_type: str | None = None, date: dt.date | None = None,
              folder_name: str | None = None) -> NewPaper:
    """Create ``conference_dir/<folder>/`` with paper.yaml and one .md per language."""
    from att_docs.document.deadline import conference_deadline
    from att_docs.readers.content import read_conference
    from att_docs.readers.frame import known_types
    from att_docs.records.provenance import placeholder_record, record_path

    if folder_name is not None:
        check_name(folder_name, "--id")
    conference = read_conference(conference_dir)
    types = known_types(templates)
    if doc_type not in types:
        raise ContentError(f"unknown document type {doc_type!r} (known: "
                           f"{', '.join(sorted(types))})", templates)
    used = {symbol_of(d).serial for d in find_paper_dirs(conference_dir)}
    serial = serial if serial is not None else max(used, default=0) + 1
    if serial in used:
        raise ContentError(f"serial {serial} is already used in this conference",
                           conference_dir)
    meeting = f"CSP{conference.number}" + (f".{body}" if body else "")
    code = symbol_type or SYMBOL_TYPES.get(doc_type, "Conf.Doc")
    text = f"ATT/{meeting}/{conference.opening.year}/{submitter}/{serial}/{code}"
    try:
        symbol = parse_symbol(text)
    except SymbolError as exc:
        raise ContentError(f"--body, --submitter or --symbol-type give a bad symbol: {exc}",
                           conference_dir) from None
    unknown = sorted(set(title or {}) - set(conference.languages))
    if unknown:
        raise ContentError(f"--title for {', '.join(unknown)}: the conference's languages are "
                           f"{', '.join(conference.languages)}", conference_dir)
    languages = {lang: load_language(templates, lang) for lang in conference.languages}
    titles = {lang: (title or {}).get(lang) or languages[lang].placeholder("title", "Title")
              for lang in conference.languages}
    given = next((t for t in (title or {}).values() if _slug(t)), None)
    target = conference_dir / check_name(folder_name or (given and _slug(given)) or
                                         _slug(f"{doc_type}-{serial}"), "the folder name")
    if os.path.lexists(target):
        raise ContentError("already exists; choose another --id", target)
    paper_date = date or conference_deadline(conference)
    paper = {
        "type": doc_type,
        "symbol": str(symbol),
        "date": paper_date,
        "submitted_by": {lang: _submitted_by(submitter, body, conference.number, language)
                         for lang, language in languages.items()},
        "original_language": conference.languages[0],
        "title": titles,
    }
    files = {PAPER_FILE: "# Started with `att-docs new`: replace the placeholder texts.\n"
                         + plain_dump(paper)}
    original = paper["original_language"]
    for lang in conference.languages:
        heading = languages[lang].placeholder("heading", "Introduction")
        first = languages[lang].placeholder("paragraph", "…")
        files[f"{lang}.md"] = f"# {heading} {{#introduction}}\n\n{{#purpose}} {first}\n"
        placeholders = {"introduction": heading, "purpose": first}
        made = {}  # texts att-docs or the command line gave in every language
        if lang != original:
            made["submitted_by"] = paper["submitted_by"][original]
        if (title or {}).get(lang) and (title or {}).get(original):
            made["title"] = titles[original]
        elif not (title or {}).get(lang):
            placeholders["title"] = titles[lang]
        files[record_path(Path(), lang).as_posix()] = placeholder_record(
            lang, placeholders, made if lang != original else None)
    write_new_folder(target, files, "new paper")
    return NewPaper(target, symbol, paper_date, [target / name for name in files])


def write_new_folder(target: Path, files: dict[str, str], what: str) -> None:
    """Make the folder ``target`` holding ``files`` (relative path: text): staged in the
    hidden staging folder of its parent, then renamed into place in one step (a journaled
    write, ``what`` naming it), so an interrupted run never leaves something that looks
    like a paper or a conference, and the next command removes what it staged. No link
    is followed on the way."""
    from att_docs.base.journal import Write

    with Write(target.parent, what) as write:
        staged = write.folder(target.name)
        for name, text in files.items():
            write_inside(staged, name, text.encode("utf-8"))
        write.commit()
