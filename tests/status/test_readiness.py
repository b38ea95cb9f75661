"""A "ready" the Secretariat can trust: stale translations, placeholders, word counts,
the review copy, and the index page in a real browser.

End to end on a copy of content/csp9: one English paragraph of the WGTU report changes,
and status, check and the review copy all say so until ``att-docs translated``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import docx
import pytest
from buildutil import att_docs, build, edit
from conftest import CONTENT, TEMPLATES, require_tools, safe_load
from docx.oxml.ns import qn

from att_docs.language.locale import load_locale
from att_docs.records.provenance import (
    read_record,
    record_path,
    record_translations,
    text_hash,
    unit_states,
)
from att_docs.writers.content.yamlout import plain_dump

WGTU = "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
PARAGRAPH = "first-meeting"
OLD = "The WGTU held its first meeting"
NEW = "The WGTU held its first formal meeting"


def status_json(conference: Path, *args: str) -> tuple[int, dict]:
    proc = att_docs("status", conference, "--today", "2023-07-01", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    (conf,) = json.loads(proc.stdout)["conferences"]
    return proc.returncode, {p["symbol"]: p for p in conf["papers"]}


def stale_findings(target: Path) -> list[dict]:
    proc = att_docs("check", target, "--check", "stale", "--format", "json")
    assert proc.returncode == 0, proc.stderr  # stale is a warning: check does not fail
    data = json.loads(proc.stdout)
    findings = data["findings"] if isinstance(data, dict) else data
    return [f for f in findings if f["check"] == "stale"]


def zh_line(paper: Path, unit_id: str) -> int:
    lines = (paper / "zh.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{{#{unit_id}}}"))


def test_the_example_conference_starts_up_to_date():
    for paper in ("wgtu-report", "mc-programme-of-work"):
        record = read_record(CONTENT / paper, "zh")
        assert len(record.units) > 40
    code, papers = status_json(CONTENT, "--strict")
    assert code == 0
    for row in papers.values():
        assert row["state"] == "ready"
        zh = row["languages"]["zh"]
        assert zh["stale"] == [] and zh["units"]["untranslated"] == 0
        assert zh["percent"] == 100.0


def test_an_edited_english_paragraph_is_stale_until_marked_translated(conference_copy,
                                                                       tmp_path):
    paper = conference_copy / "wgtu-report"
    edit(paper / "en.md", OLD, NEW)

    code, papers = status_json(conference_copy, "--strict")
    assert code == 1
    row = papers[WGTU]
    assert row["state"] == "stale" and not row["ready"]
    zh = row["languages"]["zh"]
    assert zh["stale"] == [PARAGRAPH]
    assert zh["units"]["stale"] == 1 and zh["words"]["stale"] > 10
    assert 0 < zh["percent_by_state"]["stale"] < 5
    assert row["languages"]["en"]["stale"] == []

    found = stale_findings(paper)
    assert len(found) == len(translations(conference_copy))  # one per translation
    (finding,) = [f for f in found if f["path"].endswith("zh.md")]
    assert finding["segment"] == PARAGRAPH and finding["line"] == zh_line(paper, PARAGRAPH)
    assert "{+formal+}" in finding["message"] and "first" in finding["message"]

    review = tmp_path / "review.docx"
    proc = att_docs("review", paper, "--lang", "zh", "-o", review)
    assert proc.returncode == 0, proc.stderr
    assert comment_rows(review)[PARAGRAPH] == ["stale"]

    proc = att_docs("translated", paper, "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    code, papers = status_json(conference_copy, "--strict")
    assert papers[WGTU]["languages"]["zh"]["stale"] == []
    for lang in translations(conference_copy):
        proc = att_docs("translated", paper, "--lang", lang)
        assert proc.returncode == 0, proc.stderr
    code, papers = status_json(conference_copy, "--strict")
    assert code == 0 and papers[WGTU]["state"] == "ready"
    assert stale_findings(paper) == []


def translations(conference: Path) -> list[str]:
    """The conference languages other than the papers' original (the first)."""
    data = safe_load((conference / "conference.yaml").read_text(encoding="utf-8"))
    return data["languages"][1:]


def comment_rows(path: Path) -> dict[str, list[str]]:
    """Unit id (from each row's label) → the check ids of the comments anchored in it."""
    document = docx.Document(str(path))
    by_id = {str(c.comment_id): c.text for c in document.comments}
    out: dict[str, list[str]] = {}
    for row in document.tables[0].rows[1:]:
        label = row.cells[0].paragraphs[0].text.split(" · ")[-1]
        starts = row._tr.iter(qn("w:commentRangeStart"))
        out[label] = [re.match(r"\[([\w-]+)\]", by_id[s.get(qn("w:id"))]).group(1)
                      for s in starts]
    return out


