"""Checks kept per paper: the findings of a set are those of checking it whole, whichever
papers were read this time, and a build records the same counts after a change as a
cold build of the same content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from buildutil import att_docs, build
from conftest import TEMPLATES

from att_docs.base.errors import ContentError
from att_docs.checks.engine import check_corpora
from att_docs.checks.incremental import check_conference
from att_docs.checks.inputs import read_inputs
from att_docs.glossary import default_path, load

MC = "mc-programme-of-work"
# the first paragraph of the programme of work, in Chinese, as the example has it
MANDATE = "{#mandate} 2022年8月22日至26日举行的"


def whole(conference: Path) -> list:
    """The findings of every paper checked together, as the plain engine gives them."""
    return check_corpora(read_inputs([conference], TEMPLATES), load(default_path()),
                         templates=TEMPLATES)


def copy_paper(conference: Path, name: str, serial: int) -> Path:
    """A copy of the programme of work under another folder name and serial."""
    target = conference / name
    shutil.copytree(conference / MC, target)
    paper = target / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("/761/", f"/{serial}/"),
                     encoding="utf-8")
    return target


def render_differently(paper: Path) -> None:
    """Another Chinese rendering of the first paragraph, one the glossary has no view on."""
    path = paper / "zh.md"
    text = path.read_text(encoding="utf-8")
    assert MANDATE in text
    path.write_text(text.replace(MANDATE, MANDATE.replace("举行的", "召开的"), 1),
                    encoding="utf-8")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "att-docs"


def test_kept_findings_are_those_of_the_whole_set(conference_copy, cache):
    copy_paper(conference_copy, "mc-copy", 901)
    cold = check_conference(conference_copy, TEMPLATES, default_path())
    assert cold == whole(conference_copy)
    assert len(list(cache.glob("checks-*.json"))) == 3
    assert check_conference(conference_copy, TEMPLATES, default_path()) == cold  # all kept
    render_differently(conference_copy / "mc-copy")
    changed = check_conference(conference_copy, TEMPLATES, default_path())
    assert changed == whole(conference_copy)
    assert changed != cold
    assert any(f.check == "consistency" and f.document == "mc-copy" for f in changed)


def test_a_damaged_or_foreign_entry_is_worked_out_again(conference_copy, cache):
    expected = check_conference(conference_copy, TEMPLATES, default_path())
    files = sorted(cache.glob("checks-*.json"))
    files[0].write_bytes(files[0].read_bytes()[:-100])  # cut short
    assert check_conference(conference_copy, TEMPLATES, default_path()) == expected
    # an entry sealed as the cache seals it but not holding together: a place too short
    from att_docs.base.diskcache import read_cached, write_cached

    for path in sorted(cache.glob("checks-*.json")):
        entry = read_cached(path, None)
        entry["table"]["segments"][0][4] = [0]
        write_cached(path, entry)
    assert check_conference(conference_copy, TEMPLATES, default_path()) == expected


def test_without_the_cache_the_findings_are_the_same(conference_copy, monkeypatch):
    monkeypatch.setenv("ATT_DOCS_NO_CACHE", "1")
    assert check_conference(conference_copy, TEMPLATES, default_path()) == whole(
        conference_copy)


def test_the_check_command_gives_the_same_report_from_kept_findings(conference_copy, cache):
    first = att_docs("check", conference_copy, "--format", "json", "--severity", "info")
    again = att_docs("check", conference_copy, "--format", "json", "--severity", "info")
    assert first.returncode == again.returncode
    assert first.stdout == again.stdout
    assert json.loads(first.stdout)["findings"]


def counts(out: Path) -> dict[str, dict[str, int]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {paper["id"]: paper["checks"] for paper in manifest["papers"]}


def test_recorded_counts_do_not_depend_on_which_papers_changed(conference_copy, tmp_path,
                                                               monkeypatch):
    """Three copies of one paper; the second renders a paragraph otherwise, so it is the
    odd one out. Then the third renders it as the second does: now the first is the odd
    one out, though only the third changed. The rebuild must record what a cold build of
    the same content records, for the papers it did not read too."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-one"))
    render_differently(copy_paper(conference_copy, "mc-second", 901))
    copy_paper(conference_copy, "mc-third", 902)
    out = tmp_path / "out"
    build(conference_copy, out, "-f", "docx", "-q")
    before = counts(out)
    render_differently(conference_copy / "mc-third")
    build(conference_copy, out, "-f", "docx", "-q")
    after = counts(out)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-two"))  # nothing kept
    cold = tmp_path / "cold"
    build(conference_copy, cold, "-f", "docx", "-q")
    assert after == counts(cold)
    assert after[MC] != before[MC]  # the first paper was not read, and its count moved
    assert after["mc-second"] != before["mc-second"]


