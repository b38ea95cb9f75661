"""Real Word footnotes: the ``word/footnotes.xml`` part.

The part holds Word's separator (id -1) and continuation separator (id 0), then one
``w:footnote`` per referenced note, ids 1..n in order of first reference; Word numbers
the marks itself, in that same order. The separators' paragraphs are exactly as high as
the style sheet's space above and below the footnote rule, so the notes start where the
PDF's do (Word draws its own rule in that paragraph; LibreOffice draws the rule with its
fixed spacing, which the style sheet's values follow).
"""

from __future__ import annotations

import copy
import functools

from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.document.model import Footnote, TextBlock
from att_docs.writers.docx.inline import REFERENCE_STYLE_ID, Runs, text_in
from att_docs.writers.docx.ooxml import el, w
from att_docs.writers.styles import Styles

__all__ = ["Footnotes", "declare_separators", "separator_twips", "separators"]

_SEPARATORS = f"""<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="{{line}}" w:lineRule="exact"/></w:pPr>
      <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="{{line}}" w:lineRule="exact"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>
</w:footnotes>"""

# Children of w:settings that come after w:footnotePr (ECMA-376 order).
_SETTINGS_AFTER = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                   "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                   "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                   "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
                   "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                   "w:listSeparator")
_FOOTNOTE, _P, _PPR, _PSTYLE = w("footnote"), w("p"), w("pPr"), w("pStyle")
_FOOTNOTE_REF = w("footnoteRef")


def separator_twips(styles: Styles) -> int:
    """The separator paragraphs' height: the space above and below the footnote rule."""
    rule = styles.footnote_separator
    return round((rule.above_pt + rule.below_pt) * 20)


@functools.cache
def separators(line_twips: int) -> etree._Element:
    """The part with its two separator notes, ``line_twips`` high, parsed once."""
    return etree.fromstring(_SEPARATORS.format(line=max(1, line_twips)),
                            etree.XMLParser(remove_blank_text=True))


class Footnotes:
    """The footnotes part of one document, filled as the body references notes."""

    def __init__(self, notes: dict[str, Footnote], lang: str, runs: Runs,
                 text_style_id: str, separator_twips: int) -> None:
        self._notes = notes
        self._lang = lang
        self._runs = runs
        self._text_style_id = text_style_id
        self._word_ids: dict[str, int] = {}
        self.root: etree._Element = copy.deepcopy(separators(separator_twips))

    def mark(self, note_id: str) -> tuple[int | None, int]:
        """Word's id for the first reference to ``note_id`` (``None`` later) and its number."""
        note = self._notes.get(note_id)
        if note is None:
            raise ContentError(f"reference to an undefined footnote {note_id!r}")
        if note_id in self._word_ids:
            return None, note.number or self._word_ids[note_id]
        word_id = len(self._word_ids) + 1
        self._word_ids[note_id] = word_id
        self._footnote(note, word_id)
        return word_id, note.number or word_id

    def _footnote(self, note: Footnote, word_id: int) -> None:
        """``<w:footnote>``: the automatic number mark, a tab, then the text, which hangs
        at the footnote text style's indent (Word's implicit tab stop at a hanging indent)."""
        element = el(_FOOTNOTE, self.root, id=str(word_id))
        text = text_in(note.text, self._lang, f"footnote {note.id!r}")
        for index, block in enumerate(text.blocks or [TextBlock([])]):
            p = etree.SubElement(element, _P)
            el(_PSTYLE, etree.SubElement(p, _PPR), val=self._text_style_id)
            if index == 0:
                r = self._runs.run(p, "", char_style=REFERENCE_STYLE_ID)
                etree.SubElement(r, _FOOTNOTE_REF)
                self._runs.run(p, "\t")
            self._runs.block(p, block, None)


def declare_separators(settings: BaseOxmlElement) -> None:
    """``<w:footnotePr>`` in settings, naming the two separator notes."""
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = OxmlElement("w:footnotePr")
    for word_id in ("-1", "0"):
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), word_id)
        pr.append(note)
    settings.insert_element_before(pr, *_SETTINGS_AFTER)
