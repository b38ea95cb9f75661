"""Checks for every pair of a paper's languages, from the languages' data alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildutil import ROOT
from conftest import safe_load
from fixtures.check.corpora import pair
from fixtures.check.sample_glossary import sample_glossary

from att_docs.checks.engine import check_corpora
from att_docs.checks.inputs import read_inputs
from att_docs.checks.segments import Corpus, Segment
from att_docs.glossary import default_path, load

TEMPLATES = ROOT / "templates"
SLIPS = ROOT / "tests" / "fixtures" / "check" / "french-slips"


def test_planted_french_slips_are_found_and_nothing_else():
    expected = safe_load((SLIPS / "expected.yaml").read_text(encoding="utf-8"))
    findings = check_corpora(read_inputs([SLIPS], TEMPLATES), load(default_path()),
                             templates=TEMPLATES)
    found = {(f.segment, f.check) for f in findings if f.severity != "info"}
    wanted = {(slip["segment"], slip["check"]) for slip in expected}
    assert found == wanted
    by_segment = {(f.segment, f.check): f for f in reversed(findings) if f.suggestion}
    for slip in expected:
        finding = by_segment[(slip["segment"], slip["check"])]
        assert finding.path is not None and finding.path.name == "fr.md"
        assert finding.line == slip["line"]
    # the suggestions are the French the data writes
    assert by_segment[("scope", "deprecated")].suggestion == "armes classiques"
    assert by_segment[("second-meeting", "date")].suggestion == "10 mai 2023"


def _three(en: str, zh: str, fr: str) -> Corpus:
    seg = Segment("p1", "paragraph", {"en": en, "zh": zh, "fr": fr})
    return Corpus("paper", ["en", "zh", "fr"], [seg], "en", Path("p.md"))


def test_every_target_is_checked_against_the_source():
    corpus = _three("The 113 States Parties met on 21 July 2023.",
                    "113个缔约国于2023年7月21日开会。",
                    "Les 114 États Parties se sont réunis le 21 juillet 2023.")
    findings = check_corpora([corpus], sample_glossary(), templates=TEMPLATES)
    numbers = [f.message for f in findings if f.check == "number"]
    assert any("'114'" in m for m in numbers) and not any("zh" in m for m in numbers)
    corpus = _three("The 113 States Parties met on 21 July 2023.",
                    "114个缔约国于2023年7月21日开会。",
                    "Les 113 États Parties se sont réunis le 21 juillet 2023.")
    findings = check_corpora([corpus], sample_glossary(), templates=TEMPLATES)
    numbers = [f.message for f in findings if f.check == "number"]
    assert any("'114'" in m for m in numbers) and not any("fr" in m for m in numbers)


@pytest.mark.parametrize(("en", "zh"), [
    ("the measures listed in Annex A", "附件A所列的措施"),
    ("as set out in Article 13(3) of the Treaty", "如《条约》第13(3)条所述"),
    ("see paragraphs 26 and 27(d)", "见第26段和第27(d)段"),
])
def test_references_agree_without_false_alarms(en, zh):
    assert [f.message for f in pair(en, zh) if f.check in ("reference", "number")] == []


def test_a_changed_sub_article_is_one_reference_finding_not_a_number():
    found = [f for f in pair("as set out in Article 13(3)", "如第13(2)条所述")
             if f.check in ("reference", "number")]
    assert {f.check for f in found} == {"reference"}
    assert any("第13条第3款" in f.message for f in found)


def test_a_count_said_in_words_is_information_only():
    found = [f for f in pair("The Committee met twice.", "委员会开会两次。")
             if f.check == "number"]
    assert [f.severity for f in found] == ["info"]
    # a changed count is still a warning
    found = [f for f in pair("for three years", "为期四年") if f.check == "number"]
    assert found and {f.severity for f in found} == {"warning"}


def test_french_references_dates_and_typography():
    from fixtures.check.corpora import run

    seg = Segment("p1", "paragraph", {
        "en": "As stated in paragraph 24(b–d) and Annex A, the meeting of 22 to 26 August "
              "2022: decided.",
        "fr": "Comme indiqué au paragraphe 24 b) à d) et à l’annexe A, la réunion du 22 au "
              "26 août 2022 : décidé."})
    corpus = Corpus("paper", ["en", "fr"], [seg], "en", Path("p.md"))
    findings = run([corpus])
    assert [f for f in findings if f.check in ("reference", "date", "number")] == []
    typography = [f for f in findings if f.check == "typography"]
    assert [f.severity for f in typography] == ["info"]  # a plain space: the build fixes it
    assert "plain space before ':'" in typography[0].message
