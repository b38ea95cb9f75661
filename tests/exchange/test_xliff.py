"""``att-docs xliff export|import``: round trips, changes written by id, every refusal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TEMPLATES
from lxml import etree

from att_docs.cli.main import main
from att_docs.document.model import FootnoteRef, Run
from att_docs.document.units import document_units, texts_by_id
from att_docs.exchange.xliff import NS_2, NS_12
from att_docs.exchange.xliff.papers import read_one

NS = {"x": NS_12}
VERSIONS = ("1.2", "2.1")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def export(conference: Path, out: Path, *args: str) -> list[Path]:
    result = run("xliff", "export", str(conference), "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.stdout.splitlines()]


def import_(conference: Path, *files: Path | str, extra: tuple[str, ...] = ()) -> Result:
    return run("xliff", "import", *map(str, files), "--content", str(conference), *extra)


def report_file(files: list[Path], lang: str = "zh") -> Path:
    """The WGTU report's file for ``lang``."""
    return next(f for f in files if "_763_" in f.name and f".en-{lang}." in f.name)


def languages(conference: Path) -> list[str]:
    from att_docs.readers.content import read_conference

    return read_conference(conference).languages


def tu(tree: etree._ElementTree, unit_id: str) -> etree._Element:
    return tree.find(f".//x:trans-unit[@id='{unit_id}']", NS)


def set_target(tree: etree._ElementTree, unit_id: str, text: str) -> None:
    target = tu(tree, unit_id).find("x:target", NS)
    for child in list(target):
        target.remove(child)
    target.text = text


def save(tree: etree._ElementTree, path: Path) -> None:
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("version", VERSIONS)
def test_export_then_import_unchanged_leaves_content_byte_for_byte(
        conference_copy: Path, tmp_path: Path, version: str) -> None:
    before = snapshot(conference_copy)
    files = export(conference_copy, tmp_path / "out", "--xliff", version)
    assert len(files) == 2 * (len(languages(conference_copy)) - 1)
    result = import_(conference_copy, *files)
    assert result.exit_code == 0, result.output
    assert result.output.count("changed 0 units") == len(files)
    assert snapshot(conference_copy) == before


@pytest.mark.parametrize("version", VERSIONS)
def test_translate_toolkit_reads_every_unit(conference_copy: Path, tmp_path: Path,
                                            version: str) -> None:
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    for path in export(conference_copy, tmp_path / "out", "--xliff", version):
        store = (xlifffile if version == "1.2" else Xliff2File)(path.read_bytes())
        units = {u.getid().split("\x04")[-1]: u for u in store.units}
        doc = read_one(conference_copy / _paper_of(path), TEMPLATES)
        original = doc.masthead.original_language
        target = path.suffixes[-2].split("-")[1]  # ….en-zh.xlf
        expected: dict[str, tuple[str, str]] = {}
        for unit in document_units(doc):
            source, translation = unit.text(original), unit.text(target)
            for n, block in enumerate(source.blocks):
                key = f"{unit.id}:{n + 1}" if len(source.blocks) > 1 else unit.id
                expected[key] = (_plain(block), _plain(translation.blocks[n]))
        assert set(units) == set(expected)
        for key, (source, translation) in expected.items():
            assert _untagged(units[key].source) == source, key
            assert _untagged(units[key].target) == translation, key


def _paper_of(path: Path) -> str:
    return "wgtu-report" if "_763_" in path.name else "mc-programme-of-work"


def _plain(block) -> str:
    return "".join(i.text for i in block.inlines if isinstance(i, Run))


def _untagged(text: str) -> str:
    """translate-toolkit shows inline codes as placeholders; drop them."""
    return re.sub(r"\{?<[^>]*>\}?|\[\^[a-z0-9-]+\]", "", text)


