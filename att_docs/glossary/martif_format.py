"""TBX 2008 (ISO 30042:2008, TBX-Default) term bases, as OmegaT 3.6 and translate-toolkit read.

Written::

    martif[@type="TBX" @xml:lang]
      martifHeader/fileDesc/sourceDesc/p, encodingDesc/p[@type="XCSURI"]
      text/body/termEntry[@id]
        descrip[@type="subjectField"], descripGrp/descrip[@type="definition"], note
        langSet[@xml:lang]/tig
          term, termNote[@type="termType"], termNote[@type="administrativeStatus"], note

The data categories and their values are those of the TBX-Default XCS (``TBXXCSV02.xcs``):
``administrativeStatus`` (preferredTerm-admn-sts ...) and ``termType`` (fullForm,
acronym, abbreviation ...). No DOCTYPE is written, so no reader goes looking for the DTD.
Reading is :mod:`att_docs.glossary.tbx_format`'s, which takes both TBX versions.

``for_omegat`` (the ``--allowed-only`` export OmegaT loads) writes each term as
``ntig/termGrp`` instead, its status and type in a ``termNoteGrp``, and a
``termNote[@type="usageNote"]`` that says them in words (``《条约》: admitted term, short
form``). OmegaT shows the target terms' plain termNotes as the entry's comment and
leaves termNoteGrp out, so its glossary pane reads that line instead of the picklist
codes. Both forms are valid TBX 2008 and read back the same; translate-toolkit's
``tbx`` lists the terms of ``tig`` only, so the form for other tools keeps ``tig``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from att_docs.glossary.model import Glossary, Term
from att_docs.glossary.tbx_format import (
    CASE_SENSITIVE_NOTE,
    STATUS_VALUES,
    XML_LANG,
    Sub,
    write_entry,
)

__all__ = ["dumps_martif"]

XCS = "TBXXCSV02.xcs"
_KIND_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")  # fullForm: full Form


def dumps_martif(glossary: Glossary, languages: Sequence[str] | None = None,
                 for_omegat: bool = False) -> str:
    """TBX 2008 ``martif`` as a UTF-8 XML document string.

    ``languages`` limits and orders the language sets (default: every language of the
    glossary); the first is the file's ``xml:lang``. Concepts without a term in any of
    them are left out. ``for_omegat``: terms as ``ntig`` with readable usage notes.
    """
    chosen = list(languages or glossary.languages)
    root = etree.Element("martif", type="TBX")
    if chosen:
        root.set(XML_LANG, chosen[0])
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "sourceDesc"), "p",
         f"Term base exported by att-docs; languages: {', '.join(chosen) or 'none'}.")
    _sub(_sub(header, "encodingDesc"), "p", XCS, type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for concept in glossary.concepts:
        if any(concept.terms.get(lang) for lang in chosen):
            write_entry(body, concept, chosen, _sub, ("termEntry", "langSet", "tig"),
                        _readable_term if for_omegat else None)
    return etree.tostring(root, pretty_print=True, xml_declaration=True,
                          encoding="UTF-8").decode("utf-8")


def _sub(parent: etree._Element, name: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, name, attrs)
    element.text = text
    return element




def _readable_term(section: etree._Element, term: Term, sub: Sub) -> None:
    """``ntig/termGrp``: the status and type in a termNoteGrp, and in words."""
    ntig = sub(section, "ntig")
    group = sub(ntig, "termGrp")
    sub(group, "term", term.text)
    if term.kind:
        sub(sub(group, "termNoteGrp"), "termNote", term.kind, type="termType")
    sub(sub(group, "termNoteGrp"), "termNote", STATUS_VALUES[term.status],
        type="administrativeStatus")
    kind = f", {_KIND_WORDS.sub(' ', term.kind).lower()}" if term.kind else ""
    sub(group, "termNote", f"{term.text}: {term.status} term{kind}", type="usageNote")
    if term.case_sensitive:
        sub(ntig, "note", CASE_SENSITIVE_NOTE)
    if term.note:
        sub(ntig, "note", term.note)
