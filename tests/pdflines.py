"""The lines of a PDF as poppler's ``pdftotext -bbox-layout`` finds them: pages, blocks
(paragraphs, roughly), lines and words with their boxes in points."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


@dataclass(frozen=True)
class Line:
    page: int
    block: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _word(el: etree._Element) -> Word:
    return Word(el.text or "", *(float(el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))


def pdf_lines(pdf: Path) -> list[Line]:
    """Every line of ``pdf`` in reading order, with its page and block numbers."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         check=True, timeout=120).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    lines = []
    block_no = 0
    for page_no, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        for block in page.iter(f"{XHTML}block"):
            block_no += 1
            for line in block.iter(f"{XHTML}line"):
                words = tuple(_word(w) for w in line.iter(f"{XHTML}word"))
                if words:
                    lines.append(Line(page_no, block_no, words))
    return lines


def pdf_words(pdf: Path) -> list[tuple[int, Word]]:
    """Every word of ``pdf`` (``pdftotext -bbox``, which splits at a change of size), with
    its page number."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True, timeout=120).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    return [(n, _word(w)) for n, page in enumerate(root.iter(f"{XHTML}page"), start=1)
            for w in page.iter(f"{XHTML}word")]
