"""``att-docs new-conference``: a new cycle in one command, then ``new`` and ``build``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from buildutil import att_docs
from click.testing import CliRunner
from conftest import CONTENT

from att_docs.cli.main import main
from att_docs.readers.content import read_conference

DATES = ["--opening", "2024-08-26", "--closing", "2024-08-30"]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["new-conference", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.output
    return result.exit_code, result.stdout, result.stderr


def test_new_conference_then_new_then_build_gives_a_built_paper(tmp_path):
    content = tmp_path / "content"
    made = att_docs("new-conference", "csp10", "--number", "10", *DATES, "--from", CONTENT,
                    "--content", content)
    assert made.returncode == 0, made.stderr
    conference = read_conference(content / "csp10")
    assert (conference.number, conference.opening, conference.closing) == (
        10, dt.date(2024, 8, 26), dt.date(2024, 8, 30))
    before = read_conference(CONTENT)
    assert conference.languages == before.languages and conference.venue == before.venue
    assert conference.deadline_days == before.deadline_days == 31

    paper = att_docs("new", "chair-report", "--conference", content / "csp10", "--body",
                     "WGTU")
    assert paper.returncode == 0, paper.stderr
    assert "ATT/CSP10.WGTU/2024/CHAIR/1/Conf.Rep, dated 2024-07-26" in paper.stdout

    out = tmp_path / "out"
    built = att_docs("build", content / "csp10", "-o", out, "--report", "json")
    assert built.returncode == 0, built.stderr
    (summary,) = json.loads(built.stdout)["conferences"]
    stem = "ATT_CSP10.WGTU_2024_CHAIR_1_Conf.Rep"
    assert sorted(summary["built"]) == sorted(f"{stem}.{lang}.{fmt}"
                                              for lang in conference.languages
                                              for fmt in ("docx", "pdf"))
    # a new paper holds placeholders in every language: every file is a draft
    assert sorted(summary["drafts"]) == sorted(summary["built"])
    assert (out / f"{stem}.en.pdf").stat().st_size > 1000


def test_without_from_every_value_comes_from_the_command_line(tmp_path):
    code, out, err = run("csp1", "--number", "1", *DATES, "--languages", "en,fr",
                         "--venue", "en=New York", "--venue", "fr=New York",
                         "--deadline-days", "42", "--content", tmp_path)
    assert code == 0, err
    conference = read_conference(tmp_path / "csp1")
    assert conference.languages == ["en", "fr"]
    assert conference.venue == {"en": "New York", "fr": "New York"}
    assert conference.deadline_days == 42
    assert "att-docs new chair-report --conference" in out
    text = (tmp_path / "csp1" / "conference.yaml").read_text(encoding="utf-8")
    assert "2024-07-15" in text  # the deadline it gives, in a comment


def test_from_takes_a_name_in_the_content_folder_and_counts_on(tmp_path):
    code, _, err = run("csp9", "--number", "9", "--opening", "2023-08-21", "--closing",
                       "2023-08-25", "--languages", "en", "--venue", "en=Geneva",
                       "--content", tmp_path)
    assert code == 0, err
    code, _, err = run("csp10", *DATES, "--from", "csp9", "--content", tmp_path)
    assert code == 0, err
    conference = read_conference(tmp_path / "csp10")
    assert conference.number == 10 and conference.venue == {"en": "Geneva"}


@pytest.mark.parametrize("args, message", [
    (["csp9", *DATES, "--from", CONTENT], "already exists"),
    (["csp11", "--opening", "2024-02-30", "--closing", "2024-08-30", "--from", CONTENT],
     "--opening: '2024-02-30' is not a date"),
    (["csp11", "--opening", "2024-08-26", "--closing", "2024-08-20", "--from", CONTENT],
     "--closing: 2024-08-20: the closing date is before the opening date 2024-08-26"),
    (["csp11", "--opening", "1900-01-01", "--closing", "2024-08-20", "--from", CONTENT],
     "--opening: 1900-01-01: a date between"),
    (["../csp11", *DATES, "--from", CONTENT], "NAME '../csp11': an id is a plain folder"),
    (["CSP11", *DATES, "--from", CONTENT], "NAME 'CSP11'"),
    (["csp11", *DATES, "--from", "nowhere"], "--from: 'nowhere' is not a conference"),
    (["csp11", *DATES, "--number", "11"], "--languages: the conference's languages"),
    (["csp11", *DATES, "--number", "11", "--languages", "en,xx", "--venue", "en=G"],
     "--languages: no locale data for xx"),
    (["csp11", *DATES, "--number", "11", "--languages", "en,en", "--venue", "en=G"],
     "--languages: en given twice"),
    (["csp11", *DATES, "--number", "11", "--languages", "en,fr", "--venue", "en=G"],
     "--venue: no venue in fr"),
    (["csp11", *DATES, "--number", "11", "--languages", "en", "--venue", "Geneva"],
     "--venue: 'Geneva': expected LANG=TEXT"),
    (["csp11", *DATES, "--number", "11", "--languages", "en", "--venue", "en=Gen\x07eva"],
     "--venue: the venue in en holds character U+0007"),
    (["csp11", *DATES, "--languages", "en", "--venue", "en=Geneva"], "--number:"),
])
def test_bad_values_are_refused_with_their_place_and_nothing_is_written(tmp_path, args,
                                                                        message):
    content = tmp_path / "content"
    (content / "csp9").mkdir(parents=True)
    (content / "csp9" / "conference.yaml").write_bytes(
        (CONTENT / "conference.yaml").read_bytes())
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, out, err = run(*args, "--content", content)
    assert code == 1 and out == ""
    assert err.startswith("att-docs: error: ") and message in err
    assert len(err.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
