"""The DOCX writer, checked by reading the output back (python-docx and lxml on the zip)."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, require_tools
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph as DocxParagraph
from factories import sample_document
from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.document.model import (
    Document,
    FootnoteRef,
    FrameBlock,
    Paragraph,
    Run,
    Table,
    Text,
    TextBlock,
)
from att_docs.writers.docx import styles as st
from att_docs.writers.docx.writer import write_docx
from att_docs.writers.styles import Styles, load_styles

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
LANGS = ("en", "zh")
CJK_LANGS = {"zh", "ja", "ko"}
HEADING_FACE_STYLES = {"Heading1", "Heading2", "ATTTitle", "ATTAnnexHeading",
                       "ATTTableHeading"}
REQUIRED_STYLES = [
    "ATT Symbol", "ATT Masthead", "ATT Conference", "ATT Title", "ATT Subtitle",
    "ATT Annex Heading", "ATT End Mark", "ATT Numbered Paragraph", "ATT Subparagraph",
    "ATT Body", "ATT List Item", "ATT Decision Lead", "ATT Decision Item", "ATT Table Text",
    "ATT Table Heading", "Heading 1", "Heading 2", "footnote text", "footnote reference",
]


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def wval(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def styles() -> Styles:
    return load_styles(ROOT / "templates" / "styles.yaml")


@pytest.fixture(scope="module")
def written(styles: Styles, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    paths = {}
    for lang in LANGS:
        paths[lang] = out / f"sample.{lang}.docx"
        write_docx(sample_document(), lang, paths[lang], styles)
    return paths


def parts(path: Path) -> dict[str, etree._Element]:
    """Every XML part of the package, parsed."""
    with zipfile.ZipFile(path) as zf:
        return {name: etree.fromstring(zf.read(name)) for name in zf.namelist()
                if name.endswith((".xml", ".rels"))}


def all_paragraphs(read: DocxDocument) -> list[DocxParagraph]:
    """Every paragraph of the body, those of the page-one block beside the masthead too."""
    return [DocxParagraph(p, read._body) for p in read.element.body.iter(w("p"))]


def element_tables(xml: etree._Element) -> list[etree._Element]:
    """The paper's tables (grid style), not the borderless page-one block."""
    return [t for t in xml.findall("w:body/w:tbl", NS)
            if t.find("w:tblPr/w:tblStyle", NS) is not None]


def body_blocks(doc: Document, kind: type) -> list:
    return [b for b in doc.body if isinstance(b, kind)]


def paragraph_style(p: etree._Element) -> str | None:
    return wval(p.find("w:pPr/w:pStyle", NS))


def text_of(el: etree._Element) -> str:
    return "".join(el.itertext())


# --------------------------------------------------------------------------- Word numbering


class WordNumbering:
    """Computes list numbers the way Word does, from numbering.xml and styles.xml."""

    def __init__(self, numbering: etree._Element, styles_xml: etree._Element) -> None:
        self.abstracts = {a.get(w("abstractNumId")): a
                          for a in numbering.findall("w:abstractNum", NS)}
        self.nums = {n.get(w("numId")): n for n in numbering.findall("w:num", NS)}
        self.styles = {s.get(w("styleId")): s for s in styles_xml.findall("w:style", NS)}
        self.counters: dict[str, dict[int, int]] = {}

    def num_pr(self, p: etree._Element) -> tuple[str, int] | None:
        """Direct numPr, else the paragraph style's (following basedOn)."""
        num_pr = p.find("w:pPr/w:numPr", NS)
        style_id = paragraph_style(p)
        while num_pr is None and style_id in self.styles:
            style = self.styles[style_id]
            num_pr = style.find("w:pPr/w:numPr", NS)
            style_id = wval(style.find("w:basedOn", NS))
        if num_pr is None:
            return None
        return wval(num_pr.find("w:numId", NS)), int(wval(num_pr.find("w:ilvl", NS)) or 0)

    def level(self, num_id: str, ilvl: int) -> etree._Element:
        abstract_id = wval(self.nums[num_id].find("w:abstractNumId", NS))
        return self.abstracts[abstract_id].find(f"w:lvl[@w:ilvl='{ilvl}']", NS)

    def start(self, num_id: str, ilvl: int) -> int:
        override = self.nums[num_id].find(
            f"w:lvlOverride[@w:ilvl='{ilvl}']/w:startOverride", NS)
        if override is not None:
            return int(wval(override))
        return int(wval(self.level(num_id, ilvl).find("w:start", NS)) or 1)

    def next(self, num_id: str, ilvl: int) -> int:
        """The number of the next item at ``ilvl``; deeper levels restart."""
        counters = self.counters.setdefault(num_id, {})
        value = counters[ilvl] + 1 if ilvl in counters else self.start(num_id, ilvl)
        counters[ilvl] = value
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return value


