"""The frame templates' compiled code, kept in the disk cache: a new process loads it
instead of compiling, a changed template is compiled again, a damaged file is not
trusted; the frame is the same either way."""

from __future__ import annotations

import shutil

import pytest
from conftest import CONTENT, TEMPLATES

from att_docs.readers.content import read_conference, read_paper
from att_docs.readers.frame import FrameRenderer, known_types


@pytest.fixture
def compiled(tmp_path, monkeypatch, jinja_compiles):
    """An empty disk cache; the names of the templates Jinja compiles from source."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ATT_DOCS_NO_CACHE", raising=False)
    return tmp_path / "cache" / "att-docs", jinja_compiles


def _frame(templates, lang="fr"):
    """A paper's frame as a new process renders it (a new renderer)."""
    conference = read_conference(CONTENT)
    paper = next(p for p in sorted(CONTENT.iterdir()) if (p / "paper.yaml").is_file())
    doc = read_paper(paper, conference, templates, known_types(templates))
    return FrameRenderer(templates).render_paper(doc, lang)


def test_a_new_renderer_loads_the_compiled_templates(compiled):
    folder, names = compiled
    first = _frame(TEMPLATES)
    assert names and len(list(folder.glob("jinja-*.json"))) == len(set(names))
    del names[:]
    assert _frame(TEMPLATES) == first and names == []
    assert _frame(TEMPLATES, "zh") and names == []  # one compiled code for every language


def test_a_changed_template_is_compiled_again(compiled, tmp_path):
    folder, names = compiled
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    first = _frame(templates)
    kept = len(list(folder.glob("jinja-*.json")))
    base = templates / "paper.md.j2"
    base.write_text(base.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    del names[:]
    assert _frame(templates) == first
    assert names == ["paper.md.j2"] and len(list(folder.glob("jinja-*.json"))) == kept + 1


def test_a_damaged_compiled_template_is_not_trusted(compiled, capsys):
    folder, names = compiled
    first = _frame(TEMPLATES)
    for path in folder.glob("jinja-*.json"):
        data = bytearray(path.read_bytes())
        data[-10] ^= 1
        path.write_bytes(bytes(data))
    del names[:]
    assert _frame(TEMPLATES) == first
    assert names and "jinja-" in capsys.readouterr().err
