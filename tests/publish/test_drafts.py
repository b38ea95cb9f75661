"""Nothing unfinished leaves without a mark: a paper language that is not ready is built
with the language's draft mark on every page of its PDF and DOCX, the manifest, the index
page and the build's summary say so, ``build --final`` refuses such a set, and the archive
comes from a final set only.

Outputs are read back: pdftotext page by page, the DOCX headers and footers with lxml,
LibreOffice's rendering of a draft DOCX, manifest.json and index.html.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from buildutil import att_docs, build, edit, snapshot
from conftest import CONTENT, require_tools, safe_load
from lxml import etree

MC = "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork"
WGTU = "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep"
MC_SYMBOL = "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork"
ZH_MARK = "草稿——译文未完成"
MARKS = ("DRAFT — translation incomplete", ZH_MARK, "VERSION PROVISOIRE")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = safe_load((CONTENT / "conference.yaml").read_text(encoding="utf-8"))["languages"]


def untranslate(conference: Path, paper: str = "mc-programme-of-work",
                unit: str = "mandate", lang: str = "zh") -> None:
    """Put the English of ``unit`` in the ``lang`` file: that unit is untranslated."""
    english = re.search(rf"^\{{#{unit}\}} .*$", (conference / paper / "en.md")
                        .read_text(encoding="utf-8"), re.M)
    assert english
    target = conference / paper / f"{lang}.md"
    text, count = re.subn(rf"^\{{#{unit}\}} .*$", lambda _: english.group(0),
                          target.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    target.write_text(text, encoding="utf-8")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext gives it."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def docx_pages(path: Path) -> dict[str, str]:
    """The text of each header and footer part of a DOCX."""
    with zipfile.ZipFile(path) as package:
        return {name: "".join(etree.fromstring(package.read(name)).itertext())
                for name in package.namelist()
                if re.fullmatch(r"word/(header|footer)\d+\.xml", name)}


@pytest.fixture(scope="module")
def one_untranslated(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The example conference with one Chinese paragraph of one paper left in English,
    built once: (conference, output folder, the set as first built, copied)."""
    require_tools("pdftotext")
    root = tmp_path_factory.mktemp("draft")
    conference = root / "csp9"
    shutil.copytree(CONTENT, conference)
    untranslate(conference)
    out = root / "out"
    proc = build(conference, out, "--today", "2023-07-10")
    (root / "stdout.txt").write_text(proc.stdout, encoding="utf-8")
    return conference, out, root / "stdout.txt"


def test_the_chinese_pdf_of_that_paper_is_marked_on_every_page_and_nothing_else(
        one_untranslated):
    _, out, _ = one_untranslated
    marked = page_texts(out / f"{MC}.zh.pdf")
    assert len(marked) >= 4
    assert all(ZH_MARK in page for page in marked)
    for pdf in out.glob("*.pdf"):
        if pdf.name != f"{MC}.zh.pdf":
            assert not any(mark in page for page in page_texts(pdf) for mark in MARKS), pdf


def test_the_chinese_docx_carries_it_in_every_header_and_nothing_else(one_untranslated):
    _, out, _ = one_untranslated
    headers = {name: text for name, text in docx_pages(out / f"{MC}.zh.docx").items()
               if "header" in name}
    assert len(headers) == 2 and all(text.startswith(ZH_MARK) for text in headers.values())
    for path in out.glob("*.docx"):
        if path.name != f"{MC}.zh.docx":
            assert not any(mark in text for text in docx_pages(path).values()
                           for mark in MARKS), path


@pytest.mark.libreoffice
def test_word_processors_show_the_docx_mark_on_every_page(one_untranslated, tmp_path):
    require_tools("soffice")
    _, out, _ = one_untranslated
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out / f"{MC}.zh.docx")], capture_output=True, check=True,
                   timeout=180)
    pages = page_texts(tmp_path / f"{MC}.zh.pdf")
    assert len(pages) >= 4 and all(ZH_MARK in page for page in pages)


