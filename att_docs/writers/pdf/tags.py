"""Structure tags that Typst cannot write yet: row headers.

An element table's first column labels its row ("Rationale", "Implementation"), so the
PDF's structure tree should tag those cells ``TH`` with ``Scope`` ``Row`` (PDF/UA, ISO
14289-1 7.5). Typst tags the title row as column headers and every other cell as ``TD``;
its row-header function (``pdf.header-cell``) needs a feature flag that the Python binding
does not offer. This module turns the first cell of each body row into a row header, as
an incremental update appended to Typst's file (ISO 32000-1 7.5.6: the changed objects, a
cross-reference section for them and a trailer that repeats the previous one's entries).
Typst's bytes stay as they are, and the same input gives the same output. (pypdf's own
incremental writer leaves ``/Info`` out of the new trailer, which hides the title.)

Tables are found from their header cells, which the structure's ID tree names (a table's
header cells carry IDs that its data cells point to), so only the tables' own elements are
read, not every paragraph of the document; should a table have no header cell, the whole
structure tree is searched instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

__all__ = ["mark_row_headers"]

# Keys and names as read (a pypdf name compares and hashes as its text); pypdf itself
# (0.06-0.1 s to import) is loaded only where a file has a table to read.
_S, _K, _A, _O, _P = "/S", "/K", "/A", "/O", "/P"
_TABLE, _SCOPE = "/Table", "/Scope"

# Structure types that never hold a table (ISO 32000-1 14.8.4: paragraphs, headings and
# inline elements): the search for tables does not read what is inside them.
_NO_TABLES = frozenset({"/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Lbl",
                        "/Span", "/Quote", "/Note", "/Reference", "/BibEntry", "/Code",
                        "/Link", "/Annot", "/Ruby", "/Warichu", "/Figure", "/Formula",
                        "/Form"})


def _children(element: DictionaryObject) -> Iterator[DictionaryObject]:
    """The structure elements among an element's kids (not marked content or objects)."""
    from pypdf.generic import DictionaryObject

    kids = element.get(_K)
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and _S in kid:
            yield kid


def _row_header(cell: DictionaryObject) -> None:
    """``TD`` -> ``TH`` with the table attribute ``Scope /Row`` (other attributes kept)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    cell[NameObject(_S)] = NameObject("/TH")
    attributes = cell.get(_A)
    attributes = attributes.get_object() if attributes is not None else ArrayObject()
    if isinstance(attributes, DictionaryObject):
        attributes = ArrayObject([attributes])
    table = next((a.get_object() for a in attributes
                  if a.get_object().get(_O) == _TABLE), None)
    if table is None:
        table = DictionaryObject({NameObject(_O): NameObject(_TABLE)})
        attributes.append(table)
    table[NameObject(_SCOPE)] = NameObject("/Row")
    cell[NameObject(_A)] = attributes


def _body_rows(element: DictionaryObject) -> Iterator[DictionaryObject]:
    for child in _children(element):
        if child[_S] == "/TBody":
            yield from (row for row in _children(child) if row[_S] == "/TR")
        elif child[_S] not in _NO_TABLES:
            yield from _body_rows(child)


def _id_tree_names(node: DictionaryObject) -> Iterator[DictionaryObject]:
    """The elements of a name tree (ISO 32000-1 7.9.6): its ``/Names`` and its kids'."""
    names = node.get("/Names")
    if names is not None:
        names = names.get_object()
        yield from (value.get_object() for value in names[1::2])
    for kid in node.get("/Kids", ()):
        yield from _id_tree_names(kid.get_object())


def _headed_tables(tree: DictionaryObject) -> list[DictionaryObject]:
    """The tables that hold a header cell named in the ID tree, in no particular order."""
    ids = tree.get("/IDTree")
    tables: dict[int, DictionaryObject] = {}
    for element in _id_tree_names(ids.get_object()) if ids is not None else ():
        if element.get(_S) != "/TH":
            continue
        parent = element.get(_P)
        while parent is not None:
            reference, parent = parent, parent.get_object()
            if parent.get(_S) == _TABLE:
                tables[reference.idnum] = parent
                break
            parent = parent.get(_P)
    return list(tables.values())


def _all_body_rows(tree: DictionaryObject, pdf: bytes) -> Iterator[DictionaryObject]:
    """The body rows of every table: from the tables the ID tree leads to when that is all
    of them (as many as the file has table elements), else from a search of the tree."""
    tables = _headed_tables(tree)
    if tables and len(tables) == pdf.count(b"/S/Table"):
        for table in tables:
            yield from _body_rows(table)
    else:
        yield from _body_rows(tree)


def mark_row_headers(pdf: bytes) -> bytes:
    """``pdf`` with the first cell of every table body row tagged as a row header."""
    if b"/TBody" not in pdf:  # no table body: nothing to tag, pypdf not even loaded
        return pdf
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    tree = reader.trailer["/Root"].get("/StructTreeRoot")
    if tree is None:
        return pdf
    changed: dict[int, DictionaryObject] = {}
    for row in _all_body_rows(tree.get_object(), pdf):
        first = next(_children(row), None)
        if first is not None and first[_S] == "/TD" and first.indirect_reference:
            _row_header(first)
            changed[first.indirect_reference.idnum] = first
    if not changed:
        return pdf
    return pdf + _update(reader, len(pdf), changed)


def _update(reader: PdfReader, start: int, objects: dict[int, DictionaryObject]) -> bytes:
    """An incremental update of ``objects`` (generation 0) for a file ``start`` bytes long."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    out = io.BytesIO()
    out.write(b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = start + out.tell()
        out.write(f"{number} 0 obj\n".encode())
        objects[number].write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = start + out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f\r\n")
    for number in sorted(objects):
        out.write(f"{number} 1\n{offsets[number]:010d} 00000 n\r\n".encode())
    trailer = DictionaryObject({NameObject(k): v for k, v in reader.trailer.items()
                                if k not in ("/Prev", "/XRefStm")})
    trailer[NameObject("/Prev")] = NumberObject(_startxref(reader))
    out.write(b"trailer\n")
    trailer.write_to_stream(out)
    out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _startxref(reader: PdfReader) -> int:
    """Where the file's last cross-reference section starts."""
    stream = reader.stream
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - 1024))
    tail = stream.read()
    at = tail.rfind(b"startxref")
    return int(tail[at + len(b"startxref"):].split()[0])


def row_header_count(pdf: bytes) -> int:
    """How many cells of ``pdf`` are tagged as row headers (for checks and tests)."""
    from pypdf import PdfReader

    tree = PdfReader(io.BytesIO(pdf)).trailer["/Root"].get("/StructTreeRoot")
    if tree is None:
        return 0
    return sum(1 for row in _body_rows(tree.get_object())
               for cell in list(_children(row))[:1] if cell[_S] == "/TH")
