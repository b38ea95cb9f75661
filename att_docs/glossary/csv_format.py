"""CSV term bases: one row per term (our export), or one row per concept (other tools).

Long form, as exported: ``concept_id, lang, term, status, kind, case_sensitive, note,
concept_note, subject, definition``; only concept_id, lang and term are required. The
concept's own fields repeat on each of its rows, so sorting the sheet loses nothing.

Wide form, as spreadsheets and simple glossary tools keep it: one column per language
(a language code or BCP 47 tag as its header) holding that language's preferred term,
and optionally
``id``, ``note``, ``subject`` and ``definition``.

The delimiter (comma, semicolon or tab) is taken from the header line.

Cells are safe to open in a spreadsheet: one that starts with ``= + - @``, a tab or a
carriage return is written with a leading apostrophe (OWASP's rule against CSV
injection: the spreadsheet shows it as text instead of running a formula), and so is one
that already starts with an apostrophe before such a character; the import removes
exactly that apostrophe again, so a round trip loses nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_text
from att_docs.base.text import check_characters
from att_docs.glossary.integrity import (
    clean_term,
    clean_text,
    finish,
    normalize_lang,
    parse_status,
)
from att_docs.glossary.model import STATUSES, Concept, Glossary, Status, Term

__all__ = ["COLUMNS", "dumps_csv", "load_csv_glossary", "spreadsheet_cell"]

COLUMNS = ("concept_id", "lang", "term", "status", "kind", "case_sensitive", "note",
           "concept_note", "subject", "definition")
_REQUIRED = ("concept_id", "lang", "term")
_WIDE_FIELDS = ("id", "note", "subject", "definition")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"true", "yes", "1", "y", "x"}
_FALSE = {"false", "no", "0", "n", ""}


# --------------------------------------------------------------------------- cells

def spreadsheet_cell(text: str) -> str:
    """``text`` as a cell no spreadsheet takes for a formula (see the module's notes)."""
    if text.startswith(_FORMULA_START) or (
            text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'"))):
        return "'" + text
    return text


def _from_cell(text: str) -> str:
    """The text of a cell written by :func:`spreadsheet_cell` (others are unchanged)."""
    if text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'")):
        return text[1:]
    return text


# --------------------------------------------------------------------------- reading


def load_csv_glossary(path: Path) -> Glossary:
    """Read a long- or wide-form CSV term base."""
    text = read_text(path, encoding="utf-8-sig")
    check_characters(text, path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    # strict: an unbalanced quote is an error, not a field that runs to the end of the file
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in reader.fieldnames or []]
    except csv.Error as exc:
        raise ContentError(f"malformed CSV: {exc}", path, 1) from None
    if not header:
        raise ContentError("empty CSV: expected a header line", path, 1)
    reader.fieldnames = header
    try:
        if "concept_id" in header or "term" in header:
            concepts = _long_form(reader, header, path)
        else:
            concepts = _wide_form(reader, header, path)
    except csv.Error as exc:
        raise ContentError(f"malformed CSV: {exc}", path, reader.reader.line_num) from None
    return finish(Glossary(concepts, source=path), path)


def _long_form(reader: csv.DictReader[str], header: list[str], path: Path) -> list[Concept]:
    missing = [c for c in _REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        what = (f"missing column {', '.join(missing)}" if missing
                else f"unknown column {', '.join(unknown)}")
        raise ContentError(f"{what} (columns: {', '.join(COLUMNS)})", path, 1)
    concepts: dict[str, Concept] = {}
    for row in reader:
        line = reader.line_num
        cells = {k: _from_cell((v or "").strip()) for k, v in row.items() if k is not None}
        if not any(cells.values()):
            continue
        if any((extra or "").strip() for extra in row.get(None, [])):  # type: ignore[call-overload]
            raise ContentError("more cells than columns", path, line)
        concept_id, lang, text = cells["concept_id"], cells["lang"], clean_term(cells["term"])
        if not concept_id or not lang or not text:
            raise ContentError("concept_id, lang and term must not be empty", path, line)
        concept = concepts.get(concept_id)
        if concept is None:
            concept = concepts[concept_id] = Concept(id=concept_id, terms={}, line=line)
        _merge_concept_fields(concept, cells, path, line)
        terms = concept.terms.setdefault(normalize_lang(lang), [])
        terms.append(Term(text=text, status=_status(cells.get("status", ""), terms, path, line),
                          kind=cells.get("kind") or None,
                          case_sensitive=_flag(cells.get("case_sensitive", ""), path, line),
                          note=clean_text(cells.get("note")), line=line))
    return list(concepts.values())


def _merge_concept_fields(concept: Concept, cells: dict[str, str], path: Path,
                          line: int) -> None:
    for column, attr in (("concept_note", "note"), ("subject", "subject"),
                         ("definition", "definition")):
        value = clean_text(cells.get(column))
        if value is None:
            continue
        current = getattr(concept, attr)
        if current is not None and current != value:
            raise ContentError(f"{column} of concept {concept.id!r} differs from the one on "
                               f"line {concept.line}", path, line)
        setattr(concept, attr, value)


def _status(value: str, terms: list[Term], path: Path, line: int) -> Status:
    """The row's status; when the column is empty, the first term is preferred."""
    if not value.strip():
        return "admitted" if any(t.status == "preferred" for t in terms) else "preferred"
    status = parse_status(value)
    if status is None:
        raise ContentError(f"unknown status {value!r} (expected one of: "
                           f"{', '.join(STATUSES)})", path, line)
    return status


def _flag(value: str, path: Path, line: int) -> bool:
    word = value.strip().lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise ContentError(f"case_sensitive must be true or false, not {value!r}", path, line)


def _wide_form(reader: csv.DictReader[str], header: list[str], path: Path) -> list[Concept]:
    langs = [h for h in header if h.lower() not in _WIDE_FIELDS]
    if not langs:
        raise ContentError("no language columns: expected a header such as 'en,zh' or the "
                           f"columns {', '.join(COLUMNS)}", path, 1)
    concepts = []
    for n, row in enumerate(reader, start=1):
        line = reader.line_num
        cells = {k.lower(): _from_cell((v or "").strip()) for k, v in row.items()
                 if k is not None}
        terms: dict[str, list[Term]] = {}
        for lang in langs:  # two regional columns of one language: the first is preferred
            if text := clean_term(_from_cell(clean_term(row[lang]))):
                same = terms.setdefault(normalize_lang(lang), [])
                same.append(Term(text, "admitted" if same else "preferred", line=line))
        if not terms:
            continue
        concepts.append(Concept(id=cells.get("id") or f"c{n}", terms=terms,
                                note=clean_text(cells.get("note")),
                                subject=clean_text(cells.get("subject")), line=line,
                                definition=clean_text(cells.get("definition"))))
    return concepts


# --------------------------------------------------------------------------- writing


def dumps_csv(glossary: Glossary) -> str:
    """Long form: one row per term; the concept's own fields on its first row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in glossary.concepts:
        first = True
        for lang, terms in concept.terms.items():
            for term in terms:
                own = [concept.note or "", concept.subject or "", concept.definition or ""]
                writer.writerow([spreadsheet_cell(cell) for cell in (
                    concept.id, lang, term.text, term.status, term.kind or "",
                    "true" if term.case_sensitive else "false", term.note or "",
                    *(own if first else ["", "", ""]))])
                first = False
    return out.getvalue()