def test_exported_file_names_units_states_codes_and_terms(conference_copy: Path,
                                                         tmp_path: Path) -> None:
    path = report_file(export(conference_copy, tmp_path / "out"))
    assert path.name == "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en-zh.xlf"
    tree = etree.parse(str(path))
    file = tree.find("x:file", NS)
    assert file.get("original") == "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
    unit = tu(tree, "establishment")
    source, target = unit.find("x:source", NS), unit.find("x:target", NS)
    assert target.get("state") == "translated"
    assert [x.get("equiv-text") for x in source.iterfind("x:x", NS)] == ["[^workplan]"]
    assert [x.get("id") for x in target.iterfind("x:x", NS)] == ["1"]
    assert "WGTU = 普遍加入条约工作组" in unit.find("x:note", NS).text
    ids = [u.get("id") for u in tree.iterfind(".//x:trans-unit", NS)]
    assert ids[:3] == ["title", "subtitle", "submitted_by"]
    assert "footnote.workplan" in ids and "annex-a.caption" in ids
    assert "elements.row_labels.status" in ids and "csp9.endorses.lead" in ids
    # Frame text is not translated: no symbol or conference line of its own.
    texts = [u.find("x:source", NS).text for u in tree.iterfind(".//x:trans-unit", NS)]
    assert "ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep" not in texts


def test_untranslated_units_carry_their_source_as_target_with_state_new(
        conference_copy: Path, tmp_path: Path) -> None:
    paper = conference_copy / "mc-programme-of-work"
    zh = paper / "zh.md"
    lines = zh.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(i for i, line in enumerate(lines) if line.startswith("{#"))
    unit_id = re.match(r"\{#([a-z0-9-]+)", lines[dropped]).group(1)
    zh.write_text("".join(lines[:dropped] + lines[dropped + 2:]), encoding="utf-8")
    files = export(conference_copy, tmp_path / "out")
    tree = etree.parse(str(next(f for f in files if "_761_" in f.name and "-zh." in f.name)))
    unit = tu(tree, unit_id)
    target = unit.find("x:target", NS)
    assert target.get("state") == "new"
    assert target.text == unit.find("x:source", NS).text
    v2 = etree.parse(str(next(f for f in export(conference_copy, tmp_path / "v2", "--xliff",
                                                "2.1") if "_761_" in f.name and "-zh." in f.name)))
    segment = v2.find(f".//{{{NS_2}}}unit[@id='{unit_id}']/{{{NS_2}}}segment")
    assert segment.get("state") == "initial" and segment.find(f"{{{NS_2}}}target") is None
    # Importing the untouched file changes nothing: the unit is still untranslated.
    before = snapshot(conference_copy)
    assert import_(conference_copy, *files).exit_code == 0
    assert snapshot(conference_copy) == before


# ------------------------------------------------------------------ changes


CHANGED = {
    "purpose": "新的第一段译文。",
    "title": "新的标题",
    "annex-a.caption": "新的附件说明",
    "elements.row_labels.status": "现状",
    "elements.medium-term-planning.title": "新的表格标题",
    "elements.medium-term-planning.status.text:2": "单元格第二段的新译文。",
    "csp9.endorses.multi-year": "以多年期形式开展普遍加入工作（新）。",
    "csp9.takes-note.lead": "第九届缔约国会议注意到（新）：",
    "footnote.ratification": "新的脚注译文。",
}


