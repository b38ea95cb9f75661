"""A freshly imported English-only Word draft: one "untranslated" finding per text and
language, and nothing else (the other languages start as copies of the English)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import CONTENT
from worddrafts import python_docx_draft

from att_docs.base.paths import PACKAGE_ROOT
from att_docs.readers.load import load_papers
from att_docs.records.provenance import unit_states

CSP9 = CONTENT


def att_docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "att_docs", *args], capture_output=True,
                          text=True, cwd=PACKAGE_ROOT, timeout=300)


def test_a_fresh_word_import_draws_one_untranslated_finding_per_text(tmp_path: Path):
    conference = tmp_path / "csp9"
    conference.mkdir()
    shutil.copy(CSP9 / "conference.yaml", conference)
    draft = python_docx_draft(tmp_path / "draft.docx", typed=True)
    done = att_docs("import", str(draft), "--conference", str(conference), "--id", "draft")
    assert done.returncode == 0, done.stderr
    checked = att_docs("check", str(conference / "draft"), "--format", "json",
                       "--severity", "info")
    findings = json.loads(checked.stdout)["findings"]
    assert {f["check"] for f in findings} == {"untranslated"}
    (doc,) = load_papers(conference, PACKAGE_ROOT / "templates", strict=False)
    for lang in doc.languages[1:]:
        untranslated = {u.id for u in unit_states(doc, lang).values()
                        if u.state == "untranslated"}
        found = Counter(f["segment"] for f in findings
                        if f"in the {lang} text" in f["message"])
        assert set(found) == untranslated  # every untranslated text, once
        assert max(found.values()) == 1
