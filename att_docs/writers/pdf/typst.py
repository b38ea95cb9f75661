"""The PDF writer: lays a document out with Typst through ``templates/paper.typ``.

The writer serialises the document, in one language, to JSON (:mod:`typst_data`) and
passes it to the template as ``sys.inputs.data``; the template reads it and lays it out.
One :class:`typst.Compiler`, made once with the template as its main file and the fonts
scanned once, compiles every document: only ``sys_inputs`` change between calls, so
Typst's caches (parsed template, fonts, shaped text) carry over.

Font problems stop the build with :class:`FontError`. Typst only warns about an unknown
font family, so the writer checks the configured families itself (each language's fonts
must be installed with a Bold weight; a fallback font of the style sheet that is not
installed is left out of the chain) and also turns Typst's font warnings into errors; a
character that no font of the chain covers is refused by the PDF/UA-1 export (the template
disables Typst's own fallback), and reported as a :class:`FontError` naming the character.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typst

from att_docs.base.atomic import atomic_output
from att_docs.base.errors import ContentError, ToolError
from att_docs.document.model import Document
from att_docs.writers.pdf.tags import mark_row_headers
from att_docs.writers.pdf.typst_data import document_data
from att_docs.writers.styles import Styles

__all__ = ["FontError", "PdfError", "PdfWriter"]

PDF_STANDARDS: tuple[list[str], ...] = (["a-2b", "ua-1"], ["a-2b"])
"""Tried in order. PDF/A-2b (archival: fonts embedded, an output intent, XMP metadata)
together with PDF/UA-1 (tagged, with a title, a language, headings in order and no
unrenderable text). Should UA-1 refuse a document for another reason than a glyph, PDF/A-2b
alone follows: still tagged, and it still refuses text that no font can display."""

BOLD_WEIGHT = 600

_STANDARD_ERROR = re.compile(r"^PDF/\S+ error:")
_GLYPH_ERROR = re.compile(
    r"the text `(?P<text>.*?)` could not be displayed with font `(?P<font>.*?)`"
)


class FontError(ToolError):
    """A configured font is not installed, lacks a Bold weight, or lacks a glyph."""


class PdfError(ContentError):
    """Typst failed for a reason other than fonts (a template or PDF/UA problem): reported
    as ``paper.typ:LINE: ...`` on one line, like any other bad input."""


def _codepoints(text: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in text)


def _unquote(text: str) -> str:
    """Typst quotes names and text in its messages as JSON-like strings."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, str) else text


