"""Read a Word (DOCX) draft into the document model, through pandoc's DOCX reader.

Layers, as in pandoc: :mod:`.pandoc` (file checks, JSON AST), :mod:`.inlines` and
:mod:`.blocks` (AST to flat draft lines), :mod:`.masthead`, :mod:`.structure` and
:mod:`.tables` (lines to model parts), :mod:`.ids` (readable, stable ids). Nothing here
knows how the result is written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.plural import counted
from att_docs.base.xmlsafe import parse_untrusted
from att_docs.document.model import Footnote, Paragraph, Text
from att_docs.language.locale import load_locale
from att_docs.readers.docx.blocks import Line, flatten
from att_docs.readers.docx.draft import Draft
from att_docs.readers.docx.inlines import Notice, ReadContext
from att_docs.readers.docx.masthead import FrontMatter
from att_docs.readers.docx.pandoc import read_ast
from att_docs.readers.docx.structure import Structure, build_parts

__all__ = ["Draft", "Notice", "read_docx"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read_docx(path: Path, lang: str, templates: Path, paper_type: str,
              accept_changes: bool = False) -> Draft:
    """Read ``path`` (a draft in ``lang``); ids are provisional until assigned."""
    ctx = ReadContext()
    ast = read_ast(path, "all")
    lines = flatten(ast, ctx)
    if ctx.pending_changes:
        if not accept_changes:
            raise ContentError(
                counted(len(ctx.pending_changes), "{n} tracked change is",
                        "{n} tracked changes are")
                + f" still pending (first at {ctx.pending_changes[0].split(': tracked')[0]}): "
                "accept or reject them in Word, or import with --accept-changes", path)
        count = len(ctx.pending_changes)
        ctx = ReadContext(notices=list(ctx.notices))
        lines = flatten(read_ast(path, "accept"), ctx)
        accepted = counted(count, "{n} pending tracked change", "{n} pending tracked changes")
        ctx.notices.append(Notice("the whole draft", f"{accepted} accepted (--accept-changes)"))
    locale = load_locale(templates, lang)
    structure = build_parts(lines, lang, FrontMatter(locale), paper_type, path)
    _straighten_metadata(structure, lang, locale.quotes)
    if not any(isinstance(b, Paragraph) and b.numbered
               for part in structure.parts for b in part.blocks):
        raise ContentError("no numbered paragraphs found: number the paragraphs with Word "
                           "numbering or typed numbers (\"1.\", \"2.\")", path)
    notices = (ctx.notices + structure.notices + _text_box_notices(path, lines)
               + _linked_picture_notices(path))
    _restore_title_case(structure.parts[0].title, lang, path, notices)
    footnotes = {note_id: Footnote(note_id, {lang: Text(blocks)})
                 for note_id, blocks in ctx.notes.items()}
    return Draft(path, lang, structure.masthead, structure.parts, footnotes, notices)


def _straighten_metadata(structure: Structure, lang: str, quotes: str) -> None:
    """Metadata is plain text that the frame typesets with the language's smart quotes;
    undo them, so that the YAML holds what an author types."""
    if len(quotes) != 4:
        return
    table = str.maketrans({quotes[0]: '"', quotes[1]: '"', quotes[2]: "'", quotes[3]: "'"})
    for part in structure.parts:
        for values in (part.title, part.subtitle, part.caption):
            if lang in values:
                values[lang] = values[lang].translate(table)
    if structure.masthead.submitted_by:
        structure.masthead.submitted_by = structure.masthead.submitted_by.translate(table)


def _text_box_notices(path: Path, lines: list[Line]) -> list[Notice]:
    """Text boxes, which pandoc reads in some forms and drops in others."""
    with zipfile.ZipFile(path) as zf:
        root = parse_untrusted(zf.read("word/document.xml"), path)
    flow = " ".join(line.plain() for line in lines)
    notices: list[Notice] = []
    for box in root.iter(f"{{{_W}}}txbxContent"):
        boxed = " ".join("".join(t.text or "" for t in p.iter(f"{{{_W}}}t"))
                         for p in box.iter(f"{{{_W}}}p")).strip()
        holder = next((a for a in box.iterancestors(f"{{{_W}}}p")), None)
        around = "".join(
            t.text or "" for t in (holder.iter(f"{{{_W}}}t") if holder is not None else ())
            if not any(a.tag == box.tag for a in t.iterancestors())).strip()[:40]
        place = f"the paragraph {around!r}" if around else "a text box"
        fate = ("its text was read into the running text" if boxed and boxed in flow
                else "its text is not imported")
        notices.append(Notice(place, f"a text box ({boxed[:40]!r}): the content format has "
                                     f"no text boxes; {fate}"))
    return notices


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_V = "urn:schemas-microsoft-com:vml"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def _linked_picture_notices(path: Path) -> list[Notice]:
    """Pictures linked to a file outside the draft (``r:link``, or a relationship with
    ``TargetMode="External"``), which pandoc drops without a word."""
    with zipfile.ZipFile(path) as zf:
        root = parse_untrusted(zf.read("word/document.xml"), path)
        try:
            rels = parse_untrusted(zf.read("word/_rels/document.xml.rels"), path)
        except KeyError:
            rels = None
    external = {} if rels is None else {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{{{_PR}}}Relationship")
        if rel.get("TargetMode") == "External"}
    notices: list[Notice] = []
    pictures = [*root.iter(f"{{{_A}}}blip"), *root.iter(f"{{{_V}}}imagedata")]
    for picture in pictures:
        rid = picture.get(f"{{{_R}}}link") or picture.get(f"{{{_R}}}embed") or \
            picture.get(f"{{{_R}}}id")
        if picture.get(f"{{{_R}}}link") is None and rid not in external:
            continue
        holder = next(picture.iterancestors(f"{{{_W}}}p"), None)
        around = "".join(t.text or "" for t in (holder.iter(f"{{{_W}}}t")
                                                if holder is not None else ())).strip()[:40]
        place = f"the paragraph {around!r}" if around else "a picture"
        target = external.get(rid, "")
        notices.append(Notice(place, f"a linked picture{f' ({target[:60]})' if target else ''}"
                                     ": its file is outside the draft, and the content "
                                     "format has no images; not imported"))
    return notices


def _restore_title_case(title: dict[str, str], lang: str, path: Path,
                        notices: list[Notice]) -> None:
    """A title in capitals (as templates print it) takes its case from the file's title."""
    text = title.get(lang, "")
    if not text or text != text.upper() or text == text.lower():
        return
    with zipfile.ZipFile(path) as zf:
        try:
            core = parse_untrusted(zf.read("docProps/core.xml"), path)
        except KeyError:
            core = None
    found = core.findtext("{http://purl.org/dc/elements/1.1/}title") if core is not None else None
    if found and found.upper() == text and found != text:
        title[lang] = found
    else:
        notices.append(Notice("title", "the title is in capitals: write it in normal case in "
                              "paper.yaml (the template capitalises it)"))
