"""Errors name the file and line where the user can act: a character no font has, a
term base that cannot become the project's YAML (the user's input file and line, never a
temporary file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fuzzlib import ERROR_LINE, cli

NO_GLYPH = "\U00013000"  # an Egyptian hieroglyph: in none of the configured fonts


@pytest.mark.parametrize("name, pattern", [
    ("wgtu-report/en.md", r"(\{#appointment\} )"),
    ("wgtu-report/annex-a/tables.yaml", r"(Recent\w*)"),
    ("mc-programme-of-work/paper.yaml", r"(\n  en: Review)"),
])
def test_a_character_no_font_has_is_named_with_its_line(name: str, pattern: str,
                                                       conference_copy: Path,
                                                       tmp_path: Path) -> None:
    path = conference_copy / name
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text)
    assert match, pattern
    path.write_text(text[:match.end(1)] + NO_GLYPH + text[match.end(1):], encoding="utf-8")
    line = text.count("\n", 0, match.end(1)) + 1
    result = cli("build", conference_copy, "-o", tmp_path / "out", "-f", "pdf", "-l", "en",
                 "-j", "1", "-q")
    assert result.exit_code == 3, result.stderr  # a font to add, or a character to replace
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    found = ERROR_LINE.match(lines[0])
    assert found and found["where"] == str(path) and found["line"] == str(line), lines[0]
    assert "U+13000" in found["msg"] and NO_GLYPH in found["msg"]
