"""The DOCX parts against the ECMA-376 (transitional) schemas vendored from python-docx's
``ref/xsd`` (tests/fixtures/schemas/ooxml/), validated with lxml."""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import pytest
from conftest import TEMPLATES
from lxml import etree
from xmlschemas import SCHEMAS, XML_XSD

from att_docs.writers.docx.writer import write_docx
from att_docs.writers.styles import load_styles

OOXML = SCHEMAS / "ooxml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml",
         "word/footnotes.xml", "word/settings.xml")


@cache
def wml_schema() -> etree.XMLSchema:
    """wml.xsd, with the xml: namespace it imports without a location."""
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
        ' targetNamespace="urn:att-docs:tests:wml">'
        '<xsd:import namespace="http://www.w3.org/XML/1998/namespace"'
        f' schemaLocation="{XML_XSD.resolve().as_uri()}"/>'
        f'<xsd:import namespace="{W}" schemaLocation="{(OOXML / "wml.xsd").resolve().as_uri()}"/>'
        "</xsd:schema>")
    base = (OOXML / "wrapper.xsd").resolve().as_uri()
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=base))


def without_ignorables(root: etree._Element) -> etree._Element:
    """What a consumer that knows only ECMA-376 reads (Markup Compatibility): elements and
    attributes of the namespaces in ``mc:Ignorable`` dropped."""
    ignorable = {root.nsmap[p] for p in (root.get(f"{{{MC}}}Ignorable") or "").split()
                 if p in root.nsmap}
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            if etree.QName(name).namespace in ignorable | {MC}:
                del el.attrib[name]
    return root


def errors(root: etree._Element, name: str) -> list[str]:
    schema = wml_schema()
    if schema.validate(without_ignorables(root)):
        return []
    return [f"{name}:{e.line}: {e.message}" for e in schema.error_log]


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
