"""Whatever att-docs writes into the content, it reads back as written: imports refuse
what the reader would refuse (with the unit and the input's place), frame values stay
one line of text, and a write changes nothing it was not asked to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from docxtext import paragraphs
from fuzzlib import ERROR_LINE, cli, tree
from lxml import etree
from worddrafts import linked_picture_draft, nested_note_draft, numbered_draft

PAPER = "wgtu-report"
TEMPLATES = ROOT / "templates"


def _one_error(result, code: int = 1) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ERROR_LINE.match(lines[0]), result.stderr
    return lines[0]


# ---------------------------------------------------------------- XLIFF

@pytest.fixture
def exported(conference_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    result = cli("xliff", "export", conference_copy / PAPER, "-t", "zh", "-o", tmp_path / "x",
                 "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    return conference_copy, next((tmp_path / "x").glob("*.xlf"))


def _set_targets(path: Path, targets: dict[str, str]) -> dict[str, int]:
    """Replace the targets of the units named; their lines in the file."""
    doc = etree.parse(str(path))
    found: dict[str, object] = {}
    for unit in doc.iter("{*}trans-unit"):
        if unit.get("id") in targets:
            target = unit.find("{*}target")
            for child in list(target):
                target.remove(child)
            target.text = targets[unit.get("id")]
            found[unit.get("id")] = unit
    assert set(found) == set(targets), set(targets) - set(found)
    doc.write(str(path), xml_declaration=True, encoding="UTF-8")
    again = etree.parse(str(path))
    return {u.get("id"): u.sourceline for u in again.iter("{*}trans-unit")
            if u.get("id") in targets}


def _import(conference: Path, path: Path, *options: str):
    return cli("xliff", "import", path, "--content", conference, "--templates", TEMPLATES,
               *options)


def _refused_unit(result, path: Path, line: int, unit: str) -> str:
    """A partial import's refusal of ``unit``: its own line, at the unit's line in the
    file, then the summary; exit 1."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.exit_code == 1, (result.exit_code, result.stderr, result.stdout)
    found = [x for x in result.stderr.splitlines() if x.startswith(f"{path}:{line}: ")]
    assert len(found) == 1 and f": {unit}: refused: " in found[0], result.stderr
    assert "1 unit refused" in result.stderr.strip().splitlines()[-1], result.stderr
    return found[0]


BAD_TARGETS = [
    ("title", "标题\u202e反向", "U+202E"),
    ("submitted_by", "主席\u0085团", "U+0085"),
    ("appointment", "背景\ufdd0文字", "U+FDD0"),
    ("appointment-heading", "第一行\u2028第二行", "one line"),  # a heading
    ("title", "第一行\u2028::: symbol\u2028伪造", "one line"),
    ("purpose", "文字 [^1] 不是脚注", "[^1]"),
    ("purpose", "长" * 340_000, "1,000,000"),
]


@pytest.mark.parametrize("whole", [False, True], ids=["partial", "all-or-nothing"])
@pytest.mark.parametrize("unit,text,says", BAD_TARGETS,
                         ids=[f"{c[0]}-{c[2]}" for c in BAD_TARGETS])
def test_xliff_targets_the_reader_would_refuse_are_refused_with_unit_and_line(
        unit: str, text: str, says: str, whole: bool, exported: tuple[Path, Path]) -> None:
    conference, path = exported
    lines = _set_targets(path, {unit: text})
    before = tree(conference)
    if whole:
        line = _one_error(_import(conference, path, "--all-or-nothing"))
        assert f"{path.name}:{lines[unit]}:" in line, line
    else:
        line = _refused_unit(_import(conference, path), path, lines[unit], unit)
    assert unit in line and says in line, line
    assert tree(conference) == before
    assert cli("build", conference, "-o", conference.parent / "out", "-f", "docx", "-l",
               "zh", "-q", "-j", "1", "--templates", TEMPLATES).exit_code == 0


def test_a_newline_in_an_xliff_title_is_a_soft_break(exported: tuple[Path, Path]) -> None:
    """A CAT tool's line break (``\n``) in a target is read as the language's Markdown
    reads one: the title stays one line, its ':::' plain text."""
    from ruamel.yaml import YAML

    conference, path = exported
    _set_targets(path, {"title": "第一行\n::: symbol\n伪造"})
    result = _import(conference, path)
    assert result.exit_code == 0, result.stderr
    data = YAML(typ="safe", pure=True).load((conference / PAPER / "paper.yaml").read_text("utf-8"))
    assert data["title"]["zh"] == "第一行::: symbol伪造"


