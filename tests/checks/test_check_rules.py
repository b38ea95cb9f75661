"""Every check id: a case that must be found and a near miss that must not be."""

from __future__ import annotations

import pytest
from fixtures.check.corpora import bilingual, mono, pair, run, segment

from att_docs.checks.registry import check_ids
from att_docs.glossary.model import Concept, Glossary, Term


def ids(findings) -> list[str]:
    return [f.check for f in findings]


# --------------------------------------------------------------------------- term


def test_term_missing_rendering_is_found():
    found = pair("The Management Committee met.", "委员会开会。", "term")
    assert [f.severity for f in found] == ["warning"]
    assert found[0].suggestion == "管理委员会"
    assert "Management Committee" in found[0].message and "管理委员会" in found[0].message


@pytest.mark.parametrize(("en", "zh"), [
    ("The Management Committees met.", "管理委员会开会。"),              # plural
    ("The WGTU co-chairs met.", "普遍加入条约工作组联席主席开会。"),      # acronym, hyphen
    ("The co chairs met.", "联席主席开会。"),                           # hyphen as space
    ("The Working Group on Treaty Universalization (WGTU) met.", "普遍加入条约工作组开会。"),
    ("The ATT Secretariat will act.", "ATT秘书处将采取行动。"),          # admitted variant
])
def test_term_near_misses(en, zh):
    assert pair(en, zh, "term") == []


def test_term_counts_occurrences():
    found = pair("The WGTU met; the WGTU agreed.", "普遍加入条约工作组开会并同意。", "term")
    assert [(f.severity, f.check) for f in found] == [("info", "term")]


def test_term_chinese_is_leftmost_longest():
    # 有效执行条约工作组 holds 条约 and 工作组, but it is the WGETI, not the WGTU.
    found = pair("The WGTU met.", "有效执行条约工作组开会。", "term")
    assert [f.suggestion for f in found] == ["普遍加入条约工作组"]


def test_term_reverse_found_and_near_miss():
    found = pair("States often need more time.", "各缔约国通常需要更多时间。", "term-reverse")
    assert [f.severity for f in found] == ["warning"]
    assert found[0].suggestion == "State Party"
    assert pair("States Parties often need more time.", "各缔约国通常需要更多时间。",
                "term-reverse") == []
    # 工作组 refers back to the WGTU of the source (its Chinese name ends in it).
    assert pair("The WGTU met and said it would act.",
                "普遍加入条约工作组开会，该工作组表示将采取行动。", "term-reverse") == []


# --------------------------------------------------------------------------- deprecated


def test_deprecated_where_the_source_holds_the_concept():
    found = pair("The Treaty entered into force.", "《公约》已生效。", "deprecated")
    assert [(f.severity, f.suggestion) for f in found] == [("error", "《条约》")]


def test_deprecated_near_misses():
    # Another name: the Convention on Cluster Munitions is a 公约.
    assert pair("the Convention on Cluster Munitions", "《集束弹药公约》", "deprecated") == []
    # Bilingual, the source does not hold the concept: another convention.
    assert pair("a regional convention", "一项区域公约", "deprecated") == []
    assert mono("各国加入了《集束弹药公约》。", "deprecated") == []


def test_deprecated_monolingual():
    found = mono("促进普遍加入《公约》的活动。", "deprecated")
    assert [(f.severity, f.suggestion, f.line) for f in found] == [("warning", "《条约》", 1)]


# --------------------------------------------------------------------------- homophone


def test_homophone_of_a_glossary_term():
    found = mono("德国以普遍加入条约工作组联系主席的身份开展工作。", "homophone")
    assert [(f.suggestion, f.severity) for f in found] == [("联席主席", "warning")]
    assert "联系主席" in found[0].message


@pytest.mark.parametrize("text", [
    "请提供联系方式。",
    "与主席保持联系。",
    "秘书处应联系国家联络点。",
    "普遍加入条约工作组联席主席。",
    "联系主席团的成员。",
])
def test_homophone_near_misses(text):
    assert mono(text, "homophone") == []


# --------------------------------------------------------------------------- consistency


def test_consistency_of_repeated_segments():
    corpus = bilingual(segment("Background", "背景", "a"), segment("Background", "背影", "b"),
                       segment("Background", "背景", "c"))
    found = run([corpus], "consistency")
    assert [(f.segment, f.severity, f.suggestion) for f in found] == [("b", "warning", "背景")]
    same = bilingual(segment("Background", "背景", "a"), segment("Background", "背景", "b"))
    assert run([same], "consistency") == []


def test_consistency_of_term_variants_is_for_information():
    corpus = bilingual(
        segment("implementation of the Treaty", "《条约》的执行", "a"),
        segment("implementation of the Treaty", "《条约》的执行", "b"),
        segment("national implementation", "国家实施", "c"))
    found = [f for f in run([corpus], "consistency") if "implementation" in f.message]
    assert [(f.segment, f.severity, f.suggestion) for f in found] == [("c", "info", "执行")]


# --------------------------------------------------------------------------- number


