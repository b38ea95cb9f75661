"""att-docs import: Word drafts and Word translations, read back with the content reader."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONTENT, require_tools, safe_load
from ruamel.yaml import YAML
from worddrafts import (
    FOOTNOTE,
    ITEMS,
    LABELS,
    LEAD,
    PARAGRAPHS,
    SUBS,
    TABLES,
    W,
    libreoffice_docx,
    odt_draft,
    python_docx_draft,
)
from wordutil import read_back, unit_ids, units_in_order

from att_docs.base.paths import PACKAGE_ROOT
from att_docs.cli.main import main
from att_docs.document.model import DecisionList, Paragraph, Table

CSP9 = CONTENT
LANGUAGES = safe_load((CSP9 / "conference.yaml").read_text())["languages"]
PAPERS = {"wgtu-report": "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep",
          "mc-programme-of-work": "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process of its own (exit codes and stderr as users see them)."""
    return subprocess.run([sys.executable, "-m", "att_docs", *args], capture_output=True,
                          text=True, cwd=PACKAGE_ROOT, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    done = run("build", str(CSP9), "-o", str(out), "-f", "docx", "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def conference(tmp_path: Path) -> Path:
    folder = tmp_path / "csp9"
    folder.mkdir()
    shutil.copy(CSP9 / "conference.yaml", folder)
    return folder


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def import_paper(built: Path, conference: Path, paper: str) -> Path:
    doc_type = safe_load((CSP9 / paper / "paper.yaml").read_text())["type"]
    stem = PAPERS[paper]
    done = run("import", str(built / f"{stem}.en.docx"), "--conference", str(conference),
               "--id", paper, "--type", doc_type)
    assert done.returncode == 0, done.stderr
    for lang in LANGUAGES[1:]:
        done = run("import", str(built / f"{stem}.{lang}.docx"), "--into",
                   str(conference / paper), "--lang", lang)
        assert done.returncode == 0, done.stderr
    return conference / paper


@pytest.mark.slow
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_round_trip_of_the_csp9_papers(built: Path, conference: Path, paper: str) -> None:
    imported = import_paper(built, conference, paper)
    original, again = read_back(CSP9 / paper), read_back(imported)
    for lang in LANGUAGES:
        expected, got = units_in_order(original, lang), units_in_order(again, lang)
        assert len(got) == len(expected)
        for index, (want, have) in enumerate(zip(expected, got, strict=True)):
            assert have == want, f"{lang} unit {index}"
    assert [p.label for p in again.parts] == [p.label for p in original.parts]
    out = conference.parent / "out"
    done = run("build", str(conference), "-o", str(out), "-f", "docx", "-q")
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_reimport_keeps_ids_and_translations(built: Path, tmp_path: Path, paper: str) -> None:
    """Its own DOCX imported over a copy of the example paper: hand-written ids survive."""
    conference = tmp_path / "csp9"
    shutil.copytree(CSP9, conference)
    issued = conference / paper / ".issued" / "Conf.Rep"  # what was distributed stays
    issued.mkdir(parents=True)
    (issued / "issue.yaml").write_text("symbol: as issued\n", encoding="utf-8")
    done = run("import", str(built / f"{PAPERS[paper]}.en.docx"), "--conference",
               str(conference), "--id", paper)
    assert done.returncode == 0, done.stderr
    assert (issued / "issue.yaml").read_text(encoding="utf-8") == "symbol: as issued\n"
    assert "units:" not in done.stdout  # nothing new, changed or gone
    records = sorted(p.name for p in (CSP9 / paper / ".translations").glob("*.yaml"))
    assert sorted(p.name for p in (conference / paper / ".translations").glob("*.yaml")) \
        == records
    before, after = read_back(CSP9 / paper), read_back(conference / paper)
    assert unit_ids(after) == unit_ids(before)
    assert [p.type for p in after.parts] == [p.type for p in before.parts]
    for lang in LANGUAGES:
        assert units_in_order(after, lang) == units_in_order(before, lang)


def test_reimport_reports_new_changed_and_gone(conference: Path, tmp_path: Path) -> None:
    first = python_docx_draft(tmp_path / "v1.docx", typed=True)
    assert run("import", str(first), "--conference", str(conference), "--id", "p").returncode == 0
    ids = unit_ids(read_back(conference / "p"))
    import docx

    revised = docx.Document(str(first))
    target = next(p for p in revised.paragraphs if p.text.startswith("3. "))
    target.runs[0].text = "3. A new third paragraph."
    revised.save(str(tmp_path / "v2.docx"))
    done = run("import", str(tmp_path / "v2.docx"), "--conference", str(conference), "--id", "p")
    assert done.returncode == 0, done.stderr
    assert "0 new, 1 changed, 0 gone" in done.stdout
    assert unit_ids(read_back(conference / "p")) == ids  # the changed paragraph kept its id
    removed = docx.Document(str(tmp_path / "v2.docx"))
    gone = next(p for p in removed.paragraphs if p.text.startswith("3. "))
    gone._p.getparent().remove(gone._p)
    removed.add_paragraph("3. A paragraph at the end.")
    removed.save(str(tmp_path / "v3.docx"))
    done = run("import", str(tmp_path / "v3.docx"), "--conference", str(conference), "--id", "p")
    assert done.returncode == 0, done.stderr
    assert "1 new, 0 changed, 1 gone" in done.stdout
    again = unit_ids(read_back(conference / "p"))
    assert len(set(ids) - set(again)) == 1 and len(set(again) - set(ids)) == 1


def check_draft(paper: Path) -> None:
    doc = read_back(paper)
    meta = safe_load((paper / "paper.yaml").read_text())
    assert meta["symbol"] == "ATT/CSP9.WGTU/2023/CHAIR/790/Conf.Rep"
    assert str(meta["date"]) == "2023-07-21"
    assert meta["submitted_by"]["en"] == "Chair of the Working Group"
    assert meta["title"]["en"] == "Report of the Working Group"
    numbered = [b for b in doc.main.blocks if isinstance(b, Paragraph) and b.numbered]
    assert [p.text["en"].plain() for p in numbered] == PARAGRAPHS
    assert [s.text["en"].plain() for s in numbered[1].subparagraphs] == SUBS
    note = numbered[0].text["en"].inlines[-1]
    assert doc.footnotes[note.id].text["en"].plain() == FOOTNOTE
    tables = [b for b in doc.main.blocks if isinstance(b, Table)]
    assert [t.title["en"].plain() for t in tables] == [t for t, _ in TABLES]
    assert len({t.id.split(".")[0] for t in tables}) == 1  # one set: same row labels
    for table, (_, cells) in zip(tables, TABLES, strict=True):
        assert [r.label["en"].plain() for r in table.rows] == LABELS
        assert [r.cells[0].text["en"].plain() for r in table.rows] == cells
    decisions = [b for b in doc.main.blocks if isinstance(b, DecisionList)]
    assert [g.lead["en"].plain() for g in decisions[0].groups] == [LEAD]
    assert [i.text["en"].plain() for i in decisions[0].groups[0].items] == ITEMS


@pytest.mark.parametrize("typed", [False, True], ids=["list-number-styles", "typed-numbers"])
def test_python_docx_drafts(conference: Path, tmp_path: Path, typed: bool) -> None:
    draft = python_docx_draft(tmp_path / "draft.docx", typed)
    done = run("import", str(draft), "--conference", str(conference), "--id", "draft")
    assert done.returncode == 0, done.stderr
    check_draft(conference / "draft")


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_draft_from_odt(conference: Path, tmp_path: Path) -> None:
    require_tools("soffice")
    draft = libreoffice_docx(odt_draft(tmp_path / "draft.odt"), tmp_path)
    done = run("import", str(draft), "--conference", str(conference), "--id", "draft")
    assert done.returncode == 0, done.stderr
    check_draft(conference / "draft")


def test_dry_run_writes_nothing(conference: Path, tmp_path: Path) -> None:
    draft = python_docx_draft(tmp_path / "draft.docx", typed=True)
    before = tree_digest(conference)
    done = run("import", str(draft), "--conference", str(conference), "--dry-run")
    assert done.returncode == 0 and "would write" in done.stdout
    assert tree_digest(conference) == before


def test_missing_masthead_field_is_named(conference: Path, tmp_path: Path) -> None:
    import docx

    draft = docx.Document(str(python_docx_draft(tmp_path / "d.docx", typed=True)))
    line = next(p for p in draft.paragraphs if p.text.startswith("Submitted by"))
    line._p.getparent().remove(line._p)
    draft.save(str(tmp_path / "d.docx"))
    done = run("import", str(tmp_path / "d.docx"), "--conference", str(conference), "--id", "d")
    assert done.returncode == 0, done.stderr
    assert "warning: submitted_by not found in the draft" in done.stderr
    read_back(conference / "d")  # still a readable paper


# ----------------------------------------------------------------------------- refusals


def encrypted(source: Path, target: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as fh, target.open("wb") as out:
        OOXMLFile(fh).encrypt("secret", out)
    return target


def corrupt(target: Path) -> Path:
    target.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    return target


def not_docx(target: Path) -> Path:
    target.write_text("Just some text, not a Word file.\n")
    return target


def unnumbered(target: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_heading("Introduction", level=1)
    doc.add_paragraph("A paragraph without a number.")
    doc.save(str(target))
    return target


def pending_change(target: Path) -> Path:
    python_docx_draft(target, typed=True)
    with zipfile.ZipFile(target) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    insertion = ('<w:ins w:id="901" w:author="Editor" w:date="2023-07-01T00:00:00Z">'
                 '<w:r><w:t xml:space="preserve"> Inserted.</w:t></w:r></w:ins>')
    at = xml.index("The Working Group met twice.")
    at = xml.index("</w:r>", at) + len("</w:r>")
    parts["word/document.xml"] = (xml[:at] + insertion + xml[at:]).encode()
    assert W in xml
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return target


@pytest.mark.parametrize("make, message", [
    (lambda d: encrypted(python_docx_draft(d / "plain.docx", True), d / "locked.docx"),
     "password-protected"),
    (lambda d: corrupt(d / "broken.docx"), "damaged DOCX"),
    (lambda d: not_docx(d / "notes.docx"), "not a DOCX file"),
    (lambda d: unnumbered(d / "plain.docx"), "no numbered paragraphs"),
    (lambda d: pending_change(d / "changed.docx"), "still pending (first at"),
], ids=["encrypted", "corrupt", "not-docx", "no-numbers", "pending-changes"])
def test_bad_drafts_are_refused(conference: Path, tmp_path: Path, make, message: str) -> None:
    draft = make(tmp_path)
    before = tree_digest(conference)
    done = run("import", str(draft), "--conference", str(conference))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"att-docs: error: {draft}")
    assert message in lines[0] and "Traceback" not in done.stderr
    assert tree_digest(conference) == before


def test_accept_changes_applies_them(conference: Path, tmp_path: Path) -> None:
    draft = pending_change(tmp_path / "changed.docx")
    done = run("import", str(draft), "--conference", str(conference), "--id", "p",
               "--accept-changes")
    assert done.returncode == 0, done.stderr
    first = next(b for b in read_back(conference / "p").main.blocks
                 if isinstance(b, Paragraph) and b.numbered)
    assert first.text["en"].plain() == "The Working Group met twice. Inserted."
    assert "1 pending tracked change accepted" in done.stderr


def test_bold_lines_are_headings_and_numbers_run_on(conference: Path, tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("ATT/CSP9/2023/SEC/791/Conf.Rep")
    doc.add_paragraph("A Title")
    doc.add_paragraph().add_run("I. INTRODUCTION").bold = True
    doc.add_paragraph("1. First.")
    doc.add_paragraph().add_run("II. WORK DONE").bold = True
    doc.add_paragraph("2. Second.")
    doc.add_paragraph().add_run("Decides:").bold = True
    doc.add_paragraph("To act.", style="List Bullet")
    doc.save(str(tmp_path / "bold.docx"))
    done = run("import", str(tmp_path / "bold.docx"), "--conference", str(conference),
               "--id", "b")
    assert done.returncode == 0, done.stderr
    paper = read_back(conference / "b")
    kinds = [(type(b).__name__, b.text["en"].plain() if hasattr(b, "text") else "")
             for b in paper.main.blocks]
    assert kinds[:4] == [("Heading", "I. INTRODUCTION"), ("Paragraph", "First."),
                         ("Heading", "II. WORK DONE"), ("Paragraph", "Second.")]
    assert isinstance(paper.main.blocks[4], DecisionList)
    assert "warning: date not found" in done.stderr
    assert "warning: submitted_by not found" in done.stderr


@pytest.mark.slow
def test_mismatched_translation_is_refused(built: Path, conference: Path) -> None:
    paper = import_paper(built, conference, "mc-programme-of-work")
    before = tree_digest(conference)
    wrong = built / f"{PAPERS['wgtu-report']}.zh.docx"
    done = run("import", str(wrong), "--into", str(paper), "--lang", "zh")
    assert done.returncode == 1
    assert "structure differs" in done.stderr and "Traceback" not in done.stderr
    places = [line for line in done.stderr.splitlines() if line.startswith("  paper: ")]
    assert places and all(" | translation: " in line for line in places)
    assert tree_digest(conference) == before


def test_translation_missing_a_paragraph_lists_both_sides(conference: Path,
                                                          tmp_path: Path) -> None:
    import docx

    draft = python_docx_draft(tmp_path / "d.docx", typed=True)
    assert run("import", str(draft), "--conference", str(conference), "--id", "p").returncode == 0
    short = docx.Document(str(draft))
    gone = next(p for p in short.paragraphs if p.text.startswith("3. "))
    gone._p.getparent().remove(gone._p)
    short.save(str(tmp_path / "short.docx"))
    before = tree_digest(conference)
    done = run("import", str(tmp_path / "short.docx"), "--into", str(conference / "p"),
               "--lang", "zh")
    assert done.returncode == 1
    assert "paragraph at en.md:" in done.stderr and "A third paragraph" in done.stderr
    assert "translation: nothing" in done.stderr
    assert tree_digest(conference) == before


def test_usage_errors() -> None:
    result = CliRunner().invoke(main, ["import", "x.docx", "--into", "somewhere"])
    assert result.exit_code == 2 and "--lang" in result.output


def test_what_cannot_be_kept_is_warned_with_its_place(conference: Path,
                                                      tmp_path: Path) -> None:
    from worddrafts import draft_with_extras

    draft = draft_with_extras(tmp_path / "extras.docx")
    before = tree_digest(conference)
    done = run("import", str(draft), "--conference", str(conference), "--id", "x",
               "--dry-run")
    assert done.returncode == 0, done.stderr
    assert tree_digest(conference) == before
    warnings = [line for line in done.stderr.splitlines()
                if line.startswith("att-docs: warning: ")]
    expected = {
        "an image cannot be imported": "paragraph",
        "a comment by Reviewer is not kept": "paragraph",
        "underline is not kept": "paragraph",
        "a text box ('Boxed remark.')": "the paragraph '3. A third paragraph after the heading.'",
        "not an element table": "table 3",
    }
    for message, place in expected.items():
        hits = [w for w in warnings if message in w]
        assert hits, f"no warning {message!r} in {warnings}"
        assert place in hits[0]
    done = run("import", str(draft), "--conference", str(conference), "--id", "x")
    assert done.returncode == 0, done.stderr
    doc = read_back(conference / "x")
    texts = [b.text["en"].plain() for b in doc.main.blocks if isinstance(b, Paragraph)]
    assert "cell 1.2" in texts  # the other table's cells are kept as paragraphs
    assert "Check this figure." not in " ".join(texts)


def test_english_only_copy_gets_its_translation_back(built: Path, tmp_path: Path) -> None:

    from att_docs.document.units import texts_by_id

    conference = tmp_path / "csp9"
    shutil.copytree(CSP9, conference)
    paper = conference / "wgtu-report"
    yaml_rt = YAML()
    for path in paper.rglob("*"):
        if path.name == "zh.md":
            path.unlink()
        elif path.suffix == ".yaml":
            data = yaml_rt.load(path)

            def strip(node: object) -> None:
                if isinstance(node, dict):
                    node.pop("zh", None)
                    for value in node.values():
                        strip(value)
                elif isinstance(node, list):
                    for value in node:
                        strip(value)

            strip(data)
            yaml_rt.dump(data, path)
    done = run("import", str(built / f"{PAPERS['wgtu-report']}.zh.docx"), "--into",
               str(paper), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    original, restored = read_back(CSP9 / "wgtu-report"), read_back(paper)
    want, got = texts_by_id(original, "zh"), texts_by_id(restored, "zh")
    assert sorted(got) == sorted(want)
    notes_want = units_in_order(original, "zh")
    assert units_in_order(restored, "zh") == notes_want
    for unit_id, text in want.items():
        assert got[unit_id].plain() == text.plain(), unit_id
    from att_docs.records.provenance import read_record, text_hash

    record = read_record(paper, "zh")  # what each translation was made from
    english = texts_by_id(original, "en")
    assert set(record.units) == set(want)
    assert all(record.units[uid][0] == text_hash(english[uid].plain()) for uid in want)
    comments = [line for line in (paper / "annex-a" / "tables.yaml").read_text().splitlines()
                if line.startswith("#")]
    assert comments == [line for line in (CSP9 / "wgtu-report" / "annex-a" / "tables.yaml")
                        .read_text().splitlines() if line.startswith("#")]


def test_a_title_clash_never_overwrites_another_paper(conference: Path, tmp_path: Path) -> None:
    import docx

    first = python_docx_draft(tmp_path / "one.docx", typed=True)
    assert run("import", str(first), "--conference", str(conference)).returncode == 0
    other = docx.Document(str(first))
    other.paragraphs[0].runs[0].text = "ATT/CSP9.WGTU/2023/CHAIR/799/Conf.Rep"
    other.save(str(tmp_path / "two.docx"))
    before = tree_digest(conference)
    done = run("import", str(tmp_path / "two.docx"), "--conference", str(conference))
    assert done.returncode == 1
    assert "already holds another paper (ATT/CSP9.WGTU/2023/CHAIR/790/Conf.Rep)" in done.stderr
    assert tree_digest(conference) == before
