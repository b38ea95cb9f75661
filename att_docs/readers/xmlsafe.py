"""XML from outside (TBX, XLIFF): no DTD entities, nothing fetched, nothing expanded."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from att_docs.errors import ContentError

__all__ = ["parse_untrusted", "refuse_entities"]


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


def parse_untrusted(data: bytes, path: Path, **options: bool) -> etree._Element:
    """Parse ``data`` without resolving entities or touching the network; refuse entities.

    ``options`` are further lxml parser options (``remove_comments=True``, ...).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, **options)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ContentError(f"not well-formed XML ({exc.msg.splitlines()[0]})", path,
                           exc.lineno or None) from None
    if root is None:
        raise ContentError("malformed XML: no root element", path, 1)
    refuse_entities(root, path)
    return root