def test_import_writes_changed_texts_by_id_and_nothing_else(conference_copy: Path,
                                                           tmp_path: Path) -> None:
    before = snapshot(conference_copy)
    path = report_file(export(conference_copy, tmp_path / "out"))
    tree = etree.parse(str(path))
    for unit_id, text in CHANGED.items():
        set_target(tree, unit_id, text)
    save(tree, path)

    dry = import_(conference_copy, path, extra=("--dry-run",))
    assert dry.exit_code == 0, dry.output
    assert snapshot(conference_copy) == before
    assert "would change 9 units" in dry.output

    result = import_(conference_copy, path)
    assert result.exit_code == 0, result.output
    for unit_id in ("purpose", "csp9.endorses.multi-year", "footnote.ratification",
                    "elements.medium-term-planning.status.text"):
        assert f": {unit_id} changed: " in result.stdout
    after = snapshot(conference_copy)
    changed_files = {name for name in after if after[name] != before[name]}
    assert changed_files == {"wgtu-report/zh.md", "wgtu-report/paper.yaml",
                             "wgtu-report/annex-a/annex.yaml", "wgtu-report/annex-a/zh.md",
                             "wgtu-report/annex-a/tables.yaml",
                             "wgtu-report/annex-a/decisions.yaml"}
    # Each changed file differs in exactly the lines of the changed texts.
    changed_lines = sum(_changed_lines(before[n], after[n]) for n in changed_files)
    assert changed_lines == len(CHANGED)

    doc = read_one(conference_copy / "wgtu-report", TEMPLATES)
    zh = texts_by_id(doc, "zh")
    for unit_id, text in CHANGED.items():
        base, _, block = unit_id.partition(":")
        got = zh[base].blocks[int(block) - 1 if block else 0]
        assert _plain(got) == text, unit_id
    cell = zh["elements.medium-term-planning.status.text"]
    assert _plain(cell.blocks[0]).startswith("近期经验表明")  # the other paragraph kept
    # Importing the same file again changes nothing more.
    assert "changed 0 units" in import_(conference_copy, path).output


def _changed_lines(before: bytes, after: bytes) -> int:
    old = before.decode().splitlines()
    new = after.decode().splitlines()
    assert len(old) == len(new)
    return sum(1 for a, b in zip(old, new, strict=True) if a != b)


def test_formatting_and_footnote_marks_survive_export_and_import(conference_copy: Path,
                                                                 tmp_path: Path) -> None:
    annex = conference_copy / "wgtu-report" / "annex-a"
    for lang, new in (("en", "States **that could *benefit*** from assistance"),
                      ("zh", "**可以*受益*的**国家")):
        md = annex / f"{lang}.md"
        text = md.read_text(encoding="utf-8")
        text = re.sub(r"(\{#national-processes\} )", r"\1" + new.replace("\\", r"\\") + " ",
                      text, count=1)
        md.write_text(text, encoding="utf-8")
    before = snapshot(conference_copy)
    for version in VERSIONS:
        files = export(conference_copy, tmp_path / version, "--xliff", version)
        assert import_(conference_copy, *files).exit_code == 0
        assert snapshot(conference_copy) == before

    path = report_file(export(conference_copy, tmp_path / "edit"))
    tree = etree.parse(str(path))
    unit = tu(tree, "national-processes")
    source = unit.find("x:source", NS)
    kinds = {g.get("id"): g.get("ctype") for g in source.iter(f"{{{NS_12}}}g")}
    assert sorted(kinds.values()) == ["bold", "italic"]
    bold = next(k for k, v in kinds.items() if v == "bold")
    italic = next(k for k, v in kinds.items() if v == "italic")
    note = source.find(".//x:x", NS).get("id")
    target = unit.find("x:target", NS)
    for child in list(target):
        target.remove(child)
    new = etree.fromstring(
        f'<target xmlns="{NS_12}">新译文<x id="{note}"/>，<g id="{italic}">斜体</g>与'
        f'<g id="{bold}">粗体</g>。</target>')
    target.text = new.text
    target.extend(list(new))
    save(tree, path)
    result = import_(conference_copy, path)
    assert result.exit_code == 0, result.output
    text = texts_by_id(read_one(conference_copy / "wgtu-report", TEMPLATES), "zh")
    inlines = text["national-processes"].inlines
    assert inlines == [Run("新译文"), FootnoteRef("ratification"), Run("，"),
                       Run("斜体", italic=True), Run("与"), Run("粗体", bold=True), Run("。")]


# ------------------------------------------------------------------ refusals


def _refused(conference: Path, before: dict[str, bytes], *files: Path | str,
             says: str, extra: tuple[str, ...] = ()) -> str:
    """Refused with --all-or-nothing: exit 1, the reason named, nothing written."""
    result = import_(conference, *files, extra=("--all-or-nothing", *extra))
    assert result.exit_code == 1, result.output
    assert says in result.output
    assert "Traceback" not in result.output
    assert snapshot(conference) == before
    return result.output