def test_a_line_separator_in_one_paragraph_survives_the_next_import(
        exported: tuple[Path, Path]) -> None:
    """U+2028 inside a target is a hard break (written as Markdown's), not a line end of
    the file: a later export and import of another unit keeps it where it was."""
    conference, path = exported
    _set_targets(path, {"purpose": "第一句\u2028第二句。"})
    assert _import(conference, path).exit_code == 0
    zh = conference / PAPER / "zh.md"
    first = zh.read_text(encoding="utf-8")
    assert "{#purpose} 第一句\\\n第二句。" in first  # written as Markdown's hard break
    again = path.parent.parent / "again"
    assert cli("xliff", "export", conference / PAPER, "-t", "zh", "-o", again,
               "--templates", TEMPLATES).exit_code == 0
    path = next(again.glob("*.xlf"))
    _set_targets(path, {"appointment": "另一段的新译文。"})
    assert _import(conference, path).exit_code == 0
    second = zh.read_text(encoding="utf-8")
    assert "{#purpose} 第一句\\\n第二句。" in second
    assert len(second.split("\n")) == len(first.split("\n"))  # no line added elsewhere
    from att_docs.readers.markdown import read_prose

    read = read_prose(zh, "zh").blocks
    assert next(b for b in read if b.id == "purpose").text.plain() == "第一句\n第二句。"


@pytest.mark.parametrize("whole", [False, True], ids=["partial", "all-or-nothing"])
def test_a_paper_that_would_not_read_back_is_refused_whole(
        whole: bool, conference_copy: Path, tmp_path: Path, monkeypatch) -> None:
    """Two papers imported at once, one of which would not read back from its staged
    files: that one is refused whole, named with its file, and the other is written
    (with --all-or-nothing, neither)."""
    import att_docs.exchange.content_writer as content_writer
    from att_docs.base.errors import ContentError

    assert cli("xliff", "export", conference_copy, "-t", "zh", "-o", tmp_path / "x",
               "--templates", TEMPLATES).exit_code == 0
    files = {p.name.split("_")[4]: p for p in (tmp_path / "x").glob("*.xlf")}
    _set_targets(files["763"], {"purpose": "新的译文。"})
    _set_targets(files["761"], {"mandate": "新的译文。"})
    real = content_writer.read_back

    def refuse_wgtu(shadow, paper, *args, **kwargs):
        if paper.name == PAPER:
            raise ContentError("would not read back (simulated); nothing written",
                               files["763"], 3)
        return real(shadow, paper, *args, **kwargs)

    monkeypatch.setattr(content_writer, "read_back", refuse_wgtu)
    before = tree(conference_copy)
    result = cli("xliff", "import", *files.values(), "--content", conference_copy,
                 "--templates", TEMPLATES, *(["--all-or-nothing"] if whole else []))
    assert result.exit_code == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{files['763']}:3: would not read back (simulated)" in result.stderr
    after = tree(conference_copy)
    assert {k: v for k, v in after.items() if k.startswith(PAPER)} == \
        {k: v for k, v in before.items() if k.startswith(PAPER)}
    other = conference_copy / "mc-programme-of-work" / "zh.md"
    assert ("新的译文。" in other.read_text(encoding="utf-8")) is not whole
    if whole:
        assert after == before
    else:
        assert "1 file refused whole" in result.stderr.splitlines()[-1], result.stderr
        assert not any(".att-docs-write" in k for k in after)


def test_crlf_files_keep_crlf(exported: tuple[Path, Path]) -> None:
    conference, path = exported
    zh = conference / PAPER / "zh.md"
    zh.write_bytes(zh.read_bytes().replace(b"\n", b"\r\n"))
    paper_yaml = conference / PAPER / "paper.yaml"
    paper_yaml.write_bytes(paper_yaml.read_bytes().replace(b"\n", b"\r\n"))
    before_lines = zh.read_bytes().split(b"\r\n")
    _set_targets(path, {"purpose": "新的译文。", "title": "新标题"})
    result = _import(conference, path)
    assert result.exit_code == 0, result.stderr
    for changed in (zh, paper_yaml):
        data = changed.read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n"), changed
    after_lines = zh.read_bytes().split(b"\r\n")
    assert len(after_lines) == len(before_lines)
    assert sum(a != b for a, b in zip(after_lines, before_lines, strict=True)) == 1


# ---------------------------------------------------------------- Word

DRAFTS = {
    "bidi": (["The Group \u202emet\u202c today.", "It talked."], "21 July 2023",
             "paragraph 7", "U+202E"),
    "c1-control": (["The Group\u0085 met.", "It talked."], "21 July 2023", "paragraph 7",
                   "U+0085"),
    "noncharacter": (["The Group \ufdd0 met.", "It talked."], "21 July 2023",
                     "paragraph 7", "U+FDD0"),
    "literal-note": (["It talked.", "The Group met [^1] twice."], "21 July 2023",
                     "paragraph 8", "[^1]"),
    "year-2999": (["The Group met.", "It talked."], "21 July 2999", "", "2199"),
    "too-long": (["x" * 1_100_000, "It talked."], "21 July 2023", "paragraph 7",
                 "1,000,000"),
}


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_word_drafts_the_reader_would_refuse_are_refused_with_their_place(
        name: str, empty_conference: Path, tmp_path: Path) -> None:
    paras, date, place, says = DRAFTS[name]
    draft = numbered_draft(tmp_path / f"{name}.docx", paras, date)
    line = _one_error(cli("import", draft, "--conference", empty_conference, "--id", "p",
                          "--templates", TEMPLATES))
    assert line.startswith(f"att-docs: error: {draft}: ") and says in line, line
    assert place in line
    assert sorted(p.name for p in empty_conference.iterdir()) == ["conference.yaml"]


