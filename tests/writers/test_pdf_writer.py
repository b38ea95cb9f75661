"""The Typst PDF writer: every check reads the written PDF back (pdftotext, pdffonts, pypdf)."""

from __future__ import annotations

import copy
import dataclasses
import re
import subprocess
import warnings
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, require_tools
from factories import loc, sample_document

from att_docs.document.model import (
    Cell,
    Document,
    FootnoteRef,
    FrameBlock,
    Heading,
    Paragraph,
    Run,
    Table,
    TableRow,
    Text,
    TextBlock,
)
from att_docs.writers.pdf.typst import FontError, PdfError, PdfWriter
from att_docs.writers.pdf.typst_data import document_data
from att_docs.writers.styles import Styles, load_styles

TEMPLATE = ROOT / "templates" / "paper.typ"
A4_PT = (595.28, 841.89)



@pytest.fixture(autouse=True)
def _poppler() -> None:
    require_tools("pdftotext", "pdffonts", "pdftoppm")


# --------------------------------------------------------------------------- helpers


def pdftotext(pdf: Path, *args: str, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8", *args]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    done = subprocess.run([*cmd, str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def page_texts(pdf: Path) -> list[str]:
    count = len(pypdf.PdfReader(pdf).pages)
    return [pdftotext(pdf, "-layout", first=n, last=n) for n in range(1, count + 1)]


def pdffonts(pdf: Path) -> list[list[str]]:
    """Rows of pdffonts: name, type..., emb, sub, uni, object, id (split from the right)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True).stdout
    rows = out.decode("utf-8").splitlines()[2:]
    return [row.split() for row in rows if row.strip()]


def lines_of(text: str) -> list[str]:
    """The non-blank lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def styles_with_latin(styles: Styles, lang: str, family: str) -> Styles:
    """``styles`` with ``lang``'s Latin font named ``family`` (no stand-in declared)."""
    fonts = styles.fonts[lang].model_copy(update={"latin": family})
    return dataclasses.replace(styles, fonts={**styles.fonts, lang: fonts})


def long_document() -> Document:
    """The sample paper grown to several pages: many paragraphs with footnotes, and a
    long element table (ordered lists and footnotes in cells) that breaks across pages."""
    doc = sample_document()
    paras = []
    for n in range(3, 30):
        en = (f"Paragraph {n} recalls that States Parties agreed to continue the exchange of "
              "views on the implementation of the Treaty and on the work of its subsidiary "
              "bodies, taking into account the resources available to the Secretariat.")
        zh = (f"第{n}段回顾，缔约国同意继续就《条约》的执行情况及其附属机构的工作交换意见，"
              "同时考虑到秘书处可用的资源。")
        paras.append(Paragraph(f"p{n}", loc(en, zh), number=n))
    main_end = next(i for i, b in enumerate(doc.body) if getattr(b, "id", "") == "mandate")
    doc.body[main_end + 1:main_end + 1] = paras

    rows = []
    for n in range(1, 13):
        blocks_en = [TextBlock([Run(f"Row {n} explains the planned activities in detail, "
                                    "including meetings, outreach and reporting.")])]
        blocks_zh = [TextBlock([Run(f"第{n}行详细说明计划开展的活动，包括会议、外联和报告。")])]
        for k in (1, 2):
            blocks_en.append(TextBlock([Run(f"Step {k} of row {n}.")], "ordered", k))
            blocks_zh.append(TextBlock([Run(f"第{n}行第{k}步。")], "ordered", k))
        rows.append(TableRow(f"big.row{n}", loc(f"Label {n}", f"标签{n}"), [
            Cell(f"big.row{n}.text", {"en": Text(blocks_en), "zh": Text(blocks_zh)})]))
    rows[5].cells[0].text["en"].blocks[0].inlines.append(FootnoteRef("vp"))
    rows[5].cells[0].text["zh"].blocks[0].inlines.append(FootnoteRef("vp"))
    big = Table("big", loc("Long table of elements", "长要素表"), rows)
    table_at = next(i for i, b in enumerate(doc.body) if isinstance(b, Table))
    doc.body.insert(table_at + 1, big)
    return doc


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def styles() -> Styles:
    return load_styles(ROOT / "templates" / "styles.yaml")


@pytest.fixture(scope="module")
def writer(styles: Styles) -> PdfWriter:
    return PdfWriter(styles, TEMPLATE)


def _written(writer: PdfWriter, out: Path, name: str, doc: Document) -> dict[str, Path]:
    """``doc`` written as PDF in English and Chinese into ``out``, by language."""
    paths = {}
    for lang in ("en", "zh"):
        paths[lang] = out / f"{name}-{lang}.pdf"
        writer.write(doc, lang, paths[lang])
    return paths


@pytest.fixture(scope="module")
def sample_pdfs(writer: PdfWriter, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _written(writer, tmp_path_factory.mktemp("pdf"), "sample", sample_document())


@pytest.fixture(scope="module")
def long_pdfs(writer: PdfWriter, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _written(writer, tmp_path_factory.mktemp("long"), "long", long_document())


# --------------------------------------------------------------------------- page and fonts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_are_a4_and_annex_starts_a_new_page(sample_pdfs: dict[str, Path], lang: str):
    reader = pypdf.PdfReader(sample_pdfs[lang])
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_PT, abs=0.1)
    pages = page_texts(sample_pdfs[lang])
    annex = {"en": "Annex A", "zh": "附件 A"}[lang]
    assert annex not in pages[0]
    assert lines_of(pages[1])[1] == annex  # after the running header


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_all_fonts_embedded(sample_pdfs: dict[str, Path], lang: str):
    rows = pdffonts(sample_pdfs[lang])
    assert rows
    for row in rows:
        emb = row[-5]
        assert emb == "yes", f"font {row[0]} not embedded"


def test_chinese_uses_cjk_bold_and_liberation_for_latin(sample_pdfs: dict[str, Path]):
    names = {row[0].split("+", 1)[1] for row in pdffonts(sample_pdfs["zh"])}
    assert any(n.startswith("NotoSerifCJKsc-Bold") for n in names)  # real bold title
    assert any(n.startswith("NotoSerifCJKsc-Regular") for n in names)
    assert "LiberationSerif" in names  # digits and Latin letters in Chinese text


def test_english_uses_only_the_latin_font(sample_pdfs: dict[str, Path]):
    names = {row[0].split("+", 1)[1] for row in pdffonts(sample_pdfs["en"])}
    assert names == {"LiberationSerif", "LiberationSerif-Bold"}


# --------------------------------------------------------------------------- text


def test_chinese_text_comes_out_intact(sample_pdfs: dict[str, Path]):
    text = pdftotext(sample_pdfs["zh"])
    for phrase in [
        "第九届缔约国会议",
        "《武器贸易条约》",
        "日内瓦，2023年8月21日至25日",
        "提交人：普遍加入条约工作组",
        "本份报告草案提交给第九届缔约国会议。",
        "缔约国总数达到113个。",  # no gap between Chinese and digits
        "近期经验表明需要更长的时间。",
        "第九届缔约国会议核可以下提案：",
        "副主席可作为初始联络点。",
    ]:
        assert phrase in text, phrase
    assert "\ufffd" not in text


def test_long_chinese_sentences_wrap_without_spurious_spaces(long_pdfs: dict[str, Path]):
    text = pdftotext(long_pdfs["zh"])
    sentence = "第12段回顾，缔约国同意继续就《条约》的执行情况及其附属机构的工作交换意见，"
    # Lines may break anywhere, but no space may appear inside a line.
    for line in text.splitlines():
        if "第12段" in line:
            assert " " not in line.strip(), line
    assert sentence in text.replace("\n", "")


def test_english_numbers_subparagraphs_and_footnotes(sample_pdfs: dict[str, Path]):
    text = pdftotext(sample_pdfs["en"], "-layout")
    assert re.search(r"^1\.\s+This draft report is submitted to CSP9\.", text, re.M)
    assert re.search(r"^2\.\s+The WGTU was established by CSP3\.1", text, re.M)
    assert re.search(r"^\s+a\.\s+The Treaty entered into force\.", text, re.M)
    assert re.search(r"^\s+b\.\s+113 States Parties\.", text, re.M)
    assert re.search(r"1\s+ATT/CSP3\.WGTU/2017/CHAIR/160/Conf\.Rep", text)
    assert re.search(r"2\s+Vice-Presidents may act as first points of contact\.", text)
    for line in ["Arms Trade Treaty", "Ninth Conference of States Parties",
                 "ATT WORKING GROUP ON TREATY UNIVERSALIZATION", "Original: English",
                 "Submitted by: Co-chairs of the WGTU", "CSP9 endorses the following proposals:",
                 "• A multi-year approach.", "***"]:
        assert line in re.sub(r" {2,}", " ", text), line


def test_conference_block_top_left_beside_the_right_aligned_masthead(
        sample_pdfs: dict[str, Path]):
    lines = pdftotext(sample_pdfs["en"], "-layout", first=1, last=1).splitlines()
    symbol = next(ln for ln in lines if "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep" in ln)
    heading = next(ln for ln in lines if "Introduction" in ln)
    # one layout line: the conference block at the left margin, the symbol far right
    assert symbol.lstrip().startswith("Arms Trade Treaty")
    assert symbol.index("ATT/CSP9") - symbol.index("Arms Trade Treaty") > 30
    assert heading.startswith("Introduction")


def test_running_header_and_page_numbers(sample_pdfs: dict[str, Path]):
    pages = page_texts(sample_pdfs["en"])
    assert lines_of(pages[0])[-1] == "1"
    assert lines_of(pages[1])[-1] == "2"
    assert lines_of(pages[1])[0] == "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
    first = lines_of(pages[0])[0]  # no running header: the masthead beside the conference
    assert first.startswith("Arms Trade Treaty") and first.endswith(
        "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep")


def test_footnote_numbers_and_repeated_reference(writer: PdfWriter, tmp_path: Path):
    doc = sample_document()
    # Refer to the first footnote again in the annex: same number, one footnote text.
    para = next(b for b in doc.body if getattr(b, "id", "") == "support")
    for lang in ("en", "zh"):
        para.text[lang].blocks[0].inlines.append(FootnoteRef("workplan"))
    out = tmp_path / "again.pdf"
    writer.write(doc, "en", out)
    text = pdftotext(out, "-layout")
    assert text.count("ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep") == 1
    assert "long-standing task.1" in text
    assert "shown delays.2" in text


def test_model_footnote_numbers_are_used(writer: PdfWriter, tmp_path: Path):
    doc = sample_document()
    doc.footnotes["workplan"].number = 7
    doc.footnotes["vp"].number = 8
    out = tmp_path / "numbers.pdf"
    writer.write(doc, "en", out)
    text = pdftotext(out, "-layout")
    assert "established by CSP3.7" in text
    assert re.search(r"7\s+ATT/CSP3\.WGTU/2017/CHAIR/160/Conf\.Rep", text)
    assert re.search(r"8\s+Vice-Presidents", text)


def test_unknown_frame_style_is_a_plain_line(writer: PdfWriter, tmp_path: Path):
    doc = sample_document()
    doc.body.insert(9, FrameBlock("frame-x", "distribution", loc("Distr.: General", "分发：普遍")))
    out = tmp_path / "frame.pdf"
    writer.write(doc, "zh", out)
    assert "分发：普遍" in pdftotext(out)


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_header_repeats_and_cells_hold_lists_and_footnotes(
        long_pdfs: dict[str, Path], lang: str):
    pages = page_texts(long_pdfs[lang])
    title = {"en": "Long table of elements", "zh": "长要素表"}[lang]
    label = {"en": "Label 12", "zh": "标签12"}[lang]
    with_title = [i for i, p in enumerate(pages) if title in p]
    assert len(with_title) >= 2, "title row must repeat on every page of the table"
    assert any(label in pages[i] for i in with_title[1:])
    text = "\n".join(pages)
    step = {"en": r"1\.\s+Step 1 of row 3\.", "zh": r"1\.\s+第3行第1步。"}[lang]
    assert re.search(step, text)
    assert re.search({"en": r"2\.\s+Step 2 of row 3\.", "zh": r"2\.\s+第3行第2步。"}[lang], text)
    # The footnote in row 6 is a second reference to footnote 2: same number, one text.
    note = {"en": "Vice-Presidents may act", "zh": "副主席可作为初始联络点"}[lang]
    assert text.count(note) == 1


def test_long_paper_page_count_and_numbering(long_pdfs: dict[str, Path]):
    for lang, path in long_pdfs.items():
        count = len(pypdf.PdfReader(path).pages)
        assert 3 <= count <= 8, (lang, count)
    text = pdftotext(long_pdfs["en"], "-layout")
    numbers = [int(m) for m in re.findall(r"^(\d+)\.\s+Paragraph \d+ recalls", text, re.M)]
    assert numbers == list(range(3, 30))


# --------------------------------------------------------------------------- pdf properties


@pytest.mark.parametrize(("lang", "tag"), [("en", "en-GB"), ("zh", "zh-CN")])
def test_tagged_pdf_with_language_and_title(sample_pdfs: dict[str, Path], lang: str, tag: str):
    reader = pypdf.PdfReader(sample_pdfs[lang])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == tag
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    title = {"en": "ATT WORKING GROUP ON TREATY UNIVERSALIZATION",
             "zh": "《武器贸易条约》普遍加入条约工作组"}[lang]
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert reader.metadata["/CreationDate"].startswith("D:20230721")
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part>1<" in xmp  # declared PDF/UA-1


def test_output_is_deterministic(writer: PdfWriter, styles: Styles, tmp_path: Path):
    doc = sample_document()
    first, second, third = (tmp_path / f"{n}.pdf" for n in range(3))
    writer.write(doc, "zh", first)
    writer.write(long_document(), "zh", second)  # something else in between
    writer.write(copy.deepcopy(doc), "zh", second)
    PdfWriter(styles, TEMPLATE).write(doc, "zh", third)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


def test_one_compiler_takes_each_document_in_turn(writer: PdfWriter, tmp_path: Path):
    compiler = writer._compiler
    a, b = sample_document(), sample_document()
    b.body[7] = FrameBlock("frame-8", "title", loc("ANOTHER PAPER", "另一份文件"))
    writer.write(a, "en", tmp_path / "a.pdf")
    writer.write(b, "en", tmp_path / "b.pdf")
    writer.write(a, "zh", tmp_path / "c.pdf")
    assert writer._compiler is compiler
    assert "ANOTHER PAPER" not in pdftotext(tmp_path / "a.pdf")
    assert "ANOTHER PAPER" in pdftotext(tmp_path / "b.pdf")
    assert "另一份文件" not in pdftotext(tmp_path / "c.pdf")


# --------------------------------------------------------------------------- font errors


def test_missing_font_is_a_font_error(styles: Styles, tmp_path: Path):
    broken = styles_with_latin(styles, "zh", "No Such Serif 123")
    writer = PdfWriter(broken, TEMPLATE)
    out = tmp_path / "missing-font.pdf"
    with pytest.raises(FontError) as info:
        writer.write(sample_document(), "zh", out)
    message = str(info.value)
    assert "No Such Serif 123" in message and "fonts.zh.latin" in message
    assert "wgtu-report" in message and "(zh)" in message
    assert not out.exists()
    writer.write(sample_document(), "en", out)  # the English chain is fine
    assert out.exists()


def test_language_without_fonts_is_a_font_error(writer: PdfWriter, tmp_path: Path):
    doc = sample_document()
    with pytest.raises(FontError, match="no fonts entry for 'es'"):
        writer.write(doc, "es", tmp_path / "es.pdf")


def test_character_without_glyph_is_a_font_error(writer: PdfWriter, tmp_path: Path):
    doc = sample_document()
    para = next(b for b in doc.body if getattr(b, "id", "") == "purpose")
    para.text["zh"] = Text([TextBlock([Run("本份报告草案\U00013000提交。")])])  # a hieroglyph
    out = tmp_path / "glyph.pdf"
    with pytest.raises(FontError) as info:
        writer.write(doc, "zh", out)
    message = str(info.value)
    assert "U+13000" in message and "\U00013000" in message
    assert "wgtu-report" in message
    assert "Liberation Serif" in message and "Noto Serif CJK SC" in message
    assert all(font in message for font in writer.fallbacks)
    assert not out.exists()
    writer.write(sample_document(), "zh", out)  # the writer is still usable
    assert out.exists()


def test_typst_font_warnings_become_errors(writer: PdfWriter):
    class Note:
        message = "unknown font family: ghost serif"

    with pytest.raises(FontError, match="ghost serif"):
        writer._check_warnings([Note()], "document 'x' (en)")  # type: ignore[list-item]
    other = Note()
    other.message = "something else"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        writer._check_warnings([other], "document 'x' (en)")  # type: ignore[list-item]
    assert "something else" in str(caught[0].message)


# --------------------------------------------------------------------------- data and fallbacks


def test_markup_characters_are_plain_text(writer: PdfWriter, tmp_path: Path):
    doc = sample_document()
    para = next(b for b in doc.body if getattr(b, "id", "") == "purpose")
    para.text["en"] = Text([TextBlock([Run("Costs [x] #y $z$ <l> @r \\ *a* _b_ // = done.")])])
    out = tmp_path / "markup.pdf"
    writer.write(doc, "en", out)
    assert "Costs [x] #y $z$ <l> @r \\ *a* _b_ // = done." in pdftotext(out)


def test_data_for_the_template(styles: Styles):
    doc = sample_document()
    doc.body.insert(9, Heading("first", 2, loc("Starts at level two", "二级开头")))
    data = document_data(doc, "zh", styles)
    assert data["meta"]["lang"] == "zh" and data["meta"]["region"] == "cn"
    assert data["meta"]["fonts"] == {**styles.pdf_fonts("zh"),
                                      "fallback": list(styles.fallback_fonts)}
    assert data["meta"]["date"] == {"year": 2023, "month": 7, "day": 21}
    headings = [(b["level"], b["outline"]) for b in data["blocks"] if b["kind"] == "heading"]
    # the title is level 1 of the structure; headings below it never skip a level
    assert headings == [(2, 2), (1, 2), (1, 2)]
    marks = [i for b in data["blocks"] if b["kind"] == "paragraph" for i in b["text"]
             if "footnote" in i]
    assert marks[0]["first"] and marks[0]["number"] == 1 and marks[0]["body"]
    table = next(b for b in data["blocks"] if b["kind"] == "table")
    assert table["columns"] == 2
    assert table["rows"][0]["cells"][0][0]["text"][1]["footnote"] == "vp"


def test_lists_in_cells_are_grouped(styles: Styles):
    doc = sample_document()
    table = next(b for b in doc.body if isinstance(b, Table))
    table.rows[0].cells[0].text["en"] = Text([
        TextBlock([Run("Lead")]),
        TextBlock([Run("one")], "ordered", 1), TextBlock([Run("two")], "ordered", 2),
        TextBlock([Run("dot")], "bullet"),
    ])
    data = document_data(doc, "en", styles)
    cell = next(b for b in data["blocks"] if b["kind"] == "table")["rows"][0]["cells"][0]
    assert [c["kind"] for c in cell] == ["par", "enum", "list"]
    assert [i["number"] for i in cell[1]["items"]] == [1, 2]


def test_standard_fallback_when_ua1_refuses(styles: Styles, tmp_path: Path):
    template = tmp_path / "odd.typ"
    template.write_text(
        '#let data = json(bytes(sys.inputs.data))\n'
        '#set document(title: data.meta.title)\n'
        '#set text(font: data.meta.fonts.latin, lang: data.meta.lang, fallback: false)\n'
        '#heading(level: 3)[Deep]\n#data.meta.symbol\n', encoding="utf-8")
    writer = PdfWriter(styles, template)
    out = tmp_path / "odd.pdf"
    with pytest.warns(UserWarning, match="first heading must be of level 1"):
        writer.write(sample_document(), "en", out)
    assert "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep" in pdftotext(out)
    assert b"pdfaid" in out.read_bytes()  # PDF/A-2b instead, still glyph-checked


def test_template_errors_are_reported(styles: Styles, tmp_path: Path):
    template = tmp_path / "bad.typ"
    template.write_text("#let x = (\n", encoding="utf-8")
    with pytest.raises(PdfError, match="wgtu-report"):
        PdfWriter(styles, template).write(sample_document(), "en", tmp_path / "bad.pdf")


# --------------------------------------------------------------------------- fallback fonts

ARABIC_NAME = "محمد بن سلمان"
EMOJI = "\U0001F642"
EXTENSION_B = "\U00020000"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_other_scripts_emoji_and_rare_ideographs_take_the_fallback_fonts(
        writer: PdfWriter, styles: Styles, lang: str, tmp_path: Path):
    """A delegate's name in Arabic script, an emoji and a CJK Extension B ideograph, in
    body text and in a heading: the PDF shows each, from the style sheet's fallback fonts,
    which it embeds."""
    assert {"Noto Naskh Arabic", "Noto Color Emoji", "HanaMinB"} <= set(writer.fallbacks), \
        "scripts/setup.sh installs the fallback fonts"
    doc = sample_document()
    para = next(b for b in doc.body if getattr(b, "id", "") == "purpose")
    words = f"{ARABIC_NAME} {EMOJI} {EXTENSION_B}"
    para.text[lang] = Text([TextBlock([Run(f"Ambassador {words} (co-chair).")])])
    heading = next(b for b in doc.body if isinstance(b, Heading))
    heading.text[lang] = Text([TextBlock([Run(f"Heading {EXTENSION_B} {ARABIC_NAME}")])])
    out = tmp_path / f"scripts.{lang}.pdf"
    writer.write(doc, lang, out)
    text = pdftotext(out)
    for word in ARABIC_NAME.split():  # poppler may give right-to-left text in either order
        assert word in text or word[::-1] in text, word
    assert EMOJI in text and EXTENSION_B in text
    fonts = pdffonts(out)
    names = " ".join(row[0] for row in fonts)
    assert "NotoNaskhArabic-Regular" in names and "NotoNaskhArabic-Bold" in names
    assert "HanaMinB" in names
    # colour emoji are drawn as a Type 3 font (the glyphs are bitmaps)
    assert any(row[1:3] == ["Type", "3"] for row in fonts)
    assert all(row[-5] == "yes" for row in fonts), "a font is not embedded"


def test_fallback_fonts_that_are_not_installed_are_left_out(styles: Styles, tmp_path: Path):
    """A fallback font that is not installed is skipped (the PDF still builds); a character
    only it could set is a FontError that names the character and the missing font."""
    extra = dataclasses.replace(
        styles, fallback_fonts=("No Such Fallback 42", *styles.fallback_fonts))
    writer = PdfWriter(extra, TEMPLATE)
    assert "No Such Fallback 42" not in writer.fallbacks
    writer.write(sample_document(), "en", tmp_path / "ok.pdf")
    doc = sample_document()
    para = next(b for b in doc.body if getattr(b, "id", "") == "purpose")
    para.text["en"] = Text([TextBlock([Run("A hieroglyph \U00013000 here.")])])
    with pytest.raises(FontError) as info:
        writer.write(doc, "en", tmp_path / "glyph.pdf")
    assert "U+13000" in str(info.value) and "No Such Fallback 42" in str(info.value)