def test_translated_marks_only_the_listed_units(conference_copy):
    paper = conference_copy / "wgtu-report"
    edit(paper / "en.md", OLD, NEW)
    edit(paper / "en.md", "The following main points", "These main points")
    proc = att_docs("translated", paper, "--lang", "zh", "background")
    assert proc.returncode == 0, proc.stderr
    _, papers = status_json(conference_copy)
    assert papers[WGTU]["languages"]["zh"]["stale"] == [PARAGRAPH]
    proc = att_docs("translated", paper, "--lang", "zh", "no-such-unit")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "no-such-unit" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_record_is_sorted_merged_and_diff_friendly(conference_copy):
    paper = conference_copy / "mc-programme-of-work"
    before = read_record(paper, "zh")
    record_translations(paper, "zh", {"zzz-new": "A new  source\ntext.", "aaa-new": "First."})
    after = read_record(paper, "zh")
    assert after.units["zzz-new"] == (text_hash("A new source text."), "A new source text.")
    assert {k: v for k, v in after.units.items() if not k.endswith("-new")} == before.units
    data = safe_load(record_path(paper, "zh").read_text(encoding="utf-8"))
    assert list(data["units"]) == sorted(data["units"])
    assert not list(record_path(paper, "zh").parent.glob(".*.tmp"))


REPLACEMENTS = {  # title, heading, first paragraph
    "en": ("Outreach to States not yet party", "Outreach",
           "The co-chairs wrote to every signatory State in March."),
    "zh": ("对尚未加入条约国家的外联", "外联", "联席主席于三月致函所有签署国。"),
    "fr": ("Sensibilisation des États non parties", "Sensibilisation",
           "Les coprésidents ont écrit à chaque État signataire en mars."),
}


def test_a_new_paper_is_never_ready_until_every_placeholder_is_replaced(conference_copy):
    proc = att_docs("new", "chair-report", "--conference", conference_copy, "--body", "WGTU",
                    "--id", "fresh")
    assert proc.returncode == 0, proc.stderr
    folder = conference_copy / "fresh"
    symbol = "ATT/CSP9.WGTU/2023/CHAIR/764/Conf.Rep"
    conference = safe_load((conference_copy / "conference.yaml").read_text("utf-8"))
    languages = conference["languages"]
    assert set(languages) <= set(REPLACEMENTS)

    def fresh() -> tuple[int, dict]:
        code, papers = status_json(conference_copy, "--strict")
        return code, papers[symbol]

    code, row = fresh()
    assert code == 1 and not row["ready"]
    for lang in languages:
        assert row["languages"][lang]["placeholders"] == 3
        assert {"title", "introduction", "purpose"} <= set(row["languages"][lang]["untranslated"])

    paper_yaml = folder / "paper.yaml"
    for done, lang in enumerate(languages, 1):
        title, heading, first = REPLACEMENTS[lang]
        text = (folder / f"{lang}.md").read_text(encoding="utf-8").splitlines()
        text[0] = f"# {heading} {{#introduction}}"
        text[2] = f"{{#purpose}} {first}"
        (folder / f"{lang}.md").write_text("\n".join(text) + "\n", encoding="utf-8")
        data = safe_load(paper_yaml.read_text(encoding="utf-8"))
        data["title"][lang] = title
        if lang != data["original_language"]:  # new may leave it in the original's words
            data["submitted_by"][lang] = f"{data['submitted_by'][lang]} ({lang})"
        paper_yaml.write_text(plain_dump(data), encoding="utf-8")
        code, row = fresh()
        assert code == 1 and not row["ready"]  # unrecorded or placeholders elsewhere
        for other in languages:
            left = row["languages"][other]["placeholders"]
            assert left == (0 if other in languages[:done] else 3), (other, left)

    original = data["original_language"]
    for lang in languages:
        if lang != original:  # written by hand: untranslated until recorded, never stale
            assert {"title", "introduction", "purpose"} <= set(
                row["languages"][lang]["untranslated"])
            assert row["languages"][lang]["stale"] == []
            proc = att_docs("translated", folder, "--lang", lang)
            assert proc.returncode == 0, proc.stderr
    code, row = fresh()
    for lang in languages:
        status = row["languages"][lang]
        assert status["units"]["translated"] == status["total"], (lang, status)
    assert row["complete"]


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("locale/*.yaml")), ids=lambda p: p.stem)
def test_words_are_counted_as_each_locale_says(path):
    rule = safe_load(path.read_text(encoding="utf-8")).get("word_count", "words")
    data = load_locale(TEMPLATES, path.stem)
    assert data.word_count == rule
    mixed = "States Parties' co-chairs 第九届缔约国会议 ATT"
    expected = {"words": 5, "characters": 3 + 8 + 1}[rule]  # a CJK run is one word
    assert data.count_words(mixed) == expected


def test_units_identical_codes_are_not_untranslated(conference_copy):
    from att_docs.checks.inputs import load_documents

    (doc,) = load_documents(conference_copy / "wgtu-report", TEMPLATES)
    states = unit_states(doc, "zh")
    assert states["footnote.workplan"].source == states["footnote.workplan"].target
    assert states["footnote.workplan"].state == "translated"


