"""The DOCX redline as Word reads it: accepting every change gives the revision's clean
DOCX, rejecting every change gives the issued version's, paragraph for paragraph and
footnote for footnote; moves are paired ranges; the ECMA schema and LibreOffice agree."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, TEMPLATES, require_tools
from lxml import etree
from test_redline_diff import (
    LANGS,
    PAPER,
    move_after,
    read,
    redline,
    replace,
    revised,
    the_edit,
)

from att_docs.document.model import Document
from att_docs.document.revision import changes
from att_docs.writers.docx.redline import write_redline_docx
from att_docs.writers.docx.writer import write_docx
from att_docs.writers.styles import load_styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def many_changes(files: dict[str, str]) -> None:
    """Every kind of change at once: the issue's edit, a moved paragraph that holds a
    footnote mark and an edit, a new footnote, a paragraph and a subparagraph removed,
    a paragraph made unnumbered and a word made bold."""
    the_edit(files)
    for lang in LANGS:
        text = move_after(files[lang], "establishment", "appointment")
        text = re.sub(r"\{#intersessional\}[^\n]*\n\n", "", text)
        text = re.sub(r"- \{#second-states\}[^\n]*\n", "", text)
        text = text.replace("{#purpose}", "{#purpose .unnumbered}")
        text = re.sub(r"(\{#appointment\} [^\n]*)", r"\1[^new-note]", text)
        text += "\n[^new-note]: ATT/CSP8/2022/SEC/1/Conf.Rep\n"
        files[lang] = text
    replace(files, "en", "CSP8 considered the WGTU", "CSP8 duly considered the WGTU")
    replace(files, "en", "The WGTU held its first meeting", "The WGTU held its **first** "
            "meeting")


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Document, Document]:
    tmp = tmp_path_factory.mktemp("many")
    revised(tmp, many_changes)
    decisions = tmp / "csp9" / PAPER / "annex-a" / "decisions.yaml"
    text = decisions.read_text(encoding="utf-8")
    text = re.sub(r"      - id: signatories-first\n(?:        .*\n)+", "", text, count=1)
    decisions.write_text(text, encoding="utf-8")
    return read(CONTENT), read(tmp / "csp9")


@pytest.fixture(scope="module")
def written(versions, tmp_path_factory) -> dict[str, dict[str, Path]]:
    old, new = versions
    styles = load_styles(TEMPLATES / "styles.yaml")
    out = tmp_path_factory.mktemp("docx")
    files: dict[str, dict[str, Path]] = {}
    for lang in ("en", "zh"):
        paths = {kind: out / f"{kind}.{lang}.docx" for kind in ("old", "new", "redline")}
        write_docx(old, lang, paths["old"], styles)
        write_docx(new, lang, paths["new"], styles)
        write_redline_docx(redline(old, new, lang), lang, paths["redline"], styles,
                           "ATT Secretariat", dt.date(2023, 8, 22))
        files[lang] = paths
    return files


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _mark(p: etree._Element) -> str | None:
    rpr = p.find(f"{W}pPr/{W}rPr")
    for child in rpr if rpr is not None else []:
        local = etree.QName(child).localname
        if local in ("ins", "del", "moveFrom", "moveTo"):
            return local
    return None


def _dropped(element: etree._Element, root: etree._Element, drop: set[str]) -> bool:
    while element is not None and element is not root:
        if etree.QName(element).localname in drop:
            return True
        element = element.getparent()
    return False


def resolved(root: etree._Element, accept: bool) -> tuple[list[str], list[str]]:
    """Every paragraph's text with the changes accepted (or rejected), and the ids of the
    footnotes still referenced, in order."""
    drop = {"del", "moveFrom"} if accept else {"ins", "moveTo"}
    paragraphs, notes = [], []
    for p in root.iter(f"{W}p"):
        kept = [t for t in p.iter(f"{W}t", f"{W}delText", f"{W}footnoteReference")
                if not _dropped(t, p, drop)]
        text = "".join(t.text or "" for t in kept if t.tag != f"{W}footnoteReference")
        notes += [t.get(f"{W}id") for t in kept if t.tag == f"{W}footnoteReference"]
        if _mark(p) in drop:
            assert not text, f"a removed paragraph mark keeps text: {text!r}"
            continue
        paragraphs.append(text)
    return paragraphs, notes


def note_texts(path: Path, ids: list[str], accept: bool | None) -> list[str]:
    root = part(path, "word/footnotes.xml")
    notes = {n.get(f"{W}id"): n for n in root.iter(f"{W}footnote")}
    out = []
    for note_id in ids:
        note = notes[note_id]
        if accept is None:
            out.append("".join(note.itertext()))
        else:
            out.append("".join(resolved(note, accept)[0]))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("accept", [True, False], ids=["accept", "reject"])
def test_accepting_or_rejecting_every_change_gives_either_version(written, lang, accept):
    files = written[lang]
    clean = files["new" if accept else "old"]
    want, want_notes = resolved(part(clean, "word/document.xml"), accept)
    got, got_notes = resolved(part(files["redline"], "word/document.xml"), accept)
    assert got == want
    assert note_texts(files["redline"], got_notes, accept) == \
        note_texts(clean, want_notes, None)


def test_every_kind_of_change_is_marked_once(versions) -> None:
    old, new = versions
    kinds = [(c.kind, c.unit) for c in changes(redline(old, new, "en"), "en")]
    assert kinds == [
        ("restyled", "purpose"),
        ("deleted", "establishment"),  # where the moved paragraph was: its deletion
        ("inserted", "thanks"), ("inserted", "csp8-outcome"),
        ("inserted", "appointment"),  # a footnote mark
        ("moved", "establishment"), ("inserted", "establishment"),  # where it is now
        ("formatted", "first-meeting"), ("deleted", "second-states"),
        ("deleted", "intersessional"), ("deleted", "csp9.endorses.signatories-first"),
        ("inserted", "footnote.new-note")]


def test_moves_are_named_ranges_in_pairs(written) -> None:
    root = part(written["en"]["redline"], "word/document.xml")
    starts = {kind: [(e.get(f"{W}id"), e.get(f"{W}name"))
                     for e in root.iter(f"{W}{kind}RangeStart")]
              for kind in ("moveFrom", "moveTo")}
    ends = {kind: [e.get(f"{W}id") for e in root.iter(f"{W}{kind}RangeEnd")]
            for kind in ("moveFrom", "moveTo")}
    assert [name for _, name in starts["moveFrom"]] == [n for _, n in starts["moveTo"]] == \
        ["move1"]
    for kind in starts:
        assert [i for i, _ in starts[kind]] == ends[kind]
    ids = [e.get(f"{W}id") for e in root.iter() if e.get(f"{W}author")]
    assert len(ids) == len(set(ids))  # one sequence of revision ids


def test_the_redline_is_schema_valid(written) -> None:
    from xmlschemas import wml_errors as errors

    found = []
    for lang, files in written.items():
        for name in ("word/document.xml", "word/footnotes.xml"):
            found += errors(part(files["redline"], name), f"{lang}:{name}")
    assert found == []


@pytest.mark.libreoffice
def test_libreoffice_counts_the_changes(written, versions, tmp_path) -> None:
    """LibreOffice lists each change once, a move twice (its ODT has no moves: a deletion
    where it was and an insertion where it is), each place split once more by each edit
    inside the moved paragraph."""
    require_tools("soffice")
    old, new = versions
    expected = changes(redline(old, new, "en"), "en")
    moved = {c.unit for c in expected if c.kind == "moved"}
    moves = len(moved) + sum(1 for c in expected if c.unit in moved and c.kind != "moved")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "odt", "--outdir", tmp_path,
                    written["en"]["redline"]], capture_output=True, timeout=300, check=True)
    with zipfile.ZipFile(tmp_path / "redline.en.odt") as z:
        content = z.read("content.xml").decode("utf-8")
    assert len(re.findall(r"<text:changed-region", content)) == len(expected) + moves


def test_the_pdf_redline_takes_the_same_document(versions, tmp_path) -> None:
    """Footnotes of their own for marks that moved away, and every change drawn."""
    require_tools("pdftotext")
    from att_docs.writers.pdf.redline_data import redline_data
    from att_docs.writers.pdf.typst import PdfWriter

    old, new = versions
    writer = PdfWriter(load_styles(TEMPLATES / "styles.yaml"), TEMPLATES / "paper.typ")
    out = tmp_path / "redline.en.pdf"
    writer.write(redline(old, new, "en"), "en", out, data=redline_data)
    text = " ".join(subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    # where it was, as issued ("best"); where it is, as revised ("formally")
    assert text.count("The WGTU was established by the Third") == 1
    assert text.count("The WGTU was formally established by the Third") == 1
    assert text.count("identifying the best way") == 1
    assert text.count("ATT/CSP8/2022/SEC/1/Conf.Rep") == 1
    assert text.count("ATT/CSP3.WGTU/2017/CHAIR/160/Conf.Rep") == 2  # a note each place
