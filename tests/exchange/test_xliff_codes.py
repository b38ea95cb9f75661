"""Inline codes: a text's formatting and footnote marks as XLIFF codes, and back."""

from __future__ import annotations

import pytest
from lxml import etree

from att_docs.document.model import FootnoteRef, Inline, Run
from att_docs.exchange.xliff import NS_2, NS_12
from att_docs.exchange.xliff.codes import CodeError, decode, encode, write_content

TEXTS: list[list[Inline]] = [
    [Run("plain")],
    [Run("a "), Run("bold", bold=True), Run(" and "), Run("italic", italic=True)],
    [Run("x", bold=True), Run("y", bold=True, italic=True), Run("z", bold=True)],
    [Run("before", bold=True), FootnoteRef("n1"), Run("after", bold=True)],
    [FootnoteRef("n1"), Run(" then "), FootnoteRef("n2"), Run(".", italic=True)],
    [Run("edge ", italic=True), FootnoteRef("n1")],
]


@pytest.mark.parametrize("version,ns", [("1.2", NS_12), ("2.1", NS_2)])
@pytest.mark.parametrize("inlines", TEXTS)
def test_codes_round_trip_through_xml(inlines: list[Inline], version: str, ns: str) -> None:
    nodes, codes = encode(inlines)
    element = etree.Element(f"{{{ns}}}source")
    write_content(element, nodes, version, ns)
    parsed = etree.fromstring(etree.tostring(element))
    assert decode(parsed, codes, version) == inlines
    assert [c.footnote for c in codes.values() if c.kind == "footnote"] == \
        [i.id for i in inlines if isinstance(i, FootnoteRef)]


def test_a_footnote_mark_between_bold_runs_stays_inside_the_bold_code() -> None:
    nodes, codes = encode(TEXTS[3])
    assert len(nodes) == 1 and [c.kind for c in codes.values()] == ["bold", "footnote"]


def test_a_translation_takes_the_numbers_of_the_source_codes() -> None:
    _, codes = encode(TEXTS[4])
    swapped = [Run("先", italic=True), FootnoteRef("n2"), Run("后"), FootnoteRef("n1")]
    _, numbered = encode(swapped, codes)
    assert {c.footnote: c.id for c in numbered.values() if c.footnote} == \
        {c.footnote: c.id for c in codes.values() if c.footnote}
    with pytest.raises(CodeError):
        encode([Run("no marks")], codes)
    with pytest.raises(CodeError):
        encode([*swapped, Run("extra", bold=True)], codes)
