"""Issue a paper, revise it, build: the .Rev1 files and their redlines in every language,
read back from what the commands wrote (Word's XML, LibreOffice, poppler, pdfplumber)."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from buildutil import att_docs, build, snapshot
from conftest import CONTENT, TEMPLATES, require_tools, safe_load
from lxml import etree
from test_redline_diff import NEW_PARAGRAPH, the_edit

PAPER = "wgtu-report"
BASE = "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
STEM = "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.Rev1"
LANGS = ("en", "zh", "fr")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EDIT = {"en": ("formally ", "best "), "zh": ("正式", "最佳")}
MARKS = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")


@dataclass
class Revision:
    content: Path  # the conference copy
    out: Path  # its built set
    issue_output: str
    first_build: dict[str, str]  # the original's files and their SHA-256


def edit_prose(paper: Path) -> None:
    files = {lang: (paper / f"{lang}.md").read_text(encoding="utf-8") for lang in LANGS}
    the_edit(files)
    for lang, text in files.items():
        (paper / f"{lang}.md").write_text(text, encoding="utf-8")


def run(*args: str | Path) -> str:
    proc = att_docs(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def revision(tmp_path_factory: pytest.TempPathFactory) -> Revision:
    """The example built and its WGTU report issued; then one English and Chinese
    paragraph edited, a paragraph inserted early, the report revised, the Chinese
    translation recorded (the French is not) and the conference built again."""
    root = tmp_path_factory.mktemp("revision")
    content, out = root / "csp9", root / "out" / "csp9"
    shutil.copytree(CONTENT, content)
    build(content, out)
    first = {p.name: snapshot(out)[p.name][0] for p in out.iterdir()
             if p.name.startswith(BASE.replace("/", "_") + ".")}
    issued = run("issue", content / PAPER, "-o", out)
    edit_prose(content / PAPER)
    run("revise", content / PAPER, "--date", "2023-08-22")
    run("translated", content / PAPER, "--lang", "zh")
    build(content, out)
    return Revision(content, out, issued, first)


def body(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def texts(element: etree._Element, tag: str) -> list[str]:
    return ["".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))
            for mark in element.iter(f"{W}{tag}") if mark.getparent().tag != f"{W}rPr"]


# --------------------------------------------------------------------------- issue


def test_issue_records_the_paper_as_distributed(revision: Revision) -> None:
    folder = revision.content / PAPER / ".issued" / "Conf.Rep"
    record = safe_load((folder / "issue.yaml").read_text(encoding="utf-8"))
    assert record["symbol"] == BASE and record["revision"] == 0
    assert str(record["issued"]) == str(record["date"]) == "2023-07-21"
    assert record["files"] == revision.first_build and len(record["files"]) == 6
    assert "6 built files recorded" in revision.issue_output
    original = CONTENT / PAPER
    for rel in ("paper.yaml", "en.md", "zh.md", "fr.md", "annex-a/annex.yaml",
                "annex-a/tables.yaml", "annex-a/decisions.yaml", ".translations/zh.yaml"):
        assert (folder / rel).read_bytes() == (original / rel).read_bytes(), rel


def test_revise_changes_the_symbol_and_date_and_nothing_else(revision: Revision) -> None:
    before = (CONTENT / PAPER / "paper.yaml").read_text(encoding="utf-8").splitlines()
    after = (revision.content / PAPER / "paper.yaml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(f"symbol: {BASE}", f"symbol: {BASE}.Rev1"),
                       ("date: 2023-07-21", "date: 2023-08-22")]


def test_the_rev1_files_carry_the_new_symbol(revision: Revision) -> None:
    require_tools("pdftotext")
    names = sorted(p.name for p in revision.out.iterdir() if "_763_" in p.name)
    assert names == sorted(f"{STEM}.{lang}.{kind}{fmt}" for lang in LANGS
                           for kind in ("", "redline.") for fmt in ("docx", "pdf"))
    for lang in LANGS:
        for kind in ("", "redline."):
            header = etree.tostring(body(revision.out / f"{STEM}.{lang}.{kind}docx",
                                         "word/header1.xml"), encoding="unicode")
            assert f"{BASE}.Rev1" in header
            pdf = subprocess.run(["pdftotext", revision.out / f"{STEM}.{lang}.{kind}pdf", "-"],
                                 capture_output=True, text=True, check=True).stdout
            assert "Conf.Rep.Rev1" in pdf


# --------------------------------------------------------------------------- the DOCX


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_docx_redline_marks_the_edit_and_nothing_else(revision: Revision, lang) -> None:
    root = body(revision.out / f"{STEM}.{lang}.redline.docx")
    marked = [p for p in root.iter(f"{W}p")
              if next(p.iter(*(f"{W}{m}" for m in MARKS)), None) is not None]
    assert len(marked) == 2
    new, changed = marked
    # the new paragraph is one insertion: its text and its paragraph mark
    assert texts(new, "ins") == [NEW_PARAGRAPH[lang]] and texts(new, "del") == []
    assert new.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    assert new.find(f"{W}pPr/{W}numPr") is not None  # a numbered paragraph
    # the edited paragraph holds exactly the inserted and the deleted word
    inserted, deleted = EDIT[lang]
    assert texts(changed, "ins") == [inserted] and texts(changed, "del") == [deleted]
    assert changed.find(f"{W}pPr/{W}rPr") is None  # its paragraph mark is kept
    for mark in changed.iter(f"{W}ins", f"{W}del"):
        assert mark.get(f"{W}author") == "Co-chairs of the Working Group on Treaty " \
            "Universalization" if lang == "en" else mark.get(f"{W}author")
        assert mark.get(f"{W}date") == "2023-08-22T00:00:00Z"


def test_the_redline_docx_is_valid_against_the_ecma_schema(revision: Revision) -> None:
    from xmlschemas import wml_errors as errors

    found = []
    for lang in LANGS:
        path = revision.out / f"{STEM}.{lang}.redline.docx"
        for part in ("word/document.xml", "word/footnotes.xml"):
            found += errors(body(path, part), f"{path.name}:{part}")
    assert found == []


@pytest.mark.libreoffice
def test_libreoffice_lists_the_same_tracked_changes(revision: Revision, tmp_path) -> None:
    """LibreOffice reads the redline and lists its changes (its ODT conversion's changed
    regions): the new paragraph, the inserted word and the deleted word."""
    require_tools("soffice")
    files = [revision.out / f"{STEM}.{lang}.redline.docx" for lang in EDIT]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "odt", "--outdir", tmp_path, *files],
                   capture_output=True, timeout=300, check=True)
    for path in files:
        with zipfile.ZipFile(tmp_path / f"{path.stem}.odt") as z:
            content = z.read("content.xml").decode("utf-8")
        kinds = re.findall(r"<text:changed-region[^>]*><text:(\w+)", content)
        assert kinds == ["insertion", "insertion", "deletion"], path.name


# --------------------------------------------------------------------------- the PDF


def _close(colour: object, hex_rgb: str) -> bool:
    want = [int(hex_rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    got = list(colour) if isinstance(colour, list | tuple) else []
    return len(got) == 3 and all(abs(a - b) < 0.01 for a, b in zip(got, want, strict=True))


def test_the_pdf_redline_underlines_insertions_and_strikes_deletions(revision: Revision):
    """Read from the PDF's drawing: a line under the inserted word and one through the
    deleted word, each in its colour of the style sheet, and a change bar in the margin."""
    import pdfplumber

    from att_docs.writers.styles import load_styles

    look = load_styles(TEMPLATES / "styles.yaml").redline
    path = revision.out / f"{STEM}.en.redline.pdf"
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "formally" in text and NEW_PARAGRAPH["en"].split()[-1] in text
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = {w["text"]: w for w in page.extract_words()}
        lines = page.lines
        bars = [r for r in page.rects if r["x1"] < page.bbox[0] + 70 and r["fill"]]
    word = words["formally"]
    under = [ln for ln in lines if ln["x0"] <= word["x0"] + 1 and ln["x1"] >= word["x1"] - 1
             and word["bottom"] - 4 < ln["top"] < word["bottom"] + 2]
    assert under and _close(under[0]["stroking_color"], look.inserted)
    struck = words["best"]
    through = [ln for ln in lines if ln["x0"] <= struck["x0"] + 1
               and ln["x1"] >= struck["x1"] - 1 and struck["top"] + 2 < ln["top"] <
               struck["bottom"] - 2]
    assert through and _close(through[0]["stroking_color"], look.deleted)
    assert len(bars) == 2  # beside the new paragraph and beside the edited one
    assert all(bar["top"] <= word["top"] + 12 for bar in bars[1:])


def test_a_stale_translation_carries_the_notice(revision: Revision) -> None:
    """French was not revised (its record shows the new and the edited paragraph stale):
    its redline says so, under the title, in both formats; Chinese was recorded."""
    require_tools("pdftotext")
    from att_docs.language.locale import load_locale

    for lang in LANGS:
        notice = load_locale(TEMPLATES, lang).spec.translation_incomplete
        docx_text = "".join(body(revision.out / f"{STEM}.{lang}.redline.docx").itertext())
        pdf = subprocess.run(["pdftotext", revision.out / f"{STEM}.{lang}.redline.pdf", "-"],
                             capture_output=True, text=True, check=True).stdout
        present = lang == "fr"
        assert (notice in docx_text) == present, lang
        assert (" ".join(notice.split()[:3]) in " ".join(pdf.split())) == present, lang
        assert notice not in "".join(body(revision.out / f"{STEM}.{lang}.docx").itertext())


def test_the_notice_lines_do_not_overlap(revision: Revision) -> None:
    """The notice wraps to two lines in French: each line lies below the one before by
    at least its text's size (the page sets no leading: a line's edges make its height)."""
    import pdfplumber

    from att_docs.language.locale import load_locale

    notice = load_locale(TEMPLATES, "fr").spec.translation_incomplete.split()
    with pdfplumber.open(revision.out / f"{STEM}.fr.redline.pdf") as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
    at = next(i for i in range(len(words))
              if [w["text"] for w in words[i:i + 3]] == notice[:3])
    lines: dict[float, float] = {}  # top -> size, of the notice's words
    for word in words[at:at + len(notice)]:
        lines[round(word["top"], 1)] = word["size"]
    tops = sorted(lines)
    assert len(tops) >= 2, "the notice fits one line: the test no longer tests wrapping"
    for above, below in itertools.pairwise(tops):
        assert below - above >= lines[above] * 0.99, tops


# --------------------------------------------------------------------------- the set


def test_manifest_index_and_status_show_the_revision(revision: Revision) -> None:
    data = json.loads((revision.out / "manifest.json").read_text(encoding="utf-8"))
    paper = next(p for p in data["papers"] if p["id"] == PAPER)
    assert paper["revision"] == 1 and paper["symbol"] == f"{BASE}.Rev1"
    assert [(v["symbol"], v["issued"], v["files"]) for v in paper["issued"]] == [
        (BASE, "2023-07-21", revision.first_build)]
    redlines = [f for f in data["files"] if f.get("redline_against")]
    assert len(redlines) == 6 and {f["redline_against"] for f in redlines} == {BASE}
    assert {f["file"] for f in redlines} <= set(paper["files"])
    html = (revision.out / "index.html").read_text(encoding="utf-8")
    assert "Rev1" in html and "Conf.Rep issued 2023-07-21" in html
    assert html.count(">DOCX redline<") == 3 and html.count(">PDF redline<") == 3
    proc = att_docs("status", revision.content, "--format", "json", "--today", "2023-08-01")
    row = next(p for p in json.loads(proc.stdout)["conferences"][0]["papers"]
               if p["id"] == PAPER)
    assert (row["revision"], row["issued_on"], row["issued"][0]["symbol"]) == (1, None, BASE)
    text = att_docs("status", revision.content, "--today", "2023-08-01").stdout
    assert "Rev1, not issued yet; before: Conf.Rep on 2023-07-21" in text
    assert "nothing to rebuild" in run("build", revision.content, "-o", revision.out)


def test_a_recorded_translation_rebuilds_the_redlines_and_the_drafts_it_ends(
        revision: Revision, tmp_path):
    """The records change a clean file only where they end its draft mark (French here);
    the redlines' notice depends on them."""
    root = tmp_path / "copy"
    shutil.copytree(revision.content.parent, root, symlinks=True)
    content, out = root / "csp9", root / "out" / "csp9"
    before = snapshot(out)
    run("translated", content / PAPER, "--lang", "fr")
    report = run("build", content, "-o", out, "--author", "ATT Secretariat")
    after = snapshot(out)
    rebuilt = sorted(name for name in after if after[name][1] != before[name][1])
    assert rebuilt == sorted([*(f"{STEM}.{lang}.redline.{fmt}" for lang in LANGS
                                for fmt in ("docx", "pdf")), f"{STEM}.fr.docx", f"{STEM}.fr.pdf",
                              "index.html", "manifest.json"])
    assert "built 8 of 18 files" in report
    notice = "Traduction incomplète"
    root = body(out / f"{STEM}.fr.redline.docx")
    assert notice not in "".join(root.itertext())
    assert {m.get(f"{W}author") for m in root.iter(f"{W}ins")} == {"ATT Secretariat"}
    # the author of conference.yaml, when none is given (every English DOCX rebuilds)
    conference = content / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8")
                          + "redline_author: Secretariat team\n", encoding="utf-8")
    assert "built 3 of 3 files" in run("build", content, "-o", out, "-f", "docx", "-l", "en")
    root = body(out / f"{STEM}.en.redline.docx")
    assert {m.get(f"{W}author") for m in root.iter(f"{W}ins")} == {"Secretariat team"}


