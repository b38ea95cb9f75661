"""Shared fixtures: the example conference and scratch copies of it to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "csp9"
TEMPLATES = ROOT / "templates"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


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
    prepare(inputs)
    return inputs
