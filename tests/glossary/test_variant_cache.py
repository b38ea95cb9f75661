"""The term variants kept on disk: a later process matches the same without inflecting,
and a damaged or foreign cache file is ignored, never trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from buildutil import ROOT

SCRIPT = """
import sys
from att_docs.checks.matcher import GlossaryIndex
from att_docs.language.profile import load_language
from att_docs.glossary import default_path, load
from pathlib import Path
language = load_language(Path(sys.argv[1]) / "templates", sys.argv[2])
index = GlossaryIndex(load(default_path()))
text = Path(sys.argv[3]).read_text(encoding="utf-8")
print([(m.start, m.end, sorted(m.concepts)) for m in index.find(text, language)])
print("inflect" in sys.modules)
"""

TEXT = ("The States Parties and the Co-Chairs of the Working Group on Treaty "
        "Universalization (WGTU) met the regional champions of CSP9.")


def run(tmp_path: Path, cache: Path) -> tuple[str, str]:
    text = tmp_path / "text.txt"
    text.write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("ATT_DOCS_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), "en", str(text)],
                         env=env, capture_output=True, text=True, check=True).stdout
    matches, imported = out.splitlines()
    return matches, imported


def test_second_process_reads_the_variants(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, imported = run(tmp_path, cache)
    assert imported == "True"
    assert first.count("[") > 3  # terms were found
    files = list((cache / "att-docs").glob("variants-*.json"))
    assert len(files) == 1
    second, imported = run(tmp_path, cache)
    assert (second, imported) == (first, "False")


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _ = run(tmp_path, cache)
    (path,) = (cache / "att-docs").glob("variants-*.json")
    for damage in ("not json", json.dumps([["c", "t", "status?", False, "v"]]),
                   json.dumps({"a": 1}), json.dumps([["c", "t", "preferred", "no", "v"]])):
        path.write_text(damage, encoding="utf-8")
        again, imported = run(tmp_path, cache)
        assert (again, imported) == (first, "True")
