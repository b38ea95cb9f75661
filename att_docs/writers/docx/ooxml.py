"""WordprocessingML vocabulary for the DOCX writer: namespaces, qualified names, and the
order of child elements that ECMA-376 prescribes, each declared once.

The writer builds ``word/document.xml`` and ``word/footnotes.xml`` with plain lxml;
:func:`add` and :func:`child` keep property elements (``w:pPr``, ``w:rPr``,
``w:tcPr``, ``w:tblPr``) in schema order whatever order the writer sets them in.
"""

from __future__ import annotations

from lxml import etree

__all__ = [
    "PPR",
    "RPR",
    "TBLPR",
    "TCPR",
    "XML_SPACE",
    "Prototypes",
    "W",
    "add",
    "child",
    "el",
    "sub",
    "w",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NSMAP = {"w": W}  # elements made apart from a tree: ``w:`` once appended, not ``ns0:``


def w(local: str) -> str:
    """The Clark name of ``w:local``."""
    return f"{{{W}}}{local}"


def el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    """A new ``tag`` element (Clark name) with ``w:`` attributes, appended to ``parent``."""
    attrib = {w(k): v for k, v in attrs.items()}
    if parent is None:
        return etree.Element(tag, attrib, nsmap=_NSMAP)
    return etree.SubElement(parent, tag, attrib)


def _order(*locals_: str) -> dict[str, int]:
    return {w(name): index for index, name in enumerate(locals_)}


# Children of w:pPr (CT_PPr), w:rPr (CT_RPr), w:pBdr, w:tblPr, w:tcPr, in schema order.
PPR = _order("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
             "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
             "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
             "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing",
             "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
             "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR = _order("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
             "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
             "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
             "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
             "em", "lang", "eastAsianLayout", "specVanish", "oMath")
PBDR = _order("top", "left", "bottom", "right", "between", "bar")
TBLPR = _order("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
               "tblPrChange")
TCPR = _order("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd",
              "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
              "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange")


def add(parent: etree._Element, new: etree._Element, order: dict[str, int]) -> etree._Element:
    """Insert ``new`` among ``parent``'s children at its place in ``order``."""
    rank = order[new.tag]
    for index, existing in enumerate(parent):
        if order.get(existing.tag, -1) > rank:
            parent.insert(index, new)
            return new
    parent.append(new)
    return new


def sub(parent: etree._Element, tag: str, order: dict[str, int],
        **attrs: str) -> etree._Element:
    """A new ``tag`` child of ``parent`` with ``w:`` attributes, in schema order (made in
    place: cheaper than :func:`add` when it usually belongs last)."""
    new = el(tag, parent, **attrs)
    before = new.getprevious()
    if before is not None and order.get(before.tag, -1) > order[tag]:
        parent.remove(new)
        add(parent, new, order)
    return new


class Prototypes:
    """Elements built once and copied: a copy costs a fraction of building anew."""

    def __init__(self) -> None:
        self._holder = etree.Element(w("prototypes"), nsmap=_NSMAP)
        self._made: dict[object, etree._Element] = {}

    def get(self, key: object) -> etree._Element | None:
        """The prototype made for ``key``, if any."""
        return self._made.get(key)

    def keep(self, key: object, element: etree._Element) -> etree._Element:
        """Keep ``element`` as the prototype for ``key``."""
        self._holder.append(element)
        self._made[key] = element
        return element

    @staticmethod
    def copy(element: etree._Element) -> etree._Element:
        """A deep copy of ``element`` (lxml copies whole subtrees)."""
        return element.__copy__()


def child(parent: etree._Element, tag: str, order: dict[str, int]) -> etree._Element:
    """The ``tag`` child of ``parent``, inserted in schema order if missing (made by the
    parent's document, so a python-docx tree gets its own element classes)."""
    found = parent.find(tag)
    return found if found is not None else add(parent, parent.makeelement(tag), order)
