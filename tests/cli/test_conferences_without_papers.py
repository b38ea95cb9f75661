"""A conference just made by new-conference, with no paper yet, does not stop a build or
check of every conference: it is left out with a note. Named on its own, it is refused."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT, TEMPLATES


def _run(project: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "att_docs", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_a_new_empty_conference_is_left_out_of_the_whole_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(CONTENT, project / "content" / "csp9")
    (project / "templates").symlink_to(TEMPLATES, target_is_directory=True)
    made = _run(project, tmp_path, "new-conference", "csp10", "--opening", "2024-08-26",
                "--closing", "2024-08-30", "--from", "csp9")
    assert made.returncode == 0, made.stderr
    note = "content/csp10: no papers yet"

    built = _run(project, tmp_path, "build", "-q", "-f", "docx")
    assert built.returncode == 0, built.stderr
    assert note in built.stderr and "error" not in built.stderr
    assert len(list((project / "build" / "csp9").glob("*.docx"))) == 6
    assert not (project / "build" / "csp10").exists()

    every = _run(project, tmp_path, "check", "--format", "json", "--severity", "info")
    alone = _run(project, tmp_path, "check", "content/csp9", "--format", "json",
                 "--severity", "info")
    assert (every.returncode, json.loads(every.stdout)) == (
        alone.returncode, json.loads(alone.stdout)), every.stderr
    assert note in every.stderr

    named = _run(project, tmp_path, "build", "content/csp10", "-q")
    assert named.returncode == 1
    assert "content/csp10: the conference has no papers" in named.stderr
