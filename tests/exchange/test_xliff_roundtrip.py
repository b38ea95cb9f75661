"""The translator's round trip on papers made by other tools: an unchanged file always
comes back, through translate-toolkit and OmegaT too; a file with bad units brings its
good ones; untranslated, confirmed and stale mean one thing in status, check and XLIFF.

Papers come from Word drafts made without att-docs (python-docx with Word's own styles
and a header row set in bold; the same draft saved again by LibreOffice; an ODT draft
converted by LibreOffice), imported with ``att-docs import``, and from the example.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CONTENT, require_tools
from lxml import etree
from worddrafts import libreoffice_docx, libreoffice_resave, odt_draft, rich_draft

from att_docs.cli.main import main
from att_docs.exchange.xliff import NS_2, NS_12

pytestmark = pytest.mark.slow

NS = {"x": NS_12, "v2": NS_2}
VERSIONS = ("1.2", "2.1")
SOURCES = ("python-docx", "libreoffice-resaved", "libreoffice-odt", "example")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _draft(kind: str, work: Path) -> Path:
    if kind == "python-docx":
        return rich_draft(work / "draft.docx")
    if kind == "libreoffice-resaved":
        require_tools("soffice")
        return libreoffice_resave(rich_draft(work / "draft.docx"), work / "resaved")
    require_tools("soffice")
    return libreoffice_docx(odt_draft(work / "draft.odt"), work)


@pytest.fixture(scope="module", params=SOURCES)
def paper_source(request, tmp_path_factory) -> tuple[str, Path]:
    """A content folder with one conference, made once per source; tests copy it."""
    work = tmp_path_factory.mktemp(request.param)
    content = work / "content"
    if request.param == "example":
        shutil.copytree(CONTENT, content / "csp9")
        return request.param, content
    (content / "csp9").mkdir(parents=True)
    shutil.copy(CONTENT / "conference.yaml", content / "csp9")
    result = run("import", _draft(request.param, work), "--conference", content / "csp9",
                 "--id", "draft")
    assert result.exit_code == 0, result.output
    return request.param, content


@pytest.fixture
def content(paper_source: tuple[str, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(paper_source[1], copy)
    return copy


def export(content: Path, out: Path, *args: str) -> list[Path]:
    result = run("xliff", "export", content / "csp9", "-o", out, *args)
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.stdout.splitlines()]


def import_ok(content: Path, *files: Path) -> Result:
    """Imported with no --force: exit 0, nothing refused."""
    result = run("xliff", "import", *files, "--content", content / "csp9")
    assert result.exit_code == 0, result.output
    assert "refused" not in result.output.replace("0 units refused", ""), result.output
    return result


# ------------------------------------------------------------------ unit kinds


def test_the_drafts_hold_every_kind_of_unit_and_formatting(content: Path,
                                                           paper_source) -> None:
    """What the round trips below carry: bold-only titles, italic, footnote marks, row
    labels (not for a draft whose tables LibreOffice kept as paragraphs), table titles
    and decision items."""
    (path,) = [p for p in export(content, content.parent / "out", "-t", "zh")
               if "_790_" in p.name or "_763_" in p.name]
    tree = etree.parse(str(path))
    kinds = {tu.get("restype") for tu in tree.iterfind(".//x:trans-unit", NS)}
    assert {"x-paragraph", "x-heading", "x-footnote", "x-decision",
            "x-decision-lead"} <= kinds
    if paper_source[0] != "libreoffice-resaved":
        assert {"x-table-title", "x-row-label", "x-cell"} <= kinds
    sources = tree.findall(".//x:trans-unit/x:source", NS)
    codes = {g.get("ctype") for s in sources for g in s.iter(f"{{{NS_12}}}g")}
    codes |= {x.get("ctype") for s in sources for x in s.iter(f"{{{NS_12}}}x")}
    expected = {"python-docx": {"bold", "italic"}, "libreoffice-resaved": {"bold", "italic"},
                "libreoffice-odt": set(), "example": {"bold"}}[paper_source[0]]
    assert expected | {"x-att-footnote"} <= codes
    if paper_source[0] == "python-docx":  # a source that is nothing but a bold code
        bold_only = [s for s in sources if not (s.text or "").strip() and len(s) == 1
                     and s[0].get("ctype") == "bold" and not (s[0].tail or "").strip()]
        assert len(bold_only) >= 2


# ------------------------------------------------------------------ unchanged files


@pytest.mark.parametrize("version", VERSIONS)
def test_an_unchanged_export_imports_without_force(content: Path, version: str) -> None:
    before = snapshot(content)
    files = export(content, content.parent / "out", "--xliff", version)
    for path in files:  # nothing added inside a <source> or <target>
        data = path.read_text(encoding="utf-8")
        assert not re.search(r"<(source|target)[^>]*>\s*\n", data), path.name
    import_ok(content, *files)
    assert snapshot(content) == before


@pytest.mark.parametrize("version", VERSIONS)
def test_translate_toolkit_read_and_written_back(content: Path, version: str) -> None:
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    before = snapshot(content)
    files = export(content, content.parent / "out", "--xliff", version)
    back = content.parent / "tk"
    back.mkdir()
    store_class = xlifffile if version == "1.2" else Xliff2File
    for path in files:
        store = store_class(path.read_bytes())
        assert store.units
        (back / path.name).write_bytes(bytes(store))
    import_ok(content, *sorted(back.iterdir()))
    assert snapshot(content) == before


def _po_merge(path: Path, po: Path, merged: Path, first: bool) -> None:
    """translate-toolkit's xliff2po (the first time), then pomerge into the export."""
    tools = Path(sys.executable).parent
    commands = [[tools / "xliff2po", path, po]] if first else []
    commands.append([tools / "pomerge", "-t", path, "-i", po, "-o", merged])
    for command in commands:
        subprocess.run(list(map(str, command)), check=True, capture_output=True, timeout=120)


