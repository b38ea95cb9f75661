"""Glossary terms are matched leftmost-longest over the glossary and the names of other
bodies and instruments (locale data ``other_names``), and never inside a title in
book-title marks: 委员会 in 联合国裁军审议委员会 is not the Management Committee, 公约 in
《…公约》 is not a misnamed Treaty, and verb forms count as forms of a term."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEMPLATES

from att_docs.checks.engine import check_corpora
from att_docs.checks.matcher import GlossaryIndex
from att_docs.checks.segments import Corpus, Segment
from att_docs.glossary import default_path, load
from att_docs.language.profile import load_language


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex(load(default_path()))


def concepts(index: GlossaryIndex, text: str, lang: str) -> set[str]:
    return {c for m in index.find(text, load_language(TEMPLATES, lang)) for c in m.concepts}


@pytest.mark.parametrize(("lang", "text", "absent"), [
    ("zh", "回顾大会第46/36 H号决议载列的联合国裁军审议委员会关于国际武器转让的指导方针",
     "management-committee"),
    ("zh", "鼓励各国加入《关于发生武装冲突时保护文化财产的公约》", "att"),
    ("zh", "不扩散核武器条约缔约国2015年审议大会", "unga"),
    ("en", "the Preparatory Committee for the 2015 Review Conference", "management-committee"),
    ("en", "the Preparatory Committee for the 2015 Review Conference", "csp"),
    ("fr", "le Comité préparatoire de la Conférence des Parties chargée d'examiner le Traité "
           "sur la non-prolifération des armes nucléaires", "csp"),
])
def test_a_term_inside_another_name_is_not_the_term(index, lang, text, absent):
    assert absent not in concepts(index, text, lang)


@pytest.mark.parametrize(("lang", "text", "present"), [
    ("zh", "《武器贸易条约》第九届缔约国会议", "att"),
    ("zh", "《集束弹药公约》", "ccm"),
    ("zh", "1991年12月6日大会第46/36 H号决议", "unga"),
    ("zh", "本条约缔约国", "att"),
    ("fr", "le Traité est entré en vigueur le 24 décembre 2014", "entry-into-force"),
    ("fr", "les États qui mettent en œuvre le présent Traité", "implementation"),
    ("fr", "les armes légères et armes de petit calibre", "salw"),
])
def test_the_authentic_forms_are_forms_of_the_term(index, lang, text, present):
    assert present in concepts(index, text, lang)


def test_a_participle_satisfies_the_term_check():
    seg = Segment("p1", "paragraph", {
        "en": "Since the entry into force of the Arms Trade Treaty,",
        "fr": "Depuis que le Traité sur le commerce des armes est entré en vigueur,"})
    corpus = Corpus("paper", ["en", "fr"], [seg], "en", Path("p.md"))
    found = check_corpora([corpus], load(default_path()), ["term"], TEMPLATES)
    assert [f.message for f in found] == []


def test_consistency_takes_the_glossarys_rendering_as_established_and_names_its_language():
    en = "The Working Group on Treaty Universalization met twice."
    seg = [Segment(f"p{i}", "paragraph", {"en": en, "zh": zh}) for i, zh in enumerate(
        ["工作组开会两次。", "工作组开会两次。", "普遍加入条约工作组开会两次。", en])]
    papers = [Corpus(f"paper-{i}", ["en", "zh"], [s], "en", Path("p.md"))
              for i, s in enumerate(seg)]
    found = [f for f in check_corpora(papers, load(default_path()), ["consistency"],
                                      TEMPLATES) if f.severity == "warning"]
    assert [f.document for f in found] == ["paper-0", "paper-1"]  # the majority deviates
    assert all(f.suggestion == "普遍加入条约工作组开会两次。" for f in found)
    assert all("in zh" in f.message for f in found)  # never the untranslated copy
