"""Inputs bounded in time and size: only regular files are read (a FIFO or a device given
as any input is refused at once, one line, exit 1); a Word package is bounded before it
is unpacked, notes that cite notes are refused before pandoc runs, and pandoc itself runs
under a heap limit and a timeout; bytes that are not UTF-8 are named with their line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from buildutil import ROOT
from conftest import CONTENT, TEMPLATES
from fuzzlib import assert_located_error, cli
from worddrafts import W, python_docx_draft

GLOSSARY = ROOT / "glossary" / "att.yaml"


def _run(*args: str | Path, cwd: Path = ROOT, timeout: float = 60
         ) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: a hang fails the test after ``timeout``."""
    return subprocess.run([sys.executable, "-m", "att_docs", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=cwd, stdin=subprocess.DEVNULL)


def _refused(proc: subprocess.CompletedProcess[str], where: Path, *words: str) -> None:
    """Exit 1, one line naming ``where`` and saying one of ``words``."""
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0].startswith(f"att-docs: error: {where}"), lines[0]
    assert any(word in lines[0] for word in words), lines[0]


def _special(path: Path, kind: str) -> str:
    """Make ``path`` a FIFO or a link to /dev/zero; the words the refusal uses."""
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
        return "FIFO"
    path.symlink_to("/dev/zero")
    return "a device"


# (id, the command given the input (as {input}), the input's name)
COMMANDS = [
    ("import", ["import", "{input}", "--conference", "{conference}", "--dry-run"], "d.docx"),
    ("import-into", ["import", "{input}", "--into", "{conference}/wgtu-report", "--lang",
                     "zh", "--dry-run"], "t.docx"),
    ("xliff-import", ["xliff", "import", "{input}", "--content", "{conference}"], "p.xlf"),
    ("glossary-import-tbx", ["glossary", "import", "{input}"], "g.tbx"),
    ("glossary-import-csv", ["glossary", "import", "{input}"], "g.csv"),
    ("glossary-import-yaml", ["glossary", "import", "{input}"], "g.yaml"),
    ("check-text", ["check", "{input}"], "t.md"),
    ("check-xliff", ["check", "{input}"], "c.xlf"),
    ("check-glossary", ["check", "{conference}", "--glossary", "{input}"], "g.yaml"),
    ("status-glossary", ["status", "{conference}", "--glossary", "{input}"], "g.yaml"),
]


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("case", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_fifo_or_device_as_input_is_refused(case, kind: str, conference_copy: Path,
                                              tmp_path: Path) -> None:
    _id, args, name = case
    source = tmp_path / name
    words = _special(source, kind)
    argv = [a.format(input=source, conference=conference_copy) for a in args]
    proc = _run(*argv)
    if _id == "xliff-import":  # a partial import names each file it refuses, then sums up
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert lines[0].startswith(f"{source}: ") and words in lines[0], lines[0]
        assert len(lines) == 2 and "1 file refused whole" in lines[1], proc.stderr
        return
    _refused(proc, source, words)


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("name", ["wgtu-report/en.md", "wgtu-report/annex-a/tables.yaml",
                                  "wgtu-report/paper.yaml", "conference.yaml"])
def test_a_fifo_or_device_in_a_paper_is_refused(name: str, kind: str, conference_copy: Path,
                                                tmp_path: Path) -> None:
    path = conference_copy / name
    words = _special(path, kind)
    out = tmp_path / "out"
    # a link to /dev/zero is refused sooner, as a link out of the paper (named there)
    where = path if kind == "fifo" else conference_copy
    for args in (["build", conference_copy, "-o", out, "-f", "docx", "-q"],
                 ["check", conference_copy]):
        _refused(_run(*args), where, words, "a link out of the paper folder")


def test_a_template_that_is_a_fifo_is_refused(tmp_path: Path, conference_copy: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    words = _special(templates / "styles.yaml", "fifo")
    proc = _run("build", conference_copy, "-o", tmp_path / "out", "--templates", templates,
                "-f", "docx", "-q")
    _refused(proc, templates / "styles.yaml", words)


@pytest.mark.parametrize("name, line", [("en.md", 5), ("annex-a/tables.yaml", 3)])
def test_bytes_that_are_not_utf8_are_named_with_their_line(name: str, line: int,
                                                          conference_copy: Path) -> None:
    path = conference_copy / "wgtu-report" / name
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1] + b" caf\xe9"  # Latin-1, as an old editor saves it
    path.write_bytes(b"\n".join(lines))
    result = cli("check", conference_copy)
    match = assert_located_error(result, name)
    assert int(match["line"]) == line and "UTF-8" in match["msg"] and "0xE9" in match["msg"]


def test_a_csv_term_base_in_latin1_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "terms.csv"
    source.write_bytes("en,zh\nTreaty,条约\n".encode() + "Tréaty,x\n".encode("latin-1"))
    match = assert_located_error(cli("glossary", "import", source), "terms.csv")
    assert match["line"] == "3"


# ------------------------------------------------------------------------- Word packages

def _draft(tmp_path: Path, name: str = "plain.docx") -> Path:
    return python_docx_draft(tmp_path / name, typed=True)


def _repack(source: Path, target: Path, **parts: bytes) -> Path:
    """``source`` with the parts named (``word_footnotes_xml`` for word/footnotes.xml)
    replaced or added."""
    named = {k.replace("_xml", ".xml").replace("_", "/"): v for k, v in parts.items()}
    with zipfile.ZipFile(source) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    contents.update(named)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in contents.items():
            zf.writestr(part, data)
    return target


def _notes(*notes: tuple[int, str]) -> bytes:
    """A footnotes part: (id, extra runs inside the note)."""
    body = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>{extra}'
                   f'<w:r><w:t>Note {n}.</w:t></w:r></w:p></w:footnote>' for n, extra in notes)
    return (f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
            f'<w:separator/></w:r></w:p></w:footnote>{body}</w:footnotes>').encode()


