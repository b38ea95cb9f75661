"""``att-docs status`` for people and for CI: readable at any width, on one paper, as a gate
that says why, and as CSV.

The rendering is read back at 80, 100 and 160 columns from rich consoles of those widths,
from pipes with ``COLUMNS`` set, and from a real pseudo-terminal of 80 columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import pty
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from buildutil import ROOT, edit
from click.testing import CliRunner
from conftest import CONTENT, TEMPLATES
from rich.console import Console

from att_docs.cli.main import main
from att_docs.cli.status_view import print_report
from att_docs.status.report import conference_status

MC = "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork"
WGTU = "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
STATES = ("ready", "stale", "incomplete", "failing", "late", "unreadable", "superseded")


@pytest.fixture
def no_checks(monkeypatch):
    monkeypatch.setattr("att_docs.status.report.check_summary", lambda *args: None)
    monkeypatch.setattr("att_docs.status.report.status_cache_path", lambda *a: None)


@pytest.fixture
def stale(conference_copy: Path) -> Path:
    """The example with three English paragraphs of the WGTU report revised since their
    translation: the report is stale in Chinese and French."""
    en = conference_copy / "wgtu-report" / "en.md"
    edit(en, "The WGTU was established by", "The WGTU had been established by")
    edit(en, "The WGTU held its first meeting", "The WGTU held its very first meeting")
    edit(en, "The Gambia informed the meeting", "The Gambia told the meeting")
    return conference_copy


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["status", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.output
    return result.exit_code, result.stdout, result.stderr


def rendered(folder: Path, width: int, terminal: bool = True) -> str:
    report = conference_status(folder, TEMPLATES, dt.date(2023, 7, 1))
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=terminal, color_system=None,
                      highlight=False)
    print_report(report, console)
    return out.getvalue()


@pytest.mark.parametrize("width", [80, 100])
def test_narrow_terminals_get_one_block_per_paper(no_checks, stale, width):
    out = rendered(stale, width)
    lines = out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    firsts = {line.split()[0]: line.split()[-1] for line in lines if line.startswith("ATT/")}
    assert firsts == {MC: "ready", WGTU: "stale"}  # symbol and state word, in full
    deadlines = [line for line in lines if line.strip().startswith("deadline 2023-07-21")]
    assert len(deadlines) == 2 and all("20 days left" in line for line in deadlines)
    assert "ZH  96.4% of" in out and "3 stale" in out
    assert not any(c in out for c in "┃│┏")  # no table


def test_a_wide_terminal_gets_the_table(no_checks, stale):
    out = rendered(stale, 160)
    lines = out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 160
    header = next(line for line in lines if line.startswith("Symbol"))
    assert header.split()[:4] == ["Symbol", "State", "Deadline", "Days"]
    assert {"EN", "ZH", "FR", "Checks"} <= set(header.split())
    rows = {line.split()[0]: line for line in lines if line.startswith("ATT/")}
    assert re.search(r"\bready\s+2023-07-21\s+20 days left", rows[MC])
    assert re.search(r"\bstale\s+2023-07-21\s+20 days left", rows[WGTU])
    assert "3 stale" in rows[WGTU]


@pytest.mark.parametrize("width", [100, 120, 130, 160])
def test_symbol_and_state_stand_together_at_any_width(no_checks, stale, width):
    out = rendered(stale, width)
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    assert re.search(rf"^{re.escape(WGTU)}\s+stale\b", out, re.M)
    assert re.search(rf"^{re.escape(MC)}\s+ready\b", out, re.M)


def test_a_table_that_does_not_fit_gives_way_to_blocks(no_checks, stale):
    """Symbols, states, deadlines and days need their full width beside three language
    cells and a title: 125 columns are too few for that table, so the papers come as
    blocks, nothing cut."""
    import shutil

    rev = stale / "wgtu-report-rev1"
    shutil.copytree(stale / "wgtu-report", rev)
    edit(rev / "paper.yaml", "Conf.Rep", "Conf.Rep.Rev1")
    out = rendered(stale, 125)
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 125
    assert f"{WGTU}  superseded" in out
    assert "superseded by ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep.Rev1" in out
    assert "Symbol" not in out and "…" not in out  # no table, nothing cut
    wide = rendered(stale, 200)
    assert re.search(rf"^{re.escape(WGTU)}\s+superseded\s+2023-07-21\s+—", wide, re.M)
    assert f"wgtu-report: superseded by {WGTU}.Rev1" in wide


@pytest.mark.parametrize("columns, limit", [("80", 80), ("100", 100), ("300", 100),
                                            (None, 100)])
def test_piped_output_is_plain_and_at_most_100_columns(no_checks, stale, columns, limit):
    env = {"COLUMNS": columns} if columns else {"COLUMNS": None}
    code, out, _ = run(str(stale), "--today", "2023-07-01", env=env)
    assert code == 0
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= limit
    for symbol, state in ((MC, "ready"), (WGTU, "stale")):
        assert f"{symbol}  {state}" in out


def _in_terminal(args: list[str], columns: int) -> str:
    """Run att-docs in a pseudo-terminal ``columns`` wide, COLUMNS unset."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "att_docs", *args], stdin=slave,
                            stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_real_terminal_of_80_columns(no_checks, stale):
    out = _in_terminal(["status", str(stale), "--today", "2023-07-01"], 80)
    lines = [line for line in out.splitlines() if line.strip()]
    assert max(len(line) for line in lines) <= 80
    assert any(line.startswith(WGTU) and line.rstrip().endswith("stale") for line in lines)
    assert any(line.startswith(MC) and line.rstrip().endswith("ready") for line in lines)