class PdfWriter:
    """Typst PDF engine; one instance compiles many documents with one typst.Compiler."""

    def __init__(
        self, styles: Styles, template: Path, font_paths: list[Path] | None = None
    ) -> None:
        """Scan the fonts once and make the one compiler, with ``template`` as main file."""
        self.styles = styles
        self.template = Path(template)
        if not self.template.is_file():
            raise ContentError("Typst template not found (templates/paper.typ lays out the "
                               "PDF)", self.template)
        self.fonts = typst.Fonts(font_paths=[str(p) for p in font_paths or []])
        self._weights: dict[str, set[int]] = {}
        for info in self.fonts.fonts():
            self._weights.setdefault(info.family.casefold(), set()).add(info.weight)
        self._compiler = typst.Compiler(
            str(self.template),
            root=str(self.template.parent),
            font_paths=self.fonts,
            sys_inputs={"data": "{}"},
        )

    # ------------------------------------------------------------------ public

    def write(self, document: Document, lang: str, out: Path, draft: str | None = None,
              data: Callable[..., dict[str, Any]] = document_data) -> bytes:
        """Lay ``document`` out in ``lang`` and write the PDF to ``out``; ``draft`` is the
        mark every page carries where the text is not ready; ``data`` makes the template's
        input (a redline's: :func:`~.redline_data.redline_data`). Returns the bytes
        written."""
        who = self._describe(document, lang)
        self._check_fonts(lang, who)
        payload = json.dumps(data(document, lang, self.styles, draft,
                                  fallback_fonts=self.fallbacks),
                             ensure_ascii=False, separators=(",", ":"))
        pdf = mark_row_headers(self._compile(payload, document, lang, who))
        with atomic_output(Path(out)) as tmp:
            tmp.write_bytes(pdf)
        return pdf

    def check_fonts(self, languages: list[str]) -> None:
        """Preflight: raise :class:`FontError` now if any language's fonts are missing."""
        for lang in languages:
            self._check_fonts(lang, f"language {lang!r}")

    # ------------------------------------------------------------------ fonts

    @property
    def fallbacks(self) -> list[str]:
        """The style sheet's fallback fonts that are installed, in its order."""
        return [f for f in self.styles.fallback_fonts if f.casefold() in self._weights]

    def _chain(self, lang: str, who: str) -> dict[str, str]:
        """``lang``'s fonts by role, as the PDF sets them."""
        if lang not in self.styles.fonts:
            raise FontError(f"{who}: styles.yaml has no fonts entry for {lang!r}")
        return self.styles.pdf_fonts(lang)

    def _check_fonts(self, lang: str, who: str) -> None:
        """Every family of the language's roles must be installed and have a Bold weight."""
        for role, family in self._chain(lang, who).items():
            named = getattr(self.styles.fonts[lang], role)
            where = (f"fonts.{lang}.{role} in styles.yaml" if family == named else
                     f"font_faces.{named}.pdf, for fonts.{lang}.{role} in styles.yaml")
            weights = self._weights.get(family.casefold())
            if weights is None:
                raise FontError(
                    f"{who}: font {family!r} ({where}) is not installed; install it "
                    "(scripts/setup.sh) or add its folder to the font paths"
                )
            if max(weights) < BOLD_WEIGHT:
                raise FontError(
                    f"{who}: font {family!r} ({where}) has no Bold weight, so titles "
                    "and headings could not be bold; install its Bold face"
                )

    def _glyph_error(self, message: str, who: str, lang: str,
                     document: Document) -> FontError | None:
        match = _GLYPH_ERROR.search(message)
        if match is None:
            return None
        text = _unquote(match["text"])
        tried = list(dict.fromkeys([*self._chain(lang, who).values(), *self.fallbacks]))
        absent = [f for f in self.styles.fallback_fonts if f not in self.fallbacks]
        hint = (f"; not installed: {', '.join(absent)} (scripts/setup.sh installs them)"
                if absent else "")
        where = _first_use(document, lang, text)
        return FontError(
            f"{where + ': ' if where else ''}{who}: no font has a glyph for {text!r} "
            f"({_codepoints(text)}); fonts tried: {', '.join(tried)}{hint}; add a font that "
            "covers it to fallback_fonts in styles.yaml or replace the character"
        )

    # ------------------------------------------------------------------ typst

    def _compile(self, payload: str, document: Document, lang: str, who: str) -> bytes:
        """Compile with this document's data; the masthead date fixes every timestamp."""
        date = document.masthead.date
        stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        for attempt, standards in enumerate(PDF_STANDARDS, start=1):
            try:
                pdf, notes = self._compiler.compile_with_warnings(
                    sys_inputs={"data": payload}, pdf_standards=standards, timestamp=stamp
                )
            except typst.TypstError as exc:
                error = self._translate(exc, lang, who, document)
                message = getattr(exc, "message", None) or str(exc)
                last = attempt == len(PDF_STANDARDS)
                if isinstance(error, FontError) or last or not _STANDARD_ERROR.match(message):
                    raise error from None
                warnings.warn(f"{who}: {message}; writing {PDF_STANDARDS[attempt]} instead",
                              stacklevel=3)
                continue
            self._check_warnings(notes, who)
            if not isinstance(pdf, bytes):
                raise PdfError(f"{who}: Typst returned no PDF")
            return pdf
        raise AssertionError("unreachable")

    def _translate(self, exc: typst.TypstError, lang: str, who: str,
                   document: Document) -> Exception:
        """A missing glyph becomes a FontError; anything else a PdfError with Typst's text."""
        message = getattr(exc, "message", None) or str(exc)
        glyph = self._glyph_error(message, who, lang, document)
        if glyph is not None:
            return glyph
        diagnostic = str(getattr(exc, "diagnostic", "") or "")
        where = re.search(r"┌─ (?P<file>[^\n]*?):(?P<line>\d+):\d+", diagnostic)
        first = message.strip().splitlines()[0] if message.strip() else "unknown error"
        if where and Path(where["file"]).name == self.template.name:
            return PdfError(f"Typst failed: {first} (for {who})", self.template,
                            int(where["line"]))
        return PdfError(f"{who}: Typst failed: {first}")

    def _check_warnings(self, notes: list[typst.TypstWarning], who: str) -> None:
        """Font warnings are errors; other warnings are passed on as Python warnings."""
        for note in notes:
            message = getattr(note, "message", None) or str(note)
            if "font" in message.lower():
                raise FontError(f"{who}: {message}")
            warnings.warn(f"{who}: Typst: {message}", stacklevel=3)

    @staticmethod
    def _describe(document: Document, lang: str) -> str:
        where = f" from {document.source}" if document.source else ""
        return f"document {document.id!r}{where} ({lang})"


def _first_use(document: Document, lang: str, chars: str) -> str | None:
    """``file:line`` of the first text of ``document`` in ``lang`` that holds the first of
    ``chars``, if one does (a template's own phrase has no place in the content)."""
    from att_docs.document.units import document_units

    char = chars[:1]
    for unit in document_units(document):
        text = unit.text(lang)
        if not char or text is None or char not in text.plain():
            continue
        path = text.where.path if text.where else unit.file
        if path is None:
            continue
        start = text.where.line if text.where else 1
        return f"{path}:{_line_with(path, char, start) or start}"
    return None


def _line_with(path: Path, char: str, start: int) -> int | None:
    """The first line from ``start`` on of the file ``path`` that holds ``char``."""
    from att_docs.base.inputs import read_text

    try:
        lines = read_text(path).split("\n")
    except ContentError:
        return None
    return next((n for n in range(start, len(lines) + 1) if char in lines[n - 1]), None)
