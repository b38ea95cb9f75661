"""A text block's inlines as XLIFF segment content with inline codes, and back.

Bold and italic become paired codes (``<g ctype="bold">`` in 1.2, ``<pc subType="xlf:b">``
in 2.1), footnote references standalone codes (``<x ctype="x-att-footnote">``, ``<ph
subType="att:footnote">``). Codes are numbered 1, 2, ... in the order of the source, and
the numbers are all a translation refers to: reading a target looks each code up in the
codes of the current source, so a code the translator lost, added or repeated is caught.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from att_docs.document.model import FootnoteRef, Inline, Run
from att_docs.document.sameness import normalise

__all__ = ["Code", "CodeError", "Span", "decode", "encode", "normalise", "write_content"]

Kind = Literal["bold", "italic", "footnote"]

_PAIRED = {"1.2": "g", "2.1": "pc"}
_STANDALONE = {"1.2": "x", "2.1": "ph"}
_ANNOTATIONS = {"mrk"}  # markers that tools add around terms: read through them


class CodeError(ValueError):
    """A target whose inline codes do not match its source's."""


@dataclass(frozen=True)
class Code:
    """One inline code of a segment: its number and what it stands for."""

    id: str
    kind: Kind
    footnote: str = ""


@dataclass
class Span:
    """A paired code around its content (text and nested spans or footnote codes)."""

    code: Code
    children: list[str | Span | Code] = field(default_factory=list)


Node = str | Span | Code


def _formats(inlines: list[Inline]) -> list[tuple[bool, bool]]:
    """(bold, italic) of each inline; a footnote mark takes a format its neighbours share."""
    runs = [(i.bold, i.italic) if isinstance(i, Run) else None for i in inlines]
    out: list[tuple[bool, bool]] = []
    for n, fmt in enumerate(runs):
        if fmt is None:
            before = next((f for f in reversed(runs[:n]) if f is not None), (False, False))
            after = next((f for f in runs[n + 1:] if f is not None), (False, False))
            fmt = (before[0] and after[0], before[1] and after[1])
        out.append(fmt)
    return out


class _Numbering:
    """Numbers codes 1, 2, ...; or, given the codes of a source, takes the number of the
    next code there of the same kind (and footnote)."""

    def __init__(self, like: dict[str, Code] | None) -> None:
        self.codes: dict[str, Code] = {}
        self.like = like

    def new(self, kind: Kind, footnote: str = "") -> Code:
        if self.like is None:
            code = Code(str(len(self.codes) + 1), kind, footnote)
        else:
            code = next((c for c in self.like.values() if c.id not in self.codes
                         and (c.kind, c.footnote) == (kind, footnote)), None)
            if code is None:
                raise CodeError(f"the text has a {kind} code that its source has not")
        self.codes[code.id] = code
        return code


#: a hard break in a segment: a tool's own line breaks are whitespace (a soft break)
LINE_SEPARATOR = "\u2028"


def encode(inlines: list[Inline], like: dict[str, Code] | None = None,
           ) -> tuple[list[Node], dict[str, Code]]:
    """The segment content of ``inlines`` (bold spans outside italic ones) and its codes.

    With ``like`` (the codes of the source), the codes of a translation take the numbers
    of their counterparts in the source; :class:`CodeError` if they do not pair up.
    """
    items = normalise(inlines)
    formats = _formats(items)
    numbering = _Numbering(like)

    def leaf(inline: Inline) -> Node:
        if isinstance(inline, FootnoteRef):
            return numbering.new("footnote", inline.id)
        return inline.text.replace("\n", LINE_SEPARATOR)  # a hard break, kept by every tool

    def by(position: int, group: list[int], kind: Kind) -> list[Node]:
        nodes: list[Node] = []
        start = 0
        while start < len(group):
            flag = formats[group[start]][position]
            end = start
            while end < len(group) and formats[group[end]][position] == flag:
                end += 1
            chunk = group[start:end]
            if flag:
                span = Span(numbering.new(kind))
                span.children = (by(1, chunk, "italic") if kind == "bold"
                                 else [leaf(items[k]) for k in chunk])
                nodes.append(span)
            elif kind == "bold":
                nodes.extend(by(1, chunk, "italic"))
            else:
                nodes.extend(leaf(items[k]) for k in chunk)
            start = end
        return nodes

    nodes = by(0, list(range(len(items))), "bold")
    if like is not None and len(numbering.codes) != len(like):
        raise CodeError("the text lacks inline codes that its source has")
    return nodes, numbering.codes


