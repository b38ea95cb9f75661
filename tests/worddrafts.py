"""Word drafts made without att-docs: python-docx with Word's own styles, LibreOffice from ODT."""

from __future__ import annotations

import subprocess
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE = "The Working Group was set up at CSP3."
MASTHEAD = ["ATT/CSP9.WGTU/2023/CHAIR/790/Conf.Rep", "21 July 2023",
            "Submitted by: Chair of the Working Group", "Original: English"]
TITLE = "Report of the Working Group"
PARAGRAPHS = ["The Working Group met twice.", "It discussed the following points:",
              "A third paragraph after the heading."]
SUBS = ["the multi-year plan;", "the regional champions."]
LABELS = ["Status", "Recommendation"]
TABLES = [("Planning", ["Work is under way.", "CSP9 endorses the plan."]),
          ("Coordination", ["Data are collected.", "CSP9 takes note."])]
LEAD = "CSP9 decides:"
ITEMS = ["To adopt the plan.", "To review it at CSP10."]


def _footnotes_part(doc: object) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           '<w:continuationSeparator/></w:r></w:p></w:footnote>'
           '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='
           f'"preserve"> {FOOTNOTE}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    main = doc.part  # type: ignore[attr-defined]
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode(), main.package)
    main.relate_to(part, RT.FOOTNOTES)


