"""Translation-memory matching and TMX files: scores, carried codes and numbers, hostile
input."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONTENT

from att_docs.base.errors import ContentError
from att_docs.cli.main import main
from att_docs.document.model import FootnoteRef, Run
from att_docs.exchange.memory import tmx as tmx_module
from att_docs.exchange.memory.entries import Entry
from att_docs.exchange.memory.match import NUMBER_PENALTY, Memory, similarity
from att_docs.exchange.memory.tmx import read_tmx, tmx_entries
from att_docs.exchange.xliff.analyse import band_of

LONG = ("The Working Group met twice in the period under review and discussed the "
        "multi-year plan, the regional champions and the resources required.")


def entry(source, target, **kw) -> Entry:
    source = (Run(source),) if isinstance(source, str) else tuple(source)
    target = (Run(target),) if isinstance(target, str) else tuple(target)
    return Entry(source, target, kw.pop("origin", "test"), **kw)


def test_exact_before_fuzzy_and_one_offer_per_translation() -> None:
    memory = Memory([entry("Introduction", "绪言"), entry("Introduction", "绪言"),
                     entry("Introductions", "介绍")])
    found = memory.matches([Run("Introduction")])
    assert (found[0].kind, found[0].score) == ("exact", 100)
    assert [m.target for m in found].count([Run("绪言")]) == 1
    assert all(m.score < 100 for m in found[1:])


def test_whitespace_does_not_count() -> None:
    memory = Memory([entry(f"  {LONG}\n", "译文")])
    assert memory.matches([Run(LONG.replace(" the ", "  the\n"))])[0].kind == "exact"


def test_a_few_words_edited_give_a_fuzzy_score_in_its_band() -> None:
    memory = Memory([entry(LONG, "译文")])
    edited = LONG.replace("met twice", "met three times").replace("required", "needed")
    (match,) = memory.matches([Run(edited)])
    assert match.kind == "fuzzy" and 75 <= match.score <= 99
    assert band_of(match.score) in ("95-99", "85-94", "75-84")
    assert not Memory([entry(LONG, "译文")]).matches([Run("Something else entirely.")])


def test_a_differing_number_lowers_the_score_and_is_carried_over() -> None:
    memory = Memory([entry("The meeting of 15 February 2023 was held in Geneva.",
                           "2023年2月15日的会议在日内瓦举行。")])
    (match,) = memory.matches([Run("The meeting of 16 February 2023 was held in Geneva.")])
    assert match.score == 100 - NUMBER_PENALTY
    assert match.target == [Run("2023年2月16日的会议在日内瓦举行。")]
    (two,) = memory.matches([Run("The meeting of 16 February 2024 was held in Geneva.")])
    assert two.score == 100 - 2 * NUMBER_PENALTY


def test_footnote_marks_are_carried_by_position_and_codes_cost_a_point() -> None:
    old = entry([Run("The Group was established."), FootnoteRef("old-note")],
                [Run("工作组已设立。"), FootnoteRef("old-note")])
    memory = Memory([old])
    (match,) = memory.matches([Run("The Group was established."), FootnoteRef("new-note")])
    assert match.kind == "exact" and match.target == [Run("工作组已设立。"),
                                                      FootnoteRef("new-note")]
    (plain,) = memory.matches([Run("The Group was established.")])  # no mark here
    assert plain.score == 99 and FootnoteRef("old-note") not in plain.target
    bold = similarity([Run("The Group was established.", bold=True), FootnoteRef("n")], old)
    assert bold == 99


def test_id_match_needs_an_earlier_paper_of_the_same_type() -> None:
    earlier = entry("Introduction", "绪言", unit_id="introduction", paper_type="chair-report",
                    symbol="ATT/CSP9/2023/SEC/1/Conf.Rep", date=dt.date(2023, 7, 21))
    memory = Memory([earlier])
    kw = {"unit_id": "introduction", "symbol": "ATT/CSP10/2024/SEC/1/Conf.Rep"}
    assert memory.matches([Run("Introduction")], paper_type="chair-report",
                          date=dt.date(2024, 7, 1), **kw)[0].kind == "id"
    assert memory.matches([Run("Introduction")], paper_type="decision-annex",
                          date=dt.date(2024, 7, 1), **kw)[0].kind == "exact"
    assert memory.matches([Run("Introduction")], paper_type="chair-report",
                          date=dt.date(2022, 7, 1), **kw)[0].kind == "exact"
    own = {"unit_id": "introduction", "symbol": earlier.symbol}
    assert memory.matches([Run("Introduction")], paper_type="chair-report", **own) == []


TMX = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<tmx version="1.4"><header srclang="en" segtype="paragraph" datatype="plaintext"
 o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en-GB"><seg>Press <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>
now</seg></tuv><tuv xml:lang="zh-CN"><seg>现在<hi>按</hi>这里</seg></tuv>
<tuv xml:lang="zh-TW"><seg>現在按這裡</seg></tuv></tu>
<tu><tuv lang="EN"><seg>Status</seg></tuv><tuv lang="ZH"><seg>状况</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Alone</seg></tuv></tu>
</body></tmx>
"""


