"""manifest.json, index.html and the --zip archive, read back against the files."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from buildutil import att_docs, build, checksums, edit
from conftest import CONTENT, require_tools, safe_load
from pypdf import PdfReader

from att_docs.base.errors import ContentError
from att_docs.status.setinfo import PaperMeta, check_serials, superseded_by

MC = "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork"
WGTU = "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
LANGS = safe_load((CONTENT / "conference.yaml").read_text(encoding="utf-8"))["languages"]


@pytest.fixture(scope="module")
def built(example_set: Path) -> Path:
    return example_set


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_checksums_and_sizes_match_the_files(built):
    data = manifest(built)
    files = {f["file"]: f for f in data["files"]}
    on_disk = {p.name for p in built.iterdir() if p.suffix in (".docx", ".pdf")}
    assert set(files) == on_disk and len(files) == 2 * len(LANGS) * 2
    for name, entry in files.items():
        content = (built / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["size"] == len(content)


def test_manifest_describes_each_file(built):
    data = manifest(built)
    assert data["conference"]["id"] == "csp9" and data["conference"]["deadline"] == "2023-07-21"
    assert data["settings"] == {"formats": ["docx", "pdf"], "languages": LANGS,
                                "pdf_engine": "typst"}
    for entry in data["files"]:
        stem, lang, fmt = entry["file"].rsplit(".", 2)
        assert (entry["language"], entry["format"]) == (lang, fmt)
        assert entry["symbol"].replace("/", "_") == stem
        if fmt == "pdf":
            assert entry["pages"] == len(PdfReader(built / entry["file"]).pages) >= 4
        else:
            assert entry["pages"] is None  # pagination belongs to the word processor
        checks = entry["checks"]
        assert checks is None or set(checks) == {"errors", "warnings", "info"}
    papers = {p["symbol"]: p for p in data["papers"]}
    assert set(papers) == {MC, WGTU}
    assert papers[MC]["title"]["zh"] == "审议《武器贸易条约》工作方案"
    assert papers[MC]["title"]["fr"] == "Examen du programme de travail du TCA"
    assert papers[WGTU]["deadline"] == "2023-07-21"
    assert len(papers[WGTU]["files"]) == len(LANGS) * 2 and papers[WGTU]["superseded_by"] is None


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.extend(value for key, value in attrs if key == "href" and value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_index_lists_the_set_for_a_person(built):
    page = _Links()
    page.feed((built / "index.html").read_text(encoding="utf-8"))
    files = [f["file"] for f in manifest(built)["files"]]
    assert sorted(set(page.links)) == sorted([*files, "manifest.json", "csp9.zip"])
    for link in page.links:
        assert (built / link).is_file()
    text = "".join(page.text)  # a symbol may be split by <wbr>
    for expected in (MC, WGTU, "Review of the ATT Programme of Work",
                     "审议《武器贸易条约》工作方案", "2023-07-21"):
        assert expected in text
    assert "distributed" in text  # a final set


def test_zip_holds_the_set_byte_for_byte(built):
    with zipfile.ZipFile(built / "csp9.zip") as archive:
        names = sorted(archive.namelist())
        expected = sorted(f"csp9/{n}" for n in checksums(built) if n != "csp9.zip")
        assert names == expected
        for name in names:
            data = archive.read(name)
            assert data == (built / name.split("/", 1)[1]).read_bytes()


def test_the_same_content_gives_the_same_manifest(built, tmp_path):
    build(CONTENT, tmp_path / "again", "--final", "--zip")
    assert (tmp_path / "again" / "manifest.json").read_bytes() == \
        (built / "manifest.json").read_bytes()
    assert (tmp_path / "again" / "csp9.zip").read_bytes() == (built / "csp9.zip").read_bytes()


def test_a_build_without_zip_removes_the_old_archive(conference_copy, tmp_path):
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx", "--zip", "--allow-drafts")
    assert (out / "csp9.zip").is_file()
    build(conference_copy, out, "-f", "docx")
    assert not (out / "csp9.zip").exists()
    assert "csp9.zip" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_revision_is_built_and_marked_superseding(conference_copy, tmp_path):
    import shutil

    rev = conference_copy / "mc-rev1"
    shutil.copytree(conference_copy / "mc-programme-of-work", rev)
    edit(rev / "paper.yaml", "Conf.ProgWork", "Conf.ProgWork.Rev1")
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx")
    papers = {p["symbol"]: p for p in manifest(out)["papers"]}
    assert papers[MC]["superseded_by"] == f"{MC}.Rev1"
    assert papers[f"{MC}.Rev1"]["superseded_by"] is None
    assert (out / "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork.Rev1.en.docx").is_file()
    assert (out / "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork.en.docx").is_file()
    assert f"superseded by {MC}.Rev1" in (out / "index.html").read_text(encoding="utf-8")


def test_a_serial_used_twice_stops_the_build(conference_copy, tmp_path):
    edit(conference_copy / "wgtu-report" / "paper.yaml", "/763/", "/761/")
    out = tmp_path / "out"
    proc = att_docs("build", conference_copy, "-o", out, "-f", "docx")
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert "paper.yaml:3: serial 761 is already used by" in line
    assert not out.exists() or not any(out.iterdir())


def _meta(pid: str, symbol: str) -> PaperMeta:
    return PaperMeta(pid, symbol, "chair-report", {}, "2023-07-21", "2023-07-21", "en")


def test_serial_and_revision_rules(tmp_path):
    base = "ATT/CSP9/2023/SEC/773/Conf.FinRep"
    check_serials(tmp_path, [_meta("a", base), _meta("b", f"{base}.Rev1"),
                             _meta("c", f"{base}.Rev2")])
    assert superseded_by([("a", base), ("b", f"{base}.Rev1"), ("c", f"{base}.Rev2")]) == {
        "a": f"{base}.Rev2", "b": f"{base}.Rev2"}
    with pytest.raises(ContentError, match="serial 773 is already used by a"):
        check_serials(tmp_path, [_meta("a", base), _meta("b", base)])
    with pytest.raises(ContentError, match="serial 773 is already used by a"):
        check_serials(tmp_path, [_meta("a", base), _meta("b", "ATT/CSP9/2023/SEC/773/Conf.Rep")])


def _layout(page: Path, width: int, profile: Path) -> tuple[int, int, str]:
    """Page width, window width and the table head's display at ``width`` CSS pixels:
    a copy of ``page`` with a probe script, read back from Chromium's DOM dump."""
    probe = page.with_name("probe.html")
    probe.write_text(page.read_text(encoding="utf-8") + (
        "<script>document.title = [document.documentElement.scrollWidth, innerWidth,"
        " getComputedStyle(document.querySelector('thead')).display].join('|')</script>"),
        encoding="utf-8")
    proc = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", f"--window-size={width},900", "--dump-dom",
         probe.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = re.search(r"<title>(\d+)\|(\d+)\|([\w-]+)</title>", proc.stdout)
    assert found, proc.stdout[-2000:]
    return int(found[1]), int(found[2]), found[3]


