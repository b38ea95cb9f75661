"""XLIFF 1.2 and 2.x files (what CAT tools return) as bilingual corpora.

translate-toolkit reads them: ``translate.storage.xliff`` for 1.2 and
``translate.storage.xliff2`` for 2.0 and 2.1 (same core namespace, ``version`` 2.x). A
trans-unit (1.2) or segment (2.x) is one segment; its id is the unit id (``unit::segment``
for a 2.x unit of several segments), its line the line of the element. A unit note
``att-check ignore CHECK`` silences that check for the unit.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes
from att_docs.base.xmlsafe import iter_untrusted, parse_untrusted
from att_docs.checks.segments import Corpus, Segment
from att_docs.checks.suppress import marker_ids, parse_marker
from att_docs.document.model import SourceLocation
from att_docs.language.profile import primary_subtag

__all__ = ["XLIFF_SUFFIXES", "read_xliff", "xliff_version"]

XLIFF_SUFFIXES = (".xlf", ".xliff")


def xliff_version(path: Path, data: bytes | None = None) -> str:
    """The ``version`` attribute of the root element (``1.2``, ``2.0``, ``2.1``) of
    ``path`` (whose bytes are ``data`` when already read)."""
    if data is None:
        data = read_bytes(path)
    try:
        for _event, element in iter_untrusted(data):
            if etree.QName(element).localname != "xliff":
                raise ContentError("not an XLIFF file (the root element is "
                                   f"<{etree.QName(element).localname}>)", path)
            return element.get("version", "")
    except etree.XMLSyntaxError as exc:
        raise ContentError(f"not well-formed XML ({exc.msg})", path,
                           exc.lineno or None) from None
    except OSError:
        raise ContentError("cannot read the file", path) from None
    raise ContentError("empty XLIFF file", path)


def _lang(code: str | None) -> str:
    return primary_subtag(code) if code else ""


def read_xliff(path: Path) -> Corpus:
    """Read an XLIFF 1.2 or 2.x file with translate-toolkit into a bilingual corpus."""
    data = read_bytes(path)
    version = xliff_version(path, data)
    parse_untrusted(data, path)  # before translate-toolkit, which resolves entities
    try:
        if version.startswith("2"):
            from translate.storage.xliff2 import Xliff2File

            store = Xliff2File(data)
        else:
            from translate.storage.xliff import xlifffile

            store = xlifffile(data)
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise ContentError(f"not well-formed XLIFF {version}: {exc}".replace("  ", " "),
                           path) from None
    source = _lang(store.getsourcelanguage())
    if not source:
        raise ContentError("the XLIFF file names no source language (srcLang / "
                           "source-language)", path)
    target = _lang(store.gettargetlanguage())
    if not target:
        raise ContentError("the XLIFF file names no target language (trgLang / "
                           "target-language)", path)
    several_files = len(store.getfilenames()) > 1
    segments = []
    for unit in store.units:
        if unit.isheader() or not unit.istranslatable():
            continue
        line = unit.xmlelement.sourceline or 0
        where = SourceLocation(path, line)
        texts = {source: str(unit.source or "")}
        if unit.target is not None and (unit.target or _has_target(unit)):
            texts[target] = str(unit.target or "")
        seg = Segment(_unit_id(unit, line, several_files), "unit", texts,
                      {source: where, target: where})
        for lang, text in texts.items():
            seg.blocks[lang] = (len([p for p in text.split("\n") if p.strip()]), 0)
        for note_line in (unit.getnotes() or "").splitlines():
            ids = parse_marker(note_line)
            if ids is not None:
                seg.ignore |= marker_ids(ids, path, line)
        segments.append(seg)
    return Corpus(path.name, [source, target], segments, source, path)


def _unit_id(unit, line: int, several_files: bool) -> str:  # type: ignore[no-untyped-def]
    """The unit's id; translate-toolkit prefixes 1.2 ids with the file name and U+0004."""
    raw = str(unit.getid() or f"line-{line}")
    file_name, _, unit_id = raw.rpartition("\x04")
    return f"{file_name}:{unit_id}" if file_name and several_files else unit_id


def _has_target(unit) -> bool:  # type: ignore[no-untyped-def]
    """True where the unit has a (possibly empty) target element."""
    element = unit.xmlelement
    return any(etree.QName(child).localname == "target" for child in element.iter()
               if isinstance(child.tag, str))