@pytest.mark.parametrize(("en", "zh"), [
    ("bringing the total to 113.", "使总数达到一百一十三个。"),
    ("bringing the total to 113.", "使总数达到１１３个。"),           # full-width digits
    ("initially for three years", "初步为三年"),
    ("the Ninth Conference of States Parties", "第九届缔约国会议"),
    ("present recommendations to CSP9", "向第九届缔约国会议提出建议"),
    ("The Third Conference of States Parties (CSP3)", "第三届缔约国会议"),
    ("a rise of 50 per cent", "增加50%"),
    ("held on 12 May 2023 for two days", "2023年5月12日举行，为期两天"),
])
def test_number_near_misses(en, zh):
    assert pair(en, zh, "number") == []


@pytest.mark.parametrize(("en", "zh"), [
    ("bringing the total to 113.", "使总数达到112个。"),
    ("initially for three years", "初步为四年"),
    ("the Ninth Conference of States Parties", "第八届缔约国会议"),
    ("a rise of 50 per cent", "增加15%"),
])
def test_number_mismatch_is_found(en, zh):
    assert ids(pair(en, zh, "number"))


# --------------------------------------------------------------------------- date


@pytest.mark.parametrize(("en", "zh"), [
    ("21 July 2023", "2023年7月21日"),
    ("Geneva, 21–25 August 2023", "日内瓦，2023年8月21日至25日"),
    ("from 5 to 28 April 2023", "于2023年4月5日至28日"),
    ("at the meeting of 12 May", "在5月12日的会议上"),
    ("in August 2022", "2022年8月"),
    ("see ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep", "见ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"),
])
def test_date_near_misses(en, zh):
    assert pair(en, zh, "date") == []


def test_date_mismatch_and_symbol_are_found():
    found = pair("on 21 July 2023", "2023年7月12日", "date")
    assert found and found[0].suggestion == "2023年7月21日"
    found = pair("see ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep",
                 "见ATT/CSP9.WGTU/2023/CHAIR/736/Conf.Rep", "date")
    assert "error" in [f.severity for f in found]


def test_date_monolingual_same_month_range():
    found = mono("在2023年4月5日至4月28日期间。", "date")
    assert [f.suggestion for f in found] == ["4月5日至28日"]
    assert mono("在2023年4月5日至28日期间。", "date") == []
    assert ids(mono("于2023年2月30日举行。", "date")) == ["date"]


# --------------------------------------------------------------------------- reference


def test_paragraph_references():
    assert pair("see paragraph 24(b–d) of the draft", "参见草案第24(b-d)段", "reference") == []
    assert pair("in paragraphs 26 and 27(d)", "第26段和第27(d)段中", "reference") == []
    assert pair("(Article 22)", "（第22条）", "reference") == []
    assert pair("(Annex A)", "（附件A）", "reference") == []
    found = pair("see paragraph 24(b–d) of the draft", "参见草案第24(b-c)段", "reference")
    assert [f.suggestion for f in found] == ["第24(d)段"]  # compared by value: (d) is missing


def test_footnote_marks():
    assert pair("Text.", "文本。", "reference", notes={"en": ["a"], "zh": ["a"]}) == []
    found = pair("Text.", "文本。", "reference", notes={"en": ["a"], "zh": []})
    assert {f.severity for f in found} == {"error"}


def test_superscript_footnotes_in_plain_text():
    assert mono("第一段¹内容。\n\n第二段²内容。", "reference") == []
    found = mono("第一段¹内容。\n\n第二段²内容，又见¹。", "reference")
    assert [f.line for f in found] == [3]
    split = mono("只有自愿信托基金和《武器贸易条约》⁴赞助方案。", "reference")
    assert any("splits" in f.message for f in split)


# --------------------------------------------------------------------------- structure


def test_untranslated_is_one_finding_and_nothing_else():
    assert [f.severity for f in pair("Some text here.", "", "untranslated")] == ["error"]
    copy = "On 21 July 2023 the 113 States Parties: see paragraph 24(b)."
    assert [(f.check, f.severity) for f in pair(copy, copy)] == [("untranslated", "warning")]
    missing = segment("Some text here.", "x")
    del missing.texts["zh"]
    assert [f.check for f in run([bilingual(missing)])] == ["untranslated"]
    assert pair("ATT/CSP9/2023/SEC/773", "ATT/CSP9/2023/SEC/773", "untranslated") == []


def test_structure_found():
    cell = pair("One. Two.", "一。二。", "structure", blocks={"en": (2, 0), "zh": (1, 0)})
    assert [f.check for f in cell] == ["structure"]


@pytest.mark.parametrize("text", ["ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep", "***",
                                  "Seong-mee YOON"])
def test_structure_near_misses(text):
    assert pair(text, text, "structure") == []
    assert pair("The draft report.", "报告草案。", "structure") == []


# --------------------------------------------------------------------------- typography