def _partly(conference: Path, path: Path, refused: dict[str, str]) -> str:
    """Imported without --all-or-nothing: every good unit arrives ("purpose", changed by
    the ``exported`` fixture), each refused unit is listed with the file, its line and
    the reason, exit 1, one summary line at the end."""
    result = import_(conference, path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    listed = re.findall(rf"^{re.escape(str(path))}:(\d+): (\S+): refused: (.*)$",
                        result.output, re.M)
    assert sorted(unit for _, unit, _ in listed) == sorted(refused), result.output
    for _, unit, why in listed:
        assert refused[unit] in why, (unit, why)
    assert all(int(line) > 1 for line, _, _ in listed)
    zh = texts_by_id(read_one(conference / "wgtu-report", TEMPLATES), "zh")
    assert zh["purpose"].plain() == "一段新译文。"
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("xliff import of 1 file: 1 unit changed"), last
    assert (f"{len(refused)} units refused" if len(refused) != 1 else "1 unit refused") in last
    return result.output


@pytest.fixture
def exported(conference_copy: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """The example conference, the report's exported file with one translation changed,
    and the content as it was."""
    path = report_file(export(conference_copy, tmp_path / "out"))
    tree = etree.parse(str(path))
    set_target(tree, "purpose", "一段新译文。")
    save(tree, path)
    return conference_copy, path, snapshot(conference_copy)


def test_refuses_unknown_ids(exported) -> None:
    conference, path, before = exported
    tree = etree.parse(str(path))
    tu(tree, "background").set("id", "no-such-unit")
    save(tree, path)
    out = _refused(conference, before, path, says="no-such-unit")
    assert path.name in out and "not in ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep" in out
    _partly(conference, path, {"no-such-unit": "unknown id"})


def test_a_hostile_unit_id_is_listed_on_one_line(exported) -> None:
    conference, path, _ = exported
    text = path.read_text(encoding="utf-8")
    text = text.replace('id="background"', 'id="x&#10;y&#13;' + "z" * 300 + '"', 1)
    path.write_text(text, encoding="utf-8")
    result = import_(conference, path)
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.output.splitlines() if "refused: unknown id" in x]
    assert "x\\u000ay\\u000dzzz" in line and len(line) < 300


def test_refuses_a_unit_given_twice(exported) -> None:
    conference, path, before = exported
    tree = etree.parse(str(path))
    copy = etree.fromstring(etree.tostring(tu(tree, "purpose")))
    tu(tree, "background").addnext(copy)
    save(tree, path)
    _refused(conference, before, path, says="appear twice: purpose")
    set_target(tree, "background", "新的背景。")  # one good unit besides the two
    save(tree, path)
    result = import_(conference, path)
    assert result.exit_code == 1 and result.output.count("purpose: refused: appears twice") == 2
    zh = texts_by_id(read_one(conference / "wgtu-report", TEMPLATES), "zh")
    assert zh["background"].plain() == "新的背景。"


def test_refuses_a_file_for_another_or_no_paper(exported) -> None:
    conference, path, before = exported
    tree = etree.parse(str(path))
    file = tree.find("x:file", NS)
    file.set("original", "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork")
    save(tree, path)
    _refused(conference, before, path, says="are not in ATT/CSP9.MC/2023/MC/761/Conf.ProgWork")
    file.set("original", "ATT/CSP9/2023/SEC/999/Conf.Rep")
    save(tree, path)
    _refused(conference, before, path, says="no paper with the symbol "
                                            "'ATT/CSP9/2023/SEC/999/Conf.Rep'")
    result = import_(conference, path)  # refused whole: nothing in it can be placed
    assert result.exit_code == 1 and "file refused" in result.output
    assert snapshot(conference) == before


def test_two_papers_with_one_symbol_are_an_error_naming_both(exported) -> None:
    conference, path, before = exported
    twin = conference / "wgtu-copy"
    import shutil

    shutil.copytree(conference / "wgtu-report", twin)
    before = snapshot(conference)
    for extra in ((), ("--all-or-nothing",)):
        result = import_(conference, path, extra=extra)
        assert result.exit_code == 1, result.output
        assert "two papers have the symbol 'ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep'" in \
            result.output
        assert str(conference / "wgtu-report") in result.output and str(twin) in result.output
        assert snapshot(conference) == before


def test_refuses_a_file_for_another_language(exported) -> None:
    conference, path, before = exported
    tree = etree.parse(str(path))
    file = tree.find("x:file", NS)
    file.set("target-language", "de")
    save(tree, path)
    _refused(conference, before, path, says="translates into 'de'")
    file.set("target-language", "zh")
    file.set("source-language", "zh")
    save(tree, path)
    _refused(conference, before, path, says="source language is 'zh'")


def test_refuses_units_whose_original_changed_unless_forced(exported) -> None:
    conference, path, _ = exported
    tree = etree.parse(str(path))
    set_target(tree, "establishment", "按旧英文翻译的新译文")
    etree.SubElement(tu(tree, "establishment").find("x:target", NS), f"{{{NS_12}}}x",
                     id="1").tail = "。"
    save(tree, path)
    en = conference / "wgtu-report" / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("The WGTU was established",
                                                         "The Group was established"),
                  encoding="utf-8")
    before = snapshot(conference)
    out = _refused(conference, before, path, says="establishment (changed since export)")
    assert "original text differs" in out and "--force" in out
    _partly(conference, path, {"establishment": "changed since export"})
    zh = texts_by_id(read_one(conference / "wgtu-report", TEMPLATES), "zh")
    assert zh["establishment"].plain() != "按旧英文翻译的新译文。"
    result = import_(conference, path, extra=("--force",))
    assert result.exit_code == 0, result.output
    zh = texts_by_id(read_one(conference / "wgtu-report", TEMPLATES), "zh")
    assert zh["purpose"].plain() == "一段新译文。"
    assert zh["establishment"].plain() == "按旧英文翻译的新译文。"
    assert zh["establishment"].inlines[1] == FootnoteRef("workplan")


