"""TBX term bases: write TBX-Basic v3 (ISO 30042:2019, DCA style); read v3 and TBX 2008.

The export validates against the official TBX-Basic schemas of LTAC Global: the core
RelaxNG (``TBXcoreStructV03.rng``) and the DCA Schematron (``TBX-Basic_DCA.sch``), both
in the namespace ``urn:iso:std:iso:30042:ed-2``. Written::

    tbx[@type="TBX-Basic" @style="dca" @xml:lang]
      tbxHeader/fileDesc/sourceDesc/p
      text/body/conceptEntry[@id]
        descrip[@type="subjectField"], descripGrp/descrip[@type="definition"], note
        langSec[@xml:lang]/termSec
          term, termNote[@type="termType"], termNote[@type="administrativeStatus"], note

A case-sensitive term carries the note ``case-sensitive``: TBX-Basic has no data category
for it, and a note keeps the file valid and tells a person the same thing.

Read: the same in the v3 namespace (or the draft ``urn:iso:std:iso:30042:ed:3.0`` that
earlier exports used, or none), TBX 2008 ``martif`` files
(termEntry/langSet/tig|ntig/term), and TBX-Basic DCT elements (``basic:termType``).
Elements that carry nothing the model holds (transacGrp, xref, admin, partOfSpeech ...)
are skipped. A language section without a preferred term gets its first term that has
no status, else its first admitted term, as the preferred one; terms without a status
are admitted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes
from att_docs.base.xmlsafe import parse_untrusted
from att_docs.glossary.integrity import (
    clean_term,
    clean_text,
    finish,
    normalize_lang,
    parse_status,
)
from att_docs.glossary.model import Concept, Glossary, Status, Term

__all__ = ["CASE_SENSITIVE_NOTE", "STATUS_VALUES", "TBX_NAMESPACES", "TBX_NS", "dumps_tbx",
           "load_tbx_glossary", "write_entry"]

TBX_NS = "urn:iso:std:iso:30042:ed-2"
"""The namespace of TBX v3 (ISO 30042:2019) in the published TBX-Basic schemas."""
TBX_NAMESPACES = (TBX_NS, "urn:iso:std:iso:30042:ed:3.0", None)
"""Namespaces the reader accepts on <tbx>: the official one, the draft one, none."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CASE_SENSITIVE_NOTE = "case-sensitive"
STATUS_VALUES: dict[Status, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
_SCHEMA = "https://raw.githubusercontent.com/LTAC-Global/"
_SCHEMA_PIS = (  # as in the official TBX-Basic DCA sample file
    f'href="{_SCHEMA}TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    f'href="{_SCHEMA}TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)
_WRAPPED = re.compile(r"[ \t]*\n[ \t]+")
_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization"}


# --------------------------------------------------------------------------- reading


def load_tbx_glossary(path: Path) -> Glossary:
    """Read a TBX v3 or TBX 2008 (martif) file; errors name the file and line."""
    root = _parse(path)
    kind = _local(root)
    if kind not in ("tbx", "martif"):
        raise ContentError(f"not a TBX file: the root element is <{kind}>, expected <tbx> "
                           "(TBX v3) or <martif> (TBX 2008)", path, root.sourceline)
    namespace = etree.QName(root).namespace
    if kind == "tbx" and namespace not in TBX_NAMESPACES:
        raise ContentError(f"unknown TBX namespace {namespace!r} (expected {TBX_NS!r})", path,
                           root.sourceline)
    entries = [e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry")]
    concepts = [_concept(entry, n, path) for n, entry in enumerate(entries, start=1)]
    return finish(Glossary(concepts, source=path), path)


def _parse(path: Path) -> etree._Element:
    data = read_bytes(path)
    return parse_untrusted(data, path, remove_comments=True, remove_pis=True)


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: etree._Element, *names: str) -> Iterator[etree._Element]:
    return (child for child in element if _local(child) in names)


def _text(element: etree._Element) -> str:
    """The element's text; a line break followed by indentation (a wrapped line in a
    pretty-printed file) becomes one space."""
    return _WRAPPED.sub(" ", "".join(element.itertext()))


def _concept(entry: etree._Element, n: int, path: Path) -> Concept:
    concept = Concept(id=(entry.get("id") or entry.get(XML_ID) or f"c{n}").strip(), terms={},
                      line=entry.sourceline)
    notes = []
    for child in entry:
        if _local(child) == "descripGrp":
            child = next(_children(child, "descrip"), child)
        name = _local(child)
        kind = child.get("type") if name == "descrip" else name  # DCA or DCT style
        if kind == "subjectField":
            concept.subject = clean_text(_text(child))
        elif kind == "definition":
            concept.definition = clean_text(_text(child))
        elif name == "note":
            notes.append(_text(child).strip())
        elif name in ("langSec", "langSet"):
            _language(concept, child, path)
    concept.note = clean_text("\n".join(notes))
    if concept.definition is None:  # TBX-Basic often defines the concept per language
        concept.definition = next((clean_text(_text(d)) for d in entry.iter()
                                   if _local(d) == "descrip" and d.get("type") == "definition"),
                                  None)
    return concept


def _language(concept: Concept, section: etree._Element, path: Path) -> None:
    tag = section.get(XML_LANG) or section.get("lang")
    if not tag:
        raise ContentError(f"<{_local(section)}> without xml:lang", path, section.sourceline)
    terms = concept.terms.setdefault(normalize_lang(tag), [])
    unmarked = []
    for holder in _children(section, "termSec", "tig", "ntig"):
        term, status = _term(holder, path)
        terms.append(term)
        if status is None:
            unmarked.append(term)
    if not any(t.status == "preferred" for t in terms):
        # TBX allows a language without a preferred term; the glossary needs one
        first = next(iter(unmarked), None) or next((t for t in terms if t.allowed), None)
        if first is not None:
            first.status = "preferred"


def _term(holder: etree._Element, path: Path) -> tuple[Term, Status | None]:
    element = next((e for e in holder.iter() if _local(e) == "term"), None)
    if element is None:
        raise ContentError(f"<{_local(holder)}> without <term>", path, holder.sourceline)
    term = Term(text=clean_term(_text(element)), line=element.sourceline)
    status: Status | None = None
    notes = []
    for item in _term_items(holder):
        name = _local(item)
        kind = item.get("type") if name == "termNote" else name
        value = clean_term(_text(item))
        if kind in _STATUS_TYPES:
            status = parse_status(value)
            if status is None:
                raise ContentError(f"unknown {kind} {value!r} (expected one of: "
                                   f"{', '.join(STATUS_VALUES.values())})", path,
                                   item.sourceline)
        elif kind == "termType":
            term.kind = value or None
        elif name == "note" and value == CASE_SENSITIVE_NOTE:
            term.case_sensitive = True
        elif name == "note":
            notes.append(_text(item).strip())
    term.note = clean_text("\n".join(notes))
    term.status = status or "admitted"
    return term, status


def _term_items(holder: etree._Element) -> Iterator[etree._Element]:
    """The children that describe the term, also inside termGrp (TBX 2008 ntig) and
    termNoteGrp; not those inside descripGrp or transacGrp, which describe other things."""
    for child in holder:
        if _local(child) in ("termGrp", "termNoteGrp"):
            yield from _term_items(child)
        else:
            yield child


# --------------------------------------------------------------------------- writing


def dumps_tbx(glossary: Glossary, languages: Sequence[str] | None = None) -> str:
    """TBX-Basic v3, DCA style, as a UTF-8 XML document string.

    ``languages`` limits and orders the language sections (default: every language of
    the glossary); the first is the file's ``xml:lang``.
    """
    chosen = list(languages or glossary.languages)
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    if chosen:
        root.set(XML_LANG, chosen[0])
    desc = _sub(_sub(_sub(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    _sub(desc, "p", f"Term base exported by att-docs; languages: {', '.join(chosen) or 'none'}.")
    body = _sub(_sub(root, "text"), "body")
    for concept in glossary.concepts:
        if any(concept.terms.get(lang) for lang in chosen):
            write_entry(body, concept, chosen, _sub)
    tree = etree.ElementTree(root)
    for pi in _SCHEMA_PIS:
        root.addprevious(etree.ProcessingInstruction("xml-model", pi))
    return etree.tostring(tree, pretty_print=True, xml_declaration=True,
                          encoding="UTF-8").decode("utf-8")


def _sub(parent: etree._Element, name: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{name}", attrs)
    element.text = text
    return element


Sub = Callable[..., etree._Element]
"""Makes a child element: ``sub(parent, name, text=None, **attributes)``."""


def write_entry(body: etree._Element, concept: Concept, languages: list[str], sub: Sub,
                names: tuple[str, str, str] = ("conceptEntry", "langSec", "termSec"),
                write_term: Callable[[etree._Element, Term, Sub], None] | None = None,
                ) -> None:
    """One concept with its terms in ``languages``; ``names`` are the entry, language and
    term elements (TBX v3 here; TBX 2008 writes termEntry, langSet and tig).
    ``write_term`` writes one term into its language section, if not as ``names`` say."""
    entry_name, language_name, term_name = names
    entry = sub(body, entry_name, id=concept.id)
    if concept.subject:
        sub(entry, "descrip", concept.subject, type="subjectField")
    if concept.definition:
        sub(sub(entry, "descripGrp"), "descrip", concept.definition, type="definition")
    if concept.note:
        sub(entry, "note", concept.note)
    for lang in languages:
        terms = concept.terms.get(lang)
        if not terms:
            continue
        section = sub(entry, language_name)
        section.set(XML_LANG, lang)
        for term in terms:
            if write_term is not None:
                write_term(section, term, sub)
                continue
            term_sec = sub(section, term_name)
            sub(term_sec, "term", term.text)
            if term.kind:
                sub(term_sec, "termNote", term.kind, type="termType")
            sub(term_sec, "termNote", STATUS_VALUES[term.status], type="administrativeStatus")
            if term.case_sensitive:
                sub(term_sec, "note", CASE_SENSITIVE_NOTE)
            if term.note:
                sub(term_sec, "note", term.note)
