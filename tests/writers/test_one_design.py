"""One style sheet, both writers: the DOCX styles part, read back from the written file,
and the resolved styles the Typst template receives agree style by style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import TEMPLATES
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle

from att_docs.writers.docx.styles import DOCX_NAMES
from att_docs.writers.docx.writer import write_docx
from att_docs.writers.pdf.typst_data import document_data
from att_docs.writers.styles import Styles, load_styles

ALIGN = {WD_ALIGN_PARAGRAPH.LEFT: "left", WD_ALIGN_PARAGRAPH.RIGHT: "right",
         WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.JUSTIFY: "justify", None: "left"}
EMU_PER_MM = 36000


@pytest.fixture(scope="module")
def styles() -> Styles:
    return load_styles(TEMPLATES / "styles.yaml")


def inherited(style: ParagraphStyle | None, get: Any) -> Any:
    """A style's value, following ``w:basedOn`` up to the first style that sets it."""
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def docx_look(style: ParagraphStyle, heading_face: str) -> dict[str, Any]:
    """What Word resolves for a paragraph style, in the style sheet's terms and units."""
    fmt = lambda attr: inherited(style, lambda s: getattr(s.paragraph_format, attr))  # noqa: E731
    first = fmt("first_line_indent")
    rpr = style.element.rPr
    east_asian = rpr.rFonts.get(qn("w:eastAsia")) if rpr is not None else None
    bdr = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
    bottom = bdr.find(qn("w:bottom")) if bdr is not None else None
    size = inherited(style, lambda s: s.font.size)
    return {
        "size": size.pt,
        "bold": bool(inherited(style, lambda s: s.font.bold)),
        "face": "heading" if east_asian == heading_face else "body",
        "align": ALIGN[fmt("alignment")],
        "left_mm": round((fmt("left_indent") or 0) / EMU_PER_MM, 1),
        "right_mm": round((fmt("right_indent") or 0) / EMU_PER_MM, 1),
        "hanging_mm": round(-(first or 0) / EMU_PER_MM, 1),
        "before_pt": (fmt("space_before") or 0) / 12700,
        "after_pt": (fmt("space_after") or 0) / 12700,
        "keep_next": bool(fmt("keep_with_next")),
        "rule_below_pt": int(bottom.get(qn("w:sz"))) / 8 if bottom is not None else 0,
        "pitch_pt": exact_pitch(style),
    }


def exact_pitch(style: ParagraphStyle) -> float | None:
    """The style's line pitch in points if Word sets its lines exactly that far apart."""
    rule = inherited(style, lambda s: s.paragraph_format.line_spacing_rule)
    spacing = inherited(style, lambda s: s.paragraph_format.line_spacing)
    if rule != WD_LINE_SPACING.EXACTLY or spacing is None:
        return None
    return round(spacing.pt, 2)


def typst_look(look: dict[str, Any]) -> dict[str, Any]:
    """The template's input in the same terms (indents rounded as Word's twips are; the
    alignment is the one the template received for the language)."""
    out = {k: v for k, v in look.items() if k not in ("shading", "east_asian_align")}
    for key in ("left_mm", "right_mm", "hanging_mm"):
        out[key] = round(out[key], 1)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_docx_styles_and_typst_input_agree(example, styles: Styles, lang: str,
                                           tmp_path: Path) -> None:
    _conference, documents = example
    document = next(d for d in documents.values() if d.footnotes)
    out = tmp_path / f"paper.{lang}.docx"
    write_docx(document, lang, out, styles)
    word = docx.Document(str(out))
    data = document_data(document, lang, styles)["meta"]
    assert set(data["styles"]) == set(DOCX_NAMES), "a style is missing from one writer"
    heading_face = styles.fonts[lang].heading_east_asian
    differences = {}
    for name, look in data["styles"].items():
        want, got = typst_look(look), docx_look(word.styles[DOCX_NAMES[name]], heading_face)
        if want != got:
            differences[name] = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
    assert not differences, f"PDF (Typst input) vs DOCX (styles.xml): {differences}"


def test_table_heading_shading_in_both(example, styles: Styles, tmp_path: Path) -> None:
    _conference, documents = example
    document = next(d for d in documents.values() if d.footnotes)
    out = tmp_path / "paper.en.docx"
    write_docx(document, "en", out, styles)
    fill = document_data(document, "en", styles)["meta"]["styles"]["table-heading"]["shading"]
    assert fill, "the style sheet shades table headings"
    tables = [t for t in docx.Document(str(out)).tables
              if t._tbl.tblPr.find(qn("w:tblStyle")) is not None]  # not the page-one block
    assert tables
    for table in tables:
        shd = table.rows[0].cells[0]._tc.tcPr.find(qn("w:shd"))
        assert shd is not None and shd.get(qn("w:fill")) == fill
        assert table.rows[1].cells[0]._tc.tcPr.find(qn("w:shd")) is None


def test_chinese_headings_use_the_heading_face_in_both(example, styles: Styles) -> None:
    """DOCX headings take fonts.heading_east_asian; the PDF sets the same roles in their
    stand-ins, so its heading face differs from its body face as the DOCX faces differ."""
    _conference, documents = example
    document = next(iter(documents.values()))
    meta = document_data(document, "zh", styles)["meta"]
    faces = styles.fonts["zh"]
    assert (faces.heading_east_asian != faces.east_asian) == \
        (meta["fonts"]["heading_east_asian"] != meta["fonts"]["east_asian"])
    for role in ("latin", "east_asian", "heading_east_asian"):
        assert meta["fonts"][role] == styles.pdf_family(getattr(faces, role))
    assert {n for n, s in meta["styles"].items() if s["face"] == "heading"} >= \
        {"heading1", "heading2", "title", "annex-heading", "table-heading"}