def several_papers(conference: Path) -> list[str]:
    """The example with four more copies of the programme of work, one of them rendering
    a paragraph otherwise and one with a doubled full stop: enough papers for workers."""
    for serial in range(4):
        copy_paper(conference, f"mc-copy-{serial}", 901 + serial)
    render_differently(conference / "mc-copy-1")
    zh = conference / "mc-copy-2" / "zh.md"
    zh.write_text(zh.read_text("utf-8").replace("。", "。。", 1), "utf-8")
    return sorted(p.parent.name for p in conference.glob("*/paper.yaml"))


def test_workers_give_the_findings_of_one_process(conference_copy, tmp_path, monkeypatch):
    import att_docs.base.processes as processes
    from att_docs.checks.incremental import POOL_FROM

    assert len(several_papers(conference_copy)) >= POOL_FROM
    pooled: list[int] = []
    forked_map = processes.forked_map

    def counted(func, shared, items, workers):
        pooled.append(sum(len(item) for item in items))
        return forked_map(func, shared, items, workers)

    monkeypatch.setattr(processes, "forked_map", counted)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "serial"))
    serial = check_conference(conference_copy, TEMPLATES, default_path(), workers=1)
    assert pooled == []
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "pooled"))
    found = check_conference(conference_copy, TEMPLATES, default_path(), workers=2)
    assert pooled == [5]  # the first paper in process, the other five in the workers
    assert found == serial == whole(conference_copy)
    assert {f.check for f in found} >= {"consistency", "typography"}
    assert len(list((tmp_path / "pooled" / "att-docs").glob("checks-*.json"))) == 6
    # read back from the cache: the same again
    assert check_conference(conference_copy, TEMPLATES, default_path(), workers=2) == found


def test_a_paper_a_worker_cannot_read_is_named_as_in_one_process(conference_copy, cache):
    several_papers(conference_copy)
    paper = conference_copy / "mc-copy-3" / "paper.yaml"
    paper.write_text(paper.read_text("utf-8") + "\nsymbol: [unclosed\n", "utf-8")
    errors = []
    for workers in (1, 2):
        with pytest.raises(ContentError) as caught:
            check_conference(conference_copy, TEMPLATES, default_path(), workers=workers)
        errors.append(caught.value)
    assert errors[0].path == errors[1].path == paper
    assert errors[0].line and str(errors[0]) == str(errors[1])


def test_the_check_command_reports_the_same_with_one_worker_or_two(conference_copy,
                                                                   tmp_path, monkeypatch):
    several_papers(conference_copy)
    reports = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / jobs))
        reports.append(att_docs("check", conference_copy, "-j", jobs, "--format", "json",
                                "--severity", "info", "--fail-on", "warning"))
    assert reports[0].returncode == reports[1].returncode == 1
    assert reports[0].stdout == reports[1].stdout
    assert json.loads(reports[0].stdout)["findings"]
    # every paper kept, and the lemmas the workers met saved as one process saves them
    kept = {jobs: {p.name: p.read_bytes() for p in (tmp_path / jobs / "att-docs").iterdir()
                   if p.name.startswith(("checks-", "lemmas-"))}
            for jobs in ("1", "2")}
    assert len([name for name in kept["2"] if name.startswith("checks-")]) == 6
    assert any(name.startswith("lemmas-") for name in kept["2"])
    assert kept["1"] == kept["2"]


def test_kept_entries_are_not_flushed_one_by_one(conference_copy, cache, monkeypatch):
    """A cache file a crash cuts short fails its checksum and is made again: the entries
    are replaced atomically, without an fsync each."""
    import os

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    expected = check_conference(conference_copy, TEMPLATES, default_path())
    assert len(list(cache.glob("checks-*.json"))) == 2
    assert synced == []
    assert check_conference(conference_copy, TEMPLATES, default_path()) == expected


def test_a_kept_row_holds_the_fields_of_a_finding_in_their_order():
    from dataclasses import fields

    from att_docs.checks.findings import Finding
    from att_docs.checks.incremental import _FIELDS

    assert tuple(f.name for f in fields(Finding)) == _FIELDS
