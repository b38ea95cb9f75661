"""One XLIFF file (1.2 or 2.1) per paper and target language, for a translator's CAT tool.

Every unit of :func:`att_docs.document.units.document_units` becomes a trans-unit (1.2) or
unit (2.1) with the unit's id; a text of several paragraphs (a cell, a footnote) becomes
one per paragraph, ``<id>:1``, ``<id>:2``... The existing translation is the target with
its state; glossary terms found in the source go into a note with their required
translation. The file's ``original`` is the paper's symbol, which import looks for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from att_docs import __version__
from att_docs.base.errors import ContentError
from att_docs.document.model import Document, Run, Text, TextBlock
from att_docs.document.units import Unit, document_units
from att_docs.document.walk import footnote_refs
from att_docs.exchange.memory.match import Memory
from att_docs.exchange.xliff import BLOCK_SEP, NS_2, NS_12, NS_MTC
from att_docs.exchange.xliff.codes import CodeError, Node, encode, write_content
from att_docs.exchange.xliff.leverage import QUALIFIERS, Offer, offers

__all__ = ["ExportUnit", "export_units", "file_name", "indent", "to_xliff"]

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# A unit's state in the translation record (att_docs.records.provenance) as each
# XLIFF version says it.
_STATE_12 = {"translated": "translated", "stale": "needs-review-translation",
             "untranslated": "new"}
_STATE_2 = {"translated": "translated", "stale": "initial", "untranslated": "initial"}

Terms = Callable[[str], list[tuple[str, str]]]
"""Glossary terms in a source text: ``(source term, required translation)`` pairs."""


@dataclass(frozen=True)
class ExportUnit:
    """One paragraph of one unit as it goes into the file."""

    id: str  # the unit id, with ":<n>" for a paragraph of a text of several
    unit: Unit
    source: list[Node]
    target: list[Node] | None  # the current translation, if it pairs with the source
    state: str  # translated, stale or untranslated
    terms: tuple[tuple[str, str], ...] = ()
    offers: tuple[Offer, ...] = ()  # translation-memory matches, best first
    words: str = ""  # the paragraph's plain text, as words are counted
    own: bool = False  # the paper has a text of its own here (translated or not)

    @property
    def prefill(self) -> Offer | None:
        """The match that fills the target of an untranslated paragraph with no text of
        its own, if there is one."""
        if self.state != "untranslated" or self.own or not self.offers:
            return None
        return self.offers[0] if self.offers[0].prefill else None


def file_name(doc: Document, target: str, version: str) -> str:
    """``ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en-zh.xlf`` (``.xliff`` for 2.1)."""
    suffix = "xlf" if version == "1.2" else "xliff"
    return f"{doc.masthead.symbol.file_stem}.{doc.masthead.original_language}-{target}.{suffix}"


def check_target(doc: Document, target: str) -> None:
    """``target`` must be a language of the paper other than its original."""
    source = doc.masthead.original_language
    others = [lang for lang in doc.languages if lang != source]
    if target not in others:
        raise ContentError(f"cannot translate into {target!r}: the paper's languages "
                           f"other than its original ({source}) are "
                           f"{', '.join(others) or 'none'}", doc.source)


def export_units(doc: Document, target: str, terms: Terms | None = None,
                 memory: Memory | None = None) -> list[ExportUnit]:
    """The paragraphs to translate into ``target``, in document order; those not yet
    translated (or stale) with their matches in ``memory``."""
    from att_docs.records.provenance import unit_states

    source = doc.masthead.original_language
    states = unit_states(doc, target)
    out: list[ExportUnit] = []
    for unit in document_units(doc):
        text = unit.text(source)
        if text is None or (not text.plain().strip() and not _has_codes(text)):
            continue
        translation = unit.text(target)
        known = states.get(unit.id)
        state = known.state if known is not None and known.state != "extra" else "untranslated"
        own = known is not None and known.reason in ("", "confirmed", "changed", "unrecorded")
        if translation is not None and len(translation.blocks) != len(text.blocks):
            translation, state = None, "untranslated"  # paragraphs do not pair up
        several = len(text.blocks) > 1
        for n, block in enumerate(text.blocks):
            nodes, codes = encode(block.inlines)
            xliff_id = f"{unit.id}{BLOCK_SEP}{n + 1}" if several else unit.id
            target_nodes = None
            if translation is not None:
                # Formatted otherwise than the source: offered for translation again.
                with contextlib.suppress(CodeError):
                    target_nodes = encode(translation.blocks[n].inlines, codes)[0]
            paragraph_state = state if target_nodes is not None else "untranslated"
            found = offers(memory, doc, xliff_id, block.inlines, codes) \
                if paragraph_state != "translated" else []
            out.append(ExportUnit(
                xliff_id, unit, nodes, target_nodes, paragraph_state,
                tuple(terms(_plain(block))) if terms else (), tuple(found), _plain(block),
                own and target_nodes is not None))
    return out


def _has_codes(text: Text) -> bool:
    return any(footnote_refs(text))


def _plain(block: TextBlock) -> str:
    return "".join(i.text for i in block.inlines if isinstance(i, Run))


def _note(terms: tuple[tuple[str, str], ...]) -> str:
    return "Glossary: " + "; ".join(f"{src} = {tgt}" for src, tgt in terms)


def to_xliff(doc: Document, target: str, version: str = "1.2",
             terms: Terms | None = None, memory: Memory | None = None) -> bytes:
    """The XLIFF file of ``doc`` for translation into ``target``, with the matches of
    ``memory`` (see :mod:`att_docs.exchange.xliff.leverage`)."""
    check_target(doc, target)
    units = export_units(doc, target, terms, memory)
    root = _xliff_12(doc, target, units) if version == "1.2" else _xliff_2(doc, target, units,
                                                                           version)
    indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


_TEXT_ELEMENTS = frozenset({"source", "target", "note"})
"""Elements whose content is text: never indented (``xml:space="preserve"``)."""


def indent(element: etree._Element, level: int = 0) -> None:
    """Line breaks and indentation between structural elements only.

    lxml's ``pretty_print`` also indents a ``<source>`` that holds nothing but an inline
    code (``<source><g>Planning</g></source>``), which adds whitespace to the text.
    """
    children = [c for c in element if isinstance(c.tag, str)]
    if not children or etree.QName(element).localname in _TEXT_ELEMENTS:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        indent(child, level + 1)
        child.tail = inner
    children[-1].tail = "\n" + "  " * level


def _xliff_12(doc: Document, target: str, units: list[ExportUnit]) -> etree._Element:
    ns = NS_12
    root = etree.Element(f"{{{ns}}}xliff", {"version": "1.2"}, nsmap={None: ns})
    file = etree.SubElement(root, f"{{{ns}}}file", {
        "original": str(doc.masthead.symbol), "source-language": doc.masthead.original_language,
        "target-language": target, "datatype": "x-att-docs", "product-name": "att-docs",
        "product-version": __version__})
    header = etree.SubElement(file, f"{{{ns}}}header")
    etree.SubElement(header, f"{{{ns}}}tool", {"tool-id": "att-docs", "tool-name": "att-docs",
                                               "tool-version": __version__})
    body = etree.SubElement(file, f"{{{ns}}}body")
    for unit in units:
        tu = etree.SubElement(body, f"{{{ns}}}trans-unit", {
            "id": unit.id, "resname": unit.id, "restype": f"x-{unit.unit.kind}",
            XML_SPACE: "preserve"})
        write_content(etree.SubElement(tu, f"{{{ns}}}source"), unit.source, "1.2", ns)
        # OmegaT reads no segment from a unit without a target: an untranslated unit
        # carries its source, which OmegaT counts as untranslated.
        prefill = unit.prefill
        attrs = {"state": _STATE_12[unit.state]}
        if prefill is not None:
            attrs = {"state": "needs-review-translation",
                     "state-qualifier": QUALIFIERS[prefill.match.kind]}
        target_el = etree.SubElement(tu, f"{{{ns}}}target", attrs)
        shown = prefill.target if prefill is not None else (
            unit.target if unit.target is not None else unit.source)
        write_content(target_el, shown, "1.2", ns)
        if unit.terms:
            note = etree.SubElement(tu, f"{{{ns}}}note", {"from": "glossary",
                                                          "annotates": "source"})
            note.text = _note(unit.terms)
        for offer in unit.offers:
            if offer is not prefill:
                _alt_trans(tu, offer, ns)
    return root


def _alt_trans(tu: etree._Element, offer: Offer, ns: str) -> None:
    """A match offered beside the unit: ``<alt-trans match-quality="87">``."""
    alt = etree.SubElement(tu, f"{{{ns}}}alt-trans", {
        "match-quality": str(offer.match.score), "origin": offer.match.entry.origin,
        "tool-id": "att-docs", XML_SPACE: "preserve"})
    write_content(etree.SubElement(alt, f"{{{ns}}}source"), offer.source, "1.2", ns)
    write_content(etree.SubElement(alt, f"{{{ns}}}target"), offer.target, "1.2", ns)


def _xliff_2(doc: Document, target: str, units: list[ExportUnit],
             version: str) -> etree._Element:
    ns = NS_2
    root = etree.Element(f"{{{ns}}}xliff", {"version": version,
                                            "srcLang": doc.masthead.original_language,
                                            "trgLang": target}, nsmap={None: ns, "mtc": NS_MTC})
    file = etree.SubElement(root, f"{{{ns}}}file", {"id": "f1",
                                                     "original": str(doc.masthead.symbol)})
    for unit in units:
        el = etree.SubElement(file, f"{{{ns}}}unit", {"id": unit.id, "name": unit.id,
                                                      "type": f"att:{unit.unit.kind}"})
        if unit.offers:
            _matches(el, unit.offers, ns)
        if unit.terms:
            notes = etree.SubElement(el, f"{{{ns}}}notes")
            note = etree.SubElement(notes, f"{{{ns}}}note", {"category": "glossary",
                                                             "appliesTo": "source"})
            note.text = _note(unit.terms)
        prefill = unit.prefill
        attrs = {"state": _STATE_2[unit.state]}
        if unit.offers:  # the matches' ref points at it
            attrs = {"id": "s1", **attrs}
        if unit.state == "stale":
            attrs["subState"] = "att:source-changed"
        if prefill is not None:
            attrs["subState"] = f"att:{QUALIFIERS[prefill.match.kind]}"
        segment = etree.SubElement(el, f"{{{ns}}}segment", attrs)
        source = etree.SubElement(segment, f"{{{ns}}}source", {XML_SPACE: "preserve"})
        write_content(source, unit.source, "2.1", ns)
        shown = prefill.target if prefill is not None else (
            unit.target if unit.state != "untranslated" or unit.own else None)
        if shown is not None:  # a copy of the source is no translation: no target
            target_el = etree.SubElement(segment, f"{{{ns}}}target", {XML_SPACE: "preserve"})
            write_content(target_el, shown, "2.1", ns)
    return root


_MTC_TYPES = {"id": "idm", "exact": "tm", "fuzzy": "tm"}


def _matches(unit: etree._Element, found: tuple[Offer, ...], ns: str) -> None:
    """The Translation Candidates module: one ``<mtc:match>`` per match, for segment s1."""
    matches = etree.SubElement(unit, f"{{{NS_MTC}}}matches")
    for n, offer in enumerate(found, 1):
        match = etree.SubElement(matches, f"{{{NS_MTC}}}match", {
            "id": f"m{n}", "ref": "#s1", "similarity": str(offer.match.score),
            "type": _MTC_TYPES[offer.match.kind], "origin": offer.match.entry.origin,
            "subType": f"att:{QUALIFIERS[offer.match.kind]}"})
        source = etree.SubElement(match, f"{{{ns}}}source", {XML_SPACE: "preserve"})
        write_content(source, offer.source, "2.1", ns)
        target = etree.SubElement(match, f"{{{ns}}}target", {XML_SPACE: "preserve"})
        write_content(target, offer.target, "2.1", ns)
