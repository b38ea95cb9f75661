"""``att-docs watch``: a warm process rebuilds what a save changed, and only that."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, TEMPLATES, safe_load

from att_docs.publish.watch import Watcher, is_input_change

pytestmark = pytest.mark.slow

TABLES = Path("wgtu-report/annex-a/tables.yaml")


def _edit(conference: Path, word: str) -> None:
    path = conference / TABLES
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"Recent\w* experience", f"{word} experience", text, count=1),
                    encoding="utf-8")


def test_editor_leftovers_and_outputs_are_not_inputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    paper = tmp_path / "csp9" / "wgtu-report"
    for name in (".#en.md", "en.md~", ".en.md.swp", "4913", "#en.md#"):
        assert not is_input_change(paper / name, out), name
    assert not is_input_change(out / "x.en.pdf", out)
    assert is_input_change(paper / "en.md", out)


def test_each_batch_of_saves_rebuilds_the_changed_paper_only(conference_copy: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    watcher = Watcher(conference_copy, out, TEMPLATES, ROOT / "glossary" / "att.yaml", ("pdf",),
                      None)
    rebuilds = []
    errors: list[Exception] = []

    def saves():
        yield set()  # the watch is in place: the first build
        yield {(2, str(conference_copy / "wgtu-report" / ".#en.md"))}  # ignored
        _edit(conference_copy, "Recently")
        yield {(2, str(conference_copy / TABLES))}
        (conference_copy / "wgtu-report" / "paper.yaml").write_text("type: [", "utf-8")
        yield {(2, str(conference_copy / "wgtu-report" / "paper.yaml"))}

    watcher.run(rebuilds.append, errors.append, saves())
    first, second = rebuilds
    assert set(first.report.papers_built) == {"wgtu-report", "mc-programme-of-work"}
    assert second.report.papers_built == ["wgtu-report"]
    langs = safe_load((conference_copy / "conference.yaml").read_text("utf-8"))["languages"]
    assert sorted(second.report.built) == sorted(
        f"ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.{lang}.pdf" for lang in langs)
    assert "Recently experience" in _pdf_text(out / "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en.pdf")
    assert len(errors) == 1 and "paper.yaml:1" in str(errors[0])


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def _lines(proc: subprocess.Popen) -> queue.Queue:
    """The process's output lines, read by a thread (a pipe's buffer hides lines from
    a selector)."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _read_until(lines: queue.Queue, pattern: str, seconds: float) -> str:
    """Lines until one matches ``pattern``."""
    seen = ""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        seen += line
        if re.search(pattern, line):
            return seen
    raise AssertionError(f"no line matching {pattern!r} within {seconds} s:\n{seen}")


def test_watch_command_rebuilds_on_save(conference_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "att_docs", "watch", str(conference_copy), "-o", str(out),
         "-f", "pdf", "-l", "en"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "COLUMNS": "200"})
    lines = _lines(proc)
    try:
        _read_until(lines, r"^watching ", 120)
        _edit(conference_copy, "Lately")
        seen = _read_until(lines, r"^watching ", 60)
        assert re.search(r"built 1 file of wgtu-report in \d+\.\d\d s", seen), seen
        assert "Lately experience" in _pdf_text(
            out / "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en.pdf")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_rebuild_runs_the_checks_once_and_hands_back_their_findings(
        conference_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import att_docs.checks.incremental as incremental
    from att_docs.checks.engine import check_corpora
    from att_docs.checks.inputs import read_inputs
    from att_docs.checks.report import at_least
    from att_docs.glossary import load

    calls: list[list[str]] = []
    entries = incremental._entries  # the checks of the papers read (the others are kept)

    def counted(papers, *args, **kwargs):
        calls.append(list(papers))
        return entries(papers, *args, **kwargs)

    monkeypatch.setattr(incremental, "_entries", counted)
    glossary = ROOT / "glossary" / "att.yaml"
    watcher = Watcher(conference_copy, tmp_path / "out", TEMPLATES, glossary, ("docx",),
                      ("en", "zh"))
    first = watcher.rebuild()
    assert calls == [["mc-programme-of-work", "wgtu-report"]]
    assert first.findings == []  # the example has no warnings

    zh = conference_copy / "wgtu-report" / "zh.md"
    zh.write_text(zh.read_text("utf-8").replace("提出了推荐建议。", "提出了推荐建议。。", 1),
                  "utf-8")
    second = watcher.rebuild()
    assert calls[1:] == [["wgtu-report"]]  # once, for the changed paper only
    assert second.report.papers_built == ["wgtu-report"]
    doubled = [f for f in second.findings if f.check == "typography"]
    assert [(f.segment, f.path.name, f.line) for f in doubled] == [("purpose", "zh.md", 3)]
    # the same as checking the paper on its own afterwards
    again = at_least(check_corpora(read_inputs([conference_copy / "wgtu-report"], TEMPLATES),
                                   load(glossary), templates=TEMPLATES), "warning")
    assert second.findings == again
