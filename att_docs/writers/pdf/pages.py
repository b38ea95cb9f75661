"""A PDF's page count from its bytes: the root page tree's ``/Count``.

Typst writes its objects uncompressed, so the page tree's root (the ``/Type /Pages``
dictionary without a ``/Parent``) can be read straight from the bytes in hand, without
parsing the file. Whenever that is not certain (objects in compressed streams, an
encrypted file, no root or several, an update that rewrote the tree), pypdf reads the
file instead.
"""

from __future__ import annotations

import io
import re

__all__ = ["page_count"]

_PAGES = re.compile(rb"/Type\s*/Pages(?![A-Za-z0-9])")
_COUNT = re.compile(rb"/Count\s+(\d+)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has."""
    count = _tree_count(pdf)
    if count is not None:
        return count
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _tree_count(pdf: bytes) -> int | None:
    """``/Count`` of the one root page tree node, or None where the bytes do not say it
    plainly."""
    if b"/ObjStm" in pdf or b"/Encrypt" in pdf:
        return None
    roots = []
    for match in _PAGES.finditer(pdf):
        start = _object_start(pdf, match.start())
        end = pdf.find(b"endobj", match.end())
        if start < 0 or end < 0:
            return None
        body = pdf[start:end]
        if b"/Parent" not in body:
            roots.append(body)
    if len(roots) != 1:
        return None
    counts = _COUNT.findall(roots[0])
    return int(counts[0]) if len(counts) == 1 else None


def _object_start(pdf: bytes, at: int) -> int:
    """Where the ``N G obj`` that holds offset ``at`` begins (-1 if none does)."""
    before = pdf.rfind(b"obj", 0, at)
    while before >= 0:
        head = pdf.rfind(b"\n", 0, before) + 1
        if _OBJ.match(pdf, head) and pdf.rfind(b"endobj", head, at) < 0:
            return head
        before = pdf.rfind(b"obj", 0, before)
    return -1