def test_a_footnote_inside_a_footnote_is_refused(empty_conference: Path,
                                                 tmp_path: Path) -> None:
    draft = nested_note_draft(tmp_path / "nested.docx")
    line = _one_error(cli("import", draft, "--conference", empty_conference, "--id", "p",
                          "--templates", TEMPLATES))
    assert "footnote 1 cites footnote 2" in line and "note inside a note" in line, line


def test_a_subtitle_with_line_breaks_and_block_markers_stays_one_line(
        empty_conference: Path, tmp_path: Path) -> None:
    """Word's Shift+Enter in a subtitle, with ':::' lines: one line of text in the paper,
    and in the built DOCX no extra frame line (a fake symbol)."""
    draft = numbered_draft(tmp_path / "subtitle.docx", ["The Group met.", "It talked."],
                           subtitle=["First line", ":::", "", "::: symbol",
                                     "FAKE/SYMBOL", ":::"])
    result = cli("import", draft, "--conference", empty_conference, "--id", "p",
                 "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    assert "subtitle" in result.stderr and "one line" in result.stderr
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(empty_conference / "p" / "paper.yaml")
    assert "\n" not in data["subtitle"]["en"] and "FAKE/SYMBOL" in data["subtitle"]["en"]
    out = tmp_path / "out"
    assert cli("build", empty_conference, "-o", out, "-f", "docx", "-l", "en", "-q", "-j", "1",
               "--templates", TEMPLATES).exit_code == 0
    lines = paragraphs(next(out.glob("*.en.docx")))
    assert not any(line.strip() == "FAKE/SYMBOL" for line in lines), lines
    assert sum("FAKE/SYMBOL" in line for line in lines) == 1


def test_a_frame_value_written_by_hand_cannot_open_a_frame_line(conference_copy: Path,
                                                                tmp_path: Path) -> None:
    """The frame escapes by construction: a subtitle with line breaks and ':::' typed
    into paper.yaml is one line of the built DOCX and PDF."""
    paper_yaml = conference_copy / PAPER / "paper.yaml"
    text = paper_yaml.read_text(encoding="utf-8")
    fake = '"First line\\n:::\\n\\n::: symbol\\nFAKE/SYMBOL\\n:::\\n\\n# Heading"'
    old = "  en: Co-chairs' Draft Report to CSP9"
    assert old in text
    paper_yaml.write_text(text.replace(old, f"  en: {fake}"), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", conference_copy, "-o", out, "-l", "en", "-q", "-j", "1",
                 "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    docx_lines = paragraphs(next(out.glob("*_763_*.en.docx")))
    assert not any(line.strip() in ("FAKE/SYMBOL", "Heading") for line in docx_lines)
    import subprocess

    pdf = subprocess.run(["pdftotext", "-layout", str(next(out.glob("*_763_*.en.pdf"))),
                          "-"], capture_output=True, text=True, check=True).stdout
    assert not any(line.strip() == "FAKE/SYMBOL" for line in pdf.splitlines())
    assert any("First line" in line and "FAKE/SYMBOL" in line for line in pdf.splitlines())


def test_a_linked_picture_draws_a_warning(empty_conference: Path, tmp_path: Path) -> None:
    draft = linked_picture_draft(tmp_path / "picture.docx")
    result = cli("import", draft, "--conference", empty_conference, "--id", "p",
                 "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    assert "linked picture" in result.stderr and "The Group met." in result.stderr
    assert "example.org/chart.png" in result.stderr


@pytest.fixture(scope="module")
def built_zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = cli("build", CONTENT, "-o", out, "-f", "docx", "-l", "zh",
                 "-q", "-j", "1", "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    return next(out.glob("*_763_*.zh.docx"))


def test_an_unchanged_translation_import_changes_no_file(conference_copy: Path,
                                                         built_zh: Path) -> None:
    """The paper's own Chinese DOCX imported into it: no text, list or quote rewritten."""
    before = tree(conference_copy)
    result = cli("import", built_zh, "--into", conference_copy / PAPER, "--lang", "zh",
                 "--templates", TEMPLATES)
    assert result.exit_code == 0, result.stderr
    assert "wrote 0 texts" in result.stdout
    assert tree(conference_copy) == before
