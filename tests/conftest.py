"""Shared fixtures: the example conference and scratch copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "csp9"
TEMPLATES = ROOT / "templates"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


@pytest.fixture
def conference_copy(tmp_path: Path) -> Path:
    """A private copy of content/csp9 that a test may edit."""
    target = tmp_path / "csp9"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def templates_copy(tmp_path: Path) -> Path:
    """A private copy of templates/ that a test may edit."""
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


@pytest.fixture(scope="session")
def example():
    """The example conference, read and assembled once."""
    from att_docs.build import load_conference

    conference, documents = load_conference(CONTENT, TEMPLATES)
    return conference, {d.id: d for d in documents}
