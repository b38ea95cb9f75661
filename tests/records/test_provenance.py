"""The translation record, word diffs, the status cache and bad input around them."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from buildutil import att_docs, edit
from conftest import TEMPLATES

from att_docs.records.worddiff import inline_diff, word_diff
from att_docs.status.report import conference_status

TODAY = dt.date(2023, 7, 1)


def test_word_diff_keeps_every_word_once():
    old = "The WGTU held its first meeting on 15 February 2023."
    new = "The WGTU held its first formal meeting on 16 February 2023."
    changes = word_diff(old, new)
    assert "".join(t for op, t in changes if op != "insert") == old
    assert "".join(t for op, t in changes if op != "delete") == new
    assert inline_diff(old, new) == ("The WGTU held its first {+formal+} meeting on "
                                     "[-15-]{+16+} February 2023.")


def test_word_diff_of_text_without_spaces_works_by_character():
    changes = word_diff("会议于二月举行", "会议于三月举行")
    assert ("delete", "二") in changes and ("insert", "三") in changes


def test_status_rows_come_from_the_cache_until_a_paper_or_record_changes(conference_copy,
                                                                         tmp_path,
                                                                         monkeypatch):
    cache = tmp_path / "build" / "csp9" / ".status.json"
    first = conference_status(conference_copy, TEMPLATES, TODAY, cache_file=cache)
    assert cache.is_file()
    reads = []
    import att_docs.readers.load as load

    real = load.load_papers

    def counting(*args, dirs, **kwargs):
        reads.extend(d.name for d in dirs)
        return real(*args, dirs=dirs, **kwargs)

    monkeypatch.setattr(load, "load_papers", counting)
    again = conference_status(conference_copy, TEMPLATES, TODAY, cache_file=cache)
    assert reads == []
    assert [r.__dict__ | {"languages": None} for r in again.papers] == \
           [r.__dict__ | {"languages": None} for r in first.papers]
    assert [r.languages for r in again.papers] == [r.languages for r in first.papers]

    paper = conference_copy / "wgtu-report"
    edit(paper / "en.md", "held its first meeting", "held its first formal meeting")
    changed = conference_status(conference_copy, TEMPLATES, TODAY, cache_file=cache)
    assert reads == ["wgtu-report"]
    (row,) = [r for r in changed.papers if r.id == "wgtu-report"]
    assert row.languages["zh"].stale == ["first-meeting"]

    before = len(reads)
    for lang in list(row.languages)[1:]:  # the translations (the original comes first)
        proc = att_docs("translated", paper, "--lang", lang)  # only the record changes
        assert proc.returncode == 0, proc.stderr
    after = conference_status(conference_copy, TEMPLATES, TODAY, cache_file=cache)
    assert reads[before:] == ["wgtu-report"]
    (row,) = [r for r in after.papers if r.id == "wgtu-report"]
    assert row.languages["zh"].stale == [] and row.ready


def test_a_damaged_record_is_one_line_naming_its_file_and_line(conference_copy):
    record = conference_copy / "wgtu-report" / ".translations" / "zh.yaml"
    text = record.read_text(encoding="utf-8").splitlines()
    text[5] = "  : [unclosed"
    record.write_text("\n".join(text) + "\n", encoding="utf-8")
    for command in (["status", conference_copy, "--format", "json"],
                    ["translated", conference_copy / "wgtu-report", "--lang", "zh"]):
        proc = att_docs(*command)
        assert proc.returncode == 1, proc.stdout
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert f"{record}:" in proc.stderr


def test_translated_refuses_the_original_language_and_writes_nothing(conference_copy):
    record = conference_copy / "wgtu-report" / ".translations" / "zh.yaml"
    before = record.read_bytes()
    proc = att_docs("translated", conference_copy / "wgtu-report", "--lang", "en")
    assert proc.returncode == 1 and "original language" in proc.stderr
    assert not (record.parent / "en.yaml").exists() and record.read_bytes() == before


def test_a_bad_word_count_rule_names_the_locale_file(conference_copy, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    locale = templates / "locale" / "zh.yaml"
    edit(locale, "word_count: characters", "word_count: syllables")
    proc = att_docs("status", conference_copy, "--templates", templates, "--format", "json",
                    "--strict")
    assert proc.returncode == 1
    for row in json.loads(proc.stdout)["conferences"][0]["papers"]:
        assert row["state"] == "unreadable"  # status reads leniently: one row per paper
        assert f"{locale}:" in row["problems"][0] and "word_count" in row["problems"][0]
    proc = att_docs("check", conference_copy, "--templates", templates)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert f"{locale}:" in proc.stderr


def test_a_text_without_english_counterpart_is_extra(conference_copy):
    prose = conference_copy / "mc-programme-of-work" / "zh.md"
    with prose.open("a", encoding="utf-8") as fh:
        fh.write("\n{#only-here} 这一段没有英文原文。\n")
    report = conference_status(conference_copy, TEMPLATES, TODAY)
    (row,) = [r for r in report.papers if r.id == "mc-programme-of-work"]
    zh = row.languages["zh"]
    assert zh.units["extra"] == 1 and zh.words["extra"] == len("这一段没有英文原文")
    assert zh.translated == zh.total  # the others stay translated
    assert not row.complete and row.state == "incomplete"
