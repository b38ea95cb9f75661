"""The one XML parser for what comes from outside (DOCX parts, XLIFF, TBX, TMX): no DTD
loaded, no entity expanded, nothing fetched, no huge trees; entities refused."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from att_docs.base.errors import ContentError

__all__ = ["HARDENED", "iter_untrusted", "parse_untrusted", "refuse_entities"]

HARDENED: dict[str, bool] = {"resolve_entities": False, "no_network": True,
                             "load_dtd": False, "huge_tree": False}
"""The parser options every read of outside XML uses."""


def refuse_entities(root: etree._Element, path: Path) -> None:
    """Declared or unexpanded entities are refused, as defusedxml does: a term base or an
    XLIFF file has no need of them, and they are how billion-laughs and external-entity
    attacks work."""
    doctype = root.getroottree().docinfo.internalDTD
    if doctype is not None and list(doctype.iterentities()):
        raise ContentError("XML entity declarations (<!ENTITY ...>) are not allowed", path, 1)
    for node in root.iter(etree.Entity):
        raise ContentError(f"unexpanded XML entity {node.text} is not allowed; write the "
                           "text itself", path, node.sourceline)


def parse_untrusted(data: bytes, path: Path, *, what: str = "",
                    no_doctype_in: str | None = None, **options: bool) -> etree._Element:
    """Parse ``data`` without resolving entities or touching the network; refuse entities.

    ``what`` starts the message of malformed XML (``damaged DOCX file: word/x.xml is ``);
    ``no_doctype_in`` names a format that has no DOCTYPE at all (``XLIFF``), whose files
    are refused with one. ``options`` are further lxml parser options
    (``remove_comments=True``, ...).
    """
    parser = etree.XMLParser(**HARDENED, **options)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ContentError(f"{what}not well-formed XML ({exc.msg.splitlines()[0]})", path,
                           exc.lineno or None) from None
    if root is None:
        raise ContentError("malformed XML: no root element", path, 1)
    tree = root.getroottree()
    if no_doctype_in and (tree.docinfo.doctype or tree.docinfo.internalDTD is not None):
        raise ContentError(f"a DOCTYPE or entity declaration is not allowed in "
                           f"{no_doctype_in} (refused: it can expand entities or read other "
                           "files)", path, 1)
    refuse_entities(root, path)
    return root


def iter_untrusted(data: bytes, events: tuple[str, ...] = ("start",)) -> Iterator[Any]:
    """``(event, element)`` pairs of ``data`` as it is read, with the same hardening (for
    a look at the root without reading the whole file)."""
    return etree.iterparse(io.BytesIO(data), events=events, **HARDENED)  # type: ignore[no-any-return]
