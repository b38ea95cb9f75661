"""XLIFF 1.2 and 2.1 files written with translate-toolkit, checked by segment id."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.check.sample_glossary import sample_glossary
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from att_docs.base.errors import ContentError
from att_docs.checks.engine import check_corpora
from att_docs.checks.xliff import read_xliff, xliff_version

UNITS = [
    ("mandate", "The Treaty entered into force.", "《公约》已生效。"),               # deprecated
    ("members", "bringing the total to 113.", "使总数达到112个。"),                  # number
    ("untranslated", "The draft report was circulated.", "The draft report was circulated."),
    ("fine", "The Management Committee met on 21 July 2023.", "管理委员会于2023年7月21日开会。"),
    ("ignored", "The Management Committee met.", "委员会开会。"),  # term, silenced by a note
]

SKELETON_12 = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
               b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
               b'<file original="paper.md" source-language="en" target-language="zh-CN" '
               b'datatype="plaintext"><body/></file></xliff>')


def write_12(path: Path, units=UNITS) -> Path:
    store = xlifffile(SKELETON_12)
    for unit_id, source, target in units:
        unit = store.UnitClass(source)
        unit.setid(unit_id)
        store.addunit(unit)
        unit.target = target
        if unit_id == "ignored":
            unit.addnote("att-check ignore term")
    path.write_bytes(bytes(store))
    return path


def write_21(path: Path, units=UNITS) -> Path:
    store = Xliff2File()
    store.setsourcelanguage("en")
    store.settargetlanguage("zh")
    for unit_id, source, target in units:
        unit = store.UnitClass(source)
        unit.setid(unit_id)
        unit.target = target
        if unit_id == "ignored":
            unit.addnote("att-check ignore term")
        store.addunit(unit)
    store.document.getroot().set("version", "2.1")
    path.write_bytes(bytes(store))
    return path


@pytest.mark.parametrize(("writer", "version"), [(write_12, "1.2"), (write_21, "2.1")])
def test_xliff_findings_carry_segment_ids(tmp_path, writer, version):
    path = writer(tmp_path / f"paper.{version}.xlf")
    assert xliff_version(path) == version
    corpus = read_xliff(path)
    assert corpus.source == "en" and corpus.targets == ["zh"]
    assert [s.id for s in corpus.segments] == [u[0] for u in UNITS]
    findings = check_corpora([corpus], sample_glossary())
    by_segment = {(f.segment, f.check) for f in findings if f.at_least("warning")}
    assert by_segment == {("mandate", "deprecated"), ("members", "number"),
                          ("untranslated", "untranslated")}
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in findings:  # the line of the trans-unit (1.2) or of the segment in its unit (2.x)
        assert f.path == path and f.line
        assert f'id="{f.segment}"' in "\n".join(lines[f.line - 2:f.line])


def test_xliff_missing_and_empty_targets(tmp_path):
    path = write_21(tmp_path / "empty.xlf", [("a", "Some text here.", ""),
                                             ("b", "More text here.", "更多文本。")])
    findings = check_corpora([read_xliff(path)], sample_glossary())
    assert [(f.segment, f.check, f.severity) for f in findings] == [("a", "untranslated", "error")]


def test_not_xliff_is_an_input_error(tmp_path):
    path = tmp_path / "bad.xlf"
    path.write_text("<html/>", encoding="utf-8")
    with pytest.raises(ContentError, match="not an XLIFF file"):
        read_xliff(path)
    path.write_text("<xliff", encoding="utf-8")
    with pytest.raises(ContentError, match="not well-formed"):
        read_xliff(path)
