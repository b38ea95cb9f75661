"""Validate files against the official schemas vendored in tests/fixtures/schemas.

    >>> xliff_errors(path)          # XLIFF 1.2 (transitional XSD) or 2.x (core and
    []                              # Translation Candidates XSD), by namespace
    >>> tbx_basic_errors(path)      # TBX-Basic v3: core RelaxNG, then the DCA Schematron
    []

Each function returns a list of messages, ``path:line: message``, empty when the file is
valid. Nothing is fetched from the network: the XLIFF 1.2 schema's import of
``http://www.w3.org/2001/xml.xsd`` is answered with the vendored copy. The Schematron uses
XPath 2, so its asserts are evaluated with SaxonC-HE (``saxonche``); see
tests/fixtures/schemas/README.md for where each file comes from.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
XLIFF = SCHEMAS / "xliff"
XML_XSD = XLIFF / "informativeCopiesOf3rdPartySchemas" / "w3c" / "xml.xsd"
XSD = {
    "urn:oasis:names:tc:xliff:document:1.2": XLIFF / "xliff-core-1.2-transitional.xsd",
    # the Translation Candidates module's schema, which imports the core schema: the
    # core's lax extension points then check <mtc:matches> too
    "urn:oasis:names:tc:xliff:document:2.0": XLIFF / "matches.xsd",
}
TBX_RNG = SCHEMAS / "tbx" / "TBXcoreStructV03.rng"
TBX_BASIC_SCH = SCHEMAS / "tbx" / "TBX-Basic_DCA.sch"
SCH_NS = {"sch": "http://purl.oclc.org/dsdl/schematron"}
_NAMESPACE = re.compile(r"Q\{[^}]*\}")  # XPath path() writes Q{uri}name
_LOCAL_COPIES = {"http://www.w3.org/2001/xml.xsd": XML_XSD}


class _LocalCopies(etree.Resolver):
    """Answer the schemas' imports of W3C URLs with the vendored files."""

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        local = _LOCAL_COPIES.get(system_url)
        return self.resolve_filename(str(local), context) if local else None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalCopies())
    return parser


@cache
def xml_schema(xsd: Path) -> etree.XMLSchema:
    """The compiled XSD (cached: the XLIFF 1.2 schema takes a moment)."""
    return etree.XMLSchema(etree.parse(str(xsd), _parser()))


def _messages(path: Path, log: etree._ListErrorLog) -> list[str]:
    return [f"{path}:{e.line}: {e.message}" for e in log]


def xsd_errors(path: Path, xsd: Path) -> list[str]:
    """Errors of ``path`` against the XML Schema ``xsd``."""
    schema = xml_schema(xsd)
    document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    return [] if schema.validate(document) else _messages(path, schema.error_log)


def xliff_errors(path: Path) -> list[str]:
    """Errors of an XLIFF file against the OASIS schema for its namespace (1.2 or 2.x)."""
    root = etree.parse(str(path), etree.XMLParser(no_network=True)).getroot()
    namespace = etree.QName(root).namespace
    if namespace not in XSD:
        return [f"{path}:{root.sourceline}: not XLIFF 1.2 or 2.x: namespace {namespace!r}"]
    return xsd_errors(path, XSD[namespace])


def relaxng_errors(path: Path, rng: Path) -> list[str]:
    """Errors of ``path`` against the RelaxNG grammar ``rng``."""
    grammar = etree.RelaxNG(etree.parse(str(rng), _parser()))
    document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    return [] if grammar.validate(document) else _messages(path, grammar.error_log)


def schematron_errors(path: Path, sch: Path) -> list[str]:
    """Failed asserts of an ISO Schematron (XPath 2 query binding) on ``path``.

    Rules fire as the standard says: within a pattern, a node is handled by the first
    rule whose context matches it. Contexts are evaluated as ``//context`` from the
    document node, which is what the match patterns of these schemas select.
    """
    from saxonche import PySaxonProcessor

    schema = etree.parse(str(sch))
    errors = []
    with PySaxonProcessor(license=False) as processor:
        xpath = processor.new_xpath_processor()
        for ns in schema.iterfind("sch:ns", SCH_NS):
            xpath.declare_namespace(ns.get("prefix"), ns.get("uri"))
        document = processor.parse_xml(xml_file_name=str(path.resolve()))
        for pattern in schema.iterfind("sch:pattern", SCH_NS):
            handled: set[str] = set()
            for rule in pattern.iterfind("sch:rule", SCH_NS):
                xpath.set_context(xdm_item=document)
                nodes = xpath.evaluate(f"//({rule.get('context')})")
                for node in nodes or []:
                    xpath.set_context(xdm_item=node)
                    where = _NAMESPACE.sub("", str(xpath.evaluate_single("path(.)")))
                    if where in handled:
                        continue
                    handled.add(where)
                    for check in rule.iterfind("sch:assert", SCH_NS):
                        if not xpath.effective_boolean_value(check.get("test")):
                            message = " ".join("".join(check.itertext()).split())
                            errors.append(f"{path}: {pattern.get('id')}: {where}: {message}")
    return errors


def tbx_basic_errors(path: Path) -> list[str]:
    """Errors of a TBX v3 file against TBX-Basic: the core RelaxNG, then the DCA Schematron."""
    return relaxng_errors(path, TBX_RNG) or schematron_errors(path, TBX_BASIC_SCH)


OOXML = SCHEMAS / "ooxml"
WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@cache
def wml_schema() -> etree.XMLSchema:
    """wml.xsd, with the xml: namespace it imports without a location."""
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
        ' targetNamespace="urn:att-docs:tests:wml">'
        '<xsd:import namespace="http://www.w3.org/XML/1998/namespace"'
        f' schemaLocation="{XML_XSD.resolve().as_uri()}"/>'
        f'<xsd:import namespace="{WML}" schemaLocation="{(OOXML / "wml.xsd").resolve().as_uri()}"/>'
        "</xsd:schema>")
    base = (OOXML / "wrapper.xsd").resolve().as_uri()
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=base))


def without_ignorables(root: etree._Element) -> etree._Element:
    """What a consumer that knows only ECMA-376 reads (Markup Compatibility): elements and
    attributes of the namespaces in ``mc:Ignorable`` dropped."""
    ignorable = {root.nsmap[p] for p in (root.get(f"{{{MC}}}Ignorable") or "").split()
                 if p in root.nsmap}
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            if etree.QName(name).namespace in ignorable | {MC}:
                del el.attrib[name]
    return root


def wml_errors(root: etree._Element, name: str) -> list[str]:
    """A WordprocessingML part's errors against wml.xsd, each as ``name:line: message``."""
    schema = wml_schema()
    if schema.validate(without_ignorables(root)):
        return []
    return [f"{name}:{e.line}: {e.message}" for e in schema.error_log]
