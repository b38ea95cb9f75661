"""``att-docs status``: deadlines, days left, translation percentages, --strict.

Most cases stub the checks (``check_summary`` → None), so they depend on the deadline and
translation logic only, never on what the checks find; one test runs the real checks.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from buildutil import drop_last_paragraph, edit
from click.testing import CliRunner
from conftest import CONTENT, TEMPLATES

from att_docs.base.errors import ContentError
from att_docs.cli.main import main
from att_docs.document.deadline import DEFAULT_DAYS_BEFORE_OPENING, deadline_for
from att_docs.readers.content import read_conference

MC = "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork"
WGTU = "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"


@pytest.fixture
def no_checks(monkeypatch):
    monkeypatch.setattr("att_docs.status.report.check_summary", lambda *args: None)
    # rows made without the checks must not reach the status cache
    monkeypatch.setattr("att_docs.status.report.status_cache_path", lambda *a: None)


def status(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["status", str(folder), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.output
    return result.exit_code, result.stdout


def status_json(folder: Path, *args: str) -> tuple[int, dict]:
    code, out = status(folder, "--format", "json", *args)
    data = json.loads(out)
    (conference,) = data["conferences"]
    return code, conference


def papers(conference: dict) -> dict[str, dict]:
    return {p["symbol"]: p for p in conference["papers"]}


def test_example_deadline_and_days_left(no_checks):
    code, conf = status_json(CONTENT, "--today", "2023-07-01", "--strict")
    assert code == 0
    assert conf["deadline_rule"] == {"days_before_opening": 31}
    assert conf["opening"] == "2023-08-21"
    assert conf["deadline"] == "2023-07-21"
    assert conf["days_left"] == 20
    rows = papers(conf)
    assert set(rows) == {MC, WGTU}
    for row in rows.values():
        assert row["date"] == "2023-07-21"
        assert row["deadline"] == "2023-07-21"
        assert row["days_left"] == 20
        assert row["state"] == "ready" and not row["late"]
        for lang in ("en", "zh"):
            assert row["languages"][lang]["present"]
            assert row["languages"][lang]["percent"] == 100.0
            assert row["languages"][lang]["total"] > 10


def test_text_blocks_show_the_same(no_checks):
    """Written to a pipe: one block per paper, the symbol and state on its first line."""
    code, out = status(CONTENT, "--today", "2023-07-01")
    assert code == 0
    blocks = [block for block in out.split("\n\n") if "ATT/CSP9" in block]
    assert len(blocks) == 2
    for block in blocks:
        first, deadline, *rest = block.strip().splitlines()
        assert first.startswith("ATT/CSP9") and first.split()[-1] == "ready"
        assert "2023-07-21" in deadline and "20 days left" in deadline
        assert sum("100% of" in line for line in rest) == 3  # en, zh, fr
    assert "distribution deadline 2023-07-21" in out


def test_on_and_after_the_deadline(no_checks, conference_copy):
    _, conf = status_json(CONTENT, "--today", "2023-07-21")
    assert {p["days_left"] for p in conf["papers"]} == {0}
    drop_last_paragraph(conference_copy / "mc-programme-of-work" / "zh.md")
    _, conf = status_json(conference_copy, "--today", "2023-07-24")
    rows = papers(conf)
    assert rows[MC]["days_left"] == -3 and rows[MC]["late"] and rows[MC]["state"] == "late"
    assert rows[WGTU]["days_left"] == -3 and not rows[WGTU]["late"]  # ready before it
    _, out = status(conference_copy, "--today", "2023-07-24")
    assert "3 days late" in out and "closed 3 days ago" in out


def test_removing_a_chinese_paragraph_makes_the_paper_incomplete(no_checks,
                                                                  conference_copy):
    code, _ = status_json(conference_copy, "--today", "2023-07-01", "--strict")
    assert code == 0
    _, before = status_json(conference_copy, "--today", "2023-07-01")
    dropped = drop_last_paragraph(conference_copy / "mc-programme-of-work" / "zh.md")

    code, conf = status_json(conference_copy, "--today", "2023-07-01")
    assert code == 0  # without --strict the report is not a failure
    row = papers(conf)[MC]
    zh, en = row["languages"]["zh"], row["languages"]["en"]
    total = papers(before)[MC]["languages"]["zh"]["total"]
    assert (zh["translated"], zh["total"]) == (total - 1, total)
    assert 0 < zh["percent"] < 100
    assert en["percent"] == 100.0
    assert not row["complete"] and row["state"] == "incomplete"
    assert any(dropped in problem for problem in row["problems"])
    assert papers(conf)[WGTU]["state"] == "ready"

    code, _ = status_json(conference_copy, "--today", "2023-07-01", "--strict")
    assert code == 1
    code, out = status(conference_copy, "--today", "2023-07-01", "--strict")
    assert code == 1 and "incomplete" in out


def test_per_paper_deadline_override(no_checks, conference_copy):
    paper = conference_copy / "mc-programme-of-work" / "paper.yaml"
    edit(paper, "date: 2023-07-21", "date: 2023-07-21\ndeadline:\n  days_before_opening: 45")
    code, conf = status_json(conference_copy, "--today", "2023-07-01", "--strict")
    row = papers(conf)[MC]
    assert row["deadline"] == "2023-07-07" and row["days_left"] == 6
    assert row["late"]  # dated 21 July, after its own deadline
    assert papers(conf)[WGTU]["deadline"] == "2023-07-21"
    assert code == 1


def test_missing_language_file(no_checks, conference_copy):
    (conference_copy / "mc-programme-of-work" / "zh.md").unlink()
    code, conf = status_json(conference_copy, "--today", "2023-07-01", "--strict")
    row = papers(conf)[MC]
    zh = row["languages"]["zh"]
    assert (zh["present"], zh["translated"], zh["total"], zh["percent"]) == (False, 0, 0, 0.0)
    assert row["state"] == "unreadable" and "zh.md" in row["problems"][0]
    assert row["deadline"] == "2023-07-21"
    assert papers(conf)[WGTU]["state"] == "ready"
    assert code == 1


def test_a_revision_supersedes_its_predecessor(no_checks, conference_copy):
    rev = conference_copy / "mc-programme-of-work-rev1"
    shutil.copytree(conference_copy / "mc-programme-of-work", rev)
    edit(rev / "paper.yaml", "Conf.ProgWork", "Conf.ProgWork.Rev1")
    drop_last_paragraph(conference_copy / "mc-programme-of-work" / "zh.md")
    code, conf = status_json(conference_copy, "--today", "2023-07-01", "--strict")
    rows = papers(conf)
    assert rows[MC]["superseded_by"] == f"{MC}.Rev1"
    assert rows[MC]["state"] == "superseded"
    assert rows[f"{MC}.Rev1"]["state"] == "ready"
    assert code == 0  # the incomplete original no longer counts


def test_real_checks_are_summarised_per_paper(conference_copy):
    pytest.importorskip("att_docs.checks.engine", reason="the checks are not there yet")
    _, conf = status_json(conference_copy, "--today", "2023-07-01")
    for row in conf["papers"]:
        checks = row["checks"]
        assert checks is None or (set(checks) == {"errors", "warnings", "info"}
                                  and all(isinstance(n, int) for n in checks.values()))
        assert row["failing"] == bool(checks and checks["errors"])


def test_deadline_rule_defaults_and_validation(tmp_path):
    folder = tmp_path / "csp"
    shutil.copytree(CONTENT, folder)
    conf = folder / "conference.yaml"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text[:text.index("# Distribution")], encoding="utf-8")
    conference = read_conference(folder)
    assert conference.deadline_days == DEFAULT_DAYS_BEFORE_OPENING
    assert deadline_for(conference.opening, 30) == dt.date(2023, 7, 22)
    conf.write_text(text.replace("days_before_opening: 31", "days_before_opening: -1"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"conference\.yaml:\d+"):
        read_conference(folder)


def test_status_with_a_templates_folder(no_checks):
    code, out = status(CONTENT, "--today", "2023-07-01", "--templates", str(TEMPLATES))
    assert code == 0 and MC in out


def test_rows_are_coloured_on_a_terminal(no_checks, conference_copy, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich treats the output as a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    drop_last_paragraph(conference_copy / "mc-programme-of-work" / "zh.md")
    _, out = status(conference_copy, "--today", "2023-07-01")
    rows = {symbol: next(line for line in out.splitlines() if symbol in line)
            for symbol in (MC, WGTU)}
    assert "\x1b[31m" in rows[MC]  # red: incomplete
    assert "\x1b[32m" in rows[WGTU]  # green: ready
