"""The translation memory: the conferences already done pre-fill a new paper's export.

A copy of a CSP9 paper under a CSP10 symbol, its translations not yet made (the
languages hold the English, as a new paper starts), is exported for Chinese: nearly all
its units come pre-filled with an id or exact match, ``xliff analyse`` counts them at
100 %, and ``status`` still calls them untranslated until the file is imported. A
paragraph edited by a few words is offered as a fuzzy match with its score.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CONTENT, TEMPLATES, safe_load
from lxml import etree

from att_docs.cli.main import main
from att_docs.document.units import texts_by_id
from att_docs.exchange.content_writer import write_translations
from att_docs.exchange.xliff import NS_2, NS_12, NS_MTC
from att_docs.exchange.xliff.papers import read_one
from att_docs.writers.content.yamlout import plain_dump

NS = {"x": NS_12, "v2": NS_2, "mtc": NS_MTC}
CSP10 = "ATT/CSP10.WGTU/2024/CHAIR/800/Conf.Rep"
EDITED = ("The WGTU held its first meeting on 15 February 2023, which was livestreamed.",
          "The WGTU held its first formal meeting on 15 February 2023, which was streamed.")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _copy_by_word(paper: Path, work: Path) -> None:
    """The CSP9 paper's English DOCX imported as a new paper (new ids, from its words)."""
    out = work / "docx"
    built = run("build", CONTENT, "-o", out, "-f", "docx", "-l", "en", "-q")
    assert built.exit_code == 0, built.output
    (docx,) = out.glob("*_763_*.en.docx")
    imported = run("import", docx, "--conference", paper.parent, "--id", paper.name)
    assert imported.exit_code == 0, imported.output