@pytest.mark.parametrize("edit", ["lost", "added", "repeated", "foreign"])
def test_refuses_lost_or_added_inline_codes(exported, edit: str) -> None:
    conference, path, before = exported
    tree = etree.parse(str(path))
    target = tu(tree, "establishment").find("x:target", NS)
    mark = target.find("x:x", NS)
    if edit == "lost":
        mark.getparent().remove(mark)
        target.text += mark.tail
    elif edit == "added":
        etree.SubElement(target, f"{{{NS_12}}}x", id="7")
    elif edit == "repeated":
        etree.SubElement(target, f"{{{NS_12}}}x", id=mark.get("id"))
    else:
        etree.SubElement(target, f"{{{NS_12}}}bpt", id="1")
    save(tree, path)
    out = _refused(conference, before, path, says="establishment")
    assert "inline codes lost or added" in out
    _partly(conference, path, {"establishment": "inline codes lost or added"})


def test_refuses_malformed_xml(exported) -> None:
    conference, path, before = exported
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    out = _refused(conference, before, path, says="not well-formed XML")
    assert re.search(re.escape(path.name) + r":\d+:", out)


XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep" source-language="en"
      target-language="zh" datatype="plaintext"><body>
<trans-unit id="introduction"><source>Introduction</source><target>&secret;</target></trans-unit>
</body></file></xliff>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep" source-language="en"
      target-language="zh" datatype="plaintext"><body>
<trans-unit id="introduction"><source>Introduction</source><target>&lol4;</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize("payload", [XXE, BOMB], ids=["xxe", "entity-bomb"])
def test_refuses_entities(conference_copy: Path, tmp_path: Path, payload: str) -> None:
    before = snapshot(conference_copy)
    path = tmp_path / "evil.xlf"
    path.write_text(payload, encoding="utf-8")
    _refused(conference_copy, before, path, says="DOCTYPE")


