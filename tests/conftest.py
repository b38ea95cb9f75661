"""Shared fixtures: the example conference and scratch copies of it to break.

The tests read the example from tests/fixtures/example/content/csp9, a copy of
content/csp9 kept with the tests: content/ is the user's, and a paper of their own there
never changes what a test sees. Opening or listing anything under the live content/ from a
test process is an error (see ``_no_live_content``)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

safe_load = YAML(typ="safe", pure=True).load
"""Plain YAML data from text, as the tests read outputs and fixtures back."""

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "example"  # a project folder: content/csp9 in it
CONTENT = EXAMPLE / "content" / "csp9"
LIVE_CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


class LiveContentRead(RuntimeError):
    """A test read the user's content/ (not an OSError, which a reader might swallow)."""


def _no_live_content(event: str, args: tuple) -> None:
    """An audit hook: reading the user's content/ from a test process raises."""
    if event not in ("open", "os.listdir", "os.scandir") or not args:
        return
    path = args[0]
    if not isinstance(path, str | bytes | os.PathLike):
        return
    path = os.fsdecode(path)
    if not os.path.isabs(path) and os.sep not in path:
        return  # a bare name may be relative to a dir_fd (shutil.rmtree), not to the cwd
    path = os.path.abspath(path)
    if path == _LIVE or path.startswith(_LIVE + os.sep):
        raise LiveContentRead(f"a test read the live content folder: {path} (use "
                              f"conftest.CONTENT or the conference_copy fixture)")


_LIVE = str(LIVE_CONTENT)
sys.addaudithook(_no_live_content)


def require_tools(*names: str) -> None:
    """Skip when a tool is missing, except under ./run-tests, which installs them all:
    there (ATT_DOCS_REQUIRE_TOOLS=1) a missing tool fails the test instead."""
    missing = [n for n in names if not shutil.which(n)]
    if not missing:
        return
    message = f"not installed: {', '.join(missing)}"
    if os.environ.get("ATT_DOCS_REQUIRE_TOOLS"):
        pytest.fail(message + " (./run-tests should have installed it)")
    pytest.skip(message)


@pytest.fixture
def conference_copy(tmp_path: Path) -> Path:
    """A private copy of content/csp9 that a test may edit."""
    target = tmp_path / "csp9"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def in_example_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder becomes a project of its own: a copy of the example in content/
    and the templates. A command given no folder works on that copy (never on the live
    content/, which is the user's)."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE / "content", root / "content")
    (root / "templates").symlink_to(TEMPLATES, target_is_directory=True)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def empty_conference(conference_copy: Path) -> Path:
    """A copy of the example conference without its papers (for importing new ones)."""
    for paper in [p for p in conference_copy.iterdir() if p.is_dir()]:
        shutil.rmtree(paper)
    return conference_copy


@pytest.fixture
def templates_copy(tmp_path: Path) -> Path:
    """A private copy of templates/ that a test may edit."""
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


@pytest.fixture
def jinja_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source from now on (a template
    loaded from a bytecode cache is not compiled)."""
    import jinja2

    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


@pytest.fixture(scope="session")
def example():
    """The example conference, read and assembled once."""
    from att_docs.status.setinfo import load_conference

    conference, documents = load_conference(CONTENT, TEMPLATES)
    return conference, {d.id: d for d in documents}


@pytest.fixture(scope="session")
def fuzz_base(tmp_path_factory) -> Path:
    """The fuzz tests' workspace: copies of content/csp9, templates and glossary, and
    their DOCX set built once per test process (see tests/fuzzlib.py)."""
    from fuzzlib import make_base

    return make_base(tmp_path_factory.mktemp("fuzz-base")).root


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Caches that outlive a process (the term variants) go to a folder of this run, for
    the tests and the commands they start, never to the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def kill_inputs(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The inputs of every writer into the content, for the kill tests
    (bench/kill_writes.py), made once for all test processes of a run."""
    from bench.kill_writes import prepare

    root = tmp_path_factory.getbasetemp()
    inputs = (root if worker_id == "master" else root.parent) / "kill-inputs"
    prepare(inputs, CONTENT)
    return inputs


@pytest.fixture(scope="session")
def example_set(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The example built once per run by the real command (every paper, language and
    format; --final --zip), shared by all test processes. Read it, never change it: its
    files are read-only; a test that needs to change a set builds or copies its own."""
    import fcntl
    import stat
    import subprocess

    root = tmp_path_factory.getbasetemp()
    work = (root if worker_id == "master" else root.parent) / "example-set"
    work.mkdir(parents=True, exist_ok=True)
    out = work / "csp9"
    with (work / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (work / "ready").exists():
            proc = subprocess.run([sys.executable, "-m", "att_docs", "build", str(CONTENT),
                                   "-o", str(out), "--final", "--zip", "-q"], cwd=ROOT,
                                  capture_output=True, text=True, timeout=900, check=False)
            assert proc.returncode == 0, proc.stderr
            for path in out.resolve().rglob("*"):
                if path.is_file():
                    path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP |
                                                       stat.S_IWOTH))
            (work / "ready").touch()
    return out


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A conversion through LibreOffice is a slow round trip: ``-m "not slow"`` (and so
    ``./run-tests --quick``) leaves it out with the others."""
    for item in items:
        if item.get_closest_marker("libreoffice") and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)