def test_strict_on_a_paper_folder_checks_that_paper(stale):
    code, out, _ = run(str(stale / "wgtu-report"), "--today", "2023-07-01", "--strict")
    assert code == 1
    assert MC not in out
    lines = out.rstrip().splitlines()
    assert lines[-3:] == [
        f"{WGTU} zh: 3 stale (first: establishment)",
        f"{WGTU} fr: 3 stale (first: establishment)",
        "1 paper of 1 is not ready: 1 stale",
    ]
    code, out, _ = run(str(stale / "mc-programme-of-work"), "--today", "2023-07-01",
                       "--strict")
    assert code == 0 and MC in out and WGTU not in out


def test_strict_names_untranslated_and_late_papers(no_checks, stale):
    zh = stale / "mc-programme-of-work" / "zh.md"
    english = re.search(r"^\{#mandate\} .*$", (stale / "mc-programme-of-work" / "en.md")
                        .read_text(encoding="utf-8"), re.M).group(0)
    zh.write_text(re.sub(r"^\{#mandate\} .*$", lambda _: english,
                         zh.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    code, out, _ = run(str(stale), "--today", "2023-07-23", "--strict")
    assert code == 1
    tail = out.rstrip().splitlines()[-6:]
    assert tail == [
        f"{MC} zh: 1 untranslated (first: mandate)",
        f"{MC}: late: deadline 2023-07-21, 2 days ago",
        f"{WGTU} zh: 3 stale (first: establishment)",
        f"{WGTU} fr: 3 stale (first: establishment)",
        f"{WGTU}: late: deadline 2023-07-21, 2 days ago",
        "2 papers of 2 are not ready: 2 late"]


def test_strict_json_and_csv_stay_parseable_and_say_why_on_stderr(no_checks, stale):
    code, out, err = run(str(stale), "--today", "2023-07-01", "--strict", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["not_ready"] == [f"{WGTU} zh: 3 stale (first: establishment)",
                                 f"{WGTU} fr: 3 stale (first: establishment)"]
    assert err.splitlines()[-1] == "1 paper of 2 is not ready: 1 stale"
    code, out, err = run(str(stale), "--today", "2023-07-01", "--strict", "--format", "csv")
    assert code == 1 and next(iter(csv.reader(io.StringIO(out))))[0] == "conference"
    assert "1 paper of 2 is not ready" in err


def test_a_ready_conference_passes_the_gate_silently(no_checks):
    code, out, _ = run(str(CONTENT), "--today", "2023-07-01", "--strict")
    assert code == 0 and "not ready" not in out


@pytest.mark.parametrize("where", ["wgtu-report/annex-a", "wgtu-report/.translations", "..",
                                   "missing"])
def test_a_folder_neither_conference_nor_paper_is_an_error(stale, where):
    folder = stale / where
    code, out, err = run(str(folder), "--strict")
    assert code == 1 and out == ""
    assert err.startswith(f"att-docs: error: {folder}")
    assert len(err.splitlines()) == 1


def test_a_hidden_or_backup_paper_folder_is_not_reported_as_empty(stale):
    backup = stale / "wgtu-report~"
    (stale / "wgtu-report").rename(backup)
    code, _out, err = run(str(backup), "--strict")
    assert code == 1 and str(backup) in err and "left out" in err


def test_csv_has_one_row_per_paper_matching_the_json(no_checks, stale):
    code, out, _ = run(str(stale), "--today", "2023-07-01", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    _, data, _ = run(str(stale), "--today", "2023-07-01", "--format", "json")
    papers = {p["symbol"]: p for p in json.loads(data)["conferences"][0]["papers"]}
    assert [row["symbol"] for row in rows] == [MC, WGTU]
    for row in rows:
        paper = papers[row["symbol"]]
        assert row["state"] == paper["state"] and int(row["days_left"]) == 20
        for lang in ("en", "zh", "fr"):
            status = paper["languages"][lang]
            assert float(row[f"{lang}_percent"]) == status["percent"]
            assert int(row[f"{lang}_stale"]) == status["units"]["stale"]
            assert int(row[f"{lang}_untranslated"]) == status["units"]["untranslated"]


def test_csv_never_hands_a_spreadsheet_a_formula(no_checks, stale):
    edit(stale / "wgtu-report" / "paper.yaml", "en: ATT Working Group",
         "en: =HYPERLINK(\"http://x\") ATT Working Group")
    _, out, _ = run(str(stale), "--today", "2023-07-01", "--format", "csv")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(out))]
    assert any(t.startswith("'=HYPERLINK") for t in titles)
    assert not any(t.startswith("=") for t in titles)


def test_counts_are_plural_only_when_more_than_one(no_checks):
    _, out, _ = run(str(CONTENT), "--today", "2023-07-20")
    assert "1 day left" in out and not re.search(r"\b1 days", out)
    assert "0 errors" in out or "checks not run" in out
