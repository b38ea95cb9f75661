"""TMX files the user adds to the translation memory (``att-docs tm add``), read safely.

A TMX file (1.1 to 1.4b) is read as all XML from outside is
(:func:`att_docs.base.xmlsafe.parse_untrusted`: no DTD, no entities, no network).
The usual ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is let be (the DTD is never read); a
DOCTYPE that declares entities or elements is refused, as is a file over
:data:`MAX_BYTES`. Each ``<tu>`` gives an entry
for a language pair when it has a ``<tuv>`` in both languages; a ``<seg>``'s text is
taken without the native codes (``bpt``, ``ept``, ``it``, ``ph``, ``ut``) and with the
text of ``hi``. Language tags are compared as the glossary compares them
(:func:`att_docs.glossary.integrity.normalize_lang`: a region of the language's usual
script drops; one that implies another script, Traditional Han, keeps it apart).

Added files are kept, as they were given, in ``<content>/.tm/`` (:data:`TM_DIR`); every
export reads them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.document.model import Run
from att_docs.exchange.memory import TM_DIR
from att_docs.exchange.memory.entries import Entry

__all__ = ["MAX_BYTES", "TmxFile", "add_tmx", "parse_tmx", "read_tmx", "stored_tmx",
           "tmx_entries"]

MAX_BYTES = 64 * 1024 * 1024
"""The largest TMX file read (a memory of a few hundred thousand units)."""

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_HIGHLIGHT = "hi"  # the one inline element of a <seg> whose content is text; the others
# (bpt, ept, ph, ut and the isolated tag) hold a format's native codes
_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class TmxFile:
    """A TMX file read: its units as ``{language: text}``, and where it is."""

    path: Path
    units: list[dict[str, str]]

    @property
    def languages(self) -> list[str]:
        """The languages of its units, most frequent first."""
        counts: dict[str, int] = {}
        for unit in self.units:
            for lang in unit:
                counts[lang] = counts.get(lang, 0) + 1
        return sorted(counts, key=lambda lang: (-counts[lang], lang))


def _read_limited(path: Path) -> bytes:
    """The bytes of ``path``, refused when there are more than :data:`MAX_BYTES`."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ContentError(f"cannot read the file ({exc.strerror})", path) from None
    if len(data) > MAX_BYTES:
        raise ContentError(f"more than {MAX_BYTES // (1024 * 1024)} MB: too large for a "
                           "translation memory", path)
    return data


def read_tmx(path: Path) -> TmxFile:
    """Read ``path``; not TMX, malformed, too large or with a DOCTYPE is a ContentError."""
    return parse_tmx(_read_limited(path), path)


def parse_tmx(data: bytes, path: Path) -> TmxFile:
    """The TMX in ``data`` (read from ``path``, which errors name)."""
    from att_docs.base.text import check_characters
    from att_docs.base.xmlsafe import parse_untrusted
    from att_docs.glossary.integrity import normalize_lang

    root = parse_untrusted(data, path, remove_comments=True, remove_pis=True)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.elements()):
        raise ContentError("element declarations in the DOCTYPE are not allowed in a "
                           "translation memory", path, 1)
    if root.tag != "tmx" or root.find("body") is None:
        raise ContentError(f"not a TMX file (root element {root.tag}, a <tmx> with a <body> "
                           "expected)", path, root.sourceline)
    units: list[dict[str, str]] = []
    for tu in root.iterfind("body/tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iterfind("tuv"):
            lang = normalize_lang(tuv.get(XML_LANG) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if lang and seg is not None and lang not in texts:
                text = _seg_text(seg)
                check_characters(text, path, seg.sourceline or 1)
                if text.strip():
                    texts[lang] = text
        if len(texts) > 1:
            units.append(texts)
    return TmxFile(path, units)


def _seg_text(element: etree._Element) -> str:
    """The words of a ``<seg>`` (or of an ``<hi>`` in it), native codes left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _HIGHLIGHT:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def tmx_entries(tmx: TmxFile, source: str, target: str) -> Iterator[Entry]:
    """The units of ``tmx`` that have both languages, as plain-text entries."""
    for unit in tmx.units:
        if source in unit and target in unit:
            yield Entry((Run(unit[source]),), (Run(unit[target]),), tmx.path.name)


def stored_tmx(content: Path) -> list[Path]:
    """The TMX files kept in ``content/.tm/``, by name."""
    folder = content / TM_DIR
    if folder.is_symlink():
        raise ContentError(f"{TM_DIR} is a link; the translation memory is read from the "
                           "content folder only", folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() == ".tmx" and p.is_file() and not p.is_symlink()
                  and not p.name.startswith("."))


def add_tmx(path: Path, content: Path, name: str | None = None) -> tuple[Path, TmxFile, bool]:
    """Check ``path`` and keep a copy in ``content/.tm/``: the copy, the file as read, and
    whether it replaced one of the same name. The name is the file's own (or ``name``),
    reduced to letters, digits, ``.``, ``_`` and ``-``. It is written as every file into
    the content is, without following a link (:func:`att_docs.base.confine.write_inside`)."""
    from att_docs.base.confine import write_inside

    data = _read_limited(path)
    if not content.is_dir():
        raise ContentError("no such content folder", content)
    tmx = parse_tmx(data, path)
    if not tmx.units:
        raise ContentError("no translation unit with texts in two languages", path)
    stem = _NAME.sub("-", Path(name or path.name).stem).strip(".-") or "memory"
    folder = content / TM_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ContentError(f"{TM_DIR} must be a folder of the content, not a link or a file",
                           folder)
    stored = folder / f"{stem}.tmx"
    if stored.is_symlink():
        raise ContentError("is a link; remove it first", stored)
    replaced = stored.exists()
    write_inside(content, f"{TM_DIR}/{stored.name}", data)
    return stored, tmx, replaced