@pytest.mark.parametrize(("text", "suggestion"), [
    ("代表团出席了会议,并发言。", "，"),
    ("会议进行了直播。。在此基础上", "。"),
    ("普遍加入条约工作组普遍加入条约工作组提交的报告", "普遍加入条约工作组"),
    ("有关问题 — 即这些会议", "——"),
    ("ATT 秘书处应联系国家联络点。", "T秘"),
    ("参见提案草案第 26 段。", "第2"),
    ("韩国翻译了“武器贸易条约普遍加入工具包”。", "《武器贸易条约》"),
    ("加入本条约的国家进程", "本《条约》"),
])
def test_typography_found(text, suggestion):
    found = mono(text, "typography")
    assert suggestion in [f.suggestion for f in found]


def test_typography_unpaired_marks():
    assert any("《 is not closed" in f.message for f in mono("审议《条约工作方案。", "typography"))
    assert ids(mono("（第22条。", "typography")) == ["typography"]
    assert ids(mono("他说“是。", "typography")) == ["typography"]


@pytest.mark.parametrize("text", [
    "代表团出席了会议，并发言。",
    "《武器贸易条约》秘书处应联系国家联络点。",
    "ATT秘书处应联系国家联络点。",
    "讨论讨论再说。",
    "有关问题——即这些会议",
    "韩国翻译了“《武器贸易条约》普遍加入工具包”。",
    "参见提案草案第24(b-d)段和议程/任务。",
    "韩国的Seong-mee YOON大使",
])
def test_typography_near_misses(text):
    assert mono(text, "typography") == []


def test_treaty_name_inside_a_longer_glossary_term_is_fine():
    glossary = Glossary([Concept("att-secretariat", {
        "en": [Term("ATT Secretariat")], "zh": [Term("武器贸易条约秘书处")]})])
    from fixtures.check.corpora import PATH

    from att_docs.checks.plaintext import corpus_from_text
    corpus = corpus_from_text("武器贸易条约秘书处应联系国家联络点。", "zh", PATH)
    assert run([corpus], "typography", glossary) == []
    corpus = corpus_from_text("武器贸易条约的秘书处", "zh", PATH)
    assert ids(run([corpus], "typography", glossary)) == ["typography"]


def test_typography_lists_in_plain_text():
    lead = mono("第九届缔约国会议注意到\n\n- 在所有机构内协调努力，以及\n- 加强外联活动。",
                "typography")
    assert [f.line for f in lead] == [1]
    items = mono("优势如下：\n\na. 内置灵活性。\n\nb. 及时分发会议文件\n\nc. 充分准备。\n\n"
                 "d. 提升效率。", "typography")
    assert [f.line for f in items] == [5]
    assert mono("要素：\n\n- a. 中期规划\n- b. 分步法\n- c. 区域引领者", "typography") == []


def test_typography_bilingual_end_punctuation():
    found = pair("Timely distribution of meeting documents.", "及时分发会议文件", "typography")
    assert [f.suggestion for f in found] == ["会议文件。"]
    assert pair("Timely distribution of meeting documents.", "及时分发会议文件。",
                "typography") == []
    assert pair("the coordination of efforts; and", "协调努力，以及", "typography") == []


# --------------------------------------------------------------------------- suppression


def test_inline_marker_silences_the_named_check_only():
    text = "有关问题 — 即这些会议"
    assert mono(f"[//]: # (att-check ignore typography)\n{text}", "typography") == []
    assert ids(mono(f"[//]: # (att-check ignore number)\n{text}", "typography")) \
        == ["typography"]
    # The marker silences the next segment, not the ones after it.
    later = mono(f"[//]: # (att-check ignore typography)\n第一段。\n\n{text}", "typography")
    assert ids(later) == ["typography"]


# --------------------------------------------------------------------------- stale


def test_stale_found_and_near_miss(conference_copy):
    from conftest import TEMPLATES

    from att_docs.checks.engine import check_documents
    from att_docs.checks.inputs import load_documents

    def stale() -> list:
        docs = load_documents(conference_copy / "wgtu-report", TEMPLATES)
        return [f for f in check_documents(docs, Glossary(concepts=[])) if f.check == "stale"]

    prose = conference_copy / "wgtu-report" / "en.md"
    text = prose.read_text(encoding="utf-8")
    # re-wrapping a paragraph changes no word: not stale
    prose.write_text(text.replace("held its first meeting", "held its first\nmeeting"),
                     encoding="utf-8")
    assert stale() == []
    prose.write_text(text.replace("held its first meeting", "held its first formal meeting"),
                     encoding="utf-8")
    found = stale()  # one per translation
    (doc,) = load_documents(conference_copy / "wgtu-report", TEMPLATES)
    targets = [lang for lang in doc.languages if lang != doc.masthead.original_language]
    assert sorted(f.path.name for f in found) == sorted(f"{lang}.md" for lang in targets)
    for finding in found:
        assert (finding.severity, finding.segment) == ("warning", "first-meeting")
        assert "{+formal+}" in finding.message


def test_every_check_id_is_tested_here():
    tested = {"untranslated", "term", "term-reverse", "deprecated", "homophone", "consistency",
              "number", "date", "reference", "structure", "typography", "stale"}
    assert tested == set(check_ids())
