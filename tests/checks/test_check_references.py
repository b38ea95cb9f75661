"""References are read by value in every form each language writes them.

The forms are those of the Treaty's authentic texts and of UN documents: "l'article 2
(1)", "le paragraphe 1 de l'article 2", "l'alinéa a) du paragraphe 12", "第二条第1款",
"第6、7、9和11条", "第24(b)至(d)段", "subparagraphs (b) to (d)".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEMPLATES

from att_docs.checks.references import references
from att_docs.checks.rules.number import values
from att_docs.language.profile import load_language

A2P1 = (("article", "2"), ("paragraph", "1"))
P12A = (("paragraph", "12"), ("subparagraph", "a"))


def read(text: str, lang: str) -> list[tuple]:
    return [r.path for r in references(text, load_language(TEMPLATES, lang))]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "conformément à l'article 2 (1)", [A2P1]),
    ("fr", "visé à l’article 2, paragraphe 1", [A2P1]),
    ("fr", "le paragraphe 1 de l'article 2", [A2P1]),
    ("fr", "l'alinéa a) du paragraphe 12", [P12A]),
    ("fr", "le paragraphe 12 a)", [P12A]),
    ("fr", "Rappelant l'Article 26 de la Charte", [(("article", "26"),)]),
    ("fr", "l'article premier", [(("article", "1"),)]),
    ("zh", "第二条第1款", [A2P1]),
    ("zh", "第12(a)段", [P12A]),
    ("zh", "《联合国宪章》第二十六条", [(("article", "26"),)]),
    ("en", "under article 2 (1)", [A2P1]),
    ("en", "paragraph 1 of article 2", [A2P1]),
    ("en", "paragraph 12 (a)", [P12A]),
    ("en", "Annex A", [(("annex", "A"),)]),
])
def test_one_value_in_every_form(lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "l'art. 2 (1) a) à g)"),
    ("zh", "第2条第1款(a)至(g)项"),
    ("en", "article 2(1)(a) to (g)"),
])
def test_ranges_expand_to_their_values(lang, text):
    assert read(text, lang) == [(*A2P1, ("subparagraph", c)) for c in "abcdefg"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "les articles 6, 7, 9 et 11"),
    ("zh", "第6、7、9和11条"),
    ("en", "Articles 6, 7, 9 and 11"),
])
def test_lists_expand_to_their_values(lang, text):
    assert read(text, lang) == [(("article", n),) for n in ("6", "7", "9", "11")]


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "第24(b)至(d)段"), ("zh", "第24(b-d)段"), ("en", "paragraph 24 (b) to (d)"),
    ("en", "paragraph 24(b–d)"), ("fr", "paragraphe 24 b) à d)")])
def test_sub_label_ranges(lang, text):
    assert read(text, lang) == [(("paragraph", "24"), ("subparagraph", c)) for c in "bcd"]


def test_subparagraphs_alone():
    assert read("subparagraphs (b) to (d)", "en") == read("les alinéas b) à d)", "fr") == [
        (("subparagraph", c),) for c in "bcd"]


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "第九届缔约国会议"), ("zh", "第一委员会"), ("en", "the article of the Treaty"),
    ("fr", "le paragraphe précédent"), ("en", "(i) to (iv) of the list")])
def test_no_reference_where_none_is_written(lang, text):
    assert read(text, lang) == []


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "l'art. 2 (1) a) à g) et l'article 5 (2)"),
    ("zh", "第6、7、9和11条及第二条第1款"),
])
def test_numbers_consumed_by_a_reference_are_not_numbers(lang, text):
    assert values(text, load_language(TEMPLATES, lang)) == []


@pytest.mark.parametrize(("en", "fr", "zh"), [
    ("as required by article 2 (1)", "conformément à l'article 2 (1)", "按照第二条第1款"),
    ("subparagraph (a) of paragraph 12", "l'alinéa a) du paragraphe 12", "第12(a)段"),
    ("Articles 6, 7, 9 and 11", "les articles 6, 7, 9 et 11", "第6、7、9和11条"),
    ("paragraph 24 (b) to (d)", "le paragraphe 24 b) à d)", "第24(b)至(d)段"),
])
def test_translations_agree_without_findings(en, fr, zh):
    from fixtures.check.corpora import run

    from att_docs.checks.segments import Corpus, Segment

    seg = Segment("p1", "paragraph", {"en": en, "fr": fr, "zh": zh})
    corpus = Corpus("paper", ["en", "fr", "zh"], [seg], "en", Path("p.md"))
    assert [f.message for f in run([corpus]) if f.check in ("reference", "number")] == []


@pytest.mark.parametrize(("en", "target", "lang", "expected"), [
    ("article 2 (1)", "l'article 2 (2)", "fr", "article 2 (1)"),
    ("paragraph 12 (a)", "第12(b)段", "zh", "第12(a)段"),
    ("Articles 6, 7, 9 and 11", "第6、7和11条", "zh", "第9条"),
])
def test_a_wrong_reference_is_one_reference_finding(en, target, lang, expected):
    from fixtures.check.corpora import run

    from att_docs.checks.segments import Corpus, Segment

    seg = Segment("p1", "paragraph", {"en": en, lang: target})
    corpus = Corpus("paper", ["en", lang], [seg], "en", Path("p.md"))
    found = [f for f in run([corpus]) if f.check in ("reference", "number")]
    assert {f.check for f in found} == {"reference"}
    assert expected in [f.suggestion for f in found]
