"""CSV for spreadsheets: a cell that starts with = + - @ (or a tab or carriage return) is
written with a leading apostrophe (OWASP's CSV-injection rule), so a spreadsheet shows
it as text instead of running it as a formula; the CSV import reads its own escaped
cells back unchanged."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import require_tools
from fuzzlib import cli

from att_docs.glossary import Concept, Glossary, Term, dumps, load

TRIGGERS = ("=", "+", "-", "@")
HOSTILE = ['=HYPERLINK("http://127.0.0.1/?leak="&A1,"Click")', "+1+cmd|' /C calc'!A0",
           "-2+3", "@SUM(1,1)", "=1+1", "'=already escaped", "''=twice", "'plain quote",
           "'", "-", "@", "a=b"]


def _glossary() -> Glossary:
    concepts = [Concept(id=f"c{n}", terms={"en": [Term(text)], "zh": [Term(f"术语{n}")]},
                        note=text if n % 2 else None, definition="=A1" if n == 0 else None)
                for n, text in enumerate(HOSTILE)]
    return Glossary(concepts)


def test_no_cell_of_the_export_starts_like_a_formula() -> None:
    text = dumps(_glossary(), "csv")
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith((*TRIGGERS, "\t", "\r")), cell


def test_the_import_reads_its_own_escaped_cells_back(tmp_path: Path) -> None:
    source = _glossary()
    path = tmp_path / "terms.csv"
    path.write_text(dumps(source, "csv"), encoding="utf-8")
    back = load(path)
    assert [(c.id, c.note, c.definition, [(t.text, t.status) for ts in c.terms.values()
                                          for t in ts]) for c in back.concepts] == \
           [(c.id, c.note, c.definition, [(t.text, t.status) for ts in c.terms.values()
                                          for t in ts]) for c in source.concepts]


def test_the_cli_export_escapes_too(tmp_path: Path) -> None:
    terms = tmp_path / "terms.yaml"
    terms.write_text(dumps(_glossary(), "yaml"), encoding="utf-8")
    result = cli("glossary", "export", "--format", "csv", "--glossary", terms)
    assert result.exit_code == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert "'=1+1" in cells and not any(c.startswith(TRIGGERS) for c in cells)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_export_without_a_formula(tmp_path: Path) -> None:
    """The real reader: LibreOffice Calc imports the CSV and computes nothing."""
    require_tools("soffice")
    sheet = tmp_path / "terms.csv"
    sheet.write_text(dumps(_glossary(), "csv"), encoding="utf-8")
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "ods", "--outdir",
                    str(tmp_path), str(sheet)], capture_output=True, timeout=180, check=True)
    with zipfile.ZipFile(tmp_path / "terms.ods") as ods:
        content = ods.read("content.xml").decode()
    assert "table:formula" not in content
    assert "HYPERLINK" in content  # the text is there, as text
