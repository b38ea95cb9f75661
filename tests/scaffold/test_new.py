"""``att-docs new``: a scaffolded paper has the next serial, a valid symbol, the deadline
as its date, a file per language, and builds as it is."""

from __future__ import annotations

import datetime as dt
import re

import docxtext
import pytest
from buildutil import att_docs, build
from conftest import safe_load

from att_docs.base.paths import Project
from att_docs.document.symbols import parse_symbol
from att_docs.readers.frame import known_types
from att_docs.readers.symbol_field import SYMBOL_TYPES, next_serial


def new(conference, *args: str):
    return att_docs("new", *args, "--conference", conference)


def test_new_paper_builds_with_the_next_serial(conference_copy, tmp_path):
    assert next_serial(conference_copy) == 764
    proc = new(conference_copy, "chair-report", "--body", "WGTU",
               "--title", "en=Draft Report of the WGTU", "--title", "zh=普遍加入条约工作组报告草案")
    assert proc.returncode == 0, proc.stderr
    folder = conference_copy / "draft-report-of-the-wgtu"
    assert sorted(p.name for p in folder.iterdir()) == [".translations", "en.md", "fr.md",
                                                        "paper.yaml", "zh.md"]
    paper = safe_load((folder / "paper.yaml").read_text(encoding="utf-8"))
    assert paper["symbol"] == "ATT/CSP9.WGTU/2023/CHAIR/764/Conf.Rep"
    assert parse_symbol(paper["symbol"]).serial == 764
    assert paper["date"] == dt.date(2023, 7, 21)  # the deadline: 31 days before 21 August
    assert paper["type"] == "chair-report"
    assert paper["title"] == {"en": "Draft Report of the WGTU", "zh": "普遍加入条约工作组报告草案",
                              "fr": "Titre du document"}  # fr: the placeholder of its data
    assert paper["submitted_by"]["fr"] == "Président du WGTU"
    for lang in ("en", "zh", "fr"):
        assert "{#purpose}" in (folder / f"{lang}.md").read_text(encoding="utf-8")

    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx")
    made = out / "ATT_CSP9.WGTU_2023_CHAIR_764_Conf.Rep.zh.docx"
    text = docxtext.text(made)
    assert "普遍加入条约工作组报告草案" in text and "2023年7月21日" in text

    proc = new(conference_copy, "draft-proposal", "--submitter", "MC")
    assert proc.returncode == 0, proc.stderr
    second = safe_load((conference_copy / "draft-proposal-765" / "paper.yaml")
                            .read_text(encoding="utf-8"))
    assert second["symbol"] == "ATT/CSP9/2023/MC/765/Conf.Prop"
    assert second["submitted_by"]["en"] == "ATT Management Committee"
    assert second["submitted_by"]["zh"] == "《武器贸易条约》管理委员会"
    build(conference_copy, out, "-f", "docx")


def test_a_new_paper_passes_the_checks_as_it_is(conference_copy):
    """The placeholders of every language say the same thing: no finding at all."""
    proc = new(conference_copy, "chair-report", "--id", "fresh")
    assert proc.returncode == 0, proc.stderr
    check = att_docs("check", conference_copy / "fresh", "--severity", "info")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no findings" in check.stdout, check.stdout


def test_title_for_a_language_the_conference_lacks_is_an_error(conference_copy):
    for args, pattern in [(("--title", "de=Bericht"), r"--title for de: the conference's "
                                                      r"languages are en, zh, fr"),
                          (("--title", "Bericht"), r"expected LANG=TEXT")]:
        proc = new(conference_copy, "chair-report", *args)
        assert proc.returncode != 0
        assert re.search(pattern, proc.stderr), proc.stderr


@pytest.mark.parametrize("doc_type", sorted(known_types(Project.default().templates)))
def test_every_type_scaffolds(conference_copy, doc_type):
    proc = new(conference_copy, doc_type, "--date", "2023-07-01", "--serial", "900")
    assert proc.returncode == 0, proc.stderr
    paper = safe_load((conference_copy / f"{doc_type}-900" / "paper.yaml")
                           .read_text(encoding="utf-8"))
    assert paper["date"] == dt.date(2023, 7, 1)
    assert paper["symbol"].endswith(f"/900/{SYMBOL_TYPES.get(doc_type, 'Conf.Doc')}")


def test_bad_requests_are_one_line_errors(conference_copy):
    cases = [
        (("white-paper",), r"unknown document type 'white-paper' \(known: chair-report"),
        (("chair-report", "--serial", "763"), r"serial 763 is already used"),
        (("chair-report", "--body", "wgtu"), r"bad symbol"),
        (("chair-report", "--id", "wgtu-report"), r"wgtu-report: already exists"),
    ]
    for args, pattern in cases:
        proc = new(conference_copy, *args)
        assert proc.returncode == 1, args
        (line,) = proc.stderr.strip().splitlines()
        assert re.search(pattern, line), line
    assert sorted(p.name for p in conference_copy.iterdir()) == [
        "conference.yaml", "mc-programme-of-work", "wgtu-report"]
