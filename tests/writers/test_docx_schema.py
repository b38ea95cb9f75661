"""The DOCX parts against the ECMA-376 (transitional) schemas vendored from python-docx's
``ref/xsd`` (tests/fixtures/schemas/ooxml/), validated with lxml."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import TEMPLATES
from lxml import etree
from xmlschemas import wml_errors as errors

from att_docs.writers.docx.writer import write_docx
from att_docs.writers.styles import load_styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml",
         "word/footnotes.xml", "word/settings.xml")


@pytest.fixture(scope="module")
def written(example, tmp_path_factory) -> list[Path]:
    conference, documents = example
    styles = load_styles(TEMPLATES / "styles.yaml")
    out = tmp_path_factory.mktemp("docx")
    paths = []
    for document in documents.values():
        for lang in conference.languages:
            path = out / f"{document.id}.{lang}.docx"
            write_docx(document, lang, path, styles)
            paths.append(path)
    return paths


def test_docx_parts_are_schema_valid(written: list[Path]) -> None:
    found = []
    for path in written:
        with zipfile.ZipFile(path) as zf:
            for part in PARTS:
                found += errors(etree.fromstring(zf.read(part)), f"{path.name}/{part}")
    assert not found, "\n".join(found[:20])


def test_the_schema_check_finds_misplaced_elements(written: list[Path]) -> None:
    """The check is real: a paragraph property out of schema order is refused."""
    with zipfile.ZipFile(written[0]) as zf:
        root = etree.fromstring(zf.read("word/styles.xml"))
    ppr = next(p for p in root.iter(f"{{{W}}}pPr") if p.find(f"{{{W}}}spacing") is not None)
    ppr.append(ppr.find(f"{{{W}}}spacing"))  # after w:jc, w:rPr ...
    ppr.insert(0, etree.SubElement(ppr, f"{{{W}}}jc", {f"{{{W}}}val": "both"}))
    assert errors(root, "styles.xml")


@pytest.mark.parametrize("place", ["header", "footer"])
def test_a_drafts_headers_and_footers_are_schema_valid(example, tmp_path, place) -> None:
    """The draft mark is a paragraph in the style sheet's style in every header (or
    footer) part, and those parts stay valid WordprocessingML."""
    import dataclasses
    import re

    from att_docs.writers.styles import DraftMark

    _, documents = example
    styles = dataclasses.replace(load_styles(TEMPLATES / "styles.yaml"),
                                 draft_mark=DraftMark(place=place))
    path = tmp_path / "draft.docx"
    write_docx(documents["wgtu-report"], "zh", path, styles, draft="草稿——译文未完成")
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if re.fullmatch(r"word/(header|footer)\d+\.xml", n)]
        roots = {n: etree.fromstring(zf.read(n)) for n in names}
    assert len(names) == 4
    found = [e for n, root in roots.items() for e in errors(root, n)]
    assert not found, "\n".join(found)
    marked = [n for n, root in roots.items()
              if any(p.get(f"{{{W}}}val") == "ATTDraftMark" for p in root.iter(f"{{{W}}}pStyle"))]
    assert len(marked) == 2 and all(place in n for n in marked)
