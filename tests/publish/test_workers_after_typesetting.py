"""A build whose own process has typeset a paper starts its next workers afresh: a forked
worker would wait for ever on Typst's thread pool, which a fork does not carry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from buildutil import checksums
from conftest import CONTENT, ROOT, TEMPLATES

TODAY = "2023-07-21"


def _project(root: Path) -> Path:
    """content/ with two conferences: csp8, one paper (typeset in the build's own
    process), then csp9, two papers (typeset by workers)."""
    shutil.copytree(CONTENT, root / "content" / "csp9")
    one = root / "content" / "csp8"
    shutil.copytree(CONTENT, one)
    papers = sorted(p for p in one.iterdir() if p.is_dir())
    assert len(papers) == 2
    shutil.rmtree(papers[1])
    (root / "templates").symlink_to(TEMPLATES, target_is_directory=True)
    return root


def _build(cwd: Path, tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ATT_DOCS_TODAY": TODAY, "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "att_docs", "build", "-j", "2", "-q",
                           *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=240, check=False)


def test_a_one_paper_conference_then_a_two_paper_one(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    proc = _build(project, tmp_path)
    assert proc.returncode == 0, proc.stderr
    alone = _build(project, tmp_path, project / "content" / "csp9", "-o", tmp_path / "alone")
    assert alone.returncode == 0, alone.stderr
    built = checksums(project / "build" / "csp9")
    assert len([n for n in built if n.endswith((".pdf", ".docx"))]) == 12
    assert {n: s for n, s in built.items() if n != "manifest.json"} == {
        n: s for n, s in checksums(tmp_path / "alone").items() if n != "manifest.json"}
    assert len(checksums(project / "build" / "csp8")) == 8  # 6 files, manifest, index


def test_fork_is_safe_until_a_thread_python_did_not_start_runs() -> None:
    """A thread started through ``threading`` is Python's own; one that ``threading``
    does not know stands for a native library's pool (as Typst's is)."""
    code = ("import _thread, json, threading, time\n"
            "from att_docs.base.processes import fork_is_safe, worker_context\n"
            "seen = [fork_is_safe(), worker_context().get_start_method()]\n"
            "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
            "seen += [fork_is_safe(), worker_context().get_start_method()]\n"
            "_thread.start_new_thread(time.sleep, (30,))\n"
            "time.sleep(0.2)\n"
            "seen += [fork_is_safe(), worker_context().get_start_method()]\n"
            "print(json.dumps(seen))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [True, "fork", True, "fork", False, "spawn"]
