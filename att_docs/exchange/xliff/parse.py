"""Read an XLIFF 1.2 or 2.x file safely into its units.

lxml parses with entities unresolved, no network and no DTD; a document with a DOCTYPE
(the carrier of XXE and entity-expansion attacks; XLIFF needs none) is refused outright.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes
from att_docs.base.xmlsafe import parse_untrusted
from att_docs.exchange.xliff import NS_2, NS_12

__all__ = ["XliffFile", "XliffUnit", "read_units"]


@dataclass
class XliffUnit:
    """One trans-unit (1.2) or unit (2.x): its id, source and target content, state."""

    id: str
    source: etree._Element
    target: etree._Element | None
    state: str
    line: int


@dataclass
class XliffFile:
    path: Path
    version: str  # "1.2", "2.0", "2.1"
    original: str  # the paper's symbol
    source_lang: str
    target_lang: str
    units: list[XliffUnit]


def read_units(path: Path) -> XliffFile:
    """Parse ``path``; malformed XML, a DOCTYPE, or not XLIFF 1.2/2.x is a ContentError."""
    root = parse_untrusted(read_bytes(path), path, no_doctype_in="XLIFF")
    if root.tag == f"{{{NS_12}}}xliff":
        return _read_12(path, root)
    if root.tag == f"{{{NS_2}}}xliff":
        return _read_2(path, root)
    raise ContentError(f"not an XLIFF 1.2 or 2.x file (root element {root.tag})", path,
                       root.sourceline)


def _one_file(path: Path, files: list[etree._Element]) -> etree._Element:
    if len(files) != 1:
        raise ContentError(f"expected one <file> element, found {len(files)}", path)
    return files[0]


def _read_12(path: Path, root: etree._Element) -> XliffFile:
    ns = {"x": NS_12}
    file = _one_file(path, root.findall("x:file", ns))
    units = []
    for tu in file.iterfind(".//x:trans-unit", ns):
        source = tu.find("x:source", ns)
        if source is None:
            raise ContentError(f"trans-unit {tu.get('id')!r} has no <source>", path,
                               tu.sourceline)
        target = tu.find("x:target", ns)
        state = target.get("state", "") if target is not None else ""
        units.append(XliffUnit(tu.get("id", ""), source, target, state, tu.sourceline or 0))
    return XliffFile(path, "1.2", file.get("original", ""), file.get("source-language", ""),
                     file.get("target-language", ""), units)


def _read_2(path: Path, root: etree._Element) -> XliffFile:
    ns = {"x": NS_2}
    file = _one_file(path, root.findall("x:file", ns))
    units = []
    for unit in file.iterfind(".//x:unit", ns):
        parts = [p for p in unit if etree.QName(p).localname in ("segment", "ignorable")]
        segments = [p for p in parts if etree.QName(p).localname == "segment"]
        if not segments:
            raise ContentError(f"unit {unit.get('id')!r} has no <segment>", path,
                               unit.sourceline)
        sources = [p.find("x:source", ns) for p in parts]
        targets = [p.find("x:target", ns) for p in parts]
        if any(s is None for s in sources):
            raise ContentError(f"unit {unit.get('id')!r} has a segment without <source>", path,
                               unit.sourceline)
        target = None
        segment_targets = [t for p, t in zip(parts, targets, strict=True)
                           if etree.QName(p).localname == "segment"]
        if all(t is not None for t in segment_targets):
            target = _join([t if t is not None else s
                            for s, t in zip(sources, targets, strict=True)])
        states = {s.get("state", "initial") for s in segments}
        state = states.pop() if len(states) == 1 else "initial"
        units.append(XliffUnit(unit.get("id", ""), _join(sources), target, state,
                               unit.sourceline or 0))
    return XliffFile(path, root.get("version", ""), file.get("original", ""),
                     root.get("srcLang", ""), root.get("trgLang", ""), units)


def _join(parts: list[etree._Element | None]) -> etree._Element:
    """The content of several segments' sources (or targets) as one element."""
    if len(parts) == 1 and parts[0] is not None:
        return parts[0]
    joined = etree.Element(f"{{{NS_2}}}joined")
    for part in parts:
        if part is None:
            continue
        if part.text:
            if len(joined):
                joined[-1].tail = (joined[-1].tail or "") + part.text
            else:
                joined.text = (joined.text or "") + part.text
        for child in part:
            joined.append(copy.deepcopy(child))
    return joined
