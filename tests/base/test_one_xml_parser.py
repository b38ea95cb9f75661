"""XML from outside is read through one hardened parser (``base/xmlsafe.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from att_docs.base.errors import ContentError
from att_docs.base.xmlsafe import iter_untrusted, parse_untrusted

PACKAGE = Path(__file__).resolve().parents[2] / "att_docs"
PARSER = PACKAGE / "base" / "xmlsafe.py"
# The DOCX writers parse the XML they make themselves, never a user's.
OWN_XML = PACKAGE / "writers" / "docx"
PARSING = re.compile(r"\b(?:etree|ET|minidom|expat)\.(?:fromstring|parse|iterparse|XMLParser|"
                     r"XML|parseString)\b|\bxml\.(?:dom|sax|etree)\b")


def test_no_other_xml_parsing_in_the_package():
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{number}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 if path != PARSER and OWN_XML not in path.parents
                 for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                 if PARSING.search(line)]
    assert offenders == []


@pytest.mark.parametrize("xml", [
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><x>&b;</x>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd"><x>&e;</x>',
])
def test_hostile_xml_is_refused_by_every_entry(xml, tmp_path):
    with pytest.raises(ContentError):
        parse_untrusted(xml, tmp_path / "x.xml")
    with pytest.raises(ContentError, match="DOCTYPE"):
        parse_untrusted(xml, tmp_path / "x.xlf", no_doctype_in="XLIFF")
    for _event, element in iter_untrusted(xml):  # the root, nothing expanded or fetched
        assert element.tag == "x" and not (element.text or "").startswith("aaaa")
        break
