"""One walk over the model, one dispatch for writers: every text is visited once, and a
block type without a rule fails the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import ROOT
from factories import sample_document

from att_docs.checks.segments import corpus_from_document
from att_docs.document.model import Heading, Localized, Paragraph, Table, Text
from att_docs.document.units import document_units
from att_docs.document.walk import UnknownBlockError, walk
from att_docs.writers.docx.writer import write_docx
from att_docs.writers.pdf.typst_data import document_data
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


def test_an_unknown_block_fails_the_same_way_everywhere(tmp_path):
    doc = sample_document()
    doc.body.append(Sidebar("aside", {"en": Text.of("Aside"), "zh": Text.of("旁注")}))
    doc.main.blocks.append(doc.body[-1])  # type: ignore[arg-type]
    styles = load_styles(ROOT / "templates" / "styles.yaml")
    calls = {
        "walk": lambda: list(walk(doc.body)),
        "checks": lambda: corpus_from_document(doc),
        "units": lambda: list(document_units(doc)),
        "docx": lambda: write_docx(doc, "en", tmp_path / "x.docx", styles),
        "pdf data": lambda: document_data(doc, "en", styles),
    }
    for name, call in calls.items():
        with pytest.raises(UnknownBlockError, match="no rule for Sidebar blocks"):
            call()
        assert not (tmp_path / "x.docx").exists(), name