def test_hyphenation_widows_and_hanging_punctuation_in_both(example, styles: Styles,
                                                            tmp_path: Path) -> None:
    """The style sheet's switches reach Word's Normal style and the template's input."""
    _conference, documents = example
    document = next(iter(documents.values()))
    out = tmp_path / "paper.en.docx"
    write_docx(document, "en", out, styles)
    normal = docx.Document(str(out)).styles["Normal"]
    ppr = normal.element.pPr
    meta = document_data(document, "en", styles)["meta"]
    hyphens = ppr.find(qn("w:suppressAutoHyphens"))
    assert (hyphens is not None and hyphens.get(qn("w:val")) == "1") == (not meta["hyphenate"])
    overflow = ppr.find(qn("w:overflowPunct"))
    assert overflow is not None
    assert (overflow.get(qn("w:val")) == "1") == meta["hanging_punctuation"]
    assert normal.paragraph_format.widow_control == (meta["widow_lines"] >= 2)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # space between CJK and Latin text
        switch = ppr.find(qn(tag))
        assert switch is not None and (switch.get(qn("w:val")) == "1") == \
            meta["cjk_latin_spacing"], tag


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_first_page_conference_block_beside_the_masthead(example, styles: Styles, lang: str,
                                                         tmp_path: Path) -> None:
    """DOCX: the body opens with a two-cell table, the conference lines left and the symbol
    and masthead lines right, ruled below as the style sheet says; the header of page one
    is its own (empty), later pages carry the symbol."""
    _conference, documents = example
    document = next(iter(documents.values()))
    out = tmp_path / f"paper.{lang}.docx"
    write_docx(document, lang, out, styles)
    word = docx.Document(str(out))
    first = styles.first_page
    assert first is not None
    body = word.element.body
    opening = body[0] if body[0].tag == qn("w:tbl") else body[1]
    assert opening.tag == qn("w:tbl"), "page one does not open with the side-by-side block"
    if opening is not body[0]:  # only an empty paragraph, one twip high, may come first
        assert body[0].tag == qn("w:p") and not "".join(body[0].itertext())
        assert body[0].find(f"{qn('w:pPr')}/{qn('w:spacing')}").get(qn("w:line")) == "1"
    table = word.tables[0]
    left, right = (cell.paragraphs for cell in table.rows[0].cells)
    assert {p.style.name for p in left} == {DOCX_NAMES[s] for s in first.left}
    assert {p.style.name for p in right} == {DOCX_NAMES[s] for s in first.right}
    assert right[0].text == str(document.masthead.symbol)
    bottom = table._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:bottom"))
    assert int(bottom.get(qn("w:sz"))) / 8 == first.rule_below_pt
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs)
    assert "".join(p.text for p in section.header.paragraphs) == str(document.masthead.symbol)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_styles_part_holds_the_papers_styles_and_words_defaults(example, styles: Styles,
                                                                lang: str,
                                                                tmp_path: Path) -> None:
    """styles.xml: the writer's styles (one per style of the sheet, and the template's
    Normal, Table Grid and footnote reference), what they link to, and one default per
    style type; nothing of the template's others ("Title", "Intense Quote" ...). Every
    style a part refers to is there."""
    import zipfile

    from lxml import etree

    _conference, documents = example
    document = next(d for d in documents.values() if d.footnotes)
    out = tmp_path / f"paper.{lang}.docx"
    write_docx(document, lang, out, styles)
    with zipfile.ZipFile(out) as package:
        parts = {n: etree.fromstring(package.read(n)) for n in package.namelist()
                 if n.startswith("word/") and n.endswith(".xml")}
    defined = {s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val"))
               for s in parts["word/styles.xml"].iter(qn("w:style"))}
    names = set(defined.values())
    assert {n.casefold() for n in DOCX_NAMES.values()} <= {n.casefold() for n in names}
    assert {"Normal", "Table Grid", "footnote reference", "Default Paragraph Font",
            "Normal Table", "No List"} <= names
    assert not names & {"Title", "Intense Quote", "Colorful Grid Accent 1", "List Bullet"}
    assert len(names) <= len(DOCX_NAMES) + 12
    used = {el.get(qn("w:val")) for part in parts.values()
            for tag in ("w:pStyle", "w:rStyle", "w:tblStyle", "w:basedOn", "w:link", "w:next")
            for el in part.iter(qn(tag))}
    assert used <= set(defined), f"styles referred to but missing: {used - set(defined)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_font_table_declares_each_font_with_its_stand_in(example, styles: Styles,
                                                         lang: str, tmp_path: Path) -> None:
    """fontTable.xml: the language's fonts as the style sheet names them, each with the
    metric-compatible font the PDF uses among its alternates; every font a run or style
    names is declared."""
    import zipfile

    from lxml import etree

    _conference, documents = example
    out = tmp_path / f"paper.{lang}.docx"
    write_docx(next(iter(documents.values())), lang, out, styles)
    with zipfile.ZipFile(out) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
        parts = [etree.fromstring(package.read(f"word/{n}.xml"))
                 for n in ("styles", "document", "footnotes", "numbering")]
    declared = {f.get(qn("w:name")): f for f in table.iter(qn("w:font"))}
    assert set(declared) == set(styles.fonts[lang].model_dump().values())
    for name, font in declared.items():
        alternates = font.find(qn("w:altName")).get(qn("w:val")).split(", ")
        assert styles.pdf_family(name) in alternates
        assert font.find(qn("w:panose1")) is not None
    named = {rfonts.get(qn(f"w:{a}")) for part in parts for rfonts in part.iter(qn("w:rFonts"))
             for a in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
    assert named <= set(declared)