def test_one_refused_file_stops_every_file_only_all_or_nothing(conference_copy: Path,
                                                                 tmp_path: Path) -> None:
    files = export(conference_copy, tmp_path / "out")
    good = next(f for f in files if "_761_" in f.name and "-zh." in f.name)
    tree = etree.parse(str(good))
    first = tree.find(".//x:trans-unit", NS).get("id")
    set_target(tree, first, "改动")
    save(tree, good)
    bad = report_file(files)
    bad.write_text("<xliff", encoding="utf-8")
    before = snapshot(conference_copy)
    _refused(conference_copy, before, good, bad, says=bad.name)
    result = import_(conference_copy, good, bad)
    assert result.exit_code == 1, result.output
    assert re.search(re.escape(bad.name) + r":\d+: not well-formed XML.*; file refused",
                     result.output)
    assert "1 file refused whole" in result.output.strip().splitlines()[-1]
    zh = texts_by_id(read_one(conference_copy / "mc-programme-of-work", TEMPLATES), "zh")
    assert zh[first].plain() == "改动"


def test_export_refuses_a_language_the_paper_is_not_translated_into(
        conference_copy: Path, tmp_path: Path) -> None:
    result = run("xliff", "export", str(conference_copy), "-o", str(tmp_path), "-t", "en")
    assert result.exit_code == 1
    assert "cannot translate into 'en'" in result.output
    assert not list(tmp_path.glob("*.xlf"))


def test_help_names_both_commands() -> None:
    result = run("xliff", "--help")
    assert result.exit_code == 0 and "export" in result.output and "import" in result.output


TRICKY = [
    "星号 *不是斜体* 与 **不是粗体** 和 _下划线_",
    "方括号 [脚注] 与 {#not-an-id} 和 <b>标签</b> & 符号 \\ 反斜杠",
    "# 不是标题",
    "- 不是列表",
    "1. 不是编号",
    "引号 \"直\" 与 'single' 和 `代码`",
]


@pytest.mark.parametrize("text", TRICKY)
def test_imported_text_reads_back_exactly_as_translated(conference_copy: Path,
                                                        tmp_path: Path, text: str) -> None:
    path = report_file(export(conference_copy, tmp_path / "out"))
    tree = etree.parse(str(path))
    units = ("purpose", "first-presidency", "csp9.endorses.multi-year",
             "elements.medium-term-planning.status.text:1", "footnote.ratification", "title")
    for unit_id in units:
        set_target(tree, unit_id, text)
    save(tree, path)
    result = import_(conference_copy, path)
    assert result.exit_code == 0, result.output
    zh = texts_by_id(read_one(conference_copy / "wgtu-report", TEMPLATES), "zh")
    for unit_id in units:
        base, _, block = unit_id.partition(":")
        got = zh[base].blocks[int(block) - 1 if block else 0].inlines
        assert got == [Run(text)], unit_id


def test_refuses_a_translation_that_would_not_read_back(exported) -> None:
    conference, path, before = exported
    tree = etree.parse(str(path))
    set_target(tree, "background", "文字 [^workplan] 不是脚注")
    save(tree, path)
    out = _refused(conference, before, path, says="background (")
    assert "cannot be written as they are" in out
    _partly(conference, path, {"background": "cannot be written as it is"})


def test_xliff_21_targets_with_codes_are_imported(conference_copy: Path,
                                                  tmp_path: Path) -> None:
    path = report_file(export(conference_copy, tmp_path / "out", "--xliff", "2.1"))
    tree = etree.parse(str(path))
    target = tree.find(f".//{{{NS_2}}}unit[@id='establishment']//{{{NS_2}}}target")
    ph = target.find(f"{{{NS_2}}}ph")
    assert ph.get("disp") == "[^workplan]"
    for child in list(target):
        target.remove(child)
    target.text = "新译文"
    pc = etree.SubElement(target, f"{{{NS_2}}}pc", id="9")
    pc.text = "粗体"
    save(tree, path)
    before = snapshot(conference_copy)
    out = _refused(conference_copy, before, path, says="establishment")
    assert "inline code id='9' is not in the source" in out
    target.remove(pc)
    target.append(ph)
    ph.tail = "。"
    save(tree, path)
    assert import_(conference_copy, path).exit_code == 0
    zh = texts_by_id(read_one(conference_copy / "wgtu-report", TEMPLATES), "zh")
    assert zh["establishment"].inlines == [Run("新译文"), FootnoteRef("workplan"), Run("。")]


