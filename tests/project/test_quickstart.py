"""The README's quick start: two commands, the second is CI's, the first works in a clone."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import EXAMPLE, ROOT
from fuzzlib import tree


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S)
    assert block, "no code block under ## Quick start"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    commands = quick_start_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert ci_lines[-1].strip() == commands[1]


@pytest.mark.slow
def test_build_command_works_in_a_fresh_clone(tmp_path):
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if not (clone / "att-docs").exists():
        pytest.skip("the checkout's HEAD predates the quick start")
    shutil.rmtree(clone / "content")  # the clone's own papers are the user's, not the test's
    shutil.copytree(EXAMPLE / "content", clone / "content")
    before = tree(clone / "content")
    build = quick_start_commands()[0]
    proc = subprocess.run(build, shell=True, cwd=clone, capture_output=True, text=True,
                          timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    outputs = sorted(p.name for p in (clone / "build" / "csp9").iterdir()
                     if not p.name.startswith("."))
    papers, languages = 2, 3  # content/csp9: two papers in English, Chinese and French
    assert len([n for n in outputs if n.endswith(".docx")]) == papers * languages
    assert len([n for n in outputs if n.endswith(".pdf")]) == papers * languages
    assert not list((clone / "content").rglob("*.tmp"))
    assert tree(clone / "content") == before  # the build never touches the content