def test_a_record_change_rebuilds_only_the_files_whose_draft_mark_goes(conference_copy,
                                                                        tmp_path):
    """A record changes no text: it refreshes the states, and rebuilds only the files of
    the languages it makes ready, whose draft mark goes (tests/publish/test_drafts.py)."""
    out = tmp_path / "out"
    paper = conference_copy / "wgtu-report"
    edit(paper / "en.md", OLD, NEW)
    build(conference_copy, out, "-f", "docx")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (row,) = [p for p in manifest["papers"] if p["symbol"] == WGTU]
    assert row["translation"]["zh"]["stale"] == [PARAGRAPH]
    drafts = sorted(manifest["drafts"])
    assert drafts == sorted(f"{WGTU.replace('/', '_')}.{lang}.docx"
                            for lang in translations(conference_copy))
    for lang in translations(conference_copy):
        assert att_docs("translated", paper, "--lang", lang).returncode == 0
    proc = build(conference_copy, out, "-f", "docx")
    assert re.search(rf"built {len(drafts)} of \d+ files", proc.stdout + proc.stderr)
    assert all(lang + ".docx" in proc.stderr for lang in translations(conference_copy))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (row,) = [p for p in manifest["papers"] if p["symbol"] == WGTU]
    assert row["translation"]["zh"]["stale"] == [] and manifest["drafts"] == []


@pytest.mark.libreoffice
def test_review_comments_survive_a_libreoffice_round_trip(conference_copy, tmp_path):
    require_tools("soffice")
    paper = conference_copy / "wgtu-report"
    edit(paper / "en.md", OLD, NEW)
    edit(paper / "zh.md", "会议期间", "会议期间.")  # a typography finding too
    review = tmp_path / "review.docx"
    proc = att_docs("review", paper, "-o", review)
    assert proc.returncode == 0, proc.stderr
    before = comment_rows(review)
    assert "stale" in before[PARAGRAPH] and "typography" in before[PARAGRAPH]
    shaded = [row for row in docx.Document(str(review)).tables[0].rows
              if row._tr.find(".//" + qn("w:shd")) is not None]
    assert len(shaded) == 1
    runs = shaded[0].cells[0].paragraphs[-1].runs
    assert any(r.font.underline and "formal" in r.text for r in runs)

    out = tmp_path / "lo"
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--headless", "--convert-to", "docx", "--outdir", str(out),
                           str(review)], capture_output=True, text=True, timeout=180,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    again = docx.Document(str(out / "review.docx"))
    texts = [c.text for c in again.comments]
    original = [c.text for c in docx.Document(str(review)).comments]
    assert len(texts) == len(original) > 1
    assert any(t.startswith("[stale]") and "formal" in t for t in texts)


def chromium(page: Path, shot: Path, profile: Path) -> str:
    """Render ``page`` headless at 1280×900 into ``shot``; Chromium's log (stderr)."""
    proc = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--window-size=1280,900", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stderr


@pytest.mark.slow
def test_index_page_renders_in_headless_chromium(conference_copy, tmp_path, monkeypatch):
    require_tools("chromium")
    from PIL import Image

    edit(conference_copy / "wgtu-report" / "en.md", OLD, NEW)
    out = tmp_path / "out"
    monkeypatch.setenv("ATT_DOCS_TODAY", "2023-07-01")  # the build's subprocess counts from it
    build(conference_copy, out, "-f", "docx")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "20 days left" in html and PARAGRAPH in html and 'data-state="stale"' in html

    shot = tmp_path / "index.png"
    stderr = chromium(out / "index.html", shot, tmp_path / "profile")
    console = [line for line in stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    assert not re.search(r"ERR_FILE_NOT_FOUND|Uncaught", stderr)
    # the same capture does see a page's console errors
    bad = tmp_path / "bad.html"
    bad.write_text('<p>x</p><script>console.error("seen-by-the-test")</script>',
                   encoding="utf-8")
    assert "seen-by-the-test" in chromium(bad, tmp_path / "bad.png", tmp_path / "profile2")
    with Image.open(shot) as image:
        assert image.format == "PNG" and image.size == (1280, 900)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 20  # text and the state bars, not blank
        drawn = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert any(rgb == (0x82, 0x50, 0xdf) for _, rgb in drawn)  # stale: legend and bar




def _characters_by_letter(text: str) -> int:
    """The ``characters`` rule spelt out letter by letter, as a reference."""
    import re
    import unicodedata

    def wide(ch: str) -> bool:
        return unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalnum()

    count = sum(1 for ch in text if wide(ch))
    rest = "".join(" " if wide(ch) else ch for ch in text)
    return count + len(re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", rest))


@pytest.mark.parametrize("text", [
    "", "ATT", "第九届缔约国会议", "2023年8月21日至25日", "ＡＴＴ１２３", "CSP9第九届ATT/CSP9",
    "《武器贸易条约》（ATT）第5条第3款", "co-chairs' 报告 States'", "한국어 텍스트 日本語テキスト",
    "ｶﾀｶﾅ half-width, ﾃｽﾄ", "mixed\u3000ideographic\u3000space 全角",
])
def test_character_counts_equal_counting_letter_by_letter(text):
    from att_docs.language.wordcount import count_words

    assert count_words(text, "characters") == _characters_by_letter(text)