def test_translations_of_blocks_missing_in_the_language_are_inserted_in_place(
        conference_copy: Path, tmp_path: Path) -> None:
    """A paper whose Chinese lacks some blocks: they go out untranslated, and importing
    their translations puts each back where the original has it, in the original's
    layout (here: the file exactly as it was before the blocks were removed)."""
    full = report_file(export(conference_copy, tmp_path / "full"))
    before = snapshot(conference_copy)
    zh = conference_copy / "wgtu-report" / "zh.md"
    text = zh.read_text(encoding="utf-8")
    removed = []
    for unit_id, after in (("background", "\n\n"), ("establishment", "\n\n"),
                           ("first-presidency", "\n"), ("first-states", "\n")):
        line = re.search(r"^.*\{#" + unit_id + r"\}.*$", text, re.M).group(0)
        text = text.replace(line + after, "", 1)
        removed.append(unit_id)
    zh.write_text(text, encoding="utf-8")
    partial = report_file(export(conference_copy, tmp_path / "partial", "--no-memory"))
    tree = etree.parse(str(partial))
    for unit_id in removed:
        assert tu(tree, unit_id).find("x:target", NS).get("state") == "new", unit_id
    result = import_(conference_copy, full)
    assert result.exit_code == 0, result.output
    for unit_id in removed:
        assert f": {unit_id} added: " in result.stdout
    assert snapshot(conference_copy) == before


@pytest.mark.parametrize("version", VERSIONS)
def test_exported_files_are_valid_against_the_oasis_schemas(conference_copy: Path,
                                                            tmp_path: Path,
                                                            version: str) -> None:
    """1.2 against the OASIS 1.2 transitional XSD, 2.1 against the XLIFF 2 core XSD, with
    bold, italic and footnote codes in the texts."""
    from xmlschemas import xliff_errors

    annex = conference_copy / "wgtu-report" / "annex-a"
    for lang in languages(conference_copy):
        md = annex / f"{lang}.md"
        text = md.read_text(encoding="utf-8")
        md.write_text(text.replace("{#national-processes} ", "{#national-processes} "
                                   "**A *b*** c[^ratification] ", 1), encoding="utf-8")
    files = export(conference_copy, tmp_path / "out", "--xliff", version)
    assert b"<pc " in report_file(files).read_bytes() or version == "1.2"
    for path in files:
        assert xliff_errors(path) == []


def test_stale_translations_go_out_for_review_and_forced_ones_stay_stale(
        conference_copy: Path, tmp_path: Path) -> None:
    from att_docs.records.provenance import unit_states

    path = report_file(export(conference_copy, tmp_path / "before"))
    en = conference_copy / "wgtu-report" / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("The WGTU was established",
                                                         "The Group was established"),
                  encoding="utf-8")
    tree = etree.parse(str(report_file(export(conference_copy, tmp_path / "after"))))
    assert tu(tree, "establishment").find("x:target", NS).get("state") == \
        "needs-review-translation"
    assert tu(tree, "background").find("x:target", NS).get("state") == "translated"

    old = etree.parse(str(path))  # translated from the English before the change
    set_target(old, "establishment", "旧英文的新译文")
    etree.SubElement(tu(old, "establishment").find("x:target", NS), f"{{{NS_12}}}x", id="1")
    set_target(old, "background", "新的背景")
    save(old, path)
    assert import_(conference_copy, path, extra=("--force",)).exit_code == 0
    states = unit_states(read_one(conference_copy / "wgtu-report", TEMPLATES), "zh")
    assert states["establishment"].state == "stale"  # recorded as made from the old text
    assert states["background"].state == "translated"