def test_manifest_index_and_summary_list_the_draft_files(one_untranslated):
    _, out, stdout = one_untranslated
    drafts = [f"{MC}.zh.docx", f"{MC}.zh.pdf"]
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert data["final"] is False and data["drafts"] == drafts
    assert sorted(f["file"] for f in data["files"] if f["draft"]) == drafts
    html = (out / "index.html").read_text(encoding="utf-8")
    badges = re.findall(r'<a href="([^"]+)">[^<]+</a>(?:<small>[^<]*</small>)?'
                        r' <span class="draft"', html)
    assert sorted(badges) == drafts
    assert "not final (2 drafts)" in html
    text = stdout.read_text(encoding="utf-8")
    assert "2 files are drafts" in text and all(f"  {name}" in text for name in drafts)


def test_the_json_summary_lists_them_too(one_untranslated):
    conference, out, _ = one_untranslated
    proc = att_docs("build", conference, "-o", out, "--today", "2023-07-10", "--report", "json")
    assert proc.returncode == 0, proc.stderr
    (summary,) = json.loads(proc.stdout)["conferences"]
    assert summary["up_to_date"] and summary["final"] is False
    assert summary["drafts"] == [f"{MC}.zh.docx", f"{MC}.zh.pdf"]


def test_final_refuses_and_leaves_the_previous_set_as_it_was(one_untranslated):
    conference, out, _ = one_untranslated
    link = os.readlink(out)
    before = snapshot(out)
    proc = att_docs("build", conference, "-o", out, "--final", "--zip")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert lines[0] == f"{MC_SYMBOL} zh: 1 untranslated (first: mandate)"
    assert lines[-1].startswith("att-docs: error: --final: 1 paper of 2 is not ready: "
                                "1 incomplete; nothing was written")
    assert os.readlink(out) == link and snapshot(out) == before
    assert not (out / "csp9.zip").exists()


def test_the_archive_comes_from_a_final_set_or_knowingly_from_drafts(one_untranslated,
                                                                      tmp_path):
    conference, _, _ = one_untranslated
    out = tmp_path / "out"
    refused = att_docs("build", conference, "-o", out, "-f", "docx", "--zip")
    assert refused.returncode == 2 and "--final" in refused.stderr and not out.exists()
    allowed = att_docs("build", conference, "-o", out, "-f", "docx", "--zip",
                       "--allow-drafts", "-q")
    assert allowed.returncode == 0, allowed.stderr
    with zipfile.ZipFile(out / "csp9.zip") as archive:
        manifest = json.loads(archive.read("csp9/manifest.json"))
    assert manifest["final"] is False and manifest["drafts"] == [f"{MC}.zh.docx"]
    for args in (["--final", "-f", "docx"], ["--final", "--allow-drafts"],
                 ["--allow-drafts"]):
        assert att_docs("build", conference, "-o", out, *args).returncode == 2, args


def test_a_final_set_is_distributed(tmp_path):
    out = tmp_path / "out"
    proc = build(CONTENT, out, "--final", "--zip", "--today", "2023-07-25")
    assert "final: every paper is ready" in proc.stdout
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert data["final"] is True and data["drafts"] == []
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count('data-label="Status">distributed</td>') == 2
    assert "days past" not in html
    assert not re.search(r"\blate\b", re.sub(r"<style>.*</style>", "", html, flags=re.S))
    with zipfile.ZipFile(out / "csp9.zip") as archive:
        assert json.loads(archive.read("csp9/manifest.json"))["final"] is True
    again = build(CONTENT, out, "--today", "2023-07-25")  # not final: late, in red
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "csp9.zip" not in html and "distributed" not in html
    assert html.count('<td class="status-late" data-label="Status">late</td>') == 2
    assert "built 0 of 12 files" in again.stdout  # the files stay; the extras change


def test_index_states_match_status_on_the_same_day(one_untranslated):
    conference, out, _ = one_untranslated
    status = att_docs("status", conference, "--today", "2023-07-10", "--format", "json")
    papers = json.loads(status.stdout)["conferences"][0]["papers"]
    html = (out / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'data-label="Days left">([^<]*)</td>.*?data-label="Status">'
                       r"([^<]*)</td>", html, re.S)
    states = [state.split(":")[0].split(",")[0] for _, state in cells]
    assert states == [p["state"] for p in papers] == ["incomplete", "ready"]
    assert [days for days, _ in cells] == [f"{p['days_left']} days left" for p in papers]


