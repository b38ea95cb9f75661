"""One walk over the model, one dispatch for writers: every text is visited once, and a
block type without a rule fails the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import ROOT
from factories import sample_document

from att_docs.checks.segments import corpus_from_document
from att_docs.document.model import FootnoteRef, Heading, Localized, Paragraph, Table, Text
from att_docs.document.revision import redline_document
from att_docs.document.segmentation import segmenter_for
from att_docs.document.units import document_units
from att_docs.document.walk import UnknownBlockError, footnote_refs, inlines, walk
from att_docs.exchange.align import align_translation
from att_docs.readers.docx.draft import Draft
from att_docs.readers.docx.ids import prose_blocks
from att_docs.readers.docx.masthead import MastheadFields
from att_docs.writers.content.prose import render_prose
from att_docs.writers.docx.redline import write_redline_docx
from att_docs.writers.pdf.redline_data import redline_data
from att_docs.writers.pdf.typst import PdfWriter
from att_docs.writers.pdf.typst_data import document_data
from att_docs.writers.registry import WRITERS, WriterOptions
from att_docs.writers.styles import load_styles


@dataclass
class Sidebar:
    """A block type that no rule knows."""

    id: str
    text: Localized


def test_walk_visits_every_text_once_in_reading_order():
    doc = sample_document()
    pieces = list(walk(doc.body))
    ids = [p.id for p in pieces]
    assert len(ids) == len(set(ids))
    headings = [b.id for b in doc.body if isinstance(b, Heading)]
    assert [p.id for p in pieces if p.kind == "heading"] == headings
    table = next(b for b in doc.body if isinstance(b, Table))
    cells = [c.id for row in table.rows for c in row.cells]
    assert [p.id for p in pieces if p.kind == "cell"] == cells
    paragraph = next(b for b in doc.body if isinstance(b, Paragraph) and b.subparagraphs)
    subs = [p for p in pieces if p.kind == "subparagraph" and p.block is paragraph]
    assert [p.id for p in subs] == [s.id for s in paragraph.subparagraphs]


def test_units_and_segments_are_the_walk():
    doc = sample_document()
    walked = {p.id for p in walk(doc.body)}
    segments = {s.id for s in corpus_from_document(doc).segments}
    assert walked <= segments
    units = {u.id for u in document_units(doc)}
    assert {p.id for p in walk(doc.body) if p.kind != "frame"} <= units


def test_the_inline_walk_finds_every_footnote_mark_in_order():
    doc = sample_document()
    marked = [ref.id for piece in walk(doc.body) for ref in footnote_refs(piece.text["en"])]
    assert marked and sorted(marked) == sorted(doc.footnotes)
    text = Text.of("a")
    text.blocks[0].inlines.append(FootnoteRef("n1"))
    assert [type(i).__name__ for i in inlines(text)] == ["Run", "FootnoteRef"]
    assert list(footnote_refs(None)) == []


def test_an_unknown_block_fails_the_same_way_everywhere(tmp_path):
    doc = sample_document()
    doc.body.append(Sidebar("aside", {"en": Text.of("Aside"), "zh": Text.of("旁注")}))
    doc.main.blocks.append(doc.body[-1])  # type: ignore[arg-type]
    styles = load_styles(ROOT / "templates" / "styles.yaml")
    draft = Draft(tmp_path / "draft.docx", "zh", MastheadFields(), doc.parts, {})
    out = tmp_path / "x.out"
    typesetter = PdfWriter(styles, ROOT / "templates" / "paper.typ")
    calls = {
        "walk": lambda: list(walk(doc.body)),
        "checks": lambda: corpus_from_document(doc),
        "units": lambda: list(document_units(doc)),
        "content writer": lambda: render_prose(doc.main.blocks, [], lambda t, i: t["en"]),
        "word import alignment": lambda: align_translation(doc, "en", draft),
        "word import ids": lambda: list(prose_blocks(doc.parts)),
        "redline": lambda: redline_document(doc, doc, "en",
                                            segmenter_for(ROOT / "templates", "en")),
        "docx redline": lambda: write_redline_docx(doc, "en", out, styles, "", doc.masthead.date),
        "pdf data": lambda: document_data(doc, "en", styles),
        "pdf redline data": lambda: redline_data(doc, "en", styles),
    }
    for fmt, writer in WRITERS.items():
        options = WriterOptions("en", styles, engine=(writer.engines or (None,))[0],
                                typesetter=typesetter, date=doc.masthead.date)
        calls[fmt] = lambda w=writer, o=options: w.write(doc, out, o)
        calls[f"{fmt} redline"] = lambda w=writer, o=options: w.write_redline(doc, out, o)
    for name, call in calls.items():
        with pytest.raises(UnknownBlockError, match="no rule for Sidebar blocks"):
            call()
        assert not out.exists(), name
