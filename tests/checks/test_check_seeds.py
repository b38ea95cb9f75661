"""The monolingual check over the verbatim Chinese seeds finds their known slips.

tests/fixtures/seeds/known-slips-*.yaml record each slip with its line and the check
that should catch it. A monolingual check sees the Chinese only, so:

- a ``term`` slip whose wrong word the glossary records as deprecated (《公约》,
  科摩罗群岛, 普遍化, 条约普遍加入工作组, and 报告草稿 recorded as a ``consistency``
  slip) is reported as ``deprecated``: that is the monolingual form of the term check;
- the slips below in ``UNSEEN`` need the English, another part of the paper, or
  understanding of the sentence; the bilingual checks over content/csp9 catch those
  that the content still has (缔约国 for States: ``term-reverse``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, safe_load

from att_docs.checks.engine import check_corpora
from att_docs.checks.plaintext import read_text_file

SEED_FILES = {"000": "000_19919d131d487c94.txt", "001": "001_4f53593e75722a65.txt"}

# (seed, line, check id of the known slip) -> check id the monolingual check reports it by.
AS_DEPRECATED = {
    ("001", 14, "consistency"),      # 报告草稿
    ("001", 24, "term"),             # 条约普遍加入工作组 (inverted WGTU name)
    ("001", 24, "consistency"),      # the same inverted name in the cited title
    ("001", 35, "term"),             # 普遍加入《公约》
    ("001", 38, "term"),             # 科摩罗群岛
    ("001", 48, "term"),             # 普遍加入《公约》
    ("001", 92, "term"),             # 普遍化
}

UNSEEN = {
    ("000", 180, "term"): "大会 for the Conference: 大会 is also how UN Chinese names the "
                          "General Assembly, so only the English shows the slip (the "
                          "bilingual term and term-reverse checks find it)",
    ("000", 116, "structure"): "garbled sentence (合作并工作结合): needs understanding",
    ("000", 173, "structure"): "doubled modal 可以 … 能: needs understanding",
    ("000", 189, "consistency"): "代表 for delegations: 代表 is a glossary term of its own "
                                 "(delegate); only the English says delegations",
    ("000", 272, "reference"): "第22条 may mean paragraph 22: needs the English",
    ("000", 286, "structure"): "missing verb: needs understanding",
    ("000", 318, "typography"): "可 doubled with words between (可在必要时，可通过): not a "
                                "back-to-back repetition",
    ("001", 6, "consistency"): "the masthead label 发布： and the omitted co-chairs: the "
                               "template and the English",
    ("001", 38, "typography"): "a missing character (该将 for 该国将): needs understanding",
    ("001", 60, "typography"): "关于 inside the quotation marks: needs the cited title",
    ("001", 79, "consistency"): "协调 in the list but 合作 in the table title: the two "
                                "differ in meaning, not in a glossary term",
    ("001", 88, "term"): "缔约国 for States: only the English says States (term-reverse "
                         "reports it in content/csp9)",
    ("001", 94, "consistency"): "truncated table title 步法: needs the list of elements",
    ("001", 103, "homophone"): "他们 for 它们: a pronoun, no glossary term",
    ("001", 111, "term"): "缔约国 for States: only the English says States",
}


def _known(seed: str) -> list[dict]:
    return safe_load((SEEDS / f"known-slips-{seed}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def glossary():
    from att_docs.glossary import default_path, load

    return load(default_path())


@pytest.fixture(scope="module")
def findings(glossary):
    return {seed: check_corpora([read_text_file(SEEDS / name)], glossary)
            for seed, name in SEED_FILES.items()}


def _expected() -> list[tuple[str, int, str, str]]:
    out = []
    for seed in SEED_FILES:
        for slip in _known(seed):
            key = (seed, slip["line"], slip["check"])
            if key in UNSEEN:
                continue
            check = "deprecated" if key in AS_DEPRECATED else slip["check"]
            out.append((seed, slip["line"], check, slip["text"]))
    return out


@pytest.mark.parametrize(("seed", "line", "check", "text"), _expected())
def test_known_slip_is_reported(findings, seed, line, check, text):
    at_line = [f for f in findings[seed] if f.line == line]
    assert check in [f.check for f in at_line], (
        f"{SEED_FILES[seed]}:{line} {text!r}: expected {check}, got "
        f"{[(f.check, f.message) for f in at_line]}")


def test_every_known_slip_is_accounted_for():
    keys = {(seed, s["line"], s["check"]) for seed in SEED_FILES for s in _known(seed)}
    assert set(UNSEEN) <= keys
    assert keys >= AS_DEPRECATED
    seen = len(keys) - len(UNSEEN)
    assert seen >= 35  # most known slips (by line and check) are reported


def test_seed_run_reports_few_other_warnings(findings):
    """What the seeds report beyond their known slips is itself a slip (stray spaces)."""
    known = {(seed, s["line"]) for seed in SEED_FILES for s in _known(seed)}
    extra = [(seed, f.line, f.check, f.message) for seed, found in findings.items()
             for f in found if f.at_least("warning") and (seed, f.line) not in known]
    assert all(check == "typography" and "space" in message
               for _seed, _line, check, message in extra), extra


def test_seed_lines_are_exact(findings):
    """A wrapped paragraph reports each finding at the line of the text, not its start."""
    dates = [f for f in findings["000"] if f.check == "date"]
    assert [f.line for f in dates] == [65]
    assert Path(dates[0].path).name == SEED_FILES["000"]