def write_content(parent: etree._Element, nodes: list[Node], version: str, ns: str) -> None:
    """Append ``nodes`` to ``parent`` (a ``<source>`` or ``<target>``) as XLIFF content."""
    last: etree._Element | None = None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                parent.text = (parent.text or "") + node
            else:
                last.tail = (last.tail or "") + node
            continue
        if isinstance(node, Span):
            last = etree.SubElement(parent, f"{{{ns}}}{_PAIRED[version]}",
                                    _attrs(node.code, version))
            write_content(last, node.children, version, ns)
        else:
            last = etree.SubElement(parent, f"{{{ns}}}{_STANDALONE[version]}",
                                    _attrs(node, version))


def _attrs(code: Code, version: str) -> dict[str, str]:
    if version == "1.2":
        if code.kind == "footnote":
            return {"id": code.id, "ctype": "x-att-footnote", "equiv-text": f"[^{code.footnote}]"}
        return {"id": code.id, "ctype": code.kind}
    if code.kind == "footnote":
        return {"id": code.id, "type": "other", "subType": "att:footnote",
                "disp": f"[^{code.footnote}]"}
    return {"id": code.id, "type": "fmt", "subType": "xlf:b" if code.kind == "bold" else "xlf:i"}


def decode(element: etree._Element, codes: dict[str, Code], version: str) -> list[Inline]:
    """The inlines of a ``<source>`` or ``<target>``, its codes resolved against ``codes``
    (those of the current source). :class:`CodeError` if a code is unknown, of another
    kind, repeated or missing."""
    out: list[Inline] = []
    used: list[str] = []

    def text(value: str | None, bold: bool, italic: bool) -> None:
        if value:
            out.append(Run(value, bold, italic))

    def walk(el: etree._Element, bold: bool, italic: bool) -> None:
        text(el.text, bold, italic)
        for child in el:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                text(child.tail, bold, italic)
                continue
            name = etree.QName(child).localname
            if name in _ANNOTATIONS:
                walk(child, bold, italic)
            elif name in (_PAIRED[version], _STANDALONE[version]):
                code = _lookup(child, name == _PAIRED[version], codes, used)
                if code.kind == "footnote":
                    out.append(FootnoteRef(code.footnote))
                else:
                    walk(child, bold or code.kind == "bold", italic or code.kind == "italic")
            else:
                raise CodeError(f"inline element <{name}> is not one att-docs wrote")
            text(child.tail, bold, italic)

    walk(element, False, False)
    repeated = sorted(k for k, n in Counter(used).items() if n > 1)
    if repeated:
        raise CodeError(f"inline code {_describe(codes[repeated[0]])} appears twice")
    missing = [c for k, c in codes.items() if k not in used]
    if missing:
        raise CodeError(f"inline code {_describe(missing[0])} is missing")
    return normalise(out)


def _lookup(el: etree._Element, paired: bool, codes: dict[str, Code],
            used: list[str]) -> Code:
    code_id = el.get("id", "")
    code = codes.get(code_id)
    if code is None:
        raise CodeError(f"inline code id={code_id!r} is not in the source")
    if paired == (code.kind == "footnote"):
        raise CodeError(f"inline code {_describe(code)} has the wrong element")
    used.append(code_id)
    return code


def _describe(code: Code) -> str:
    what = f"footnote [^{code.footnote}]" if code.kind == "footnote" else code.kind
    return f"{code.id} ({what})"
