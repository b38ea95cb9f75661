"""The DOCX and the PDF side by side, for every paper and language of the example: the
DOCX as LibreOffice lays it out (its PDF export) against the Typst PDF, both read back
from their text positions (pdfminer).

- the same page count;
- the masthead (the symbol, the last masthead line) and the title on page 1 within 2 mm;
- in all twelve files, no page ends with a heading, a title or a table's title row, nor
  with a line ending in a colon (a lead-in left behind);
- in the Chinese files, Latin letters and digits inside a line are never letter-spaced.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from buildutil import build
from conftest import CONTENT, TEMPLATES, require_tools
from pypdf import PdfReader

from att_docs.status.setinfo import load_conference
from att_docs.writers.pdf.typst_data import document_data
from att_docs.writers.styles import load_styles

MM = 72 / 25.4
TOLERANCE_MM = 2
LATIN = re.compile(r"[A-Za-z0-9]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
SPACES = re.compile(r"\s+")
TEXT_STYLES = ("body", "numbered", "subparagraph", "heading2", "table-text", "table-label",
               "table-heading", "decision-item")
pytestmark = pytest.mark.libreoffice  # LibreOffice's PDF of every DOCX


@dataclass(frozen=True)
class Line:
    page: int
    baseline: float  # points from the page top
    x: float
    size: float  # the largest character's
    text: str  # without spaces
    chars: tuple  # pdfminer LTChar objects, left to right


@dataclass(frozen=True)
class Pair:
    stem: str  # ATT_CSP9...Conf.Rep.en
    lang: str
    data: dict  # the Typst template's input: the paper's blocks in this language
    typst: Path
    docx: Path  # LibreOffice's PDF of the DOCX


def text_lines(pdf: Path) -> list[Line]:
    """Every text line of ``pdf`` (pdfminer), in page order."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextLine

    found = []
    for number, page in enumerate(extract_pages(pdf), start=1):
        stack = [page]
        while stack:
            item = stack.pop()
            if isinstance(item, LTTextLine):
                chars = tuple(c for c in item if isinstance(c, LTChar))
                if chars:
                    big = max(chars, key=lambda c: c.size)
                    found.append(Line(number, page.height - big.matrix[5], item.x0, big.size,
                                      SPACES.sub("", item.get_text()), chars))
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    return found


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[Pair]:
    """A copy of the example built, and its DOCX files converted by LibreOffice."""
    require_tools("soffice")
    from att_docs.writers.pdf.libreoffice import convert_to_pdf

    root = tmp_path_factory.mktemp("side")
    conference = root / "csp9"
    shutil.copytree(CONTENT, conference)
    out = root / "out"
    build(conference, out)
    docx_files = sorted(out.glob("*.docx"))
    convert_to_pdf(docx_files, root / "lo")
    styles = load_styles(TEMPLATES / "styles.yaml")
    meeting, documents = load_conference(conference, TEMPLATES)
    found = []
    for document in documents:
        stem = str(document.masthead.symbol).replace("/", "_")
        for lang in meeting.languages:
            name = f"{stem}.{lang}"
            found.append(Pair(name, lang, document_data(document, lang, styles),
                              out / f"{name}.pdf", root / "lo" / f"{name}.pdf"))
    assert len(found) == 6
    return found


def plain(inlines: list[dict]) -> str:
    return SPACES.sub("", "".join(i.get("text", "") for i in inlines))


def headings(data: dict) -> list[str]:
    """The texts that must never end a page: headings, titles, table titles."""
    out = []
    for block in data["blocks"]:
        if block["kind"] == "heading":
            out.append(plain(block["text"]))
        elif block["kind"] == "table":
            out.append(plain(block["title"]))
        elif block["kind"] == "frame" and block["style"] in ("title", "subtitle",
                                                              "annex-heading"):
            out += [plain(b["text"]) for b in block["text"] if b["kind"] == "par"]
    return [h for h in out if h]


# --------------------------------------------------------------------------- pages


def test_libreoffice_lays_the_docx_out_on_as_many_pages_as_the_pdf(pairs) -> None:
    counts = {p.stem: (len(PdfReader(p.docx).pages), len(PdfReader(p.typst).pages))
              for p in pairs}
    assert all(docx == pdf for docx, pdf in counts.values()), \
        f"pages (LibreOffice, Typst): {counts}"


