"""What a redline marks, by the model's ids: a revision of the example paper against the
paper as it stands (document/revision.py), read through the real readers."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONTENT, TEMPLATES

from att_docs.document.model import Document, Paragraph, Run
from att_docs.document.revision import (
    ChangedRun,
    RevisedText,
    changes,
    redline_document,
    with_notice,
)
from att_docs.document.segmentation import Segmenter, segmenter_for
from att_docs.readers.load import load_papers

PAPER = "wgtu-report"
LANGS = ("en", "zh", "fr")
NEW_PARAGRAPH = {"en": "The co-chairs thank all delegations for their contributions.",
                 "zh": "联席主席感谢所有代表团的贡献。",
                 "fr": "Les coprésidents remercient toutes les délégations."}


def read(folder: Path, paper: str = PAPER) -> Document:
    return load_papers(folder, TEMPLATES, dirs=[folder / paper]).documents[paper]


@pytest.fixture(scope="module")
def issued() -> Document:
    return read(CONTENT)


def revised(tmp_path: Path, edit: Callable[[dict[str, str]], None],
            paper: str = PAPER) -> Document:
    """A copy of the example with ``edit`` applied to the paper's prose files."""
    copy = tmp_path / "csp9"
    shutil.copytree(CONTENT, copy)
    files = {lang: (copy / paper / f"{lang}.md").read_text(encoding="utf-8") for lang in LANGS}
    edit(files)
    for lang, text in files.items():
        (copy / paper / f"{lang}.md").write_text(text, encoding="utf-8")
    return read(copy, paper)


def replace(files: dict[str, str], lang: str, old: str, new: str) -> None:
    assert old in files[lang], old
    files[lang] = files[lang].replace(old, new, 1)


def insert_before(files: dict[str, str], block: str, new_id: str,
                  texts: dict[str, str]) -> None:
    for lang in LANGS:
        replace(files, lang, f"{{#{block}}}", f"{{#{new_id}}} {texts[lang]}\n\n{{#{block}}}")


def the_edit(files: dict[str, str]) -> None:
    """The revision of the issue: a word inserted and one deleted in one paragraph, in
    English and in Chinese, and a new paragraph early, so that the later ones renumber."""
    replace(files, "en", "The WGTU was established", "The WGTU was formally established")
    replace(files, "en", "identifying the best way", "identifying the way")
    replace(files, "zh", "由《武器贸易条约》第三届", "由《武器贸易条约》正式第三届")
    replace(files, "zh", "的最佳方法", "的方法")
    insert_before(files, "establishment", "thanks", NEW_PARAGRAPH)


def redline(old: Document, new: Document, lang: str) -> Document:
    return redline_document(old, new, lang, segmenter_for(TEMPLATES, lang))


def summary(document: Document, lang: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.unit, c.text) for c in changes(document, lang)]


def numbered(document: Document) -> dict[str, int]:
    """The numbers of the main text's paragraphs (annexes number their own)."""
    main = {b.id for b in document.main.blocks}
    return {b.id: b.number for b in document.body
            if isinstance(b, Paragraph) and b.number and b.id in main | {"thanks"}}


def test_an_unchanged_paper_has_no_change(issued: Document) -> None:
    for lang in LANGS:
        assert changes(redline(issued, read(CONTENT), lang), lang) == []


@pytest.mark.parametrize("lang, inserted, deleted", [
    ("en", "formally ", "best "),
    ("zh", "正式", "最佳"),
])
def test_the_edit_is_marked_and_nothing_else(issued, tmp_path, lang, inserted, deleted):
    new = revised(tmp_path, the_edit)
    document = redline(issued, new, lang)
    assert summary(document, lang) == [
        ("inserted", "thanks", NEW_PARAGRAPH[lang]),
        ("inserted", "establishment", inserted),
        ("deleted", "establishment", deleted),
    ]
    # every later paragraph has a new number, and carries no mark
    before, after = numbered(issued), numbered(document)
    renumbered = [pid for pid in before if after.get(pid) == before[pid] + 1]
    later = [b.id for b in issued.main.blocks
             if isinstance(b, Paragraph) and b.number and b.number >= 2]
    assert renumbered == later and len(later) == 7
    for block in document.body:
        if isinstance(block, Paragraph) and block.id in renumbered and block.id != \
                "establishment":
            assert not block.text[lang].changed, block.id


