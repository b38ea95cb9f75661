"""The incremental, parallel, atomic build: what a rebuild writes, and what a kill leaves.

Every case runs the real command in a fresh process and reads the outputs back. "Not
rebuilt" is shown by the file's inode: each write renames a new file into place.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap

import docx
import pytest
from buildutil import (
    ROOT,
    att_docs,
    build,
    checksums,
    edit,
    generate,
    snapshot,
    touch_everything,
)
from conftest import CONTENT, require_tools, safe_load
from pypdf import PdfReader

MC = "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork"
WGTU = "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep"
LANGS = safe_load((CONTENT / "conference.yaml").read_text(encoding="utf-8"))["languages"]
ALL = [f"{stem}.{lang}.{fmt}" for stem in (MC, WGTU) for lang in LANGS
       for fmt in ("docx", "pdf")]
N = len(ALL)  # every paper x language x format of the example conference


def rewritten(before: dict, after: dict) -> set[str]:
    """Files whose inode changed (written again), added or removed."""
    return {name for name in before.keys() | after.keys()
            if name not in before or name not in after or before[name][1] != after[name][1]}


def test_second_build_rebuilds_nothing_and_says_so(conference_copy, tmp_path):
    out = tmp_path / "out"
    first = build(conference_copy, out)
    assert f"built {N} of {N} files (2 papers)" in first.stdout
    before = snapshot(out)
    assert set(before) == {*ALL, "manifest.json", "index.html"}

    second = build(conference_copy, out)
    assert f"nothing to rebuild, all {N} files are up to date" in second.stdout
    assert snapshot(out) == before  # same bytes, same inodes, same times

    touch_everything(conference_copy)  # timestamps are not content
    third = build(conference_copy, out)
    assert "nothing to rebuild" in third.stdout
    assert snapshot(out) == before


def test_a_no_op_build_reads_no_paper_and_loads_no_writer(conference_copy, tmp_path):
    """Why a no-op build takes a fraction of the first: it only hashes files. The readers,
    the writers and the checks are never even imported."""
    out = tmp_path / "out"
    build(conference_copy, out)
    probe = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from att_docs.publish.pipeline import build_conference
        report = build_conference(Path({str(conference_copy)!r}), Path({str(out)!r}),
                                  Path({str(ROOT / "templates")!r}),
                                  glossary=Path({str(ROOT / "glossary" / "att.yaml")!r}))
        assert report.up_to_date, report
        heavy = ["att_docs.readers.content", "att_docs.readers.assemble",
                 "att_docs.readers.frame", "att_docs.writers.docx.writer",
                 "att_docs.writers.pdf.typst", "att_docs.checks.engine",
                 "docx", "typst", "pypdf", "jinja2", "pydantic", "babel"]
        print(sorted(m for m in heavy if m in sys.modules))
    """)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_changing_one_paper_rebuilds_only_that_paper(conference_copy, tmp_path):
    out = tmp_path / "out"
    build(conference_copy, out)
    before = snapshot(out)
    edit(conference_copy / "mc-programme-of-work" / "en.md", "tasked the Management Committee",
         "tasked the Management Committee (amended)")
    proc = build(conference_copy, out)
    assert f"built {N // 2} of {N} files (1 paper)" in proc.stdout
    after = snapshot(out)
    assert rewritten(before, after) == {name for name in ALL if name.startswith(MC)} | {
        "manifest.json", "index.html"}
    assert all(after[n] == before[n] for n in ALL if n.startswith(WGTU))
    text = "\n".join(p.text for p in docx.Document(str(out / f"{MC}.en.docx")).paragraphs)
    assert "tasked the Management Committee (amended)" in text
    assert "(amended)" in PdfReader(out / f"{MC}.en.pdf").pages[0].extract_text() + \
        PdfReader(out / f"{MC}.en.pdf").pages[1].extract_text()


def test_template_and_settings_changes_rebuild_what_depends_on_them(
        conference_copy, templates_copy, tmp_path):
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx", "--templates", str(templates_copy))
    before = snapshot(out)
    with (templates_copy / "styles.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n# a comment is a change of the templates folder\n")
    proc = build(conference_copy, out, "-f", "docx", "--templates", str(templates_copy))
    assert f"built {N // 2} of {N // 2} files" in proc.stdout
    middle = snapshot(out)
    assert rewritten(before, middle) >= {n for n in ALL if n.endswith(".docx")}
    # adding the PDFs builds only them; the DOCX stay
    proc = build(conference_copy, out, "--templates", str(templates_copy))
    assert f"built {N // 2} of {N} files" in proc.stdout
    after = snapshot(out)
    assert all(after[n] == middle[n] for n in ALL if n.endswith(".docx"))