def first_line(lines: list[Line], start: str, below: float = 0) -> Line:
    """The first line on page 1 (below ``below``) whose text starts ``start``."""
    return next(line for line in lines if line.page == 1 and line.baseline > below
                and (line.text.startswith(start[:12]) or start.startswith(line.text)))


def test_masthead_and_title_agree_within_two_millimetres(pairs) -> None:
    for pair in pairs:
        frames = [b for b in pair.data["blocks"] if b["kind"] == "frame"]
        symbol = SPACES.sub("", pair.data["meta"]["symbol"])
        masthead = [plain(b["text"][0]["text"]) for b in frames if b["style"] == "masthead"]
        title = next(plain(b["text"][0]["text"]) for b in frames if b["style"] == "title")
        where = {}
        for engine, pdf in (("typst", pair.typst), ("docx", pair.docx)):
            lines = text_lines(pdf)
            top = first_line(lines, symbol)
            last = first_line(lines, masthead[-1], top.baseline)
            head = first_line(lines, title, last.baseline)
            where[engine] = {"symbol": top, "masthead": last, "title": head}
        for role in ("symbol", "masthead", "title"):
            a, b = where["typst"][role], where["docx"][role]
            dy, dx = abs(a.baseline - b.baseline) / MM, abs(a.x - b.x) / MM
            assert dy <= TOLERANCE_MM and dx <= TOLERANCE_MM, \
                f"{pair.stem} {role}: {dx:.1f} mm across, {dy:.1f} mm down apart"


# --------------------------------------------------------------------------- keep-together


def page_ends(lines: list[Line], smallest: float) -> dict[int, list[Line]]:
    """Per page, its last lines of text no smaller than ``smallest`` (the text, not the
    footnotes, header or page number): every line on the lowest baseline, as table cells
    share one."""
    ends: dict[int, list[Line]] = {}
    for line in lines:
        if line.size < smallest - 0.25:
            continue
        now = ends.get(line.page)
        if now is None or line.baseline > now[0].baseline + 1:
            ends[line.page] = [line]
        elif abs(line.baseline - now[0].baseline) <= 1:
            now.append(line)
    return ends


@pytest.mark.parametrize("engine", ["typst", "docx"])
def test_no_page_ends_with_a_heading_or_a_lead_in(pairs, engine: str) -> None:
    checked = 0
    for pair in pairs:
        pdf = pair.typst if engine == "typst" else pair.docx
        looks = pair.data["meta"]["styles"]
        smallest = min(looks[name]["size"] for name in TEXT_STYLES)
        assert max(looks[name]["size"] for name in ("footnote-text", "footer")) < smallest
        ends = page_ends(text_lines(pdf), smallest)
        last_page = max(ends)
        stranded = []
        for page, bottom in ends.items():
            if page == last_page:
                continue
            checked += 1
            for line in bottom:
                if line.text.endswith((":", "：")):
                    stranded.append(f"p{page} lead-in {line.text[-40:]!r}")
                elif any(h.endswith(line.text) and len(line.text) >= 3
                         for h in headings(pair.data)):
                    stranded.append(f"p{page} heading {line.text[-40:]!r}")
        assert not stranded, f"{pdf.name}: {stranded}"
    assert checked > 30


@pytest.mark.parametrize("engine", ["typst", "docx"])
def test_latin_text_in_chinese_lines_is_never_letter_spaced(pairs, engine: str) -> None:
    """Between two Latin letters or digits of a word in a Chinese line, the next glyph
    starts where the last one ends (kerning aside): justification spaces ideographs, never
    the letters of "ATT" or the digits of "2023"."""
    checked = 0
    for pair in (p for p in pairs if p.lang == "zh"):
        pdf = pair.typst if engine == "typst" else pair.docx
        spaced = []
        for line in text_lines(pdf):
            if not HAN.search(line.text):
                continue
            for a, b in zip(line.chars, line.chars[1:], strict=False):
                if not (LATIN.match(a.get_text()) and LATIN.match(b.get_text())):
                    continue
                if abs(a.size - b.size) > 0.1 or b.x0 < a.x0:
                    continue
                checked += 1
                if b.x0 - a.x1 > 0.05 * a.size:
                    spaced.append(f"p{line.page} {a.get_text()}{b.get_text()} in "
                                  f"{line.text[:30]!r}")
        assert not spaced, f"{pdf.name}: letter-spaced {spaced[:8]}"
    assert checked > 200