def _ref(n: int, kind: str = "footnote") -> str:
    return f'<w:r><w:{kind}Reference w:id="{n}"/></w:r>'


@pytest.fixture
def no_pandoc(monkeypatch: pytest.MonkeyPatch) -> list:
    """Record any run of pandoc and refuse it: these drafts must be refused before."""
    import att_docs.readers.docx.pandoc as pandoc

    runs: list = []

    def refuse(*args, **kwargs):
        runs.append(args)
        raise AssertionError("pandoc ran")

    monkeypatch.setattr(pandoc.subprocess, "run", refuse)
    return runs


@pytest.mark.parametrize("notes, message", [
    ([(1, _ref(1))], "footnote 1 cites itself"),
    ([(1, _ref(2)), (2, _ref(1))], "footnote 1 cites footnote 2"),
    ([(1, _ref(2)), (2, "")], "footnote 1 cites footnote 2"),
    ([(1, _ref(1, "endnote"))], "footnote 1 cites endnote 1"),
], ids=["self", "cycle", "nested", "endnote"])
def test_notes_citing_notes_are_refused_before_pandoc(notes, message: str, tmp_path: Path,
                                                      no_pandoc: list) -> None:
    draft = _repack(_draft(tmp_path), tmp_path / "notes.docx",
                    word_footnotes_xml=_notes(*notes))
    conference = tmp_path / "csp9"
    shutil.copytree(CONTENT, conference)
    match = assert_located_error(cli("import", draft, "--conference", conference,
                                     "--dry-run"), "notes.docx", line=False)
    assert message in match["msg"] and not no_pandoc


def test_a_self_citing_note_ends_quickly_in_a_real_process(tmp_path: Path) -> None:
    """Before pandoc saw it, this ran for minutes and gigabytes."""
    draft = _repack(_draft(tmp_path), tmp_path / "self.docx",
                    word_footnotes_xml=_notes((1, _ref(1))))
    conference = tmp_path / "csp9"
    shutil.copytree(CONTENT, conference)
    _refused(_run("import", draft, "--conference", conference, "--dry-run", timeout=60),
             draft, "cites itself")


