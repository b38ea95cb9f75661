"""A term base read once is kept on disk: a later read gives the same concepts, terms and
lines without parsing; a damaged stored file is ignored; a bad term base is never stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from buildutil import ROOT

import att_docs.glossary as glossary_module
from att_docs.base.errors import ContentError
from att_docs.glossary import load

SOURCE = ROOT / "glossary" / "att.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("ATT_DOCS_NO_CACHE", raising=False)
    return folder / "att-docs"


def _copy(tmp_path: Path, name: str = "terms.yaml") -> Path:
    path = tmp_path / name
    shutil.copy(SOURCE, path)
    return path


def _unmemoised(path: Path):
    """``load`` without its in-process memo (keyed by content), as a new process reads."""
    return glossary_module.load.__wrapped__(path)  # type: ignore[attr-defined]


def _lines(glossary) -> list:
    return [(c.id, c.line, [(t.text, t.line) for ts in c.terms.values() for t in ts])
            for c in glossary.concepts]


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the calls of the YAML reader."""
    calls: list[Path] = []
    real = glossary_module._READERS["yaml"]

    def counted(path: Path):
        calls.append(path)
        return real(path)

    monkeypatch.setitem(glossary_module._READERS, "yaml", counted)
    return calls


def test_a_second_read_gives_the_same_glossary_without_parsing(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path)
    calls = _parses(monkeypatch)
    first = load(path)
    assert len(calls) == 1 and len(list(cache.glob("glossary-*.json"))) == 1
    second = _unmemoised(path)  # as a new process reads it
    assert len(calls) == 1  # not parsed again
    assert second == first and _lines(second) == _lines(first)
    assert second.source == path and second is not first


def test_a_changed_file_is_read_again(cache: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path)
    calls = _parses(monkeypatch)
    before = _unmemoised(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Working Group on Treaty Universalization",
                                 "Working Group on Universalization", 1), encoding="utf-8")
    after = _unmemoised(path)
    assert len(calls) == 2 and after != before
    assert len(list(cache.glob("glossary-*.json"))) == 2


def test_a_damaged_stored_file_is_ignored(cache: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path)
    first = _unmemoised(path)
    (stored,) = cache.glob("glossary-*.json")
    for damage in ('[{"id": 1}]', "not json", '[{"id": "x", "terms": {"en": [["t", "odd",'
                   ' null, false, null, 1]]}, "note": null, "subject": null, "line": 1,'
                   ' "definition": null}]'):
        stored.write_text(damage, encoding="utf-8")
        calls = _parses(monkeypatch)
        assert _unmemoised(path) == first
        assert len(calls) == 1
        monkeypatch.undo()
        monkeypatch.setenv("XDG_CACHE_HOME", str(cache.parent))


def test_a_bad_term_base_is_refused_every_time_and_never_stored(cache: Path,
                                                                tmp_path: Path) -> None:
    path = _copy(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "\n- id: [oops\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError) as err:
            _unmemoised(path)
        assert err.value.path == path and err.value.line
    assert not list(cache.glob("glossary-*.json"))