def test_french_without_the_edit_shows_only_the_new_paragraph(issued, tmp_path):
    document = redline(issued, revised(tmp_path, the_edit), "fr")
    assert summary(document, "fr") == [("inserted", "thanks", NEW_PARAGRAPH["fr"])]


def move_after(text: str, block: str, after: str) -> str:
    """The prose ``text`` with the block ``{#block}`` moved after the block ``{#after}``."""
    blocks = text.split("\n\n")
    moved = next(b for b in blocks if b.startswith(f"{{#{block}}}"))
    blocks.remove(moved)
    at = next(i for i, b in enumerate(blocks) if b.startswith(f"{{#{after}}}"))
    blocks.insert(at + 1, moved)
    return "\n\n".join(blocks)


def test_a_moved_paragraph_is_moved_not_deleted_and_inserted(issued, tmp_path):
    def move(files: dict[str, str]) -> None:
        for lang in LANGS:
            files[lang] = move_after(files[lang], "appointment", "intersessional")

    document = redline(issued, revised(tmp_path, move), "en")
    assert [(k, u) for k, u, _ in summary(document, "en")] == [("moved", "appointment")]
    marks = [(b.id, b.text["en"].mark, b.text["en"].move) for b in document.body
             if isinstance(b, Paragraph) and b.id == "appointment"]
    assert marks == [("appointment", "moved-from", "appointment"),
                     ("appointment", "moved-to", "appointment")]


def test_a_removed_paragraph_is_one_deletion_and_a_subparagraph_too(issued, tmp_path):
    def remove(files: dict[str, str]) -> None:
        for lang in LANGS:
            files[lang] = re.sub(r"\{#intersessional\}[^\n]*\n\n", "", files[lang])
            files[lang] = re.sub(r"- \{#second-states\}[^\n]*\n", "", files[lang])

    document = redline(issued, revised(tmp_path, remove), "zh")
    assert [(k, u) for k, u, _ in summary(document, "zh")] == [
        ("deleted", "second-states"), ("deleted", "intersessional")]


def test_style_and_bold_changes_are_formatting_only(issued, tmp_path):
    def restyle(files: dict[str, str]) -> None:
        for lang in LANGS:
            replace(files, lang, "{#purpose}", "{#purpose .unnumbered}")
        replace(files, "en", "The WGTU held its first meeting", "The WGTU held its **first** "
                "meeting")

    document = redline(issued, revised(tmp_path, restyle), "en")
    assert summary(document, "en") == [("restyled", "purpose", "numbered"),
                                      ("formatted", "first-meeting", "first")]
    run = next(i for b in document.body if getattr(b, "id", "") == "first-meeting"
               for i in b.text["en"].inlines if isinstance(i, ChangedRun))
    assert (run.bold, run.was_bold) == (True, False)


def test_tables_decisions_and_footnotes_are_compared_by_id(issued, tmp_path):
    def annex(files: dict[str, str]) -> None:
        replace(files, "en", "[^workplan]: ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep",
                "[^workplan]: See ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep")

    copy = tmp_path / "csp9"
    new = revised(tmp_path, annex)
    tables = copy / PAPER / "annex-a" / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    text = text.replace("Recent experience has shown", "Recent experience has clearly shown", 1)
    tables.write_text(text, encoding="utf-8")
    decisions = copy / PAPER / "annex-a" / "decisions.yaml"
    text = decisions.read_text(encoding="utf-8")
    assert "multi-year format" in text
    decisions.write_text(text.replace("multi-year format", "multi-year programme", 1),
                         encoding="utf-8")
    new = read(copy)
    found = summary(redline(issued, new, "en"), "en")
    kinds = {(kind, unit.split(".")[0] if "." in unit else unit, text)
             for kind, unit, text in found}
    assert ("inserted", "footnote", "See ") in kinds
    assert any(k == "inserted" and t == "clearly " and u == "elements" for k, u, t in kinds)
    assert {("deleted", "format"), ("inserted", "programme")} <= {
        (k, t.strip()) for k, _, t in found}
    assert len(found) == 4


