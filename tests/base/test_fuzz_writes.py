"""Fuzz: hostile text coming into the content through the writers, and kills.

Families: XLIFF import (each hostile payload as a target, across every kind of unit),
Word import (payloads in the paragraphs, headings and frame values of a draft), records
(``translated`` over hostile original texts and broken record folders) and kills (random
SIGKILLs of each writer). Each case works on its own copy. Every case ends in a located
one-line error (exit 1, or 4 for an output) with the content byte-for-byte unchanged, or
in a write whose every text reads back as it was given (nothing silently altered), and
never in an internal error, a traceback, a hang or a change outside the content.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from fuzzlib import ERROR_LINE, cli, tree
from lxml import etree
from worddrafts import numbered_draft

from bench.kill_writes import WRITERS, run_in_a_process

pytestmark = pytest.mark.slow  # fuzz and kill loops over every writer

PAPER = "wgtu-report"
TEMPLATES = ROOT / "templates"

PAYLOADS = {
    "bell": "\x07", "escape": "\x1b", "delete": "\x7f", "nel": "\x85", "csi": "\x9b",
    "rlo": "\u202e", "lri": "\u2066", "bom": "\ufeff", "noncharacter": "\ufdd0",
    "replacement": "\ufffd", "line-separator": "\u2028", "paragraph-separator": "\u2029",
    "lf": "\n", "crlf": "\r\n", "cr": "\r", "tab": "\t", "vt": "\x0b",
    "container": "\n:::\n\n::: symbol\nFAKE\n:::", "container-line": "::: symbol",
    "heading": "# Heading", "setext": "\n===", "list": "\n- item", "ordered": "1. item",
    "quote": "> quoted", "fence": "```", "id-marker": "{#fake-id}",
    "note-mark": "[^workplan]", "note-literal": "[^1]", "note-definition": "[^x]: a note",
    "html": "<b>bold</b>", "entity": "&amp; &lt;", "backslash": "\\ \\\\", "stars": "*a* **b**",
    "underscores": "_a_ __b__", "link": "[a](http://example.org)", "image": "![a](x.png)",
    "pipe": "| a | b |", "dollar": "$x$", "jinja": "{{ x }} {% if y %}", "colon": ": x",
    "leading-spaces": "    indented", "only-spaces": "   ", "nbsp": "a\u00a0b\u202fc",
    "rtl-script": "مرحبا", "emoji": "\U0001f600", "combining": "e\u0301",
    "long-word": "x" * 5000, "huge": "长" * 400_000,
}


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A case that runs for minutes has hung: it fails instead of stopping the suite."""
    def hung(*_: object) -> None:
        raise TimeoutError("the case hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(240)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _fine(result, *, expect: str | None = None) -> None:
    """No internal error; a refusal is one located line (naming ``expect``)."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, \
        result.stderr
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and ERROR_LINE.match(lines[0]), result.stderr
        if expect:
            assert expect in lines[0], lines[0]


def _fine_import(result, path: Path) -> None:
    """``xliff import`` imports every good unit: a refusal is a located line for each unit
    or file refused, the file's summary and the import's (exit 1)."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, \
        result.stderr
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if result.exit_code:
        *lines, last = result.stderr.strip().splitlines()
        assert last.startswith("xliff import of 1 file: ") and "refused" in last, last
        refusals = [line for line in lines if line.startswith(f"{path}:")]
        assert len(refusals) == 1 and "refused" in refusals[0], result.stderr
        assert all(line.startswith((f"{path}:", f"{path.name}: ")) for line in lines), \
            result.stderr


_BROKEN = re.compile(r"\s*\n\s*")


def _as_imported(payload: str) -> str:
    """A target as the paper keeps it: XML's line ends read as ``\n``, a line break with
    its indentation read as a Chinese paragraph reads one (no space), and a line or
    paragraph separator as a hard break."""
    text = _BROKEN.sub("", payload.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def _read_zh(paper: Path) -> dict[str, str]:
    """The paper's Chinese texts by unit, read strictly, as the build reads them."""
    from att_docs.document.units import document_units
    from att_docs.readers.content import read_conference, read_paper
    from att_docs.readers.frame import known_types

    doc = read_paper(paper, read_conference(paper.parent), TEMPLATES, known_types(TEMPLATES))
    return {u.id: u.texts["zh"].plain() for u in document_units(doc) if "zh" in u.texts}


# ---------------------------------------------------------------- XLIFF import

XLIFF_UNITS = ["title", "subtitle", "submitted_by", "annex-a.caption", "introduction",
               "appointment", "first-presidency", "elements.medium-term-planning.title",
               "elements.medium-term-planning.rationale.text", "csp9.endorses.lead",
               "recommend-adopt"]


@pytest.fixture(scope="module")
def xlf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xliff")
    result = cli("xliff", "export", CONTENT / PAPER, "-t", "zh", "-o", folder,
                 "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    return next(folder.glob("*.xlf"))


def _xml_text(text: str) -> str:
    """``text`` as XML character data; characters XML cannot hold as references (a file
    a careless tool might write: it must be refused as malformed, with its line)."""
    out = []
    for char in text:
        code = ord(char)
        legal = char in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
            or code >= 0x10000
        out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(char, char) if legal
                   else f"&#{code};")
    return "".join(out)


def _with_target(xlf: Path, out: Path, unit_id: str, text: str) -> Path:
    """A copy of ``xlf`` whose unit ``unit_id`` has ``text`` as its target."""
    doc = etree.parse(str(xlf))
    unit = next(u for u in doc.iter("{*}trans-unit") if u.get("id") == unit_id)
    target = unit.find("{*}target")
    assert not len(target), f"{unit_id} holds inline codes"
    marker = f"@@TARGET-{unit_id}@@"
    target.text = marker
    raw = etree.tostring(doc, xml_declaration=True, encoding="UTF-8").decode("utf-8")
    out.write_text(raw.replace(marker, _xml_text(text)), encoding="utf-8", newline="")
    return out


XLIFF_CASES = [(name, XLIFF_UNITS[n % len(XLIFF_UNITS)]) for n, name in enumerate(PAYLOADS)]
XLIFF_CASES += [(name, unit) for name, unit in (("lf", "title"), ("lf", "introduction"),
                                                ("container", "submitted_by"),
                                                ("rlo", "first-presidency"))]


@pytest.mark.parametrize("name,unit", XLIFF_CASES,
                         ids=[f"{n}-{u}" for n, u in XLIFF_CASES])
def test_xliff_import(name: str, unit: str, xlf: Path, conference_copy: Path,
                      tmp_path: Path) -> None:
    payload = "译文" + PAYLOADS[name] + "结束"
    path = _with_target(xlf, tmp_path / xlf.name, unit, payload)
    around = {k: v for k, v in tree(tmp_path).items() if not k.startswith("csp9")}
    before = tree(conference_copy)
    result = cli("xliff", "import", path, "--content", conference_copy,
                 "--templates", TEMPLATES)
    _fine_import(result, path)
    assert {k: v for k, v in tree(tmp_path).items() if not k.startswith("csp9")} == around
    if result.exit_code:
        assert tree(conference_copy) == before, "a refused import changed the content"
        return
    back = _read_zh(conference_copy / PAPER)  # reads as the build reads it
    assert back[unit] == _as_imported(payload), f"{unit} was written as {back[unit][:80]!r}"


# ---------------------------------------------------------------- Word import

WORD_PAYLOADS = [name for name in PAYLOADS if all(
    char in "\t\n\r" or 0x20 <= ord(char) <= 0xD7FF or 0xE000 <= ord(char) <= 0xFFFD
    or ord(char) >= 0x10000 for char in PAYLOADS[name])]
WORD_PLACES = ["paragraph", "title", "subtitle", "heading"]
WORD_CASES = [(name, WORD_PLACES[n % len(WORD_PLACES)]) for n, name in
              enumerate(WORD_PAYLOADS) if name != "huge"]


def _word_draft(path: Path, place: str, text: str) -> Path:
    import docx

    numbered_draft(path, ["The Group met.", "It talked.", text if place == "paragraph"
                          else "A third paragraph."], subtitle=["A subtitle"])
    doc = docx.Document(str(path))
    for para in doc.paragraphs:
        style = para.style.name
        if (place, style) in (("title", "Title"), ("subtitle", "Subtitle"),
                              ("heading", "Heading 1")):
            for run in para.runs[1:]:
                run._r.getparent().remove(run._r)
            para.runs[0].text = text
    doc.save(str(path))
    return path


@pytest.mark.parametrize("name,place", WORD_CASES, ids=[f"{n}-{p}" for n, p in WORD_CASES])
def test_word_import(name: str, place: str, empty_conference: Path, tmp_path: Path) -> None:
    payload = "Text " + PAYLOADS[name] + " end"
    draft = _word_draft(tmp_path / "draft.docx", place, payload)
    result = cli("import", draft, "--conference", empty_conference, "--id", "p",
                 "--templates", TEMPLATES)
    _fine(result, expect=draft.name)
    if result.exit_code:
        assert sorted(p.name for p in empty_conference.iterdir()) == ["conference.yaml"]
        return
    from att_docs.document.units import document_units
    from att_docs.readers.content import read_conference, read_paper
    from att_docs.readers.frame import known_types

    doc = read_paper(empty_conference / "p", read_conference(empty_conference), TEMPLATES,
                     known_types(TEMPLATES))
    texts = [u.texts["en"].plain() for u in document_units(doc) if "en" in u.texts]
    wanted = " ".join(payload.split()) if place != "paragraph" else payload
    assert any(" ".join(t.split()) == " ".join(wanted.split()) for t in texts), \
        f"{payload[:60]!r} is nowhere in {[t[:40] for t in texts]}"


# ---------------------------------------------------------------- records

RECORD_SOURCES = ["& anchor", "*alias", "!tag", "%directive", "@at", "`tick", "---",
                  "...", "? key", ": value", "- item", "# comment", "key: value",
                  "'quoted'", '"double"', "yes", "null", "0x1F", "1e3", "~",
                  "line one\u2028line two", "tab\there", "\u00a0nbsp",
                  " ".join(["é" * 900] * 4)]  # long, in words a line can hold


def _state(paper: Path, unit: str) -> str:
    from att_docs.checks.inputs import load_documents
    from att_docs.records.provenance import unit_states

    (doc,) = load_documents(paper, TEMPLATES)
    return unit_states(doc, "zh")[unit].state


@pytest.mark.parametrize("source", RECORD_SOURCES, ids=range(len(RECORD_SOURCES)))
def test_records_of_hostile_originals_read_back(source: str, conference_copy: Path) -> None:
    """``translated`` records the original text each translation was made from: an
    original that looks like YAML syntax is written so that it reads back as it is."""
    paper = conference_copy / PAPER
    en = paper / "en.md"
    escaped = "".join("\\" + c if c in "`*#-!&[]<>_" else c for c in source)
    en.write_text(en.read_text(encoding="utf-8").replace(
        "{#appointment}", "{#appointment} " + escaped, 1), encoding="utf-8")
    assert _state(paper, "appointment") == "stale"
    result = cli("translated", paper, "--lang", "zh", "appointment", "--templates", TEMPLATES)
    _fine(result)
    assert result.exit_code == 0, result.stderr
    assert _state(paper, "appointment") == "translated"


BROKEN_RECORDS = {
    "record-is-a-folder": lambda p: (p / ".translations" / "zh.yaml").unlink() or (
        p / ".translations" / "zh.yaml").mkdir(),
    "records-folder-is-a-file": lambda p: shutil.rmtree(p / ".translations") or (
        p / ".translations").write_text("x\n", encoding="utf-8"),
    "record-is-a-dangling-link": lambda p: (p / ".translations" / "zh.yaml").unlink() or (
        p / ".translations" / "zh.yaml").symlink_to("/nonexistent/zh.yaml"),
    "staging-is-a-file": lambda p: (p / ".att-docs-write").write_text("x", encoding="utf-8"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_RECORDS))
def test_translated_over_broken_records(name: str, conference_copy: Path) -> None:
    paper = conference_copy / PAPER
    BROKEN_RECORDS[name](paper)
    before = tree(conference_copy)
    result = cli("translated", paper, "--lang", "zh", "--templates", TEMPLATES)
    _fine(result)
    if result.exit_code:
        assert tree(conference_copy) == before
    else:
        assert (paper / ".translations" / "zh.yaml").is_file()
        assert not (paper / ".att-docs-write").exists()


# ---------------------------------------------------------------- kills

@pytest.mark.slow
@pytest.mark.parametrize("writer", WRITERS)
def test_random_kills(writer: str, kill_inputs: Path) -> None:
    """Each writer killed at random moments (in a process of its own, which forks the
    writer): every paper old or new after recovery."""
    outcomes = run_in_a_process(writer, kill_inputs, kills=3, seed=23)["random"]
    assert all(o["state"] in ("old", "new") and not o["leftovers"] for o in outcomes), \
        outcomes
