"""``att-docs check`` on the command line: report, JSON, exit codes, help."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import CONTENT, SEEDS

from att_docs.cli.main import main

SLIP = "有关问题 — 即这些会议。\n\n普遍加入《公约》的活动。\n"


def invoke(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


def test_example_conference_is_clean(in_example_project):
    result = invoke()
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output
    assert invoke(str(CONTENT)).exit_code == 0


def test_text_report_groups_by_document(tmp_path: Path):
    draft = tmp_path / "draft.zh.md"
    draft.write_text(SLIP, encoding="utf-8")
    result = invoke(str(draft))
    assert result.exit_code == 0  # warnings only; --fail-on is error
    out = result.output
    assert out.index("draft.zh.md") < out.index("typography") < out.index("deprecated")
    assert "draft.zh.md:1" in out and "draft.zh.md:3" in out
    assert "→ ——" in out and "2 findings: 2 warnings" in out


def test_fail_on_and_json(tmp_path: Path):
    draft = tmp_path / "draft.md"
    draft.write_text(SLIP, encoding="utf-8")
    result = invoke(str(draft), "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["counts"]["warning"] == 2
    first = data["findings"][0]
    assert set(first) == {"check", "severity", "message", "path", "line", "segment",
                          "document", "suggestion"}
    assert first["check"] == "typography" and first["line"] == 1


def test_lang_and_check_options(tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text(SLIP, encoding="utf-8")
    result = invoke(str(draft), "--check", "deprecated", "--format", "json")
    assert [f["check"] for f in json.loads(result.output)["findings"]] == ["deprecated"]
    english = invoke(str(draft), "--lang", "en", "--format", "json")
    assert json.loads(english.output)["findings"] == []


def test_seed_reports_errors_free_warnings():
    result = invoke(str(SEEDS / "001_4f53593e75722a65.txt"), "--format", "json")
    checks = {f["check"] for f in json.loads(result.output)["findings"]}
    assert {"typography", "deprecated", "homophone", "reference"} <= checks


def test_bad_input_names_the_file(tmp_path: Path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.xlf")])
    assert result.exit_code == 1
    assert "nope.xlf" in result.output and "no such file" in result.output
    other = tmp_path / "paper.pdf"
    other.write_bytes(b"%PDF")
    result = CliRunner().invoke(main, ["check", str(other)])
    assert result.exit_code == 1 and "cannot check this kind of file" in result.output


def test_glossary_option(tmp_path: Path, in_example_project: Path):
    glossary = tmp_path / "terms.csv"
    missing = CliRunner().invoke(main, ["check", "--glossary", str(glossary)])
    assert missing.exit_code == 1


def test_help_teaches():
    result = invoke("--help")
    assert result.exit_code == 0
    for text in ("att-docs check draft.zh.md --lang zh", "att-check ignore", "--fail-on",
                 "homophone", "Exit codes"):
        assert text in result.output
