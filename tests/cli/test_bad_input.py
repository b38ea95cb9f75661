"""Bad input ends with one line naming file and line, a non-zero exit, no traceback,
no output written and the content untouched. Each case runs the real command."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_build(conference: Path, out: Path, templates: Path | None = None,
              *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "att_docs", "build", str(conference), "-o", str(out),
           "-f", "docx", *extra]
    if templates:
        cmd += ["--templates", str(templates)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "malformed YAML": (
        "mc-programme-of-work/paper.yaml", "original_language: en", "original_language: [en",
        r"paper\.yaml:\d+: malformed YAML"),
    "unknown key": (
        "mc-programme-of-work/paper.yaml", "original_language: en",
        "original_language: en\nauthor: someone", r"paper\.yaml:\d+: unknown key 'author'"),
    "missing key": (
        "mc-programme-of-work/paper.yaml", "original_language: en\n", "",
        r"paper\.yaml:\d+: missing key 'original_language'"),
    "missing translation in YAML": (
        "wgtu-report/annex-a/annex.yaml", "label: A", "label: A\n",
        None),  # replaced below: remove a zh title
    "paragraph missing in one language": (
        "mc-programme-of-work/zh.md", "{#conclusion-wip}", "",
        r"zh\.md:\d+: paragraph 'conclusion-wip' \(en\.md:\d+\) is missing in this language"),
    "unknown document type": (
        "mc-programme-of-work/paper.yaml", "type: draft-proposal", "type: white-paper",
        r"paper\.yaml:\d+: unknown document type 'white-paper' \(known: chair-report, "
        r"decision-annex, draft-proposal\)"),
    "malformed symbol": (
        "mc-programme-of-work/paper.yaml", "symbol: ATT/CSP9.MC/2023/MC/761/Conf.ProgWork",
        "symbol: ATT/CSP9.MC/23/MC/761/Conf.ProgWork",
        r"paper\.yaml:\d+: malformed document symbol"),
    "undefined footnote": (
        "wgtu-report/zh.md", "[^workplan]:", "[^other]:",
        r"zh\.md:\d+: footnote \[\^workplan\] is used but not defined"),
}


def check_failure(proc: subprocess.CompletedProcess[str], pattern: str, out: Path) -> None:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert re.search(pattern, lines[0]), lines[0]
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][3]])
def test_bad_content_is_reported_by_file_and_line(case, conference_copy, tmp_path):
    rel, old, new, pattern = CASES[case]
    target = conference_copy / rel
    if case == "paragraph missing in one language":
        # drop the last paragraph of the Chinese file, whatever its id
        text = target.read_text(encoding="utf-8")
        last_id = re.findall(r"^\{#([a-z0-9-]+)\}", text, re.M)[-1]
        paragraph = re.search(r"^\{#" + last_id + r"\}.*$", text, re.M).group(0)
        target.write_text(text.replace(paragraph, ""), encoding="utf-8")
        pattern = pattern.replace("conclusion-wip", last_id)
    else:
        edit(target, old, new)
    before = snapshot(conference_copy)
    out = tmp_path / "out"
    check_failure(run_build(conference_copy, out), pattern, out)
    assert snapshot(conference_copy) == before


def test_missing_chinese_title_is_reported(conference_copy, tmp_path):
    path = conference_copy / "wgtu-report" / "annex-a" / "annex.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    zh = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("zh:"))
    del lines[zh]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    check_failure(run_build(conference_copy, out), r"annex\.yaml:\d+: missing 'zh' text for title",
                  out)


def test_broken_template_is_reported(conference_copy, templates_copy, tmp_path):
    edit(templates_copy / "paper.md.j2", "{{ doc.date | long_date }}", "{{ doc.date | long_date ")
    out = tmp_path / "out"
    check_failure(run_build(conference_copy, out, templates_copy),
                  r"paper\.md\.j2:\d+: template error", out)


def test_undefined_template_variable_is_reported(conference_copy, templates_copy, tmp_path):
    edit(templates_copy / "paper.md.j2", "{{ doc.symbol }}", "{{ doc.symbool }}")
    out = tmp_path / "out"
    check_failure(run_build(conference_copy, out, templates_copy),
                  r"paper\.md\.j2:\d+: template error: .*symbool", out)


def test_bad_catalogue_is_reported(conference_copy, templates_copy, tmp_path):
    edit(templates_copy / "locale" / "zh.po", 'msgid "Arms Trade Treaty"',
         'msgid "Arms Trade Treaty"\nstray text')
    out = tmp_path / "out"
    check_failure(run_build(conference_copy, out, templates_copy),
                  r"zh\.po:\d+: bad message catalogue", out)


TEMPLATE_DATA_CASES = {
    "misspelt key in a locale file": (
        "locale/en.yaml", "soft_break:", "soft_brake:",
        r"en\.yaml:(\d+): unknown key 'soft_brake' in locale data \(expected one of: .*"
        r"soft_break"),
    "misspelt nested key in a locale file": (
        "locale/zh.yaml", "same_year: {start:", "same_yaer: {start:",
        r"zh\.yaml:(\d+): unknown key 'same_yaer' in locale data"),
    "bad date pattern in a locale file": (
        "locale/en.yaml", "long: d MMMM y", "long: d MMMM y bbbbbb",
        r"en\.yaml:(\d+): bad value for 'dates\.long' in locale data: .*LDML"),
    "misspelt key in styles": (
        "styles.yaml", "  footnote: 9", "  foonote: 9",
        r"styles\.yaml:(\d+): unknown key 'foonote' in styles"),
    "missing key in styles": (
        "styles.yaml", "  margin_left_mm: 25\n", "",
        r"styles\.yaml:(\d+): missing key 'page\.margin_left_mm' in styles"),
}


@pytest.mark.parametrize("case", TEMPLATE_DATA_CASES)
def test_bad_locale_or_styles_data_is_reported_by_file_and_line(case, conference_copy,
                                                                templates_copy, tmp_path):
    rel, old, new, pattern = TEMPLATE_DATA_CASES[case]
    target = templates_copy / rel
    edit(target, old, new)
    out = tmp_path / "out"
    proc = run_build(conference_copy, out, templates_copy)
    check_failure(proc, pattern, out)
    line = int(re.search(pattern, proc.stderr).group(1))
    wanted = new.splitlines()[0] if new else old.splitlines()[0].split(":")[0]
    lines = target.read_text(encoding="utf-8").splitlines()
    if new:  # the line named holds the misspelt text
        assert wanted.strip() in lines[line - 1]
    else:  # a missing key: the line of its parent mapping
        assert lines[line - 1].startswith("page:")


def test_missing_conference_folder(tmp_path):
    out = tmp_path / "out"
    check_failure(run_build(tmp_path / "nowhere", out), r"nowhere: not a conference folder", out)


def test_a_failed_build_leaves_previous_outputs_untouched(conference_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "ATT_CSP9.MC_2023_MC_761_Conf.ProgWork.en.docx"
    previous.write_bytes(b"previous good output")
    edit(conference_copy / "wgtu-report" / "paper.yaml", "type: chair-report", "type: nope")
    proc = run_build(conference_copy, out)
    assert proc.returncode == 1
    assert previous.read_bytes() == b"previous good output"
    assert [p.name for p in out.iterdir()] == [previous.name]


def test_a_missing_pdf_font_stops_the_build(conference_copy, templates_copy, tmp_path):
    edit(templates_copy / "styles.yaml", "SimSun:          {pdf: Noto Serif CJK SC,",
         "SimSun:          {pdf: No Such Serif CJK,")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "att_docs", "build", str(conference_copy),
                           "-o", str(out), "-f", "pdf", "--templates", str(templates_copy)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "No Such Serif CJK" in lines[0]
    assert not list(out.glob("*.zh.pdf"))