def test_a_rewritten_sentence_reads_as_one_deletion_and_one_insertion(issued, tmp_path):
    """The semantic clean-up: no stray kept spaces or articles between the changes."""
    def rewrite(files: dict[str, str]) -> None:
        replace(files, "en", "The report also puts forward recommendations on possible steps "
                "to be taken towards ATT universalization beyond CSP9.",
                "It closes with a set of proposals for the next cycle.")

    found = summary(redline(issued, revised(tmp_path, rewrite), "en"), "en")
    assert [k for k, _, _ in found] == ["deleted", "inserted"]


def test_unspaced_text_is_compared_by_words_then_characters() -> None:
    """jieba's words first; within a changed stretch, characters, so that a word cut
    otherwise after the edit marks only the edit."""
    from att_docs.document.revision import _diff_inlines

    jieba = segmenter_for(TEMPLATES, "zh")
    assert jieba == Segmenter("jieba", refine=True)
    out = _diff_inlines([Run("普遍加入条约工作组的工作")], [Run("普遍加入条约工作小组的工作")],
                        jieba)
    assert [(type(i).__name__, i.text) for i in out] == [
        ("Run", "普遍加入条约工作"), ("ChangedRun", "小"), ("Run", "组的工作")]
    spaced = segmenter_for(TEMPLATES, "en")
    assert spaced.split("States Parties' views") == ["States", " ", "Parties", "'", " ",
                                                      "views"]


def test_the_choice_of_segmentation_is_locale_data(templates_copy: Path) -> None:
    """A language without the key: characters where it is written without spaces, words
    between spaces otherwise; the key overrides both."""
    from att_docs.document.segmentation import _segmenter

    locale = templates_copy / "locale"
    shutil.copy(locale / "zh.yaml", locale / "xx.yaml")
    text = (locale / "xx.yaml").read_text(encoding="utf-8")
    (locale / "xx.yaml").write_text(text.replace("segmentation: jieba\n", ""),
                                    encoding="utf-8")
    shutil.copy(locale / "en.yaml", locale / "yy.yaml")
    (locale / "yy.yaml").write_text((locale / "yy.yaml").read_text(encoding="utf-8")
                                    + "segmentation: characters\n", encoding="utf-8")
    _segmenter.cache_clear()
    assert segmenter_for(templates_copy, "xx") == Segmenter("characters", refine=True)
    assert segmenter_for(templates_copy, "yy") == Segmenter("characters", refine=False)
    assert Segmenter("characters").split("第9届CSP9会议") == ["第", "9", "届", "CSP9", "会",
                                                              "议"]


def test_the_notice_goes_under_the_title_block(issued) -> None:
    document = with_notice(redline(issued, issued, "zh"), "zh", "翻译未完成")
    first = next(i for i, b in enumerate(document.body) if b.id == "redline-notice")
    assert all(type(b).__name__ == "FrameBlock" for b in document.body[:first])
    assert type(document.body[first + 1]).__name__ != "FrameBlock"
    assert not isinstance(document.body[first].text["zh"], RevisedText)


def test_a_missing_word_cutter_is_a_tool_error_not_another_cut(monkeypatch) -> None:
    """Without jieba the redline would cut Chinese differently; say so instead (exit 3)."""
    import sys

    from att_docs.base.errors import ToolError
    from att_docs.document import segmentation

    segmentation._jieba.cache_clear()
    monkeypatch.setitem(sys.modules, "jieba", None)  # import jieba raises ImportError
    try:
        with pytest.raises(ToolError, match="jieba cannot be imported"):
            Segmenter("jieba").split("缔约国会议")
    finally:
        segmentation._jieba.cache_clear()