def letter(n: int) -> str:
    return chr(ord("a") + n - 1)


# --------------------------------------------------------------------------- structure


def test_paragraph_styles_map_the_model(written: dict[str, Path]) -> None:
    model = sample_document()
    read = docx.Document(str(written["en"]))
    names = [p.style.name for p in all_paragraphs(read)]
    numbered = [b for b in body_blocks(model, Paragraph) if b.numbered]
    subs = [s for b in numbered for s in b.subparagraphs]
    assert names.count("ATT Numbered Paragraph") == len(numbered) == 4
    assert names.count("ATT Subparagraph") == len(subs) == 2
    assert names.count("ATT Conference") == 3
    assert names.count("ATT Title") == 2  # paper title and annex title
    assert names.count("ATT Masthead") == 3 and names.count("ATT Symbol") == 1
    assert names.count("ATT Annex Heading") == names.count("ATT End Mark") == 1
    assert names.count("Heading 1") == 2
    assert names.count("ATT Decision Lead") == names.count("ATT Decision Item") == 1
    texts = {p.text: p.style.name for p in all_paragraphs(read)}
    assert texts["This draft report is submitted to CSP9."] == "ATT Numbered Paragraph"
    assert texts["Arms Trade Treaty"] == "ATT Conference"


def test_named_styles_exist_and_look_right(written: dict[str, Path]) -> None:
    read = docx.Document(str(written["en"]))
    present = {s.name for s in read.styles}
    assert set(REQUIRED_STYLES) <= present
    for name in ("ATT Title", "ATT End Mark"):
        assert read.styles[name].paragraph_format.alignment == 1  # centre
    assert read.styles["ATT Conference"].paragraph_format.alignment == 0  # top left block
    assert read.styles["ATT Title"].font.bold
    assert read.styles["ATT Symbol"].paragraph_format.alignment == 2  # right
    heading = read.styles["Heading 1"]
    assert heading.font.bold and heading.element.find(f".//{w('color')}") is None
    assert read.styles["footnote reference"].font.superscript
    assert read.styles["footnote text"].style_id == "FootnoteText"
    assert read.styles["footnote reference"].style_id == "FootnoteReference"
    numbered = read.styles["ATT Numbered Paragraph"].paragraph_format
    assert numbered.left_indent.mm == pytest.approx(10, abs=0.1)
    assert numbered.first_line_indent.mm == pytest.approx(-10, abs=0.1)
    sub = read.styles["ATT Subparagraph"].paragraph_format
    assert sub.left_indent.mm == pytest.approx(20, abs=0.1)
    # Body text is styled, not directly formatted.
    body = parts(written["en"])["word/document.xml"]
    assert body.find(".//w:p/w:pPr/w:jc", NS) is None
    assert body.find(".//w:p/w:pPr/w:ind", NS) is None