@pytest.fixture(params=["folder", "word"])
def content(request, tmp_path: Path) -> Path:
    """content/csp9 (the example) and content/csp10 holding a copy of the WGTU report
    under a CSP10 symbol, every translation still the English text, no record: the
    folder copied (same ids), or the paper's DOCX imported with `att-docs import`."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content / "csp9")
    csp10 = content / "csp10"
    csp10.mkdir()
    conference = safe_load((CONTENT / "conference.yaml").read_text(encoding="utf-8"))
    conference.update(number=10, opening="2024-08-26", closing="2024-08-30")
    (csp10 / "conference.yaml").write_text(plain_dump(conference),
                                           encoding="utf-8")
    paper = csp10 / "wgtu-report"
    if request.param == "word":
        _copy_by_word(paper, tmp_path)
    else:
        shutil.copytree(CONTENT / "wgtu-report", paper)
        shutil.rmtree(paper / ".translations")
    meta = (paper / "paper.yaml").read_text(encoding="utf-8")
    meta = meta.replace("ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep", CSP10)
    (paper / "paper.yaml").write_text(re.sub(r"(?m)^date: .*$", "date: 2024-07-26", meta),
                                      encoding="utf-8")
    doc = read_one(paper, TEMPLATES)
    english = texts_by_id(doc, "en")
    for lang in doc.languages[1:]:
        write_translations(paper, lang, english, "en")
    return content


def export(paper: Path, out: Path, *args: str) -> Path:
    result = run("xliff", "export", paper, "-t", "zh", "-o", out, *args)
    assert result.exit_code == 0, result.output
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    return path


def zh_status(content: Path) -> dict:
    result = run("status", content / "csp10", "--format", "json", "--today", "2024-07-01")
    (conference,) = json.loads(result.stdout)["conferences"]
    (paper,) = conference["papers"]
    return paper["languages"]["zh"]


def test_a_copy_under_a_new_symbol_is_pre_filled_and_analysed_at_100(content: Path) -> None:
    paper = content / "csp10" / "wgtu-report"
    path = export(paper, content.parent / "out")
    units = etree.parse(str(path)).findall(".//x:trans-unit", NS)
    qualifiers = [u.find("x:target", NS).get("state-qualifier") for u in units]
    filled = [q for q in qualifiers if q in ("id-match", "exact-match")]
    assert len(filled) >= 0.9 * len(units), (len(filled), len(units))
    if (content / "csp10" / "wgtu-report" / "fr.md").read_text(encoding="utf-8").count(
            "{#establishment}"):  # the folder copied: same ids, same type, earlier paper
        assert qualifiers.count("id-match") >= 0.8 * len(units)
    for unit in units:
        target = unit.find("x:target", NS)
        if target.get("state-qualifier"):
            assert target.get("state") == "needs-review-translation"
    csp9 = texts_by_id(read_one(content / "csp9" / "wgtu-report", TEMPLATES), "zh")
    title = next(u for u in units if u.get("id") == "title").find("x:target", NS)
    assert "".join(title.itertext()) == csp9["title"].plain()

    analysed = run("xliff", "analyse", paper, "-t", "zh", "--format", "json")
    assert analysed.exit_code == 0, analysed.output
    (row,) = json.loads(analysed.stdout)["papers"]
    assert row["segments"]["100"] == len(filled)
    assert row["words"]["100"] >= 0.9 * row["total_words"]
    status = zh_status(content)
    assert status["units"]["translated"] == 0 and status["stale"] == []
    assert row["total_words"] == sum(status["words"].values())  # counted as status counts
    assert row["words"]["translated"] == 0

    text = run("xliff", "analyse", paper, "-t", "zh").output
    assert CSP10 in text and "100%" in text.splitlines()[0]
    assert max(len(line) for line in text.splitlines()) <= 80

    imported = run("xliff", "import", path, "--content", content)
    assert imported.exit_code == 0, imported.output
    status = zh_status(content)  # imported, the pre-filled texts count as translated
    assert status["units"]["translated"] >= 0.9 * status["total"]


def test_a_paragraph_edited_by_a_few_words_is_a_fuzzy_match(content: Path) -> None:
    paper = content / "csp10" / "wgtu-report"
    for lang in ("en", "zh", "fr"):  # the new paper's English, and its copies
        prose = paper / f"{lang}.md"
        prose.write_text(prose.read_text(encoding="utf-8").replace(*EDITED), encoding="utf-8")
    path = export(paper, content.parent / "out")
    (unit,) = [u for u in etree.parse(str(path)).iterfind(".//x:trans-unit", NS)
               if "".join(u.find("x:source", NS).itertext()).startswith(EDITED[1])]
    target = unit.find("x:target", NS)
    assert target.get("state") == "new" and target.get("state-qualifier") is None
    assert "".join(target.itertext()) == "".join(unit.find("x:source", NS).itertext())
    (alt, *_) = unit.findall("x:alt-trans", NS)
    assert 75 <= int(alt.get("match-quality")) <= 99
    assert alt.get("origin") == "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep#first-meeting"
    csp9 = texts_by_id(read_one(content / "csp9" / "wgtu-report", TEMPLATES), "zh")
    assert "".join(alt.find("x:target", NS).itertext()) == csp9["first-meeting"].plain()
    assert "".join(alt.find("x:source", NS).itertext()).startswith(EDITED[0])

    v2 = export(paper, content.parent / "v2", "--xliff", "2.1")
    tree = etree.parse(str(v2))
    unit = tree.find(f".//v2:unit[@id='{unit.get('id')}']", NS)
    match = unit.find("mtc:matches/mtc:match", NS)
    assert match.get("ref") == "#" + unit.find("v2:segment", NS).get("id")
    assert 75 <= float(match.get("similarity")) <= 99
    assert unit.find("v2:segment/v2:target", NS) is None  # offered, not filled in
    states = {s.get("subState") for s in tree.iterfind(".//v2:segment", NS)}
    assert states & {"att:id-match", "att:exact-match"}

    analysed = json.loads(run("xliff", "analyse", paper, "-t", "zh", "--format",
                              "json").stdout)["papers"][0]
    assert analysed["segments"]["85-94"] + analysed["segments"]["95-99"] \
        + analysed["segments"]["75-84"] >= 1


def test_without_memory_nothing_is_pre_filled(content: Path) -> None:
    path = export(content / "csp10" / "wgtu-report", content.parent / "out", "--no-memory")
    data = path.read_text(encoding="utf-8")
    assert "state-qualifier" not in data and "<alt-trans" not in data


def test_a_tmx_added_to_the_memory_fills_what_no_paper_has(tmp_path: Path) -> None:
    from tkfiles import make_tmx

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content / "csp9")
    paper = content / "csp9" / "wgtu-report"
    doc = read_one(paper, TEMPLATES)
    write_translations(paper, "zh", {"introduction": texts_by_id(doc, "en")["introduction"]},
                       "en")
    tmx = make_tmx(tmp_path / "earlier sessions.tmx", "en-GB", "zh-CN",
                   [("Introduction", "导言")])
    shutil.rmtree(content / "csp9" / "mc-programme-of-work")  # no paper has it now
    added = run("tm", "add", tmx, "--content", content)
    assert added.exit_code == 0, added.output
    assert (content / ".tm" / "earlier-sessions.tmx").is_file()
    assert "1 unit in en, zh" in added.output
    listed = run("tm", "list", "--content", content)
    assert "earlier-sessions.tmx: 1 unit in" in listed.output
    path = export(paper, tmp_path / "out")
    unit = etree.parse(str(path)).find(".//x:trans-unit[@id='introduction']", NS)
    target = unit.find("x:target", NS)
    assert (target.text, target.get("state-qualifier")) == ("导言", "exact-match")
