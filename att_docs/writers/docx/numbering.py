"""Word list numbering (``word/numbering.xml``) for the DOCX writer.

Each kind of list is one ``w:abstractNum``; every run of numbers that must start at a
given value gets its own ``w:num`` with a ``w:startOverride``, so the numbers Word and
LibreOffice compute equal the numbers the assembly step set in the model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree

from att_docs.writers.docx.ooxml import el as _new
from att_docs.writers.docx.ooxml import w

__all__ = ["Level", "ListCounter", "Numbering"]

_ABSTRACT, _NUM, _NUM_ID = w("abstractNum"), w("num"), w("numId")
_ABSTRACT_ID = w("abstractNumId")


@dataclass(frozen=True)
class Level:
    """One list level: format, text (``%1.``), indents in twips, linked paragraph style."""

    fmt: str
    text: str
    left: int
    hanging: int
    style_id: str | None = None
    font: str | None = None


def _el(tag: str, **attrs: str) -> etree._Element:
    """A new ``w:`` element (``tag`` as ``w:name``) with ``w:`` attributes."""
    return _new(w(tag.removeprefix("w:")), **attrs)


def _level_element(ilvl: int, level: Level) -> etree._Element:
    lvl = _el("w:lvl", ilvl=str(ilvl))
    lvl.append(_el("w:start", val="1"))
    lvl.append(_el("w:numFmt", val=level.fmt))
    if level.style_id:
        lvl.append(_el("w:pStyle", val=level.style_id))
    lvl.append(_el("w:lvlText", val=level.text))
    lvl.append(_el("w:lvlJc", val="left"))
    ppr = _el("w:pPr")
    ppr.append(_el("w:ind", left=str(level.left), hanging=str(level.hanging)))
    lvl.append(ppr)
    if level.font:
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", ascii=level.font, hAnsi=level.font, cs=level.font))
        lvl.append(rpr)
    return lvl


class Numbering:
    """Adds abstract numbering definitions and numbering instances to a ``w:numbering``."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._next_abstract = 1 + max(
            (int(a.get(_ABSTRACT_ID)) for a in root.iterchildren(_ABSTRACT)), default=-1)
        self._num_ids = {int(n.get(_NUM_ID)) for n in root.iterchildren(_NUM)}
        nums = list(root.iterchildren(_NUM))
        self._last_num = nums[-1] if nums else None

    def add_abstract(self, name: str, levels: list[Level]) -> int:
        """Define a list kind; returns its ``w:abstractNumId``."""
        abstract_id = self._next_abstract
        self._next_abstract += 1
        nsid = hashlib.sha1(name.encode()).hexdigest()[:8].upper()  # stable across builds
        abstract = _el("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(_el("w:nsid", val=nsid))
        multi = "multilevel" if len(levels) > 1 else "singleLevel"
        abstract.append(_el("w:multiLevelType", val=multi))
        abstract.append(_el("w:name", val=name))
        for ilvl, level in enumerate(levels):
            abstract.append(_level_element(ilvl, level))
        existing = list(self.root.iterchildren(_ABSTRACT))
        if existing:
            existing[-1].addnext(abstract)
        else:
            self.root.insert(0, abstract)
        return abstract_id

    def add_num(self, abstract_id: int, starts: dict[int, int] | None = None) -> int:
        """A numbering instance of ``abstract_id``; ``starts`` maps level to start value."""
        num_id = 1  # the first id unused, as Word and python-docx pick it
        while num_id in self._num_ids:
            num_id += 1
        self._num_ids.add(num_id)
        num = _el("w:num", numId=str(num_id))
        num.append(_el("w:abstractNumId", val=str(abstract_id)))
        for ilvl, start in sorted((starts or {}).items()):
            override = _el("w:lvlOverride", ilvl=str(ilvl))
            override.append(_el("w:startOverride", val=str(start)))
            num.append(override)
        if self._last_num is not None:
            self._last_num.addnext(num)
        else:
            after = next(self.root.iterchildren(w("numIdMacAtCleanup")), None)
            if after is None:
                self.root.append(num)
            else:
                after.addprevious(num)
        self._last_num = num
        return num_id


class ListCounter:
    """Hands out the ``w:num`` for each item of a numbered list (paragraphs, cell lists).

    An item keeps the current instance while its number is the next one; any other
    number (1 at the start of an annex) starts a new instance at that number.
    """

    def __init__(self, numbering: Numbering, abstract_id: int) -> None:
        self._numbering = numbering
        self._abstract_id = abstract_id
        self._num_id: int | None = None
        self._expected = 1

    def num_for(self, number: int | None) -> int:
        """The numId for a paragraph numbered ``number`` (``None``: the next one)."""
        if self._num_id is None or (number is not None and number != self._expected):
            start = number if number is not None else 1
            self._num_id = self._numbering.add_num(self._abstract_id, {0: start})
            self._expected = start
        self._expected += 1
        return self._num_id

    def detached(self, first_letter: int) -> int:
        """A fresh instance for subparagraphs whose parent paragraph has no number."""
        return self._numbering.add_num(self._abstract_id, {1: first_letter})
