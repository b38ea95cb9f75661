"""Writes into the content killed after every step: after the next command's recovery
every paper is the old one or the new one, file for file, and nothing of the write is
left. Random kills are in test_fuzz_writes.py; bench/kill_writes.py does 100 per writer.

The kills run in a process of their own (bench/kill_writes.py forks the writers there),
so that no fork inherits the test runner's threads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fuzzlib import cli, tree

from bench.kill_writes import PAPER, WRITERS, prepare, run_in_a_process

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("writer", WRITERS)
def test_a_kill_after_every_step_leaves_every_paper_old_or_new(writer: str,
                                                               kill_inputs: Path) -> None:
    steps = run_in_a_process(writer, kill_inputs, kills=0, seed=0, every_step=True)["steps"]
    summary = [(n + 1, o["state"], o["killed"], o["leftovers"]) for n, o in enumerate(steps)]
    assert len(steps) >= 4, summary
    assert all(o["killed"] for o in steps), summary
    assert all(o["state"] in ("old", "new") and not o["leftovers"] for o in steps), summary
    # killed with every file staged but no journal: rolled back; after it: completed
    assert [o["state"] for o in steps[:2]] == ["old", "new"], summary
    assert {o["state"] for o in steps[1:]} == {"new"}, summary


def _killed_copy(kill_inputs: Path, tmp_path: Path, step: int) -> Path:
    """The XLIFF import killed right after ``step``, in a process of its own."""
    scenario = prepare(kill_inputs)["xliff-import"]
    conference = tmp_path / "csp9"
    shutil.copytree(scenario.base, conference)
    done = subprocess.run([sys.executable, "-m", "att_docs", *scenario.args(conference)],
                          env={**os.environ, "ATT_DOCS_KILL_AFTER_STEP": str(step)},
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == -9, done.stderr
    return conference


def test_the_next_command_completes_a_journaled_write_and_says_so(
        kill_inputs: Path, tmp_path: Path) -> None:
    conference = _killed_copy(kill_inputs, tmp_path, step=2)  # the journal is written
    result = cli("xliff", "export", conference / PAPER, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("att-docs: completed an interrupted xliff import in "), lines
    assert str(conference / PAPER) in lines[0]
    assert not (conference / PAPER / ".att-docs-write").exists()
    assert "改：" in (conference / PAPER / "zh.md").read_text(encoding="utf-8")


def test_the_next_command_discards_an_unjournaled_write_and_says_so(
        kill_inputs: Path, tmp_path: Path) -> None:
    conference = _killed_copy(kill_inputs, tmp_path, step=1)  # staged, no journal yet
    before = tree(prepare(kill_inputs)["xliff-import"].base)
    result = cli("check", conference / PAPER)
    assert result.stderr.splitlines()[0].startswith(
        "att-docs: discarded an unfinished xliff import in "), result.stderr
    assert tree(conference) == before


def test_a_paper_left_in_a_replaced_folder_is_restored(conference_copy: Path) -> None:
    """What an older att-docs left when killed between the two renames of a re-import."""
    paper = conference_copy / PAPER
    before = tree(paper)
    paper.rename(conference_copy / f".{PAPER}.replaced")
    result = cli("status", conference_copy, "--format", "json")
    assert "restored" in result.stderr and "Traceback" not in result.stderr
    assert result.exit_code in (0, 1)
    assert tree(paper) == before
    shutil.copytree(paper, conference_copy / f".{PAPER}.replaced")
    result = cli("status", conference_copy, "--format", "json")
    assert "removed" in result.stderr and result.exit_code in (0, 1)
    assert not (conference_copy / f".{PAPER}.replaced").exists() and tree(paper) == before