def test_a_missing_or_altered_output_is_rebuilt(conference_copy, tmp_path):
    out = tmp_path / "out"
    build(conference_copy, out)
    good = checksums(out)
    (out / f"{MC}.zh.pdf").unlink()
    with (out / f"{WGTU}.en.docx").open("ab") as fh:
        fh.write(b"damage")
    before = snapshot(out)
    proc = build(conference_copy, out)
    assert f"built 2 of {N} files (2 papers)" in proc.stdout
    assert rewritten(before, snapshot(out)) == {f"{MC}.zh.pdf", f"{WGTU}.en.docx"}
    assert checksums(out) == good  # deterministic: the same bytes as the first time


def test_a_removed_paper_takes_its_files_with_it(conference_copy, tmp_path):
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx")
    shutil.rmtree(conference_copy / "wgtu-report")
    proc = build(conference_copy, out, "-f", "docx")
    assert f"removed {len(LANGS)}" in proc.stdout
    assert sorted(checksums(out)) == sorted([f"{MC}.{lang}.docx" for lang in LANGS]
                                            + ["index.html", "manifest.json"])


def test_bad_content_in_a_rebuild_writes_nothing(conference_copy, tmp_path):
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx")
    before = snapshot(out)
    edit(conference_copy / "wgtu-report" / "paper.yaml", "type: chair-report", "type: nope")
    edit(conference_copy / "mc-programme-of-work" / "en.md", "tasked", "asked")
    proc = att_docs("build", conference_copy, "-o", out, "-f", "docx")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1
    assert snapshot(out) == before


def test_one_worker_and_many_give_the_same_files(conference_copy, tmp_path):
    build(conference_copy, tmp_path / "one", "-j", "1")
    build(conference_copy, tmp_path / "two", "-j", "2")
    assert checksums(tmp_path / "one") == checksums(tmp_path / "two")


def test_killing_a_build_leaves_every_previous_output_intact(tmp_path):
    conference = generate(tmp_path / "synthetic", 8)
    out = tmp_path / "out"
    build(conference, out, "-j", "2")
    before = checksums(out)
    files = 8 * 2 * len(LANGS)  # the synthetic papers are in every language of the example
    assert len(before) == files + 2
    for paper in conference.iterdir():
        for lang, text in (("en", "An added paragraph."), ("zh", "新增的一段。"),
                           ("fr", "Un paragraphe ajouté.")):
            if paper.is_dir():
                prose = paper / f"{lang}.md"
                prose.write_text(f"{{#amended}} {text}\n\n" + prose.read_text("utf-8"),
                                 encoding="utf-8")

    proc = subprocess.Popen([sys.executable, "-m", "att_docs", "build", str(conference), "-o",
                             str(out), "-j", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # kill as soon as the first paper's files are written
        if line.startswith("  ATT/"):
            os.kill(proc.pid, signal.SIGKILL)
            break
    assert proc.wait(timeout=60) == -signal.SIGKILL

    assert checksums(out) == before  # nothing replaced: new files were only staged
    for name in before:
        if name.endswith(".docx"):
            assert docx.Document(str(out / name)).paragraphs
        elif name.endswith(".pdf"):
            assert len(PdfReader(out / name).pages) >= 4

    proc2 = build(conference, out)  # the next build finishes the job
    assert f"built {files} of {files} files (8 papers)" in proc2.stdout
    assert not (out / ".att-docs-staging").exists()
    text = "\n".join(p.text for p in docx.Document(
        str(next(out.glob("*_801_*.en.docx")))).paragraphs)
    assert "An added paragraph." in text


@pytest.mark.libreoffice
def test_changing_the_pdf_engine_rebuilds_only_the_pdfs(conference_copy, tmp_path):
    require_tools("soffice")
    out = tmp_path / "out"
    build(conference_copy, out)
    before = snapshot(out)
    proc = build(conference_copy, out, "--pdf-engine", "libreoffice")
    assert f"built {N // 2} of {N} files" in proc.stdout
    after = snapshot(out)
    assert {n for n in rewritten(before, after) if n in ALL} == {
        n for n in ALL if n.endswith(".pdf")}
    for name in ALL:
        if name.endswith(".pdf"):
            assert "LibreOffice" in (PdfReader(out / name).metadata.producer or "")


def test_a_build_flushes_its_new_set_once_not_file_by_file(conference_copy, tmp_path,
                                                          monkeypatch):
    """The files go into a version folder nobody sees yet: one sync before the switch
    makes them durable, instead of one fsync per file (the most of a DOCX write's time)."""
    import os

    from att_docs.publish import versions
    from att_docs.publish.pipeline import build_conference

    files: list[str] = []
    syncs: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            files.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    real_flush = versions.flush_file_system
    monkeypatch.setattr(versions, "flush_file_system",
                        lambda folder: (syncs.append(1), real_flush(folder)))
    report = build_conference(conference_copy, tmp_path / "out", ROOT / "templates",
                              ("docx",), glossary=ROOT / "glossary" / "att.yaml", workers=1)
    assert len(report.built) == N // 2
    assert files == [] and syncs == [1]
