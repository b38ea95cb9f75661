"""The schema helper itself: it accepts valid XLIFF 1.2 and 2.1 and names what is wrong."""

from __future__ import annotations

from pathlib import Path

from tkfiles import make_xliff
from xmlschemas import xliff_errors

XLIFF_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="{src}" trgLang="{trg}">
  <file id="f1">
    <unit id="p1">
      <notes><note category="term">{note}</note></notes>
      <segment state="{state}"><source>Text <pc id="1">bold</pc><ph id="2"/></source>
        <target>文本<pc id="1">粗体</pc><ph id="2"/></target></segment>
    </unit>
  </file>
</xliff>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_xliff_1_2_from_translate_toolkit_is_valid(tmp_path):
    path = make_xliff(tmp_path / "a.xlf", "en", "zh", [("p1", "Text.", "文本。")])
    assert xliff_errors(path) == []
    bad = write(tmp_path / "bad.xlf", path.read_text(encoding="utf-8").replace(
        'state="translated"', 'state="done"'))
    errors = xliff_errors(bad)
    assert len(errors) == 1 and "bad.xlf:" in errors[0] and "'done'" in errors[0]


def test_xliff_2_1_is_checked_against_the_core_schema(tmp_path):
    good = write(tmp_path / "good.xlf", XLIFF_2.format(src="en", trg="zh", note="x",
                                                      state="translated"))
    assert xliff_errors(good) == []
    bad = write(tmp_path / "bad.xlf", XLIFF_2.format(src="en", trg="zh", note="x",
                                                    state="done"))
    assert any("'done' is not an element of the set" in e for e in xliff_errors(bad))
    no_lang = write(tmp_path / "nolang.xlf", XLIFF_2.format(src="en", trg="zh", note="x",
                                                           state="initial")
                    .replace(' srcLang="en"', ""))
    assert any("srcLang" in e for e in xliff_errors(no_lang))


def test_other_namespaces_are_named(tmp_path):
    path = write(tmp_path / "old.xlf", '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" '
                                       'version="1.1"/>')
    assert xliff_errors(path) == [f"{path}:1: not XLIFF 1.2 or 2.x: namespace "
                                  "'urn:oasis:names:tc:xliff:document:1.1'"]