def test_translate_toolkit_po_round_trip(content: Path, paper_source) -> None:
    """xliff2po, then pomerge into the exported file: unchanged, it imports as it is
    where a PO can carry the file (texts with inline codes untranslated: a PO keeps no
    codes; the example's translations have them, and those units are refused as having
    lost them); translated in the PO, the units without inline codes arrive, and those
    with codes are refused, listed."""
    from translate.storage.pypo import pofile

    before = snapshot(content)
    files = export(content, content.parent / "out", "-t", "zh")
    for path in files:
        _po_merge(path, path.with_suffix(".po"), path.with_name("merged-" + path.name), True)
    merged = [path.with_name("merged-" + path.name) for path in files]
    if paper_source[0] != "example":
        import_ok(content, *merged)
    else:
        result = run("xliff", "import", *merged, "--content", content / "csp9")
        assert result.exit_code == 1
        assert set(re.findall(r"refused: (inline codes lost)", result.output)) == {
            "inline codes lost"}
    assert snapshot(content) == before
    for path in files:
        po, merged = path.with_suffix(".po"), path.with_name("merged-" + path.name)
        store = pofile(po.read_bytes())
        for n, unit in enumerate(store.units):
            if unit.source and not unit.isheader():
                unit.target = f"译文{n}"
                unit.markfuzzy(False)
        po.write_bytes(bytes(store))
        _po_merge(path, po, merged, False)
        result = run("xliff", "import", merged, "--content", content / "csp9")
        tree = etree.parse(str(path))
        with_codes = {tu.get("id") for tu in tree.iterfind(".//x:trans-unit", NS)
                      if len(tu.find("x:source", NS))}
        assert result.exit_code == (1 if with_codes else 0), result.output
        refused = set(re.findall(r": (\S+): refused: inline codes lost", result.output))
        assert refused == with_codes, result.output  # a PO cannot carry them
        changed = re.search(r"changed (\d+) unit", result.output)
        assert changed and int(changed.group(1)) > 0, result.output


@pytest.mark.parametrize("version", VERSIONS)
def test_omegat_console_round_trip(content: Path, tmp_path: Path, version: str) -> None:
    from omegat import build_project, translate

    require_tools("omegat")
    before = snapshot(content)
    back = tmp_path / "omegat-out"
    back.mkdir()
    for path in export(content, tmp_path / "out", "--xliff", version, "-t", "zh"):
        project = build_project(tmp_path / f"project-{path.stem}", "EN-GB", "ZH-CN",
                                sources=[path])
        result = translate(project, path.name, read_glossaries=False)
        assert result.problems == [], result.output
        shutil.copy(result.target, back / path.name)
    import_ok(content, *sorted(back.iterdir()))
    assert snapshot(content) == before


# ------------------------------------------------------------------ partial import