def word_paragraph_numbers(path: Path, model: Document) -> tuple[list, list, set[str]]:
    """(expected, computed) (text, number-or-letter) pairs and the paragraph numIds."""
    xml = parts(path)
    word = WordNumbering(xml["word/numbering.xml"], xml["word/styles.xml"])
    expected = []
    for block in body_blocks(model, Paragraph):
        if block.numbered:
            expected.append((block.text["en"].plain(), str(block.number)))
        expected += [(s.text["en"].plain(), s.label) for s in block.subparagraphs]
    got = []
    para_nums = set()
    for p in xml["word/document.xml"].iter(w("p")):
        if paragraph_style(p) not in ("ATTNumberedParagraph", "ATTSubparagraph"):
            continue
        num_id, ilvl = word.num_pr(p)
        n = word.next(num_id, ilvl)
        fmt = wval(word.level(num_id, ilvl).find("w:numFmt", NS))
        got.append((text_of(p), str(n) if fmt == "decimal" else letter(n)))
        if ilvl == 0:
            para_nums.add(num_id)
            # Counting per w:num is Word's rule only for instances with a start override.
            assert word.nums[num_id].find("w:lvlOverride/w:startOverride", NS) is not None
    return expected, got, para_nums


def test_paragraph_numbers_computed_by_word_equal_the_model(written: dict[str, Path]) -> None:
    expected, got, para_nums = word_paragraph_numbers(written["en"], sample_document())
    assert got == expected
    assert [n for _, n in got] == ["1", "2", "a", "b", "1", "2"]  # the annex restarts
    assert len(para_nums) == 2  # one w:num per part


def test_letters_restart_under_each_paragraph(styles: Styles, tmp_path: Path) -> None:
    doc = sample_document()
    mandate = body_blocks(doc, Paragraph)[1]
    third = copy.deepcopy(mandate)
    third.id, third.number = "third", 3
    for lang in LANGS:
        third.text[lang] = Text.of(f"Third paragraph ({lang}).")
    for sub, label in zip(third.subparagraphs, "ab", strict=True):
        sub.text["en"] = Text.of(f"Third {label}.")
    unnumbered = copy.deepcopy(mandate)
    unnumbered.id, unnumbered.numbered, unnumbered.number = "lead-in", False, None
    unnumbered.text["en"] = Text.of("An unnumbered lead-in:")
    for sub in unnumbered.subparagraphs:
        sub.text["en"] = Text.of(f"Lead-in {sub.label}.")
    at = doc.body.index(mandate) + 1
    doc.body[at:at] = [third, unnumbered]
    out = tmp_path / "letters.docx"
    write_docx(doc, "en", out, styles)
    expected, got, _ = word_paragraph_numbers(out, doc)
    assert got == expected
    assert [n for _, n in got] == ["1", "2", "a", "b", "3", "a", "b", "a", "b", "1", "2"]


