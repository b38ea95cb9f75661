"""QA profiles (``check --profile strict|default|quiet``) and a conference's per-check
settings in conference.yaml (``checks: {profile, rules}``)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from att_docs.cli.main import main

SLIP = "有关问题 — 即这些会议。\n\n普遍加入《公约》的活动。\n"


def check(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--severity", "info",
                                       *args], catch_exceptions=False)
    data = json.loads(result.output) if result.output.startswith("{") else {"findings": []}
    return result.exit_code, data["findings"]


def test_profiles_change_severities(tmp_path: Path):
    draft = tmp_path / "draft.zh.md"
    draft.write_text(SLIP, encoding="utf-8")
    _, default = check(str(draft))
    _, quiet = check(str(draft), "--profile", "quiet")
    _, strict = check(str(draft), "--profile", "strict", "--lang", "zh")
    by = {f["check"]: f["severity"] for f in default}
    assert by["typography"] == "warning" and by["deprecated"] == "warning"
    assert {f["check"]: f["severity"] for f in quiet}["typography"] == "info"
    assert "info" not in {f["severity"] for f in strict}


def test_an_unknown_profile_is_a_usage_error(in_example_project):
    result = CliRunner().invoke(main, ["check", "--profile", "loud"])
    assert result.exit_code == 2 and "not a QA profile" in result.output


def test_a_conference_sets_its_own_rules(conference_copy: Path):
    paper = conference_copy / "wgtu-report" / "zh.md"
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace("。", "。。", 1), encoding="utf-8")
    code, found = check(str(conference_copy))
    assert code == 0 and "typography" in {f["check"] for f in found}
    settings = conference_copy / "conference.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + "checks:\n  rules:\n    typography: {enabled: false}\n",
                        encoding="utf-8")
    _, found = check(str(conference_copy))
    assert "typography" not in {f["check"] for f in found}
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "{enabled: false}", "{severity: error}"), encoding="utf-8")
    code, found = check(str(conference_copy))
    assert code == 1 and {f["severity"] for f in found if f["check"] == "typography"} == {
        "error"}


def test_a_bad_setting_names_the_conference_file(conference_copy: Path):
    settings = conference_copy / "conference.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + "checks:\n  rules:\n    typo: {enabled: false}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(conference_copy)])
    assert result.exit_code == 1 and "conference.yaml" in result.output
    assert "unknown check 'typo'" in result.output
