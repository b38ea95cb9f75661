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


TBX = ('<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
       'xmlns="urn:iso:std:iso:30042:ed:3.0"><text><body>\n'
       '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>Treaty</term></termSec>'
       '</langSec><langSec xml:lang="zh"><termSec><term>条约</term></termSec></langSec>'
       '</conceptEntry>\n'
       '<conceptEntry id="{id}"><langSec xml:lang="en"><termSec><term>State</term></termSec>'
       '</langSec><langSec xml:lang="zh"><termSec><term>国家</term></termSec></langSec>'
       '</conceptEntry>\n</body></text></tbx>\n')

IMPORTS = [
    # (id, file name, content, the line the error names)
    ("csv-id-with-space", "terms.csv", "concept_id,lang,term\nc1,en,Treaty\nc1,zh,条约\n"
     "my id,en,State\nmy id,zh,国家\n", 4),
    ("csv-language-unknown", "terms.csv", "concept_id,lang,term\nc1,en,Treaty\nc1,zh,条约\n"
     "c1,x-klingon,tlhIngan\n", 4),
    ("csv-kind-with-space", "terms.csv", "concept_id,lang,term,kind\nc1,en,Treaty,\n"
     "c1,zh,条约,full Form\n", 3),
    ("wide-csv-language-unknown", "wide.csv", "en,zh,qq-zz\nTreaty,条约,x\n", 2),
    ("tbx-id-a-number", "terms.tbx", TBX.replace("{id}", "1-state"), 4),
]


@pytest.mark.parametrize("output", ["stdout", "file"])
@pytest.mark.parametrize("case", IMPORTS, ids=[c[0] for c in IMPORTS])
def test_a_term_base_the_project_cannot_take_is_refused_at_its_line(
        case, output: str, tmp_path: Path) -> None:
    """Such a term base was written (to stdout without a word; with -o the error named
    a deleted temporary file); now nothing is written and its own line is named."""
    _id, name, content, line = case
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    target = tmp_path / "out" / "att.yaml"
    args = ["glossary", "import", source] + (["-o", target] if output == "file" else [])
    result = cli(*args)
    assert result.exit_code == 1, (result.exit_code, result.stderr, result.stdout)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    found = ERROR_LINE.match(lines[0])
    assert found and found["where"] == str(source) and found["line"] == str(line), lines[0]
    assert ".tmp" not in result.stderr and result.stdout == ""
    assert not target.exists()


OUTPUTS = [
    ("build", ["build", "{conference}", "-o", "{out}/csp9", "-f", "docx", "-q"]),
    ("review", ["review", "{conference}/wgtu-report", "-o", "{out}/r.docx"]),
    ("xliff-export", ["xliff", "export", "{conference}", "-o", "{out}/xliff"]),
    ("glossary-export", ["glossary", "export", "--format", "csv", "-o", "{out}/g.csv"]),
    ("glossary-import", ["glossary", "import", "{glossary}", "-o", "{out}/g.yaml"]),
    ("tmx-export", ["glossary", "export", "--format", "tmx", "--conference", "{conference}",
                    "-o", "{out}/t.tmx"]),
]


@pytest.mark.parametrize("out", ["/proc", "/proc/self", "/sys"])
@pytest.mark.parametrize("case", OUTPUTS, ids=[c[0] for c in OUTPUTS])
def test_an_output_where_nothing_can_be_written_is_exit_4(case, out: str,
                                                          conference_copy: Path) -> None:
    """/proc takes no new files (it said ENOENT, which ended in an internal error)."""
    from fuzzlib import GLOSSARY

    _id, args = case
    argv = [a.format(conference=conference_copy, out=out,
                     glossary=GLOSSARY / "att.yaml") for a in args]
    result = cli(*argv)
    assert result.exit_code == 4, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"att-docs: error: {out}"), result.stderr
    assert "internal error" not in result.stderr