@pytest.mark.slow
def test_index_page_fits_a_phone_and_a_desktop(built, tmp_path):
    """No sideways scrolling at either width; on a phone each paper is a card."""
    require_tools("chromium")
    page = tmp_path / "index.html"
    page.write_bytes((built / "index.html").read_bytes())
    for width, head in ((390, "none"), (1280, "table-header-group")):
        scroll, window, display = _layout(page, width, tmp_path / f"profile{width}")
        assert scroll <= window, (width, scroll, window)
        assert display == head, width


class _Langs(HTMLParser):
    """Each ``lang`` attribute with the text directly under it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.seen: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "wbr", "br", "link"):
            self.stack.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        lang = next((value for value in reversed(self.stack) if value), None)
        if lang and data.strip():
            self.seen.append((lang, data.strip()))


def test_index_names_each_paper_and_tags_each_language(built):
    page = _Langs()
    page.feed((built / "index.html").read_text(encoding="utf-8"))
    tagged = dict((text, lang) for lang, text in page.seen)
    data = manifest(built)
    wgtu = next(p for p in data["papers"] if p["symbol"] == WGTU)
    assert wgtu["subtitle"]["en"] == "Co-chairs' Draft Report to CSP9"  # the paper's title
    assert tagged["Co-chairs' Draft Report to CSP9"] == "en-GB"
    assert tagged["提交第九届缔约国会议的联席主席报告草案"] == "zh-Hans"
    assert tagged["Projet de rapport des Coprésidents à la CEP9"] == "fr-FR"
    assert tagged["审议《武器贸易条约》工作方案"] == "zh-Hans"
    assert '<html lang="en-GB">' in (built / "index.html").read_text(encoding="utf-8")


def test_the_index_page_template_is_compiled_once_then_loaded(built, tmp_path, monkeypatch,
                                                             jinja_compiles):
    """The page's compiled template is kept in the disk cache like the frames': a later
    build loads it instead of compiling (0.06 s of every build), and the page is the same."""
    from conftest import TEMPLATES

    from att_docs.publish.index_page import render_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ATT_DOCS_NO_CACHE", raising=False)
    data = manifest(built)
    first = render_index(TEMPLATES, data, "manifest.json", None)
    assert jinja_compiles == ["index.html.j2"]
    again = render_index(TEMPLATES, data, "manifest.json", None)
    assert again == first and jinja_compiles == ["index.html.j2"]