def test_numbering_definitions(written: dict[str, Path]) -> None:
    xml = parts(written["en"])
    word = WordNumbering(xml["word/numbering.xml"], xml["word/styles.xml"])
    style = word.styles["ATTNumberedParagraph"]
    num_id, _ = word.num_pr(etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="ATTNumberedParagraph"/></w:pPr></w:p>'))
    assert style.find("w:pPr/w:numPr", NS) is not None
    lvl0, lvl1 = word.level(num_id, 0), word.level(num_id, 1)
    assert wval(lvl0.find("w:numFmt", NS)) == "decimal"
    assert wval(lvl0.find("w:lvlText", NS)) == "%1."
    assert wval(lvl0.find("w:pStyle", NS)) == "ATTNumberedParagraph"
    assert lvl0.find("w:pPr/w:ind", NS).get(w("hanging")) == "567"  # 10 mm
    assert wval(lvl1.find("w:numFmt", NS)) == "lowerLetter"
    assert wval(lvl1.find("w:lvlText", NS)) == "%2."
    assert wval(lvl1.find("w:pStyle", NS)) == "ATTSubparagraph"
    items = [p for p in xml["word/document.xml"].iter(w("p"))
             if paragraph_style(p) == "ATTDecisionItem"]
    assert items and all(
        wval(word.level(*word.num_pr(p)).find("w:numFmt", NS)) == "bullet" for p in items)


# --------------------------------------------------------------------------- footnotes


@pytest.mark.parametrize("lang", LANGS)
def test_real_footnotes(written: dict[str, Path], lang: str) -> None:
    xml = parts(written[lang])
    notes = xml["word/footnotes.xml"].findall("w:footnote", NS)
    separators = {n.get(w("id")): n.get(w("type")) for n in notes if n.get(w("type"))}
    assert separators == {"-1": "separator", "0": "continuationSeparator"}
    real = {n.get(w("id")): text_of(n).strip() for n in notes if not n.get(w("type"))}
    model = sample_document()
    assert sorted(real.values()) == sorted(f.text[lang].plain() for f in model.footnotes.values())
    for note in notes:
        if not note.get(w("type")):
            assert paragraph_style(note.find("w:p", NS)) == "FootnoteText"
            assert note.find(".//w:footnoteRef", NS) is not None
    document = xml["word/document.xml"]
    refs = document.findall(".//w:footnoteReference", NS)
    assert sorted(r.get(w("id")) for r in refs) == sorted(real)  # each referenced once
    # Word numbers marks in document order: that must be the model's numbering.
    by_text = {f.text[lang].plain(): f.number for f in model.footnotes.values()}
    assert [by_text[real[r.get(w("id"))]] for r in refs] == [1, 2]
    assert all(wval(r.getparent().find("w:rPr/w:rStyle", NS)) == "FootnoteReference"
               for r in refs)
    assert document.find(".//w:tc//w:footnoteReference", NS) is not None  # in a table
    content_types = xml["[Content_Types].xml"]
    assert any(o.get("PartName") == "/word/footnotes.xml" and o.get("ContentType").endswith(
        "wordprocessingml.footnotes+xml") for o in content_types)
    rels = xml["word/_rels/document.xml.rels"]
    assert any(r.get("Type").endswith("/footnotes") and r.get("Target") == "footnotes.xml"
               for r in rels)
    settings = xml["word/settings.xml"]
    assert [n.get(w("id")) for n in settings.findall("w:footnotePr/w:footnote", NS)] == \
        ["-1", "0"]


def test_repeated_footnote_reference_marks_once(styles: Styles, tmp_path: Path) -> None:
    doc = sample_document()
    extra = Paragraph("again", {lang: Text([TextBlock([Run("Again."), FootnoteRef("workplan")])])
                                for lang in LANGS}, number=3)
    doc.body.insert(doc.body.index(body_blocks(doc, Paragraph)[1]) + 1, extra)
    out = tmp_path / "again.docx"
    write_docx(doc, "en", out, styles)
    xml = parts(out)
    refs = xml["word/document.xml"].findall(".//w:footnoteReference", NS)
    assert len(refs) == 2
    notes = [n for n in xml["word/footnotes.xml"].findall("w:footnote", NS)
             if not n.get(w("type"))]
    assert len(notes) == 2
    again = next(p for p in xml["word/document.xml"].iter(w("p")) if "Again." in text_of(p))
    assert text_of(again) == "Again.1"


def test_undefined_footnote_is_a_content_error(styles: Styles, tmp_path: Path) -> None:
    doc = sample_document()
    body_blocks(doc, Paragraph)[0].text["en"].blocks[0].inlines.append(FootnoteRef("nope"))
    with pytest.raises(ContentError, match="nope"):
        write_docx(doc, "en", tmp_path / "x.docx", styles)


# --------------------------------------------------------------------------- fonts, language


def all_attributes(xml: dict[str, etree._Element]) -> list[tuple[str, str]]:
    return [(name, etree.QName(attr).localname) for name, root in xml.items()
            for el in root.iter() if isinstance(el.tag, str) for attr in el.attrib]


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_and_language_on_every_run(written: dict[str, Path], styles: Styles,
                                         lang: str) -> None:
    xml = parts(written[lang])
    fonts = styles.fonts[lang]
    # Latin runs carry a Latin-script language (w:val), East Asian text w:eastAsia
    latin = lang if lang not in CJK_LANGS else next(x for x in LANGS if x not in CJK_LANGS)
    tag = styles.language_tag(latin)
    themed = [(n, a) for n, a in all_attributes(xml) if a.lower().endswith("theme")
              and n.startswith("word/") and not n.startswith("word/theme/")]
    assert themed == []
    story_parts = [n for n in xml if re.fullmatch(r"word/(document|footnotes|header\d+|"
                                                   r"footer\d+)\.xml", n)]
    runs = 0
    for name in story_parts:
        for p in xml[name].iter(w("p")):
            if p.getparent().get(w("type")):  # the footnote separators have no text
                continue
            face = fonts.heading_east_asian if paragraph_style(p) in HEADING_FACE_STYLES \
                else fonts.east_asian
            for r in p.findall("w:r", NS):
                runs += 1
                rfonts = r.find("w:rPr/w:rFonts", NS)
                assert rfonts is not None, (name, text_of(r))
                assert wval(rfonts, "ascii") == wval(rfonts, "hAnsi") == fonts.latin
                assert wval(rfonts, "eastAsia") == face, text_of(r)
                lang_el = r.find("w:rPr/w:lang", NS)
                assert wval(lang_el) == tag
                if lang == "zh":
                    assert wval(lang_el, "eastAsia") == "zh-CN"
    assert runs > 40
    defaults = xml["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert wval(defaults.find("w:rFonts", NS), "eastAsia") == fonts.east_asian
    assert wval(defaults.find("w:rFonts", NS), "ascii") == fonts.latin
    assert wval(defaults.find("w:lang", NS)) == tag
    theme_lang = xml["word/settings.xml"].find("w:themeFontLang", NS)
    assert wval(theme_lang, "eastAsia") == "zh-CN"
    heading = xml["word/styles.xml"].find("w:style[@w:styleId='Heading1']/w:rPr/w:rFonts", NS)
    assert wval(heading, "eastAsia") == fonts.heading_east_asian


def test_chinese_text_in_chinese_output(written: dict[str, Path]) -> None:
    read = docx.Document(str(written["zh"]))
    texts = [p.text for p in all_paragraphs(read)]
    assert "第九届缔约国会议" in texts
    assert "本份报告草案提交给第九届缔约国会议。" in texts
    assert read.core_properties.language == "zh-CN"


# --------------------------------------------------------------------------- tables


def test_table_layout(written: dict[str, Path]) -> None:
    xml = parts(written["en"])
    tables = element_tables(xml["word/document.xml"])
    assert len(tables) == 1
    tbl = tables[0]
    cols = [int(c.get(w("w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert len(cols) == 2 and cols[0] / sum(cols) == pytest.approx(0.3, abs=0.01)
    assert wval(tbl.find("w:tblPr/w:tblStyle", NS)) == "TableGrid"  # borders
    rows = tbl.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    title = rows[0].findall("w:tc", NS)
    assert len(title) == 1 and wval(title[0].find("w:tcPr/w:gridSpan", NS)) == "2"
    assert text_of(title[0]) == "Medium-term planning and coordination"
    assert paragraph_style(title[0].find("w:p", NS)) == "ATTTableHeading"
    for row in rows[1:]:
        label, content = row.findall("w:tc", NS)
        assert paragraph_style(label.find("w:p", NS)) == "ATTTableLabel"
        assert paragraph_style(content.find("w:p", NS)) == "ATTTableText"
    read = docx.Document(str(written["en"]))
    assert read.styles["ATT Table Label"].font.bold
    assert read.tables[-1].cell(1, 0).text == "Status"


def test_ordered_lists_in_cells_are_numbered(styles: Styles, tmp_path: Path) -> None:
    doc = sample_document()
    table = body_blocks(doc, Table)[0]
    second = copy.deepcopy(table)
    second.id = "second"
    for t in (table, second):
        t.rows[0].cells[0].text["en"] = Text([
            TextBlock([Run("Focusing on:")]),
            TextBlock([Run("signatory States,")], "ordered", 1),
            TextBlock([Run("States prepared to join,")], "ordered", 2),
            TextBlock([Run("other States.")], "ordered", 3),
        ])
    doc.body.insert(doc.body.index(table) + 1, second)
    out = tmp_path / "lists.docx"
    write_docx(doc, "en", out, styles)
    xml = parts(out)
    word = WordNumbering(xml["word/numbering.xml"], xml["word/styles.xml"])
    numbers = []
    for tc in xml["word/document.xml"].iter(w("tc")):
        for p in tc.findall("w:p", NS):
            pr = word.num_pr(p)
            if pr:
                assert wval(word.level(*pr).find("w:lvlText", NS)) == "%1."
                assert word.level(*pr).find("w:pPr/w:ind", NS).get(w("hanging")) is not None
                numbers.append((text_of(p), word.next(*pr)))
    assert [n for _, n in numbers] == [1, 2, 3, 1, 2, 3]  # each cell list starts at 1
    # Two tables in a row stay two tables.
    assert len(element_tables(xml["word/document.xml"])) == 2


# --------------------------------------------------------------------------- page and package


def test_page_header_footer_and_properties(written: dict[str, Path]) -> None:
    xml = parts(written["en"])
    sect = xml["word/document.xml"].find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    assert {margins.get(w(side)) for side in ("top", "bottom", "left", "right")} == {"1417"}
    read = docx.Document(str(written["en"]))
    section = read.sections[0]
    symbol = "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
    assert section.header.paragraphs[0].text == symbol
    assert section.header.paragraphs[0].style.name == "Header"
    assert read.styles["Header"].paragraph_format.alignment == 2  # right
    assert read.styles["Footer"].paragraph_format.alignment == 1  # centre
    for footer in (section.footer, section.first_page_footer):
        instr = "".join(t.text for t in footer._element.iter(w("instrText")))
        assert instr.strip() == "PAGE"
        kinds = [f.get(w("fldCharType")) for f in footer._element.iter(w("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
    props = read.core_properties
    assert props.title == sample_document().main.title["en"]  # as written, not capitals
    assert props.subject == symbol
    assert props.language == "en-GB"
    assert props.created == props.modified == dt.datetime(2023, 7, 21, tzinfo=dt.UTC)
    assert "docProps/thumbnail.jpeg" not in xml and "word/stylesWithEffects.xml" not in xml


def test_output_is_reproducible(written: dict[str, Path], styles: Styles,
                                tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    write_docx(sample_document(), "en", again, styles)
    assert again.read_bytes() == written["en"].read_bytes()
    with zipfile.ZipFile(again) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_unknown_frame_style_and_page_break(styles: Styles, tmp_path: Path) -> None:
    doc = sample_document()
    doc.body.insert(1, FrameBlock("odd", "distribution", {"en": Text.of("General")}))
    out = tmp_path / "odd.docx"
    write_docx(doc, "en", out, styles)
    read = docx.Document(str(out))
    general = next(p for p in read.paragraphs if p.text == "General")
    assert general.style.name == "ATT Frame"
    annex = next(p for p in read.paragraphs if p.text == "Annex A")
    assert annex.paragraph_format.page_break_before


def test_a_frame_line_takes_any_style_of_the_sheet(styles: Styles, tmp_path: Path) -> None:
    """As the PDF template does: a frame line in the sheet's heading2 or quote style gets
    that style's DOCX name, not the generic frame look."""
    doc = sample_document()
    doc.body.insert(1, FrameBlock("as-heading", "heading2", {"en": Text.of("Aside")}))
    doc.body.insert(2, FrameBlock("as-quote", "quote", {"en": Text.of("Quoted line")}))
    out = tmp_path / "frames.docx"
    write_docx(doc, "en", out, styles)
    by_text = {p.text: p.style.name for p in docx.Document(str(out)).paragraphs}
    assert by_text["Aside"] == st.DOCX_NAMES["heading2"]
    assert by_text["Quoted line"] == st.DOCX_NAMES["quote"]


def test_missing_language_is_a_content_error(styles: Styles, tmp_path: Path) -> None:
    doc = sample_document()
    del body_blocks(doc, Paragraph)[0].text["zh"]
    with pytest.raises(ContentError, match="purpose"):
        write_docx(doc, "zh", tmp_path / "x.docx", styles)


# Schema order of the children Word is strict about (ECMA-376 CT_PPr, CT_RPr, CT_TrPr).
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
             "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
             "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange"]
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
             "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
             "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
             "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
             "em", "lang", "eastAsianLayout", "specVanish", "oMath"]
TRPR_ORDER = ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
              "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"]


@pytest.mark.parametrize("lang", LANGS)
def test_property_elements_in_schema_order(written: dict[str, Path], lang: str) -> None:
    """Out-of-order children are what makes Word offer to repair a file."""
    for name, root in parts(written[lang]).items():
        for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER), ("trPr", TRPR_ORDER)):
            for el in root.iter(w(tag)):
                children = [etree.QName(c).localname for c in el if isinstance(c.tag, str)]
                known = [c for c in children if c in order]
                assert known == sorted(known, key=order.index), (name, tag, children)


# --------------------------------------------------------------------------- LibreOffice


def soffice_to_pdf(files: list[Path], outdir: Path) -> list[Path]:
    """Convert with a private LibreOffice profile (shared profiles fail silently)."""
    soffice = shutil.which("soffice")
    assert soffice
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(outdir),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    return [outdir / f"{f.stem}.pdf" for f in files]


@pytest.fixture(scope="module")
def pdf_text(written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, str]:
    require_tools("soffice", "pdftotext")
    outdir = tmp_path_factory.mktemp("lo")
    pdfs = soffice_to_pdf([written[lang] for lang in LANGS], outdir)
    texts = {}
    for lang, pdf in zip(LANGS, pdfs, strict=True):
        assert pdf.exists(), f"LibreOffice wrote no PDF for {lang}"
        texts[lang] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                     capture_output=True, text=True).stdout
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                            str(outdir / f"page-{lang}")], check=True)
            assert list(outdir.glob(f"page-{lang}*.png"))
    return texts


@pytest.mark.libreoffice
def test_libreoffice_renders_english(pdf_text: dict[str, str]) -> None:
    text = pdf_text["en"]
    for phrase in ("ATT WORKING GROUP ON TREATY UNIVERSALIZATION", "Arms Trade Treaty",
                   "Ninth Conference of States Parties", "Medium-term planning and coordination",
                   "ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep",
                   "Vice-Presidents may act as first points of contact."):
        assert phrase in text
    assert re.search(r"^\s*1\.\s+This draft report is submitted", text, re.M)
    assert re.search(r"^\s*2\.\s+The WGTU was established", text, re.M)
    assert re.search(r"^\s*a\.\s+The Treaty entered into force", text, re.M)
    assert re.search(r"^\s*1\.\s+Supporting universalization", text, re.M)  # annex restart
    assert re.search(r"^\s*1\s+ATT/CSP3\.WGTU", text, re.M)  # footnote 1 at the page foot
    assert re.search(r"^\s*2\s+Vice-Presidents", text, re.M)


@pytest.mark.libreoffice
def test_libreoffice_renders_chinese(pdf_text: dict[str, str]) -> None:
    text = re.sub(r"[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])", "", pdf_text["zh"])
    for phrase in ("《武器贸易条约》", "第九届缔约国会议", "中期规划和协调",
                   "副主席可作为初始联络点。", "ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep"):
        assert phrase in text
    assert re.search(r"^\s*1\.\s*本份报告草案提交给第九届缔约国会议", text, re.M)
    assert re.search(r"^\s*1\.\s*支持普遍加入条约一直是一项长期任务", text, re.M)


# --------------------------------------------------------------------------- package parts


@pytest.mark.parametrize("lang", LANGS)
def test_package_has_att_docs_properties_and_no_template_leftovers(written, lang) -> None:
    xml = parts(written[lang])
    assert not [name for name in xml if name.startswith("customXml/")]
    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    app = xml["docProps/app.xml"]
    assert app.findtext(f"{ep}Application").startswith("att-docs ")
    for leftover in ("Template", "Pages", "TotalTime", "Company", "Manager"):
        assert app.find(f"{ep}{leftover}") is None, leftover
    body = "".join(t.text or "" for t in xml["word/document.xml"].iter(w("t")))
    words = int(app.findtext(f"{ep}Words"))
    assert 0 < words <= len(body)
    assert int(app.findtext(f"{ep}Characters")) == sum(not c.isspace() for c in body)
    core = xml["docProps/core.xml"]
    assert core.find("{http://schemas.openxmlformats.org/package/2006/metadata/"
                     "core-properties}lastPrinted") is None
    zoom = xml["word/settings.xml"].find("w:zoom", NS)
    assert zoom is None or zoom.get(w("percent")) == "100"
