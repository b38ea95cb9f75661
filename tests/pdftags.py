"""The structure tree of a tagged PDF, read back with pypdf: every structure element in
document order, with its depth, tag and attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass(eq=False)
class Element:
    tag: str  # "H1", "P", "TH" ...
    attributes: dict[str, str] = field(default_factory=dict)  # of every attribute object
    children: list[Element] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _attributes(element: DictionaryObject) -> dict[str, str]:
    found = element.get("/A")
    if found is None:
        return {}
    found = found.get_object()
    out = {}
    for attribute in found if isinstance(found, list) else [found]:
        attribute = attribute.get_object()
        if isinstance(attribute, DictionaryObject):
            out.update({k.lstrip("/"): str(v).lstrip("/") for k, v in attribute.items()})
    return out


def _element(node: DictionaryObject) -> Element:
    kids = node.get("/K")
    kids = [] if kids is None else kids.get_object()
    kids = kids if isinstance(kids, list) else [kids]
    children = [_element(kid.get_object()) for kid in kids
                if isinstance(kid.get_object(), DictionaryObject) and "/S" in kid.get_object()]
    return Element(str(node.get("/S", "/")).lstrip("/"), _attributes(node), children)


def structure(pdf: Path) -> Element:
    """The root of ``pdf``'s structure tree (its ``/StructTreeRoot``)."""
    root = PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"].get_object()
    return _element(root)