def test_part_sizes_are_checked_before_anything_is_unpacked(tmp_path: Path,
                                                           no_pandoc: list) -> None:
    from att_docs.readers.docx.pandoc import MAX_PART_BYTES

    source = _draft(tmp_path)
    with zipfile.ZipFile(source) as zf:
        document = zf.read("word/document.xml").decode()
    at = document.index("<w:body>") + len("<w:body>")
    padding = "<w:p/>" * (MAX_PART_BYTES // 6 + 1)  # compresses to a few kilobytes
    big = _repack(source, tmp_path / "big.docx",
                  word_document_xml=(document[:at] + padding + document[at:]).encode())
    assert big.stat().st_size < 1_000_000
    conference = tmp_path / "csp9"
    shutil.copytree(CONTENT, conference)
    match = assert_located_error(cli("import", big, "--conference", conference, "--dry-run"),
                                 "big.docx", line=False)
    assert "word/document.xml unpacks to" in match["msg"] and not no_pandoc


def test_a_package_of_too_many_parts_is_refused(tmp_path: Path, no_pandoc: list,
                                                 in_example_project: Path) -> None:
    from att_docs.readers.docx.pandoc import MAX_PARTS

    parts = {f"word_media_p{n}_xml": b"<x/>" for n in range(MAX_PARTS + 1)}
    many = _repack(_draft(tmp_path), tmp_path / "many.docx", **parts)
    match = assert_located_error(cli("import", many, "--dry-run"), "many.docx", line=False)
    assert "parts" in match["msg"] and not no_pandoc


@pytest.mark.parametrize("limit, value, message", [
    ("PANDOC_HEAP", "64m", "more than its 64mB of memory"),
    ("PANDOC_SECONDS", 0.01, "did not finish reading it"),
])
def test_pandoc_at_its_limits_is_a_clean_error(limit: str, value, message: str,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits set low for the test (a document of 1 MB needs more than 64 MB)."""
    import att_docs.readers.docx.pandoc as pandoc

    monkeypatch.setattr(pandoc, limit, value)
    source = _draft(tmp_path)
    with zipfile.ZipFile(source) as zf:
        document = zf.read("word/document.xml").decode()
    at = document.index("<w:body>") + len("<w:body>")
    words = '<w:p><w:r><w:t xml:space="preserve">' + "word " * 100 + "</w:t></w:r></w:p>"
    draft = _repack(source, tmp_path / "draft.docx", word_document_xml=(
        document[:at] + words * 2000 + document[at:]).encode())
    conference = tmp_path / "csp9"
    shutil.copytree(CONTENT, conference)
    match = assert_located_error(cli("import", draft, "--conference", conference,
                                     "--dry-run"), "draft.docx", line=False)
    assert message in match["msg"], match["msg"]
    assert not list(conference.glob("report-*"))


# ----------------------------------------------------------------------------- long words

@pytest.mark.parametrize("name, pattern", [
    ("wgtu-report/en.md", r"(\{#purpose\} )"),
    ("wgtu-report/zh.md", r"(\{#purpose\} )"),
    ("wgtu-report/annex-a/tables.yaml", r"(Recent\w*)"),
    ("wgtu-report/paper.yaml", r"(\n  en: )"),
])
def test_a_word_no_line_can_hold_is_refused_with_its_line(name: str, pattern: str,
                                                         conference_copy: Path,
                                                         tmp_path: Path) -> None:
    """A 100,000-character word made Typst fail (a PDF string holds 32,767 at most) or
    run for minutes; it is refused where it is read."""
    import re

    path = conference_copy / name
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text)
    assert match, pattern
    word = "".join("etaoinshrdlu"[(n * 7) % 12] for n in range(100_000))
    path.write_text(text[:match.end(1)] + word + text[match.end(1):], encoding="utf-8")
    line = text.count("\n", 0, match.end(1)) + 1
    for args in (["build", conference_copy, "-o", tmp_path / "out", "-f", "pdf", "-l", "en",
                  "-q"], ["check", conference_copy]):
        proc = _run(*args, timeout=120)
        _refused(proc, path, "a word of 100,0")
        assert proc.stderr.startswith(f"att-docs: error: {path}:{line}: "), proc.stderr


def test_a_long_word_within_the_limit_builds(conference_copy: Path, tmp_path: Path) -> None:
    from att_docs.base.text import MAX_WORD

    path = conference_copy / "wgtu-report" / "en.md"
    word = "".join("etaoinshrdlu"[(n * 7) % 12] for n in range(MAX_WORD))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{#purpose} ", "{#purpose} " + word + " ", 1), encoding="utf-8")
    proc = _run("build", conference_copy, "-o", tmp_path / "out", "-f", "pdf", "-l", "en",
                "-q", timeout=300)
    assert proc.returncode == 0, proc.stderr
