"""Where the templates and the glossary come from: one resolver for every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import CONTENT, ROOT

from att_docs.base import paths
from att_docs.base.paths import Project
from att_docs.cli.main import main

# one concept whose Chinese rendering the example papers never use: every English
# "Treaty Universalization" becomes a `term` warning with this glossary, none without it
GLOSSARY = """\
- id: universalization
  en:
    preferred: Treaty Universalization
  zh:
    preferred: 不存在的译名
"""


def test_in_a_checkout_the_checkout_folders_are_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = Project.default()
    assert project.templates == ROOT / "templates"
    assert project.glossary == ROOT / "glossary" / "att.yaml"
    assert project.content == ROOT / "content"


def test_outside_a_checkout_the_packaged_defaults_and_the_working_folder(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(paths, "PACKAGE_ROOT", tmp_path / "site-packages")
    monkeypatch.chdir(tmp_path)
    project = Project.default()
    assert project.templates == paths.PACKAGED / "templates"
    assert project.glossary == paths.PACKAGED / "glossary" / "att.yaml"
    assert project.build == tmp_path / "build"  # never beside the installed package
    assert project.content == tmp_path / "content"


def test_the_working_folder_overrides_and_options_override_everything(tmp_path,
                                                                      monkeypatch):
    (tmp_path / "templates").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "att.yaml").write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    project = Project.default()
    assert project.templates == tmp_path / "templates"
    assert project.glossary == tmp_path / "glossary" / "att.yaml"
    assert project.build == tmp_path / "build"
    chosen = Project.default(ROOT / "templates", tmp_path / "other.csv")
    assert chosen.templates == ROOT / "templates"
    assert chosen.glossary == tmp_path / "other.csv"


@pytest.mark.parametrize("command", ["build", "status", "check", "watch"])
def test_build_status_and_check_share_the_options(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--templates" in result.output and "--glossary" in result.output


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _check_warnings(args: list[str]) -> int:
    findings = json.loads(_run(["check", *args, "--format", "json"]))["findings"]
    return sum(1 for f in findings if f["check"] == "term" and "不存在的译名" in f["message"])


def _status_warnings(args: list[str]) -> int:
    out = _run(["status", *args, "--today", "2023-07-01", "--format", "json"])
    return sum(p["checks"]["warnings"] for p in json.loads(out)["conferences"][0]["papers"])


def _build_warnings(args: list[str], out) -> int:
    _run(["build", *args, "-o", str(out), "-f", "docx", "-l", "en", "-q", "-j", "1"])
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return sum(p["checks"]["warnings"] for p in data["papers"])


def test_the_glossary_option_reaches_the_checks_of_every_command(tmp_path):
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    chosen = [str(CONTENT), "--glossary", str(glossary)]
    missing_renderings = _check_warnings(chosen)
    assert _check_warnings([str(CONTENT)]) == 0 and missing_renderings > 0
    assert _status_warnings(chosen) >= _status_warnings([str(CONTENT)]) + missing_renderings
    assert (_build_warnings(chosen, tmp_path / "b")
            >= _build_warnings([str(CONTENT)], tmp_path / "a") + missing_renderings)


def test_a_missing_glossary_stops_every_command_before_writing(tmp_path):
    missing = tmp_path / "nope.yaml"
    out = tmp_path / "out"
    for args in (["build", str(CONTENT), "-o", str(out), "-f", "docx"],
                 ["status", str(CONTENT)], ["check", str(CONTENT)]):
        result = CliRunner().invoke(main, [*args, "--glossary", str(missing)])
        assert result.exit_code == 1, result.output
        assert f"{missing}:" in result.output + (result.stderr or "")
    assert not out.exists() or not any(out.iterdir())