def test_tmx_units_by_language_codes_left_out(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(TMX.format(doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'),
                    encoding="utf-8")
    tmx = read_tmx(path)
    assert len(tmx.units) == 2 and tmx.languages[:2] == ["en", "zh"]
    assert "zh-Hant" in tmx.languages  # Traditional Chinese kept apart
    found = [(e.source_text, e.target_text) for e in tmx_entries(tmx, "en", "zh")]
    assert found == [("Press here\nnow", "现在按这里"), ("Status", "状况")]


@pytest.mark.parametrize(("text", "says"), [
    (TMX.format(doctype='<!DOCTYPE tmx [<!ENTITY e "x">]>\n'), "entity declarations"),
    (TMX.format(doctype='<!DOCTYPE tmx [<!ELEMENT tmx ANY>]>\n'), "element declarations"),
    ("<xliff/>", "not a TMX file"),
    ("<tmx><body><tu>", "not well-formed XML"),
    (TMX.format(doctype="").replace("状况", "状\u202e况"), r"U\+202E"),
    (TMX.format(doctype="").replace("状况", "&#xFFFE;"), "not well-formed"),
])
def test_hostile_tmx_is_refused_with_file_and_line(tmp_path: Path, text: str,
                                                   says: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=says) as caught:
        read_tmx(path)
    assert caught.value.path == path


def test_a_tmx_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.tmx"
    path.write_text(TMX.format(doctype=""), encoding="utf-8")
    monkeypatch.setattr(tmx_module, "MAX_BYTES", 100)
    with pytest.raises(ContentError, match="too large"):
        read_tmx(path)


def tm(*args: str | Path):
    return CliRunner().invoke(main, ["tm", *map(str, args)], catch_exceptions=False)


def test_tm_add_keeps_a_copy_in_the_content_folder_and_nothing_else(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    source = tmp_path / "in" / "..memo ry!.TMX"
    source.parent.mkdir()
    source.write_text(TMX.format(doctype=""), encoding="utf-8")
    result = tm("add", source, "--content", content)
    assert result.exit_code == 0, result.output
    (stored,) = (content / ".tm").iterdir()
    assert stored.name == "memo-ry.tmx" and stored.read_bytes() == source.read_bytes()
    again = tm("add", source, "--content", content, "--name", "../../escape")
    assert again.exit_code == 0 and (content / ".tm" / "escape.tmx").is_file()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        ["..memo ry!.TMX", "memo-ry.tmx", "escape.tmx"])
    assert "replaced" in tm("add", source, "--content", content).output


def test_tm_add_refuses_bad_files_and_writes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    bad = tmp_path / "bad.tmx"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "b">]><tmx/>',
                   encoding="utf-8")
    empty = tmp_path / "empty.tmx"
    empty.write_text(TMX.format(doctype="").split("<tu>")[0] + "</body></tmx>",
                     encoding="utf-8")
    for path, says in ((bad, "entity"), (empty, "no translation unit"),
                       (CONTENT / "conference.yaml", "not well-formed")):
        result = tm("add", path, "--content", content)
        assert result.exit_code == 1 and says in result.output, result.output
        assert "Traceback" not in result.output
    assert not (content / ".tm").exists()
    missing = tm("add", empty.with_name("none.tmx"), "--content", content)
    assert missing.exit_code == 2  # click: no such file
    gone = tm("add", bad, "--content", tmp_path / "no-content")
    assert gone.exit_code == 1


def test_tm_add_never_writes_through_a_link(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, content / ".tm")
    source = tmp_path / "m.tmx"
    source.write_text(TMX.format(doctype=""), encoding="utf-8")
    result = tm("add", source, "--content", content)
    assert result.exit_code == 1 and "link" in result.output
    assert list(outside.iterdir()) == []