def _note_ref(paragraph: object) -> None:
    from docx.oxml import parse_xml

    paragraph._p.append(parse_xml(  # type: ignore[attr-defined]
        f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="1"/></w:r>'))


def python_docx_draft(path: Path, typed: bool) -> Path:
    """Word's "List Number" styles (or typed "1." and "(a)") and a footnote, table, decisions."""
    import docx

    doc = docx.Document()
    _footnotes_part(doc)
    for line in MASTHEAD:
        doc.add_paragraph(line)
    doc.add_paragraph(TITLE, style="Title")
    doc.add_heading("Introduction", level=1)
    for index, text in enumerate(PARAGRAPHS):
        if index == 2:
            doc.add_heading("Next steps", level=1)
        para = doc.add_paragraph(f"{index + 1}. {text}" if typed else text,
                                 style=None if typed else "List Number")
        if index == 0:
            _note_ref(para)
        if index == 1:
            for letter, sub in zip("ab", SUBS, strict=True):
                doc.add_paragraph(f"({letter}) {sub}" if typed else sub,
                                  style=None if typed else "List Number 2")
    doc.add_paragraph("Elements:")
    for title, cells in TABLES:
        table = doc.add_table(rows=3, cols=2)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = title
        for row, (label, text) in enumerate(zip(LABELS, cells, strict=True), start=1):
            table.cell(row, 0).text = label
            table.cell(row, 1).text = text
    doc.add_paragraph(LEAD)
    for item in ITEMS:
        doc.add_paragraph(item, style="List Bullet")
    doc.save(str(path))
    return path


def odt_draft(path: Path) -> Path:
    """The same draft as an OpenDocument text, made with odfpy."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import (
        H,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListLevelStyleNumber,
        ListStyle,
        Note,
        NoteBody,
        NoteCitation,
        P,
    )

    doc = OpenDocumentText()
    numbers = ListStyle(name="Numbers")
    for level, fmt in ((1, "1"), (2, "a")):
        style = ListLevelStyleNumber(level=level, numformat=fmt, numsuffix=".")
        style.addElement(ListLevelProperties(spacebefore=f"{level * 0.5}cm",
                                             minlabelwidth="0.5cm"))
        numbers.addElement(style)
    bullets = ListStyle(name="Bullets")
    bullets.addElement(ListLevelStyleBullet(level=1, bulletchar="•"))
    doc.automaticstyles.addElement(numbers)
    doc.automaticstyles.addElement(bullets)
    for line in [*MASTHEAD, TITLE]:
        doc.text.addElement(P(text=line))
    doc.text.addElement(H(outlinelevel=1, text="Introduction"))

    def numbered(texts: list[str], subs: dict[int, list[str]], start: bool) -> None:
        outer = List(stylename=numbers, continuenumbering="false" if start else "true")
        for index, text in texts:
            item = ListItem()
            para = P(text=text)
            if index == 0:
                note = Note(noteclass="footnote", id="ftn1")
                note.addElement(NoteCitation(text="1"))
                body = NoteBody()
                body.addElement(P(text=FOOTNOTE))
                note.addElement(body)
                para.addElement(note)
            item.addElement(para)
            if index in subs:
                inner = List()
                for sub in subs[index]:
                    sub_item = ListItem()
                    sub_item.addElement(P(text=sub))
                    inner.addElement(sub_item)
                item.addElement(inner)
            outer.addElement(item)
        doc.text.addElement(outer)

    numbered([(0, PARAGRAPHS[0]), (1, PARAGRAPHS[1])], {1: SUBS}, True)
    doc.text.addElement(H(outlinelevel=1, text="Next steps"))
    numbered([(2, PARAGRAPHS[2])], {}, False)
    doc.text.addElement(P(text="Elements:"))
    for title, cells in TABLES:
        table = Table()
        table.addElement(TableColumn(numbercolumnsrepeated=2))
        head = TableRow()
        cell = TableCell(numbercolumnsspanned=2)
        cell.addElement(P(text=title))
        head.addElement(cell)
        head.addElement(CoveredTableCell())
        table.addElement(head)
        for label, text in zip(LABELS, cells, strict=True):
            row = TableRow()
            for value in (label, text):
                c = TableCell()
                c.addElement(P(text=value))
                row.addElement(c)
            table.addElement(row)
        doc.text.addElement(table)
    doc.text.addElement(P(text=LEAD))
    items = List(stylename=bullets)
    for text in ITEMS:
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    doc.text.addElement(items)
    doc.save(str(path))
    return path


def libreoffice_docx(odt: Path, out_dir: Path) -> Path:
    profile = out_dir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "docx", "--outdir", str(out_dir), str(odt)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / (odt.stem + ".docx")


def tiny_png() -> bytes:
    """A valid 1×1 grey PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


def draft_with_extras(path: Path) -> Path:
    """A typed-number draft plus what the content model cannot hold: an image, a comment,
    a text box, underline and a three-column table."""
    import io

    import docx
    from docx.oxml import parse_xml

    python_docx_draft(path, typed=True)
    doc = docx.Document(str(path))
    first = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    doc.add_comment(first.runs[0], text="Check this figure.", author="Reviewer",
                    initials="R")
    second = next(p for p in doc.paragraphs if p.text.startswith("2. "))
    second.add_run(" Underlined words.").underline = True
    third = next(p for p in doc.paragraphs if p.text.startswith("3. "))
    third.add_run().add_picture(io.BytesIO(tiny_png()))
    third._p.append(parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape id="box1" style="width:100pt;height:50pt"><v:textbox><w:txbxContent><w:p>'
        '<w:r><w:t>Boxed remark.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
        '</w:pict></w:r>'))
    table = doc.add_table(rows=2, cols=3)
    for row in range(2):
        for col in range(3):
            table.cell(row, col).text = f"cell {row}.{col}"
    doc.save(str(path))
    return path


def _masthead_draft(date: str = "21 July 2023") -> object:
    """A python-docx document with a masthead and a title, nothing else yet."""
    import docx

    doc = docx.Document()
    for line in ["ATT/CSP9.WGTU/2023/CHAIR/790/Conf.Rep", date, "Submitted by: Chair",
                 "Original: English"]:
        doc.add_paragraph(line)
    doc.add_paragraph(TITLE, style="Title")
    return doc


def numbered_draft(path: Path, paragraphs: list[str], date: str = "21 July 2023",
                   subtitle: list[str] | None = None) -> Path:
    """A heading and numbered paragraphs (Word numbering); ``subtitle`` lines are one
    Subtitle paragraph broken by line breaks (Shift+Enter)."""
    doc = _masthead_draft(date)
    if subtitle:
        para = doc.add_paragraph(subtitle[0], style="Subtitle")  # type: ignore[attr-defined]
        for line in subtitle[1:]:
            para.add_run().add_break()
            para.add_run(line)
    doc.add_heading("Introduction", level=1)  # type: ignore[attr-defined]
    for text in paragraphs:
        doc.add_paragraph(text, style="List Number")  # type: ignore[attr-defined]
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def nested_note_draft(path: Path) -> Path:
    """A footnote whose own text refers to a second footnote."""
    from docx.oxml import parse_xml

    doc = _masthead_draft()
    doc.add_heading("Introduction", level=1)  # type: ignore[attr-defined]
    para = doc.add_paragraph("The Group met.", style="List Number")  # type: ignore[attr-defined]
    para._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="1"/></w:r>'))
    doc.add_paragraph("It talked.", style="List Number")  # type: ignore[attr-defined]
    _footnotes_part(doc)
    notes = next(p for p in doc.part.package.iter_parts()  # type: ignore[attr-defined]
                 if p.partname == "/word/footnotes.xml")
    notes._blob = notes.blob.replace(
        f"{FOOTNOTE}</w:t></w:r>".encode(),
        f'{FOOTNOTE}</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>'.encode()
    ).replace(b"</w:footnotes>",
              b'<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='
              b'"preserve"> Inner note</w:t></w:r></w:p></w:footnote></w:footnotes>')
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def linked_picture_draft(path: Path, target: str = "http://example.org/chart.png") -> Path:
    """A picture linked to a file outside the draft (``r:link``), not embedded."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    doc = _masthead_draft()
    doc.add_heading("Introduction", level=1)  # type: ignore[attr-defined]
    para = doc.add_paragraph("The Group met.", style="List Number")  # type: ignore[attr-defined]
    rid = doc.part.relate_to(target, RT.IMAGE, is_external=True)  # type: ignore[attr-defined]
    para._p.append(parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
        'main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" '
        'name="Picture 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org'
        '/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="chart.png"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="{rid}"/>'
        '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom '
        'prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
        '</w:drawing></w:r>'))
    doc.add_paragraph("It talked.", style="List Number")  # type: ignore[attr-defined]
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


RICH_HEADING = "Background and mandate"


def rich_draft(path: Path) -> Path:
    """The python-docx draft with formatting in every place a unit can carry it: table
    title rows set wholly in bold (a Word header row), a heading that is a paragraph
    wholly in bold, italic and bold words inside a paragraph, a footnote mark, row
    labels, decision items."""
    import docx

    python_docx_draft(path, typed=False)
    doc = docx.Document(str(path))
    for table in doc.tables:
        for para in table.cell(0, 0).paragraphs:
            for run in para.runs:
                run.bold = True
    second = next(p for p in doc.paragraphs if p.text == PARAGRAPHS[1])
    for text, bold, italic in ((" Some ", False, False), ("italic", False, True),
                               (" words and ", False, False), ("bold", True, False),
                               (".", False, False)):
        run = second.add_run(text)
        run.bold, run.italic = bold, italic
    first = next(p for p in doc.paragraphs if p.text == PARAGRAPHS[0])
    heading = first.insert_paragraph_before()
    heading.add_run(RICH_HEADING).bold = True
    doc.save(str(path))
    return path


def libreoffice_resave(docx_path: Path, out_dir: Path) -> Path:
    """The same DOCX opened and saved again by LibreOffice (its own WordprocessingML)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir),
                    str(docx_path)], check=True, capture_output=True, timeout=180)
    return out_dir / docx_path.name
