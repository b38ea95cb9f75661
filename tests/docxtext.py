"""Text of a DOCX in reading order, tables' paragraphs included (page one's block is one)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

# The same reading, as a script for another environment's python (tests/project/test_install.py).
SCRIPT = ("import sys, docx\n"
          "from docx.oxml.ns import qn\n"
          "body = docx.Document(sys.argv[1]).element.body\n"
          "print('\\n'.join(''.join(t.text or '' for t in p.iter(qn('w:t')))"
          " for p in body.iter(qn('w:p'))))")


def paragraphs(path: Path) -> list[str]:
    """Every paragraph's text of the document body, in order, inside tables too."""
    document = docx.Document(str(path))
    return [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]


def text(path: Path) -> str:
    """The body's paragraphs joined by newlines."""
    return "\n".join(paragraphs(path))