def test_a_record_change_rebuilds_exactly_the_files_whose_mark_changes(conference_copy,
                                                                         tmp_path):
    """The translation records change no text, but they decide whether a language is
    ready: the files whose mark comes or goes are rebuilt, and only those."""
    en = conference_copy / "wgtu-report" / "en.md"
    edit(en, "The WGTU was established by", "The WGTU had been established by")
    edit(en, "The WGTU held its first meeting", "The WGTU held its very first meeting")
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "pdf")
    assert all(ZH_MARK in page for page in page_texts(out / f"{WGTU}.zh.pdf"))
    before = snapshot(out)

    recorded = att_docs("translated", conference_copy / "wgtu-report", "--lang", "zh")
    assert recorded.returncode == 0, recorded.stderr
    proc = build(conference_copy, out, "-f", "pdf")
    after = snapshot(out)
    rewritten = {n for n in after if n not in before or after[n][1] != before[n][1]}
    assert rewritten == {f"{WGTU}.zh.pdf", "manifest.json", "index.html"}, proc.stdout
    assert not any(ZH_MARK in page for page in page_texts(out / f"{WGTU}.zh.pdf"))
    assert any("VERSION PROVISOIRE" in page for page in page_texts(out / f"{WGTU}.fr.pdf"))

    # a record that leaves French stale changes the states, not the mark: no file rebuilt
    recorded = att_docs("translated", conference_copy / "wgtu-report", "--lang", "fr",
                        "establishment")
    assert recorded.returncode == 0, recorded.stderr
    before = snapshot(out)
    build(conference_copy, out, "-f", "pdf")
    after = snapshot(out)
    assert {n for n in after if after[n][1] != before[n][1]} == {"manifest.json", "index.html"}
    states = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    fr = next(p for p in states["papers"] if p["id"] == "wgtu-report")["translation"]["fr"]
    assert fr["stale"] == ["first-meeting"]
    assert any("VERSION PROVISOIRE" in page for page in page_texts(out / f"{WGTU}.fr.pdf"))


def test_mark_words_and_place_are_data(conference_copy, templates_copy, tmp_path):
    """The words come from the locale file, the place and look from the style sheet; a
    language without words of its own takes the original language's."""
    from pdflines import pdf_lines

    untranslate(conference_copy)
    untranslate(conference_copy, lang="fr")
    edit(templates_copy / "locale" / "zh.yaml", f'draft_mark: "{ZH_MARK}"',
         'draft_mark: "征求意见稿"')
    fr = templates_copy / "locale" / "fr.yaml"
    fr.write_text(re.sub(r"^draft_mark:.*$", "", fr.read_text(encoding="utf-8"), flags=re.M),
                  encoding="utf-8")
    edit(templates_copy / "styles.yaml", "draft_mark: {place: header,",
         "draft_mark: {place: footer,")
    out = tmp_path / "out"
    build(conference_copy, out, "--templates", str(templates_copy), "-f", "pdf")
    pdf = out / f"{MC}.zh.pdf"
    marks = [line for line in pdf_lines(pdf) if "征求意见稿" in line.text.replace(" ", "")]
    assert sorted(line.page for line in marks) == list(range(1, len(page_texts(pdf)) + 1))
    assert all(line.words[0].y_min > 297 / 25.4 * 72 * 0.9 for line in marks)  # A4 footer
    assert all("DRAFT — translation incomplete" in page
               for page in page_texts(out / f"{MC}.fr.pdf"))
    build(conference_copy, out, "--templates", str(templates_copy), "-f", "docx")
    footers = [t for n, t in docx_pages(out / f"{MC}.zh.docx").items() if "footer" in n]
    assert len(footers) == 2 and all(t.endswith("征求意见稿") for t in footers)


def test_a_style_sheet_naming_no_style_for_the_mark_is_refused(conference_copy,
                                                               templates_copy, tmp_path):
    styles = templates_copy / "styles.yaml"
    edit(styles, "draft_mark: {place: header, style: draft-mark}",
         "draft_mark: {place: header, style: no-such-style}")
    proc = att_docs("build", conference_copy, "-o", tmp_path / "out", "--templates",
                    templates_copy)
    line = next(n for n, text in enumerate(styles.read_text().splitlines(), 1)
                if text.startswith("draft_mark:"))
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"att-docs: error: {styles}:{line}: draft_mark: style "
                                   "'no-such-style' is not one of the sheet's styles")
    assert not (tmp_path / "out").exists()
