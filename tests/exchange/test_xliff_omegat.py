"""A real CAT tool between export and import: OmegaT 3.6, run headless.

A paper whose translation has gaps (some units still in English, as a new paper starts) is
exported; OmegaT translates it with the glossary loaded and a TMX in ``tm/enforce`` that
supplies new translations of those units, tags and all; its target file is imported; the
paper is built, and the PDF's text shows every new translation, its bold text in a bold
font and its footnotes.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from buildutil import build, edit
from click.testing import CliRunner
from conftest import TEMPLATES, require_tools
from lxml import etree
from omegat import build_project, translate
from tkfiles import make_tmx

from att_docs.cli.main import main
from att_docs.document.model import FootnoteRef, Run, Text
from att_docs.document.units import texts_by_id
from att_docs.exchange.content_writer import write_translations
from att_docs.exchange.xliff import NS_12
from att_docs.exchange.xliff.codes import Code, Span, encode
from att_docs.exchange.xliff.papers import read_one
from att_docs.glossary import default_path, dump, load
from att_docs.records.provenance import unit_states

pytestmark = pytest.mark.slow

PAPER = "wgtu-report"
# Units handed out untranslated: paragraphs with and without footnote marks and
# formatting, a subparagraph, a heading, a title, a two-paragraph table cell, a
# decision item and a footnote.
UNTRANSLATED = ("background", "establishment", "first-presidency", "annex-a.title",
                "national-processes", "elements.medium-term-planning.status.text",
                "csp9.endorses.multi-year", "footnote.vice-presidents")
BOLD = ("Current assessments", "目前的评估")
ITALIC = ("specific, tailored approaches", "具体适合自身的方法")


def _omegat_text(nodes: list, order: dict[str, int]) -> str:
    """Segment content as OmegaT shows it: tags numbered from 0 in source order."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Span):
            n = order.setdefault(node.code.id, len(order))
            out.append(f"<g{n}>{_omegat_text(node.children, order)}</g{n}>")
        else:
            assert isinstance(node, Code)
            out.append(f"<x{order.setdefault(node.id, len(order))}/>")
    return "".join(out)


def _memory(original: Text, translation: Text, marker: str) -> list[tuple[str, str]]:
    """TMX pairs (source, new translation) for each paragraph of a unit."""
    pairs = []
    for n, (block, old) in enumerate(zip(original.blocks, translation.blocks, strict=True)):
        source, codes = encode(block.inlines)
        target, _ = encode(old.inlines, codes)
        order: dict[str, int] = {}
        text = _omegat_text(source, order)
        pairs.append((text, _omegat_text(target, order) + f"{marker}-{n + 1}"))
    return pairs


def _pdf_runs(pdf: Path) -> tuple[str, list[str]]:
    """The PDF's text without spaces, and the texts set in a bold font (pdftohtml)."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)],
                         capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, no_network=True))
    text = "".join("".join(t.itertext()) for t in root.iter("text"))
    # set in a bold font; spaces dropped, as poppler puts them between ideographs that a
    # justified line spreads apart
    bold = [re.sub(r"\s+", "", "".join(b.itertext())) for b in root.iter("b")]
    return re.sub(r"\s+", "", text), bold


def test_omegat_round_trip(conference_copy: Path, tmp_path: Path) -> None:
    require_tools("omegat", "pdftohtml")
    paper = conference_copy / PAPER
    annex = paper / "annex-a"
    for lang, (bold, italic) in zip(("en", "zh"), zip(BOLD, ITALIC, strict=True), strict=True):
        edit(annex / f"{lang}.md", bold, f"**{bold}**")
        edit(annex / f"{lang}.md", italic, f"*{italic}*")
    doc = read_one(paper, TEMPLATES)
    source = doc.masthead.original_language
    target = next(lang for lang in doc.languages if lang != source)
    english, chinese = texts_by_id(doc, source), texts_by_id(doc, target)
    write_translations(paper, target, {u: english[u] for u in UNTRANSLATED}, source)

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["xliff", "export", str(paper), "-t", target,
                                       "-o", str(out), "--no-memory"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    exported = Path(result.stdout.strip())
    tree = etree.parse(str(exported))
    new = [tu for tu in tree.iterfind(f".//{{{NS_12}}}trans-unit")
           if tu.find(f"{{{NS_12}}}target").get("state") == "new"]
    # "new" is exactly what the readiness record calls untranslated: the units handed
    # out, the one-word heading left in the original's words too
    states = unit_states(read_one(paper, TEMPLATES), target)
    untranslated = {u for u, s in states.items() if s.state == "untranslated"}
    assert {tu.get("id").split(":")[0] for tu in new} == untranslated == set(UNTRANSLATED)

    memory: list[tuple[str, str]] = []
    for n, unit_id in enumerate(UNTRANSLATED):
        memory += _memory(english[unit_id], chinese[unit_id], f"修订{n}")
    inputs = tmp_path / "in"
    inputs.mkdir()
    tmx = make_tmx(inputs / "changes.tmx", source, target, memory)
    glossary = inputs / "att.tbx"
    dump(load(default_path()), glossary, "tbx2008", [source, target], allowed_only=True)
    project = build_project(tmp_path / "project", "EN-GB", "ZH-CN", sources=[exported],
                            glossaries=[glossary], enforce=[tmx])
    done = translate(project, exported.name)
    assert done.problems == [], done.output
    assert len(done.glossaries[glossary.name]) > 100  # OmegaT loaded the term base

    imported = CliRunner().invoke(main, ["xliff", "import", str(done.target), "--content",
                                         str(conference_copy)], catch_exceptions=False)
    assert imported.exit_code == 0, imported.output
    changed = {line.split(": ")[1].split(" ")[0] for line in imported.stdout.splitlines()}
    assert changed == set(UNTRANSLATED)

    after = texts_by_id(read_one(paper, TEMPLATES), target)
    formatted = after["national-processes"].inlines
    assert Run(BOLD[1], bold=True) in formatted and Run(ITALIC[1], italic=True) in formatted
    assert FootnoteRef("ratification") in formatted
    assert FootnoteRef("workplan") in after["establishment"].inlines

    built = tmp_path / "build"
    build(conference_copy, built, "-f", "pdf", "-l", target)
    pdf = built / f"{doc.masthead.symbol.file_stem}.{target}.pdf"
    text, bold = _pdf_runs(pdf)
    for n, unit_id in enumerate(UNTRANSLATED):
        for b, block in enumerate(chinese[unit_id].blocks):
            pieces = [""]  # the text between footnote marks, which the PDF numbers
            for inline in block.inlines:
                if isinstance(inline, Run):
                    pieces[-1] += inline.text
                else:
                    pieces.append("")
            pieces[-1] += f"修订{n}-{b + 1}"
            for piece in pieces:  # its end: table labels may interleave with the rest
                assert re.sub(r"\s+", "", piece)[-16:] in text, unit_id
    assert any(re.sub(r"\s+", "", BOLD[1]) in run for run in bold)
    for note in ("ratification", "vice-presidents", "workplan"):  # footnotes kept
        body = re.sub(r"\s+", "", chinese[f"footnote.{note}"].plain())
        assert body in text, note
