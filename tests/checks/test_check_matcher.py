"""Glossary matching: English word bounds and inflection, Chinese leftmost-longest, sound."""

from __future__ import annotations

import pytest
from buildutil import ROOT
from fixtures.check.sample_glossary import sample_glossary

from att_docs.checks.extract import dates, numbers
from att_docs.checks.matcher import GlossaryIndex, inflect_forms, term_variants
from att_docs.checks.plaintext import corpus_from_text, detect_language
from att_docs.checks.references import references
from att_docs.language.profile import Language, load_language


def lang(code: str) -> Language:
    return load_language(ROOT / "templates", code)


def english_variants(term: str) -> set[str]:
    return term_variants(term, inflect_forms, frozenset(lang("en").terms["function_words"]))


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex(sample_glossary())


def found(index: GlossaryIndex, text: str, lang: str) -> list[tuple[str, list[str]]]:
    return [(m.text, sorted(m.concepts)) for m in index.find(text, load_language(
        ROOT / "templates", lang))]


def test_english_variants():
    assert {"regional champion", "regional champions"} <= english_variants("regional champion")
    assert {"co-chair", "co chair", "cochair", "co-chairs"} <= english_variants("co-chair")
    assert "Programmes of Work" in english_variants("Programme of Work")
    # UN usage: the plural of a term inflects every word that inflects
    assert {"States Parties", "State Party"} <= english_variants("State Party")
    assert "State Party" in english_variants("States Parties")


@pytest.mark.parametrize(("text", "expected"), [
    ("two regional champions", [("regional champions", ["regional-champion"])]),
    ("the WGTU co-chairs", [("WGTU", ["wgtu"]), ("co-chairs", ["co-chair"])]),
    ("the co chairs", [("co chairs", ["co-chair"])]),
    ("the Management Committee's view", [("Management Committee", ["management-committee"])]),
    ("MANAGEMENT COMMITTEE", [("MANAGEMENT COMMITTEE", ["management-committee"])]),
    ("to CSP9 and CSP10", [("CSP", ["csp"]), ("CSP", ["csp"])]),
    ("UN-related events", []),
    ("the att and wgtu", []),                       # acronyms are case-sensitive
    ("attendance and chairs", []),                  # word boundaries
    ("Arms Trade Treaty", [("Arms Trade Treaty", ["att"])]),  # longest, not "Treaty"
])
def test_english_matching(index, text, expected):
    assert found(index, text, "en") == expected


def test_chinese_matching_is_leftmost_longest(index):
    assert found(index, "有效执行条约工作组和普遍加入条约工作组", "zh") == [
        ("有效执行条约工作组", ["wgeti"]), ("普遍加入条约工作组", ["wgtu"])]
    assert found(index, "《集束弹药公约》", "zh") == [("《集束弹药公约》", ["ccm"])]
    assert found(index, "普遍加入《公约》", "zh") == [("普遍加入", ["universalization"]),
                                                  ("《公约》", ["treaty"])]


def test_homophone_index(index):
    sounds = index.homophones("zh")
    assert [h.term for h in sounds.find("普遍加入条约工作组联系主席的身份")] == ["联席主席"]
    assert sounds.find("联系方式") == [] and sounds.find("保持联系") == []
    assert sounds.same_sound("联系主席", "联席主席")
    assert not sounds.same_sound("联席主席", "联席主席")


def test_numbers_by_value():
    assert [q.value for q in numbers("一百一十三个国家，三年，第九届", lang("zh"))] == [113, 3, 9]
    assert [q.value for q in numbers("113 States, three years, the Ninth",
                                     lang("en"))] == [113, 3, 9]
    assert [q.value for q in numbers("１１３个", lang("zh"))] == [113]
    assert [q.value for q in numbers("50%", lang("zh"))] == [50]


def test_dates_and_references():
    assert [(d.year, d.month, d.day) for d in dates("21–25 August 2023", lang("en"))] == [
        (2023, 8, 21), (2023, 8, 25)]
    assert [(d.year, d.month, d.day) for d in dates("2023年8月21日至25日", lang("zh"))] == [
        (2023, 8, 21), (2023, 8, 25)]
    assert [r.render(lang("zh")) for r in references("paragraphs 26 and 27(d), Article 22",
                                                     lang("en"))] == [
        "第26段", "第27(d)段", "第22条"]
    assert [r.label for r in references("第 24(b-d)段、第二十二条",
                                        lang("zh"))] == ["24(b)", "24(c)", "24(d)", "22"]


def test_plain_text_lines_and_language():
    assert detect_language("《武器贸易条约》第九届缔约国会议") == "zh"
    assert detect_language("The Arms Trade Treaty (ATT)") == "en"
    corpus = corpus_from_text("1. 在执行这项任务时，管理委员会与缔\n\n约国协商。\n\n2. 第二段。")
    assert [s.id for s in corpus.segments] == ["line-1", "line-5"]
    first = corpus.segments[0]
    assert first.text("zh").endswith("与缔约国协商。")
    assert first.location("zh", first.text("zh").index("约国"))[1] == 3
