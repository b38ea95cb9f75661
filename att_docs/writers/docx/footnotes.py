"""Real Word footnotes: the ``word/footnotes.xml`` part, which python-docx lacks.

The part holds Word's separator (id -1) and continuation separator (id 0), then one
``w:footnote`` per referenced note, ids 1..n in order of first reference; Word numbers
the marks itself, in that same order.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

from att_docs.document.model import Footnote, TextBlock
from att_docs.errors import ContentError
from att_docs.writers.docx.inline import REFERENCE_STYLE_ID, add_inlines, add_run, text_in
from att_docs.writers.docx.styles import RunFonts

__all__ = ["Footnotes"]

_SEPARATORS = f"""<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
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


class Footnotes:
    """The footnotes part of one document, filled as the body references notes."""

    def __init__(self, document: DocxDocument, notes: dict[str, Footnote], lang: str,
                 fonts: RunFonts, text_style_id: str) -> None:
        self._notes = notes
        self._lang = lang
        self._fonts = fonts
        self._text_style_id = text_style_id
        self._word_ids: dict[str, int] = {}
        self._root: BaseOxmlElement = parse_xml(_SEPARATORS)
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self._root,
                       document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        _declare_separators(document.settings.element)

    def mark(self, note_id: str) -> tuple[int | None, int]:
        """Word's id for the first reference to ``note_id`` (``None`` later) and its number."""
        note = self._notes.get(note_id)
        if note is None:
            raise ContentError(f"reference to an undefined footnote {note_id!r}")
        if note_id in self._word_ids:
            return None, note.number or self._word_ids[note_id]
        word_id = len(self._word_ids) + 1
        self._word_ids[note_id] = word_id
        self._root.append(self._footnote(note, word_id))
        return word_id, note.number or word_id

    def _footnote(self, note: Footnote, word_id: int) -> BaseOxmlElement:
        """``<w:footnote>``: the automatic number mark, a tab, then the text, which hangs
        at the footnote text style's indent (Word's implicit tab stop at a hanging indent)."""
        element = OxmlElement("w:footnote")
        element.set(qn("w:id"), str(word_id))
        text = text_in(note.text, self._lang, f"footnote {note.id!r}")
        for index, block in enumerate(text.blocks or [TextBlock([])]):
            p = OxmlElement("w:p")
            element.append(p)
            p.get_or_add_pPr().get_or_add_pStyle().val = self._text_style_id
            if index == 0:
                r = add_run(p, "", self._fonts, char_style=REFERENCE_STYLE_ID)
                r.append(OxmlElement("w:footnoteRef"))
                add_run(p, "\t", self._fonts)
            add_inlines(p, block.inlines, self._fonts, None)
        return element


def _declare_separators(settings: BaseOxmlElement) -> None:
    """``<w:footnotePr>`` in settings, naming the two separator notes."""
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = OxmlElement("w:footnotePr")
    for word_id in ("-1", "0"):
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), word_id)
        pr.append(note)
    settings.insert_element_before(pr, *_SETTINGS_AFTER)
