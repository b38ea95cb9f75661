"""The example conference built by the real command, every output read back by real readers:
python-docx and the raw OOXML for DOCX, pypdf, pdffonts and pdftotext for PDF, and
LibreOffice converting every DOCX."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CONTENT, require_tools, safe_load
from lxml import etree
from pypdf import PdfReader

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MC = "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork"
WGTU = "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep"

SYMBOLS = {MC: "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork",
           WGTU: "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"}
# numbered paragraphs per part, footnotes, element tables
EXPECTED = {MC: ([24], 0, 0), WGTU: ([8, 8], 5, 6)}
LANGS = safe_load((CONTENT / "conference.yaml").read_text(encoding="utf-8"))["languages"]

KEY_TERMS = {
    "en": {MC: ["Arms Trade Treaty", "Ninth Conference of States Parties",
                "Working Group on Effective Treaty Implementation", "Management Committee",
                "Diversion Information Exchange Forum", "ATT Secretariat"],
           WGTU: ["Working Group on Treaty Universalization", "Voluntary Trust Fund",
                  "ATT Sponsorship Programme", "Annex A",
                  "ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep"]},
    "zh": {MC: ["《武器贸易条约》", "第九届缔约国会议", "日内瓦，2023年8月21日至25日",
                "有效执行条约工作组", "管理委员会", "转用信息交流论坛", "原文：英文"],
           WGTU: ["普遍加入条约工作组", "自愿信托基金", "赞助方案", "附件A",
                  "提交人：普遍加入条约工作组", "2023年7月21日"]},
    # pdftotext gives the narrow no-break spaces of French typography as plain spaces
    "fr": {MC: ["Traité sur le commerce des armes", "Neuvième Conférence des États Parties",
                "Genève, 21-25 août 2023", "Original : anglais",
                "Groupe de travail sur l’application efficace du Traité", "Comité de gestion",
                "Forum d’échange d’informations sur le détournement", "Secrétariat du TCA"],
           WGTU: ["Groupe de travail sur l’universalisation du Traité",
                  "Fonds d’affectation spéciale de contributions volontaires",
                  "Programme de parrainage du TCA", "Annexe A", "21 juillet 2023",
                  "Présenté par : Coprésidents du Groupe de travail",
                  "ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep"]},
}
CONFERENCE_LINE = {"en": "Ninth Conference of States Parties", "zh": "第九届缔约国会议",
                   "fr": "Neuvième Conférence des États Parties"}


@pytest.fixture(scope="module")
def built(example_set: Path) -> Path:
    return example_set


def outputs(built: Path, fmt: str) -> list[tuple[str, str, Path]]:
    return [(stem, lang, built / f"{stem}.{lang}.{fmt}") for stem in EXPECTED
            for lang in LANGS]


def test_every_paper_language_and_format_is_built(built):
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert names == sorted([f"{stem}.{lang}.{fmt}" for stem in EXPECTED
                            for lang in LANGS for fmt in ("docx", "pdf")]
                           + ["csp9.zip", "index.html", "manifest.json"])
    assert not list(built.glob(".*.tmp"))


# ------------------------------------------------------------------------------------ DOCX


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


@pytest.mark.parametrize("stem", EXPECTED)
@pytest.mark.parametrize("lang", LANGS)
def test_docx_structure(built, stem, lang):
    path = built / f"{stem}.{lang}.docx"
    numbered, footnotes, tables = EXPECTED[stem]
    document = docx.Document(str(path))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("ATT Numbered Paragraph") == sum(numbered)
    # the paper's tables have a table style; the page-one block beside the masthead has none
    element_tables = [t for t in document.tables
                      if t._tbl.tblPr.find(f"{{{W}}}tblStyle") is not None]
    assert len(element_tables) == tables
    for table in element_tables:
        header = table.rows[0]._tr
        assert header.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    header_text = "".join(p.text for p in section.header.paragraphs)
    assert SYMBOLS[stem] in header_text
    if footnotes:
        notes = part_xml(path, "word/footnotes.xml")
        real = [n for n in notes.findall("w:footnote", NS) if n.get(f"{{{W}}}type") is None]
        assert len(real) == footnotes
        body = part_xml(path, "word/document.xml")
        refs = body.findall(".//w:footnoteReference", NS)
        assert len(refs) == footnotes
        assert len(body.findall(".//w:tbl//w:footnoteReference", NS)) == 3


@pytest.mark.parametrize("stem", EXPECTED)
def test_docx_east_asian_fonts_and_language_tags(built, stem):
    zh = part_xml(built / f"{stem}.zh.docx", "word/document.xml")
    cjk_runs = [r for r in zh.iter(f"{{{W}}}r")
                if re.search(r"[\u4e00-\u9fff]", "".join(r.itertext()))]
    assert cjk_runs
    for run in cjk_runs:
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert fonts is not None and fonts.get(f"{{{W}}}eastAsia"), etree.tostring(run)
        assert not any(k.endswith("Theme") for k in fonts.attrib)
        lang = run.find("w:rPr/w:lang", NS)
        assert lang is not None and lang.get(f"{{{W}}}eastAsia") == "zh-CN"
    for lang, tag in (("en", "en-GB"), ("fr", "fr-FR")):
        xml = part_xml(built / f"{stem}.{lang}.docx", "word/document.xml")
        assert {el.get(f"{{{W}}}val") for el in xml.iter(f"{{{W}}}lang")} == {tag}
    for path in (built / f"{stem}.{lang}.docx" for lang in LANGS):
        with zipfile.ZipFile(path) as zf:
            for name in ("word/document.xml", "word/styles.xml"):
                assert b"Theme=" not in zf.read(name).replace(b"themeFontLang", b""), name


# ------------------------------------------------------------------------------------- PDF


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("stem", EXPECTED)
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_fonts_text_and_numbers(built, stem, lang):
    path = built / f"{stem}.{lang}.pdf"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts
    for row in fonts:
        assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), row  # emb = yes
    if lang == "zh":
        assert any("NotoSerifCJK" in row for row in fonts)
    text = pdftotext(path)
    assert "\ufffd" not in text
    flat = re.sub(r"\s+", "", text) if lang == "zh" else re.sub(r"\s+", " ", text)
    for term in KEY_TERMS[lang][stem]:
        assert (re.sub(r"\s+", "", term) if lang == "zh" else term) in flat, term
    numbered = EXPECTED[stem][0]
    for count in numbered:
        for n in range(1, count + 1):
            assert re.search(rf"(?m)^\s*{n}\.", text), f"paragraph {n}."
    assert PdfReader(str(path)).pages[0].mediabox.width == pytest.approx(595.3, abs=1)


def test_french_typography_in_docx(built):
    text = "".join(part_xml(built / f"{WGTU}.fr.docx", "word/document.xml").itertext())
    assert "Original\u202f: anglais" in text
    assert "«\u202fRenforcer les travaux" in text
    assert "Traité\u202f»" in text and "'" not in text and "’" in text


def test_chinese_pdf_text_is_exact(built):
    text = re.sub(r"\s+", "", pdftotext(built / f"{WGTU}.zh.pdf"))
    sentence = "普遍加入条约工作组于2023年2月15日举行了第一次会议，并进行了直播。"
    assert sentence in text


# ------------------------------------------------------------------------------ LibreOffice


@pytest.mark.libreoffice
def test_libreoffice_converts_every_built_docx(built, tmp_path):
    from att_docs.writers.pdf.libreoffice import convert_to_pdf

    require_tools("soffice")
    files = sorted(built.glob("*.docx"))
    pdfs = convert_to_pdf(files, tmp_path)
    assert len(pdfs) == len(EXPECTED) * len(LANGS)
    for pdf, source in zip(pdfs, files, strict=True):
        text = pdftotext(pdf)
        assert len(PdfReader(str(pdf)).pages) >= 2
        lang = source.name.split(".")[-2]
        if lang == "zh":
            assert CONFERENCE_LINE[lang] in re.sub(r"\s+", "", text)
        else:
            assert CONFERENCE_LINE[lang] in re.sub(r"\s+", " ", text)
        assert re.search(r"(?m)^\s*1\.", text)


@pytest.mark.libreoffice
def test_pdf_engine_libreoffice(tmp_path):
    require_tools("soffice")
    out = tmp_path / "lo"
    proc = subprocess.run([sys.executable, "-m", "att_docs", "build", str(CONTENT), "-o",
                           str(out), "-f", "pdf", "--pdf-engine", "libreoffice", "-q"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == sorted(f"{s}.{lang}.pdf" for s in EXPECTED
                                            for lang in LANGS)
    assert "第九届缔约国会议" in re.sub(r"\s+", "", pdftotext(out / f"{WGTU}.zh.pdf"))
