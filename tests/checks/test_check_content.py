"""The checks over our own content: the example conference, markers, lenient reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEMPLATES

from att_docs.base.errors import ContentError
from att_docs.checks.engine import check_documents
from att_docs.checks.inputs import load_documents, read_inputs


@pytest.fixture(scope="module")
def glossary():
    from att_docs.glossary import default_path, load

    return load(default_path())


def _show(findings) -> str:
    return "\n".join(f"{f.severity} {f.check} {f.path}:{f.line} [{f.segment}] {f.message}"
                     for f in findings)


def test_example_content_reports_nothing(example, glossary):
    _conference, documents = example
    findings = check_documents(list(documents.values()), glossary)
    reported = [f for f in findings if f.at_least("warning")]
    assert reported == [], "\n" + _show(reported)


def test_check_documents_api_gives_located_findings(example, glossary):
    _conference, documents = example
    findings = check_documents(list(documents.values()), glossary)
    for f in findings:
        assert f.check and f.severity in ("info", "warning", "error") and f.message
        assert f.document in documents
        assert f.segment


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_marker_in_markdown_silences_its_check(conference_copy, glossary):
    zh = conference_copy / "mc-programme-of-work" / "zh.md"
    _replace(zh, "问题——即", "问题 — 即")

    def typography():
        docs = load_documents(conference_copy, TEMPLATES)
        return [f for f in check_documents(docs, glossary) if f.check == "typography"]

    found = typography()
    assert [(f.segment, f.path.name) for f in found] == [("prep-meetings", "zh.md")]
    _replace(zh, "{#prep-meetings}", "[//]: # (att-check ignore typography)\n{#prep-meetings}")
    assert typography() == []


def test_marker_in_yaml_silences_its_check(conference_copy, glossary):
    tables = conference_copy / "wgtu-report" / "annex-a" / "tables.yaml"
    _replace(tables, "这种方法不需要额外资源。", "这种方法不需要额外资源。。")

    def typography():
        docs = load_documents(conference_copy, TEMPLATES)
        return [f for f in check_documents(docs, glossary) if f.check == "typography"]

    assert [f.segment for f in typography()] == [
        "elements.medium-term-planning.resources.text"]
    text = tables.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "这种方法不需要额外资源" in line)
    lines.insert(at - 1, "          # att-check ignore typography\n")
    tables.write_text("".join(lines), encoding="utf-8")
    assert typography() == []


def test_unknown_check_id_in_a_marker_is_an_input_error(conference_copy):
    zh = conference_copy / "mc-programme-of-work" / "zh.md"
    _replace(zh, "{#prep-meetings}", "[//]: # (att-check ignore typo)\n{#prep-meetings}")
    with pytest.raises(ContentError, match="unknown check id 'typo'") as info:
        read_inputs([conference_copy], TEMPLATES)
    assert info.value.path == zh and info.value.line


def test_missing_translation_is_a_structure_finding(conference_copy, glossary):
    zh = conference_copy / "mc-programme-of-work" / "zh.md"
    text = zh.read_text(encoding="utf-8")
    start = text.index("{#platform}")
    end = text.index("\n", start)
    zh.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    docs = load_documents(conference_copy, TEMPLATES)
    found = [f for f in check_documents(docs, glossary) if f.check == "structure"]
    assert any("platform" in f.message and f.severity == "error" for f in found)


def test_one_paper_folder(glossary):
    from conftest import CONTENT

    corpora = read_inputs([CONTENT / "wgtu-report"], TEMPLATES)
    assert [c.name for c in corpora] == ["wgtu-report"]
