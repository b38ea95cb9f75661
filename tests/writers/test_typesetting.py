"""Typesetting rules, checked on the built CSP9 papers through poppler's word boxes:
no hyphenation, symbols never split, Chinese line-breaking rules, footnote marks; PDF
bookmarks, PDF/A-2b with PDF/UA-1. (The DOCX against the PDF:
tests/writers/test_side_by_side.py.)"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CONTENT, TEMPLATES, require_tools, safe_load
from pdflines import Line, Word, pdf_lines, pdf_words
from pypdf import PdfReader

from att_docs.writers.pdf.typst_data import document_data
from att_docs.writers.styles import load_styles

LANGS = safe_load((CONTENT / "conference.yaml").read_text(encoding="utf-8"))["languages"]
CJK = {"zh", "ja", "ko"}
# A document symbol: an upper-case series, then at least two more parts after slashes.
SYMBOL = re.compile(r"[A-Z][A-Z0-9]*(?:/[\w.\-]+){2,}")
SYMBOL_START = re.compile(r"(?:^|[\s(])[A-Z][A-Z0-9]*/\S*$")  # "ATT/CSP8." at a line end
SYMBOL_CONTINUED = re.compile(r"[\w.\-]*/")  # "WGTU/2022/..." at the next line's start
# Marks that may not start a line in Chinese (GB/T 15834, clreq).
NO_LINE_START = "，。、；：？！）》」』】〕〉”’…"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def built(example_set: Path) -> Path:
    require_tools("pdftotext")
    return example_set


def pdfs(built: Path, langs: set[str] | None = None) -> list[Path]:
    found = sorted(p for p in built.glob("*.pdf")
                   if langs is None or p.suffixes[-2].lstrip(".") in langs)
    assert found, "no PDFs built"
    return found


def rows(lines: list[Line]) -> list[list[Word]]:
    """Visual lines: words of one page on one baseline, left to right (poppler may put a
    raised mark or a punctuation mark in a line of its own)."""
    by_row: dict[tuple[int, int], list[Word]] = defaultdict(list)
    for line in lines:
        for word in line.words:
            by_row[(line.page, round(word.y_max))].append(word)
    return [sorted(ws, key=lambda w: w.x_min) for ws in by_row.values()]


def test_no_line_ends_with_a_hyphen(built: Path) -> None:
    for pdf in pdfs(built, set(LANGS) - CJK):
        ends = [line.text[-25:] for line in pdf_lines(pdf) if re.search(r"\w-$", line.text)]
        assert not ends, f"{pdf.name}: hyphenated line ends {ends}"


def test_no_symbol_is_split(built: Path) -> None:
    """No line ends in the start of a symbol (``ATT/CSP8.``) continued on the next line,
    nor in a slash."""
    for pdf in pdfs(built):
        texts = [line.text for line in pdf_lines(pdf) if line.text.strip()]
        assert any(SYMBOL.search(t) for t in texts), f"{pdf.name}: no document symbol found"
        split = [f"{this.split()[-1]} | {after.split()[0]}"
                 for this, after in itertools.pairwise(texts)
                 if this.endswith("/") or after.startswith("/")
                 or (SYMBOL_START.search(this) and SYMBOL_CONTINUED.match(after))]
        assert not split, f"{pdf.name}: symbols broken across lines: {split}"


def test_no_chinese_line_starts_with_closing_punctuation(built: Path) -> None:
    for pdf in pdfs(built, CJK & set(LANGS)):
        bad = ["".join(w.text for w in ws)[:10] for ws in rows(pdf_lines(pdf))
               if ws[0].text[0] in NO_LINE_START]
        assert not bad, f"{pdf.name}: lines starting with punctuation: {bad}"



def line_advances(pdf: Path) -> list[list[tuple[str, str, float]]]:
    """Per text line, each glyph with the next one of the same size and the distance
    between them in ems (pdfminer's character boxes). pdfminer may join the lines of two
    table cells on one baseline: a gap of more than an em and a half starts a new line."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    found = []
    for page in extract_pages(pdf):
        for line in (line for box in page if isinstance(box, LTTextContainer)
                     for line in box if isinstance(line, LTTextLine)):
            chars = [c for c in line if isinstance(c, LTChar)]
            found.append([])
            for a, b in itertools.pairwise(chars):
                if (b.x0 - a.x0) / a.size > 1.5:
                    found.append([])
                elif abs(a.size - b.size) < 0.1:
                    found[-1].append((a.get_text(), b.get_text(), (b.x0 - a.x0) / a.size))
    return found


def test_chinese_full_width_marks_keep_a_full_em(built: Path) -> None:
    """Justification never squeezes the style sheet's full-width marks (Typst would shrink
    them to half an em), and the DOCX tells Word not to compress them either."""
    marks = load_styles(TEMPLATES / "styles.yaml").full_width_punctuation
    assert "，" in marks.closing and "《" in marks.opening
    for pdf in pdfs(built, CJK & set(LANGS)):
        full_width = marks.closing + marks.opening
        advances = [(a + b, em) for line in line_advances(pdf) for a, b, em in line
                    if a in full_width]
        assert len(advances) > 100, f"{pdf.name}: too few marks found ({len(advances)})"
        squeezed = [(pair, round(em, 2)) for pair, em in advances if em < 0.97]
        assert not squeezed, f"{pdf.name}: marks narrower than an em: {squeezed[:10]}"
        docx = pdf.with_suffix(".docx")
        with zipfile.ZipFile(docx) as package:
            settings = package.read("word/settings.xml").decode("utf-8")
        assert re.search(r'<w:characterSpacingControl w:val="doNotCompress"/>', settings)


def test_chinese_justified_lines_are_spaced_evenly(built: Path) -> None:
    """Between two ideographs of one line the distance is the same everywhere on the line:
    a line is filled by even tracking, not by widening some gaps only."""
    for pdf in pdfs(built, CJK & set(LANGS)):
        uneven = []
        for line in line_advances(pdf):
            ems = [em for a, b, em in line if HAN.match(a) and HAN.match(b)]
            if len(ems) > 10 and max(ems) - min(ems) > 0.03:
                uneven.append("".join(a for a, _, _ in line)[:20])
        assert not uneven, f"{pdf.name}: unevenly spaced lines {uneven[:5]}"


def test_no_one_character_last_lines_in_chinese(built: Path) -> None:
    for pdf in pdfs(built, CJK & set(LANGS)):
        blocks: dict[int, list[Line]] = defaultdict(list)
        for line in pdf_lines(pdf):
            blocks[line.block].append(line)
        runts = [ls[-1].text for ls in blocks.values()
                 if len(ls) > 1 and len(HAN.findall(ls[-1].text)) == 1
                 and len(ls[-1].text.replace(" ", "")) <= 3]
        assert not runts, f"{pdf.name}: one-character last lines {runts}"


def raised_digits(pdf: Path) -> list[tuple[Word, Word]]:
    """Digit words smaller than the text beside them, each with its nearest full-size
    neighbour on the same page."""
    words = pdf_words(pdf)
    body = statistics.median(w.height for _, w in words)
    marks = []
    for page, word in words:
        if not word.text.isdigit() or word.height > 0.75 * body:
            continue
        # text beside it: a footnote's words are smaller than the body's, but well above
        # the size of a mark
        near = [w for p, w in words if p == page and w.height > 1.3 * word.height
                and w.y_min < word.y_max and w.y_max > word.y_min]
        if not near:
            continue  # a page number
        marks.append((word, min(near, key=lambda w: min(abs(w.x_max - word.x_min),
                                                        abs(w.x_min - word.x_max)))))
    return marks


def test_footnote_marks_are_one_size_and_raised(built: Path) -> None:
    checked = 0
    for pdf in pdfs(built):
        marks = raised_digits(pdf)
        if not marks:
            continue
        checked += 1
        # the references in the text share one size, the numbers of the notes another
        sizes = defaultdict(set)
        for mark, _ in marks:
            sizes[round(mark.height, 1)].add(mark.text)
        assert len(sizes) == 2, f"{pdf.name}: footnote marks in sizes {dict(sizes)}"
        first, second = sizes.values()
        assert first == second, f"{pdf.name}: a note's mark and number differ: {dict(sizes)}"
        for mark, beside in marks:
            assert mark.y_max < beside.y_max - 1, \
                f"{pdf.name}: mark {mark.text} is not raised above {beside.text!r}"
    assert checked >= len(LANGS), "the papers with footnotes were not checked"


def outline_titles(pdf: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(PdfReader(pdf).outline)
    return titles


def plain(inlines: list[dict]) -> str:
    return "".join(i.get("text", "") for i in inlines)


def test_bookmarks_for_every_heading_annex_and_table(built: Path, example) -> None:
    styles = load_styles(TEMPLATES / "styles.yaml")
    _conference, documents = example
    checked = 0
    for document in documents.values():
        symbol = str(document.masthead.symbol).replace("/", "_")
        for lang in LANGS:
            blocks = document_data(document, lang, styles)["blocks"]
            want = [plain(b["text"]) for b in blocks if b["kind"] == "heading"]
            want += [plain(b["text"][0]["text"]) for b in blocks
                     if b["kind"] == "frame" and b["style"] == "annex-heading"]
            want += [plain(b["title"]) for b in blocks if b["kind"] == "table"]
            have = outline_titles(built / f"{symbol}.{lang}.pdf")
            missing = [t for t in want if t not in have]
            assert not missing, f"{symbol} {lang}: no bookmark for {missing}"
            checked += sum(1 for b in blocks if b["kind"] == "table")
    assert checked, "no table was checked"


def test_pdf_a2b_and_ua1_with_title_language_fonts_and_output_intent(built: Path) -> None:
    require_tools("pdffonts")
    for pdf in pdfs(built):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert "<pdfaid:part>2</pdfaid:part>" in xmp, pdf.name
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp, pdf.name
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp, pdf.name
        intents = root["/OutputIntents"]
        assert intents and intents[0].get_object()["/S"] == "/GTS_PDFA1", pdf.name
        assert reader.metadata.title and root["/Lang"], pdf.name
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(row.split()[-5] == "yes" for row in fonts), \
            f"{pdf.name}: a font is not embedded:\n" + "\n".join(fonts)


def test_pdf_first_page_conference_block_beside_the_symbol(built: Path, example) -> None:
    """On page one the symbol (top right) and the first conference line (top left) share
    a band of the page, the conference block to the left."""
    _conference, documents = example
    for document in documents.values():
        stem = str(document.masthead.symbol).replace("/", "_")
        for lang in LANGS:
            blocks = document_data(document, lang, load_styles(TEMPLATES / "styles.yaml"))
            conference = next(b for b in blocks["blocks"]
                              if b["kind"] == "frame" and b["style"] == "conference")
            first_words = plain(conference["text"][0]["text"]).split()[:1]
            lines = [line for line in pdf_lines(built / f"{stem}.{lang}.pdf")
                     if line.page == 1]
            symbol = next(w for line in lines for w in line.words
                          if w.text == str(document.masthead.symbol))
            conf = next(line.words[0] for line in lines
                        if line.words[0].text == first_words[0])
            assert conf.x_max < symbol.x_min, f"{stem} {lang}: conference not left of symbol"
            assert abs(conf.y_min - symbol.y_min) < 6, \
                f"{stem} {lang}: conference block and symbol are not side by side"


def test_chinese_marks_take_the_face_of_the_text_around_them(built: Path) -> None:
    """《》（）“” in a title, heading or bold run come from the same CJK face (and weight)
    as the ideographs beside them: Hei in headings, Song in body text."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    marks = set("《》（）“”〈〉「」")
    for pdf in pdfs(built, CJK & set(LANGS)):
        checked, odd = 0, []
        for page in extract_pages(pdf):
            for line in (line for box in page if isinstance(box, LTTextContainer)
                         for line in box if isinstance(line, LTTextLine)):
                chars = [c for c in line if isinstance(c, LTChar)]
                for k, char in enumerate(chars):
                    if char.get_text() not in marks:
                        continue
                    near = [c for c in chars[max(0, k - 2):k + 3]
                            if HAN.match(c.get_text()) and abs(c.size - char.size) < 0.1]
                    if not near:
                        continue
                    checked += 1
                    face = near[0].fontname.split("+")[-1].split("-Identity")[0]
                    if char.fontname.split("+")[-1].split("-Identity")[0] != face:
                        odd.append(f"{char.get_text()} in {char.fontname} beside {face}")
        assert checked > 50, pdf.name
        assert not odd, f"{pdf.name}: {sorted(set(odd))[:5]}"