@pytest.fixture(scope="module")
def draft_content(tmp_path_factory) -> Path:
    """A content folder holding one paper imported from the python-docx draft."""
    work = tmp_path_factory.mktemp("draft")
    content = work / "content"
    (content / "csp9").mkdir(parents=True)
    shutil.copy(CONTENT / "conference.yaml", content / "csp9")
    result = run("import", rich_draft(work / "draft.docx"), "--conference", content / "csp9",
                 "--id", "draft")
    assert result.exit_code == 0, result.output
    return content


@pytest.fixture
def draft(draft_content: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(draft_content, copy)
    return copy


def _translate_all(tree: etree._ElementTree) -> dict[str, str]:
    """Every target made a "translation" (a marker before each text), codes kept."""
    done = {}
    for tu in tree.iterfind(".//x:trans-unit", NS):
        target = tu.find("x:target", NS)
        target.text = f"译{tu.get('id')}：" + (target.text or "")
        done[tu.get("id")] = target.text
    return done


def _state(content: Path, lang: str) -> dict:
    result = run("status", content / "csp9", "--format", "json", "--today", "2023-07-01")
    (conference,) = json.loads(result.stdout)["conferences"]
    (paper,) = conference["papers"]
    return paper["languages"][lang]


def test_a_file_with_an_unknown_id_and_a_lost_bold_tag_brings_every_other_unit(
        draft: Path) -> None:
    (path,) = export(draft, draft.parent / "out", "-t", "zh")
    tree = etree.parse(str(path))
    translated = _translate_all(tree)
    title = tree.find(".//x:trans-unit[@id='tables.planning.title']/x:target", NS)
    bold = title.find("x:g", NS)
    title.text = (title.text or "") + (bold.text or "")  # the words kept, the bold lost
    title.remove(bold)
    renamed = tree.find(".//x:trans-unit[@id='next-steps']", NS)
    renamed.set("id", "no-such-unit")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")

    result = run("xliff", "import", path, "--content", draft / "csp9")
    assert result.exit_code == 1, result.output
    listed = re.findall(rf"^{re.escape(str(path))}:(\d+): (\S+): refused: (.+)$",
                        result.output, re.M)
    assert {unit: why.split(":")[0] for _, unit, why in listed} == {
        "no-such-unit": "unknown id", "tables.planning.title": "inline codes lost or added"}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line, unit, _ in listed:
        assert f'"{unit}"' in lines[int(line) - 1]  # the line of the unit itself
    summary = result.output.strip().splitlines()[-1]
    assert summary == (f"xliff import of 1 file: {len(translated) - 2} units changed, "
                       "0 confirmed, 2 units refused")
    state = _state(draft, "zh")
    assert sorted(state["untranslated"]) == ["next-steps", "tables.planning.title"]
    assert state["units"]["translated"] == len(translated) - 2 and state["stale"] == []
    # --all-or-nothing: the same file changes nothing
    again = draft.parent / "again"
    shutil.copytree(draft, again)
    before = snapshot(again)
    strict = run("xliff", "import", path, "--content", again / "csp9", "--all-or-nothing")
    assert strict.exit_code == 1 and "nothing imported" in strict.output
    assert snapshot(again) == before


# ------------------------------------------------------------------ untranslated, confirmed, stale

SHORT = ("introduction", "elements", "tables.planning.title", "decisions.csp9-decides.lead",
         "tables.row_labels.status")  # short texts the draft gives every language in English


def _targets(path: Path) -> dict[str, etree._Element]:
    return {tu.get("id"): tu.find("x:target", NS)
            for tu in etree.parse(str(path)).iterfind(".//x:trans-unit", NS)}


def test_copies_of_the_original_are_untranslated_whatever_their_length(draft: Path) -> None:
    for lang in ("zh", "fr"):
        state = _state(draft, lang)
        assert state["stale"] == [] and state["units"]["translated"] == 0
        assert set(SHORT) <= set(state["untranslated"])
    check = run("check", draft / "csp9", "--format", "json", "--severity", "info")
    findings = json.loads(check.stdout)["findings"]
    assert not [f for f in findings if f["check"] == "stale"]
    untranslated = {f["segment"] for f in findings if f["check"] == "untranslated"}
    assert set(SHORT) <= untranslated
    (path,) = export(draft, draft.parent / "out", "-t", "fr", "--no-memory")
    targets = _targets(path)
    assert {targets[u].get("state") for u in targets} == {"new"}


def test_a_text_that_stays_the_same_is_confirmed_and_then_can_go_stale(draft: Path) -> None:
    paper = draft / "csp9" / "draft"
    # by att-docs translated, naming it
    result = run("translated", paper, "--lang", "fr", "introduction")
    assert result.exit_code == 0, result.output
    assert "introduction" not in _state(draft, "fr")["untranslated"]
    # without ids, copies are not confirmed
    run("translated", paper, "--lang", "fr")
    state = _state(draft, "fr")
    assert state["units"]["translated"] == 1 and "elements" in state["untranslated"]
    # by a final or signed-off target in XLIFF 1.2; a target merely "translated" is a copy
    (path,) = export(draft, draft.parent / "out", "-t", "fr", "--no-memory")
    assert _targets(path)["introduction"].get("state") == "translated"
    tree = etree.parse(str(path))
    for unit_id, state in (("elements", "final"), ("next-steps", "signed-off"),
                           ("tables.row_labels.status", "translated")):
        tree.find(f".//x:trans-unit[@id='{unit_id}']/x:target", NS).set("state", state)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = snapshot(paper)
    result = run("xliff", "import", path, "--content", draft / "csp9")
    assert result.exit_code == 0, result.output
    assert "2 confirmed" in result.output
    state = _state(draft, "fr")
    assert {"elements", "next-steps", "introduction"}.isdisjoint(state["untranslated"])
    assert "tables.row_labels.status" in state["untranslated"]
    changed = {k for k, v in snapshot(paper).items() if before.get(k) != v}
    assert changed == {".translations/fr.yaml"}  # the texts were right: only recorded
    # in XLIFF 2.1 by a final segment
    (v2,) = export(draft, draft.parent / "v2", "-t", "fr", "--xliff", "2.1", "--no-memory")
    tree = etree.parse(str(v2))
    unit = tree.find(".//v2:unit[@id='decisions.csp9-decides.lead']", NS)
    segment = unit.find("v2:segment", NS)
    segment.set("state", "final")
    etree.SubElement(segment, f"{{{NS_2}}}target").text = "CSP9 decides:"
    tree.write(str(v2), xml_declaration=True, encoding="UTF-8")
    assert run("xliff", "import", v2, "--content", draft / "csp9").exit_code == 0
    assert "decisions.csp9-decides.lead" not in _state(draft, "fr")["untranslated"]
    # stale means only this: a recorded translation whose original changed since
    en = paper / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("# Next steps", "# Next steps ahead"),
                  encoding="utf-8")
    state = _state(draft, "fr")
    assert state["stale"] == ["next-steps"]
    assert set(state["untranslated"]) & {"next-steps", "introduction"} == set()
    # a recorded translation overwritten with the original is a copy again
    fr = paper / "fr.md"
    english = "A third paragraph after the heading."
    fr.write_text(fr.read_text(encoding="utf-8").replace(english, "Un troisième paragraphe."),
                  encoding="utf-8")
    assert "a-third-paragraph-after" in _state(draft, "fr")["untranslated"]  # unrecorded
    run("translated", paper, "--lang", "fr")
    assert "a-third-paragraph-after" not in _state(draft, "fr")["untranslated"]
    fr.write_text(fr.read_text(encoding="utf-8").replace("Un troisième paragraphe.", english),
                  encoding="utf-8")
    assert "a-third-paragraph-after" in _state(draft, "fr")["untranslated"]


def test_a_translation_equal_to_the_original_returned_final_is_recorded(draft: Path) -> None:
    """"Introduction" in French: the paper held another text; the final target replaces
    it and is recorded as confirmed."""
    paper = draft / "csp9" / "draft"
    fr = paper / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace("# Introduction {",
                                                         "# Présentation {"), encoding="utf-8")
    run("translated", paper, "--lang", "fr", "introduction")
    (path,) = export(draft, draft.parent / "out", "-t", "fr", "--no-memory")
    tree = etree.parse(str(path))
    target = tree.find(".//x:trans-unit[@id='introduction']/x:target", NS)
    target.text, target.attrib["state"] = "Introduction", "final"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = run("xliff", "import", path, "--content", draft / "csp9")
    assert result.exit_code == 0, result.output
    assert "introduction changed: Introduction" in result.output
    assert "# Introduction {#introduction}" in fr.read_text(encoding="utf-8")
    assert "introduction" not in _state(draft, "fr")["untranslated"]
