"""The DOCX skeleton kept in the disk cache: used by a new process, made again when its
inputs change, never trusted when damaged; the DOCX written from it is the same."""

from __future__ import annotations

import shutil

import pytest
from conftest import CONTENT, TEMPLATES

from att_docs.readers.load import load_papers
from att_docs.writers.docx import skeleton as sk
from att_docs.writers.registry import WRITERS, WriterOptions
from att_docs.writers.styles import load_styles

LANGS = ("en", "zh", "fr")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty disk cache, and no skeleton kept in memory; counts the skeletons made."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ATT_DOCS_NO_CACHE", raising=False)
    monkeypatch.setattr(sk, "_SKELETONS", {})
    made: list[str] = []
    build = sk._build

    def counted(styles, lang, *args):
        made.append(lang)
        return build(styles, lang, *args)

    monkeypatch.setattr(sk, "_build", counted)
    return tmp_path / "cache" / "att-docs", made


def _files(folder):
    return sorted(folder.glob("docx-skeleton-*.json"))


def _anew(styles, lang="en"):
    """The skeleton as a new process gets it (nothing kept in memory)."""
    sk._SKELETONS.clear()
    return sk.skeleton(styles, lang, LANGS)


def test_a_new_process_reads_the_skeleton_kept_on_disk(cache, tmp_path):
    folder, made = cache
    styles = load_styles(TEMPLATES / "styles.yaml")
    built = _anew(styles)
    assert made == ["en"] and len(_files(folder)) == 1
    read = _anew(styles)
    assert made == ["en"]  # not made again
    assert sk._to_stored(read) == sk._to_stored(built)
    doc = next(iter(load_papers(CONTENT, TEMPLATES).documents.values()))
    outputs = []
    for skeleton in (built, read):
        sk._SKELETONS.clear()
        sk._SKELETONS[(id(styles), "en", tuple(doc.languages), "{label}.")] = (styles, skeleton)
        out = tmp_path / f"{len(outputs)}.docx"
        outputs.append(WRITERS["docx"].write(doc, out, WriterOptions("en", styles)))
    assert outputs[0] == outputs[1]


def test_another_style_sheet_or_language_makes_another_skeleton(cache, tmp_path):
    folder, made = cache
    styles = load_styles(TEMPLATES / "styles.yaml")
    _anew(styles)
    _anew(styles, "fr")
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    sheet = templates / "styles.yaml"
    text = sheet.read_text(encoding="utf-8")
    assert "margin_left_mm: " in text
    sheet.write_text(text.replace("margin_left_mm: ", "margin_left_mm: 1", 1), encoding="utf-8")
    _anew(load_styles(sheet))
    assert made == ["en", "fr", "en"] and len(_files(folder)) == 3


def test_a_damaged_skeleton_file_is_not_trusted(cache, capsys):
    folder, made = cache
    styles = load_styles(TEMPLATES / "styles.yaml")
    built = sk._to_stored(_anew(styles))
    (path,) = _files(folder)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"w:sectPr", b"w:sectPx", 1))
    assert sk._to_stored(_anew(styles)) == built
    assert made == ["en", "en"] and str(path) in capsys.readouterr().err
    assert sk._to_stored(_anew(styles)) == built and made == ["en", "en"]  # kept anew


def test_a_sound_file_that_does_not_hold_together_is_made_again(cache):
    from att_docs.base.diskcache import write_cached

    folder, made = cache
    styles = load_styles(TEMPLATES / "styles.yaml")
    stored = sk._to_stored(_anew(styles))
    (path,) = _files(folder)
    write_cached(path, {**stored, "parts": {}})  # checksummed, but no document part
    assert sk._to_stored(_anew(styles)) == stored and made == ["en", "en"]