def test_a_revision_can_be_issued_with_its_redlines(revision: Revision, tmp_path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(revision.content.parent, root, symlinks=True)
    content, out = root / "csp9", root / "out" / "csp9"
    proc = att_docs("issue", content / PAPER, "-o", out)
    assert proc.returncode == 1
    assert "not ready to issue: incomplete (fr: 1 stale, 1 untranslated)" in proc.stderr
    assert not (content / PAPER / ".issued" / "Conf.Rep.Rev1").exists()
    output = run("issue", content / PAPER, "-o", out, "--allow-drafts")
    record = safe_load((content / PAPER / ".issued" / "Conf.Rep.Rev1" / "issue.yaml")
                            .read_text(encoding="utf-8"))
    assert record["symbol"] == f"{BASE}.Rev1" and record["revision"] == 1
    assert len(record["files"]) == 12 and "as a draft (incomplete)" in output
    proc = att_docs("revise", content / PAPER)
    assert proc.returncode == 0 and f"{BASE}.Rev2" in proc.stdout
    proc = att_docs("revise", content / PAPER)
    assert proc.returncode == 1 and "has not been issued" in proc.stderr


# --------------------------------------------------------------------------- refusals


def test_issue_and_revise_refuse_what_they_cannot_do(conference_copy: Path) -> None:
    paper = conference_copy / PAPER
    proc = att_docs("revise", paper)
    assert proc.returncode == 1 and "has not been issued" in proc.stderr
    assert (paper / "paper.yaml").read_bytes() == (CONTENT / PAPER / "paper.yaml").read_bytes()
    english = re.search(r"^\{#purpose\} .*$", (paper / "en.md").read_text(encoding="utf-8"),
                        re.M).group(0)
    zh = (paper / "zh.md").read_text(encoding="utf-8")
    zh = re.sub(r"^\{#purpose\} .*$", lambda _: english, zh, count=1, flags=re.M)
    (paper / "zh.md").write_text(zh, encoding="utf-8")  # the English copied: untranslated
    proc = att_docs("issue", paper, "-o", conference_copy.parent / "none")
    assert proc.returncode == 1 and "not ready to issue: incomplete (zh: 1 untranslated)" \
        in proc.stderr
    assert not (paper / ".issued").exists()
    proc = att_docs("issue", paper, "-o", conference_copy.parent / "none", "--allow-drafts",
                    "--date", "2023-07-24")
    assert proc.returncode == 0, proc.stderr
    assert "no built set" in proc.stderr and "paper is dated 2023-07-21" in proc.stderr
    proc = att_docs("issue", paper, "--allow-drafts")
    assert proc.returncode == 1 and "issued already" in proc.stderr
    assert att_docs("issue", conference_copy / "nothing").returncode == 1


def test_links_are_never_followed(conference_copy: Path, tmp_path: Path) -> None:
    """An .issued that is a link, or a paper file that is one, stops issue before it
    writes anything; revise does not write through a linked paper.yaml."""
    paper = conference_copy / PAPER
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (paper / ".issued").symlink_to(elsewhere)
    proc = att_docs("issue", paper, "--allow-drafts")
    assert proc.returncode == 1 and ".issued" in proc.stderr
    assert list(elsewhere.iterdir()) == []
    (paper / ".issued").unlink()
    shutil.move(paper / "fr.md", tmp_path / "fr.md")
    (paper / "fr.md").symlink_to(tmp_path / "fr.md")
    proc = att_docs("issue", paper, "--allow-drafts")
    assert proc.returncode == 1 and "link" in proc.stderr
    assert not (paper / ".issued" / "Conf.Rep").exists()


def test_a_damaged_issued_version_stops_the_build_at_its_file(revision: Revision, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(revision.content.parent, root, symlinks=True)
    content, out = root / "csp9", root / "out" / "csp9"
    issued = content / PAPER / ".issued" / "Conf.Rep" / "en.md"
    issued.write_text(issued.read_text(encoding="utf-8") + "\n<script>x</script>\n",
                      encoding="utf-8")
    before = snapshot(out)
    proc = att_docs("build", content, "-o", out)
    assert proc.returncode == 1 and ".issued/Conf.Rep/en.md" in proc.stderr
    assert "Traceback" not in proc.stderr and snapshot(out) == before
