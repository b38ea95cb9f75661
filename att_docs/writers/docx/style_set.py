"""What the styles and font table parts keep: the styles the papers use, and the fonts
they name with their stand-ins.

python-docx's template carries some 160 styles (a blue "Title", "Intense Quote", colourful
grids), list definitions for its list styles and a font table of the template's fonts. A
paper's ``word/styles.xml`` keeps the writer's styles, the styles they are based on, link
to or are followed by, and Word's defaults (one per style type); its numbering part only
the writer's lists; its ``word/fontTable.xml`` lists the style sheet's fonts
(``fonts``) with the alternates, PANOSE number, character set, family and pitch of
``font_faces``, so that Word and LibreOffice choose the declared stand-in where a font is
missing.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.oxml.ns import nsdecls, qn
from lxml import etree

from att_docs.writers.styles import DocxFonts, Styles

__all__ = ["drop_lists", "font_table", "keep_styles"]

_STYLE, _ID, _DEFAULT = qn("w:style"), qn("w:styleId"), qn("w:default")
_LINKS = (qn("w:basedOn"), qn("w:link"), qn("w:next"))


def keep_styles(styles_part: etree._Element, names: Iterable[str]) -> None:
    """Remove every style but those named, what they refer to, and the defaults."""
    by_id = {s.get(_ID): s for s in styles_part.iter(_STYLE)}
    by_name = {s.find(qn("w:name")).get(qn("w:val")).casefold(): s for s in by_id.values()
               if s.find(qn("w:name")) is not None}
    todo = [by_name[n.casefold()] for n in names if n.casefold() in by_name]
    todo += [s for s in by_id.values() if s.get(_DEFAULT) == "1"]
    kept: set[str] = set()
    while todo:
        style = todo.pop()
        if style.get(_ID) in kept:
            continue
        kept.add(style.get(_ID))
        for link in _LINKS:
            target = style.find(link)
            if target is not None and target.get(qn("w:val")) in by_id:
                todo.append(by_id[target.get(qn("w:val"))])
    for style_id, style in by_id.items():
        if style_id not in kept:
            style.getparent().remove(style)


def _font(parent: etree._Element, name: str, styles: Styles) -> None:
    font = etree.SubElement(parent, qn("w:font"), {qn("w:name"): name})
    face = styles.font_faces.get(name)
    if face is None:
        return
    if face.alternates:
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): ", ".join(face.alternates)})
    if face.panose:
        etree.SubElement(font, qn("w:panose1"), {qn("w:val"): face.panose})
    if face.charset:
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): face.charset})
    etree.SubElement(font, qn("w:family"), {qn("w:val"): face.family})
    etree.SubElement(font, qn("w:pitch"), {qn("w:val"): face.pitch})


def font_table(fonts: DocxFonts, styles: Styles) -> bytes:
    """``word/fontTable.xml`` for a language's fonts, each once, in role order."""
    root = etree.fromstring(f"<w:fonts {nsdecls('w')}/>")
    for name in dict.fromkeys(fonts.model_dump().values()):
        _font(root, name, styles)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def drop_lists(numbering_part: etree._Element) -> None:
    """Remove the template's list definitions (for the list styles that go)."""
    for tag in ("w:num", "w:abstractNum"):
        for element in numbering_part.findall(qn(tag)):
            numbering_part.remove(element)
