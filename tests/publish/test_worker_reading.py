"""The build's workers read the changed papers themselves: the same papers, metadata and
errors as reading them up front, and no document sent between processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from buildutil import ROOT, att_docs, edit, generate, snapshot
from conftest import TEMPLATES

from att_docs.base.errors import ContentError
from att_docs.base.paths import find_paper_dirs
from att_docs.publish import workers as w
from att_docs.readers.load import load_papers


@pytest.fixture(scope="module")
def conference(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("conf") / "conf6", 6)


def _pooled(folder, dirs, with_meta=True):
    with w.Workers(folder, TEMPLATES, "typst", 2) as workers:
        return workers.read(dirs, with_meta, papers=len(dirs))


def test_the_workers_read_what_reading_here_reads(conference):
    dirs = find_paper_dirs(conference)
    pooled = _pooled(conference, dirs)
    assert w.held([d.name for d in dirs]) == {}  # the documents stay in the workers
    here = w.read_here(conference, dirs, TEMPLATES, True)
    assert pooled == here and list(pooled) == [d.name for d in dirs]
    assert all(read.meta is not None and read.meta.translation for read in pooled.values())
    documents = load_papers(conference, TEMPLATES, dirs=dirs).documents
    assert {pid: doc.masthead.symbol for pid, doc in w.held(list(here)).items()} == {
        pid: doc.masthead.symbol for pid, doc in documents.items()}


def _error(read) -> str:
    with pytest.raises(ContentError) as caught:
        read()
    return str(caught.value)


def test_a_bad_paper_is_the_same_error_wherever_it_is_read(conference, tmp_path):
    import shutil

    folder = tmp_path / "conf6"
    shutil.copytree(conference, folder)
    dirs = find_paper_dirs(folder)
    edit(dirs[4] / "paper.yaml", "type: ", "type: nope-")  # the later one
    edit(dirs[2] / "en.md", "\n", "\n[^nowhere]\n")  # the first in order
    expected = _error(lambda: load_papers(folder, TEMPLATES, dirs=dirs))
    assert dirs[2].name in expected
    assert _error(lambda: _pooled(folder, dirs)) == expected
    assert _error(lambda: w.read_here(folder, dirs, TEMPLATES, True)) == expected
    lines = set()
    for options in (["-j", "2"], ["-j", "1"], ["--strict"]):
        proc = att_docs("build", folder, "-o", tmp_path / "out", *options)
        assert proc.returncode == 1, proc.stderr
        lines.add(proc.stderr)
    assert len(lines) == 1 and len(lines.pop().strip().splitlines()) == 1


def test_a_build_sends_no_document_between_processes(conference, tmp_path):
    """Documents refuse to be sent between processes (from here, and from the workers
    forked from here): the build still writes every file, and the same files as a build
    in one process."""
    out = tmp_path / "out"
    probe = textwrap.dedent(f"""
        from multiprocessing.reduction import ForkingPickler
        from pathlib import Path
        from att_docs.document.model import Document
        from att_docs.publish.pipeline import build_conference

        def refuse(self, obj):
            if isinstance(obj, Document):
                raise AssertionError("a document was sent to another process")
            return NotImplemented

        ForkingPickler.reducer_override = refuse
        report = build_conference(Path({str(conference)!r}), Path({str(out)!r}),
                                  Path({str(TEMPLATES)!r}), workers=2,
                                  glossary=Path({str(ROOT / "glossary" / "att.yaml")!r}))
        print(len(report.built))
    """)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr
    one = tmp_path / "one"
    assert att_docs("build", conference, "-o", one, "-j", "1").returncode == 0
    assert int(proc.stdout) == len(snapshot(one)) - 2  # the manifest and the index aside
    assert {k: v[0] for k, v in snapshot(out).items() if k != "manifest.json"} == {
        k: v[0] for k, v in snapshot(one).items() if k != "manifest.json"}
