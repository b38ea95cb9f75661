"""Writing one language's texts into a paper by unit id, and Markdown that reads back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wordutil import read_back

from att_docs.base.errors import ContentError
from att_docs.base.paths import PACKAGE_ROOT
from att_docs.document.model import FootnoteRef, Run, SourceLocation, Text, TextBlock
from att_docs.document.units import texts_by_id
from att_docs.exchange.content_writer import write_translations
from att_docs.readers.markdown import ProseFile, parse_rich_text, read_prose
from att_docs.writers.content.markdown import render_rich_text

CSP9 = PACKAGE_ROOT / "tests" / "fixtures" / "example" / "content" / "csp9"

TRICKY = [
    "Stars * and _underscores_ and `ticks` and \\ backslashes",
    "[brackets] (parens) <angle> &amp; {braces} #hash",
    "1. starts like a list",
    "- starts like an item",
    "# starts like a heading",
    "> starts like a quote",
    "Straight \"double\" and 'single' quotes",
    "Curly “double” and ‘single’ quotes, 《书名号》，全角标点。",
    "Numbers 24(b–d) and 113; 50 % and $5 ~ approx | pipe ! bang ^ caret",
]


def _prose(tmp_path: Path, quotes: str) -> ProseFile:
    path = tmp_path / "x.md"
    path.write_text("{#p} x\n\n[^n]: a note\n", encoding="utf-8")
    return read_prose(path, "xx", " ", quotes)


@pytest.mark.parametrize("quotes", ["", "“”‘’"], ids=["plain", "smart-quotes"])
@pytest.mark.parametrize("text", TRICKY)
def test_plain_text_reads_back_unchanged(tmp_path: Path, text: str, quotes: str) -> None:
    prose = _prose(tmp_path, quotes)
    back = parse_rich_text(render_rich_text(Text.of(text)), prose, SourceLocation(tmp_path, 1))
    assert back.plain() == text


def test_formatting_and_notes_read_back(tmp_path: Path) -> None:
    inlines = [Run("Plain "), Run("bold ", bold=True), Run("both", bold=True, italic=True),
               Run(" italic", italic=True), Run(" end"), FootnoteRef("n"), Run(".\nNext")]
    text = Text([TextBlock(inlines), TextBlock([Run("first")], "ordered", 1),
                 TextBlock([Run("second")], "ordered", 2),
                 TextBlock([Run("dot")], "bullet")])
    back = parse_rich_text(render_rich_text(text), _prose(tmp_path, ""),
                           SourceLocation(tmp_path, 1))
    assert [(b.list_kind, b.number) for b in back.blocks] == [
        (None, None), ("ordered", 1), ("ordered", 2), ("bullet", None)]
    got = back.blocks[0].inlines

    def letters(items: list) -> list[tuple[str, bool, bool]]:
        """Each non-space character with its formatting (spaces at the edges of bold or
        italic are written outside the markers, which Markdown needs)."""
        return [(c, i.bold, i.italic) for i in items if isinstance(i, Run)
                for c in i.text if not c.isspace()]

    assert back.blocks[0] and Text([TextBlock(got)]).plain() == Text([TextBlock(inlines)]).plain()
    assert letters(got) == letters(inlines)
    assert [i.id for i in got if isinstance(i, FootnoteRef)] == ["n"]


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    shutil.copytree(CSP9, tmp_path / "csp9")
    return tmp_path / "csp9" / "wgtu-report"


def test_texts_go_where_their_ids_are_and_nothing_else_moves(paper: Path) -> None:
    before = {p: p.read_text() for p in paper.rglob("*") if p.is_file()}
    texts = {
        "establishment": Text.of("改写的段落。"),
        "footnote.workplan": Text.of("新的脚注。"),
        "elements.medium-term-planning.implementation.text": Text.of("新的单元格。"),
        "elements.row_labels.status": Text.of("现状"),
        "csp9.endorses.multi-year": Text.of("新的决定。"),
        "annex-a.title": Text.of("新的附件标题"),
        "submitted_by": Text.of("新的提交人"),
    }
    changes = write_translations(paper, "zh", texts, "en")
    assert {c.unit_id for c in changes} == set(texts)
    assert {c.kind for c in changes} == {"changed"}
    after = texts_by_id(read_back(paper), "zh")
    for unit_id, text in texts.items():
        assert after[unit_id].plain() == text.plain()
    changed_files = {p for p in before if p.read_text() != before[p]}
    assert {p.name for p in changed_files} == {"zh.md", "tables.yaml", "decisions.yaml",
                                               "annex.yaml", "paper.yaml"}
    for path in changed_files:  # one line per changed text, the rest as it was
        old, new = before[path].splitlines(), path.read_text().splitlines()
        assert len(old) == len(new)
        assert [line for line in old if line.startswith("#")] == \
            [line for line in new if line.startswith("#")]
    again = write_translations(paper, "zh", texts, "en")
    assert again == []


def test_an_unknown_id_writes_nothing(paper: Path) -> None:
    before = {p: p.read_bytes() for p in paper.rglob("*") if p.is_file()}
    with pytest.raises(ContentError, match="no-such-paragraph"):
        write_translations(paper, "zh", {"establishment": Text.of("改写。"),
                                         "no-such-paragraph": Text.of("？")}, "en")
    assert before == {p: p.read_bytes() for p in paper.rglob("*") if p.is_file()}
