"""Term bases and memories that translators' tools load: TBX-Basic v3 against the official
schemas, the official sample files, TBX 2008 read by translate-toolkit, OmegaT's
tab-separated glossary, language selection, and the conference TMX."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from lxml import etree
from translate.storage.tbx import tbxfile
from translate.storage.tmx import tmxfile
from xmlschemas import SCHEMAS, relaxng_errors, schematron_errors, tbx_basic_errors

from att_docs.base.errors import ContentError
from att_docs.document.units import document_units
from att_docs.glossary import (
    Concept,
    Glossary,
    Term,
    default_path,
    dump,
    dumps,
    load,
    select,
)
from att_docs.glossary.integrity import finish
from att_docs.glossary.tbx_format import STATUS_VALUES, TBX_NS

SAMPLES = SCHEMAS / "tbx"
DRAFT_NS = "urn:iso:std:iso:30042:ed:3.0"


@pytest.fixture(scope="module")
def att() -> Glossary:
    return load(default_path())


def trilingual() -> Glossary:
    """Three languages, every status and kind, notes, definitions; in canonical order."""
    return finish(Glossary([
        Concept("csp", {
            "en": [Term("Conference of States Parties"),
                   Term("CSP", "admitted", kind="acronym"),
                   Term("Conference", "admitted", case_sensitive=True, note="named again")],
            "fr": [Term("Conférence des États Parties"), Term("CEP", "admitted",
                                                              kind="acronym")],
            "zh": [Term("缔约国会议"), Term("大会", "deprecated", note="the UN General Assembly")],
        }, note="Article 17.", subject="body", definition="The annual meeting."),
        Concept("universalization", {
            "en": [Term("universalization"), Term("universalisation", "superseded",
                                                  kind="variant")],
            "fr": [Term("universalisation")],
        }),
        Concept("chair", {"en": [Term("Chair")], "zh": [Term("主席")]}),
    ]), None)


# --------------------------------------------------------------------------- TBX-Basic v3


def test_att_tbx_export_is_valid_tbx_basic(att, tmp_path):
    path = tmp_path / "att.tbx"
    dump(att, path)
    assert relaxng_errors(path, SAMPLES / "TBXcoreStructV03.rng") == []
    assert schematron_errors(path, SAMPLES / "TBX-Basic_DCA.sch") == []
    assert etree.parse(str(path)).getroot().tag == f"{{{TBX_NS}}}tbx"


def test_every_status_and_kind_exports_valid_tbx_basic(tmp_path):
    path = tmp_path / "three.tbx"
    dump(trilingual(), path)
    assert tbx_basic_errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert all(value in text for value in STATUS_VALUES.values())
    assert load(path) == trilingual()


def test_the_validators_reject_what_tbx_basic_forbids(att, tmp_path):
    text = dumps(att, "tbx")
    old_namespace = tmp_path / "draft.tbx"
    old_namespace.write_text(text.replace(TBX_NS, DRAFT_NS), encoding="utf-8")
    assert any("wrong namespace" in e for e in tbx_basic_errors(old_namespace))
    bad_type = tmp_path / "bad-type.tbx"
    bad_type.write_text(text.replace(">abbreviation<", ">initialism<", 1), encoding="utf-8")
    errors = tbx_basic_errors(bad_type)
    assert len(errors) == 1 and "/termType/ type may be" in errors[0]
    dct = tmp_path / "dct.tbx"
    dct.write_text(text.replace('style="dca"', 'style="dct"'), encoding="utf-8")
    assert any("should be declared as 'dca'" in e for e in tbx_basic_errors(dct))


def test_the_official_sample_is_valid_against_the_vendored_schemas():
    assert tbx_basic_errors(SAMPLES / "Example_Astronomy_DCA_VALID.tbx") == []
    assert relaxng_errors(SAMPLES / "Example_Astronomy_DCT_VALID.tbx",
                          SAMPLES / "TBXcoreStructV03.rng") == []


@pytest.mark.parametrize("name", ["Example_Astronomy_DCA_VALID.tbx",
                                  "Example_Astronomy_DCT_VALID.tbx"])
def test_the_official_tbx_basic_samples_import(name, tmp_path):
    path = SAMPLES / name
    glossary = load(path)
    root = etree.parse(str(path)).getroot()
    entries = root.findall(f".//{{{TBX_NS}}}conceptEntry")
    assert [c.id for c in glossary] == [e.get("id") for e in entries]
    sections = root.findall(f".//{{{TBX_NS}}}langSec")
    assert set(glossary.languages) == {s.get("{http://www.w3.org/XML/1998/namespace}lang")
                                       for s in sections}
    terms = [t.text for c in glossary for ts in c.terms.values() for t in ts]
    assert len(terms) == len(root.findall(f".//{{{TBX_NS}}}term"))
    first = glossary.concepts[0]
    assert first.preferred("en").text == "open cluster"
    assert [t.status for t in first.terms["en"]] == ["preferred", "superseded"]
    assert first.subject == "General" and "\t" not in (first.terms["en"][1].note or "")
    for concept in glossary:  # every language has a preferred term, even where TBX had none
        assert all(concept.preferred(lang) for lang in concept.languages), concept.id
    out = tmp_path / "sample.yaml"
    dump(glossary, out)
    assert load(out) == glossary


def test_the_reader_takes_both_namespaces_and_refuses_others(att, tmp_path):
    text = dumps(att, "tbx")
    for namespace in (TBX_NS, DRAFT_NS):
        path = tmp_path / "ns.tbx"
        path.write_text(text.replace(TBX_NS, namespace), encoding="utf-8")
        assert load(path) == att
    path.write_text(text.replace(TBX_NS, "urn:example:other"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"ns\.tbx:\d+: unknown TBX namespace"):
        load(path)


def test_language_without_a_preferred_term_takes_its_first_admitted(tmp_path):
    path = tmp_path / "admitted.tbx"
    term = '<termSec><term>{}</term><termNote type="administrativeStatus">{}</termNote></termSec>'
    sections = "".join(term.format(text, STATUS_VALUES[status]) for text, status in
                       [("uno", "deprecated"), ("dos", "admitted"), ("tres", "admitted")])
    path.write_text(f'<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca"><text><body>'
                    f'<conceptEntry id="a"><langSec xml:lang="es">{sections}</langSec>'
                    "</conceptEntry></body></text></tbx>", encoding="utf-8")
    concept = load(path).concepts[0]
    assert [(t.text, t.status) for t in concept.terms["es"]] == [
        ("dos", "preferred"), ("tres", "admitted"), ("uno", "deprecated")]


# --------------------------------------------------------------------------- choosing languages


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008", "csv"])
def test_languages_choose_and_order_what_is_written(fmt, tmp_path):
    glossary = trilingual()
    path = tmp_path / f"two.{ 'csv' if fmt == 'csv' else 'tbx'}"
    path.write_text(dumps(glossary, fmt, ["fr", "en"]), encoding="utf-8")  # type: ignore[arg-type]
    back = load(path)
    assert back.languages == ["fr", "en"]
    assert [c.id for c in back] == ["csp", "universalization", "chair"]
    for concept in back:
        original = glossary.by_id()[concept.id]
        assert concept.terms == {lang: original.terms[lang] for lang in ("fr", "en")
                                 if lang in original.terms}
    with pytest.raises(ValueError, match="no de terms"):
        dumps(glossary, fmt, ["de"])  # type: ignore[arg-type]


def test_tbx_language_selection_drops_concepts_without_those_languages():
    root = etree.fromstring(dumps(trilingual(), "tbx", ["fr"]).encode("utf-8"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    ids = [e.get("id") for e in root.iter(f"{{{TBX_NS}}}conceptEntry")]
    assert ids == ["csp", "universalization"]


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008", "csv", "yaml"])
def test_allowed_only_leaves_out_deprecated_and_superseded_terms(fmt, tmp_path):
    glossary = trilingual()
    path = tmp_path / f"allowed.{ {'tbx2008': 'tbx'}.get(fmt, fmt)}"
    path.write_text(dumps(glossary, fmt, allowed_only=True), encoding="utf-8")  # type: ignore[arg-type]
    back = load(path)
    for concept in glossary:
        kept = back.by_id()[concept.id]
        for lang in concept.languages:
            assert kept.terms[lang] == concept.allowed(lang)
    assert not any(t.status in ("deprecated", "superseded")
                   for c in back for ts in c.terms.values() for t in ts)
    assert any(t.status == "deprecated" for c in glossary for ts in c.terms.values() for t in ts)


# --------------------------------------------------------------------------- TBX 2008


@pytest.mark.parametrize(("source", "target"), [("en", "zh"), ("zh", "en")])
def test_translate_toolkit_reads_the_tbx_2008_export(att, source, target):
    data = dumps(att, "tbx2008", [source, target]).encode("utf-8")
    store = tbxfile.parsestring(data, sourcelanguage=source, targetlanguage=target)
    both = [c for c in att if c.preferred(source) and c.preferred(target)]
    assert [u.getid() for u in store.units] == [c.id for c in both]
    for unit, concept in zip(store.units, both, strict=True):
        assert unit.source == concept.preferred(source).text
        assert unit.target == concept.preferred(target).text
        assert [(t.text, t.administrative_status) for t in unit.get_target_terms()] == [
            (t.text, STATUS_VALUES[t.status]) for t in concept.terms[target]]


def test_tbx_2008_is_martif_and_reads_back_equal(tmp_path):
    path = tmp_path / "martif.tbx"
    path.write_text(dumps(trilingual(), "tbx2008"), encoding="utf-8")
    root = etree.parse(str(path)).getroot()
    assert (root.tag, root.get("type"), root.nsmap) == ("martif", "TBX", {})
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXXCSV02.xcs"
    assert not root.findall(".//termSec") and root.findall("text/body/termEntry/langSet/tig")
    assert load(path) == trilingual()


# --------------------------------------------------------------------------- OmegaT TSV


def read_tsv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_omegat_tsv_maps_each_allowed_source_term_to_the_preferred_target(att):
    rows = read_tsv(dumps(att, "omegat-tsv", ["en", "zh"]))
    assert all(len(row) == 3 for row in rows)
    expected = [(t.text, c.preferred("zh").text) for c in att if c.preferred("zh")
                for t in c.allowed("en")]
    assert [(s, t) for s, t, _ in rows] == expected
    comments = {s: comment for s, _, comment in rows}
    treaty = att.by_id()["att"]
    for term in treaty.deprecated("zh"):
        assert term.text in comments[treaty.preferred("en").text]


def test_omegat_tsv_any_language_pair_and_flat_values():
    glossary = trilingual()
    glossary.concepts[0].note = "two\nlines\twith a tab"
    rows = read_tsv(dumps(glossary, "omegat-tsv", ["fr", "zh"]))
    assert rows == [["Conférence des États Parties", "缔约国会议",
                     "avoid: 大会; two lines with a tab"],
                    ["CEP", "缔约国会议", "avoid: 大会; two lines with a tab"]]
    with pytest.raises(ValueError, match="needs a source and a target"):
        dumps(glossary, "omegat-tsv")


# --------------------------------------------------------------------------- command line


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "att_docs", "glossary", "export", *args],
                          cwd=ROOT, capture_output=True, timeout=120, check=False)


def test_cli_exports_tbx2008_and_omegat_for_chosen_languages(att, tmp_path):
    out = tmp_path / "att-2008.tbx"
    proc = run("--format", "tbx2008", "--source", "zh", "--target", "en", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert load(out) == select(att, ["zh", "en"])
    assert etree.parse(str(out)).getroot().get(
        "{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    proc = run("--format", "omegat-tsv", "--source", "en", "--target", "zh")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == dumps(att, "omegat-tsv", ["en", "zh"])


def test_cli_exports_a_three_language_glossary(tmp_path):
    source = tmp_path / "three.yaml"
    dump(trilingual(), source)
    proc = run("--glossary", str(source), "--format", "omegat-tsv", "--source", "en",
               "--target", "fr")
    assert proc.returncode == 0, proc.stderr
    assert read_tsv(proc.stdout.decode("utf-8"))[0][:2] == [
        "Conference of States Parties", "Conférence des États Parties"]
    proc = run("--glossary", str(source), "--format", "omegat-tsv")
    assert proc.returncode == 2 and b"needs a source and a target" in proc.stderr
    out = tmp_path / "fr-first.tbx"
    proc = run("--glossary", str(source), "--format", "tbx", "--source", "fr", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert load(out).languages == ["fr", "en", "zh"]  # --source alone: then all the others


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "tbx", "--source", "de"), b"no de terms"),
    (("--format", "tbx", "--target", "zh"), b"--target needs --source"),
    (("--format", "omegat-tsv", "--source", "en", "--target", "zh", "--target", "en"),
     b"one --target"),
    (("--format", "tmx", "--allowed-only"), b"not tmx"),
])
def test_cli_refuses_bad_language_choices(args, message, tmp_path):
    out = tmp_path / "out.tbx"
    proc = run(*args, "-o", str(out))
    assert proc.returncode == 2 and message in proc.stderr
    assert b"Traceback" not in proc.stderr and not out.exists()


# --------------------------------------------------------------------------- conference TMX


def test_cli_tmx_holds_every_aligned_unit_of_the_conference(example, tmp_path):
    out = tmp_path / "csp9.tmx"
    proc = run("--format", "tmx", "--conference", str(CONTENT), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    store = tmxfile(out.open("rb"))
    _, documents = example
    expected = {}
    for doc in documents.values():
        src = doc.masthead.original_language
        for unit in document_units(doc):
            texts = {lang: t.plain() for lang, t in unit.texts.items() if t.plain().strip()}
            if src in texts and len(texts) > 1:
                expected[f"{doc.masthead.symbol}#{unit.id}"] = (src, texts)
    assert len(expected) > 50
    assert [u.getid() for u in store.units] == list(expected)
    assert f"{len(expected)} aligned units" in proc.stderr.decode("utf-8")
    for unit in store.units:
        src, texts = expected[unit.getid()]
        assert unit.source == texts[src]
        for lang, text in texts.items():
            if lang != src:
                assert unit.gettarget(lang) == text
        langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
                 for tuv in unit.getlanguageNodes()]
        assert sorted(langs) == sorted(texts)


def test_tmx_source_and_target_options(example, tmp_path):
    from att_docs.exchange.tmx import documents_tmx

    _, documents = example
    docs = list(documents.values())
    langs = docs[0].languages
    data, count = documents_tmx(docs, source=langs[-1], targets=[langs[0]])
    store = tmxfile(io.BytesIO(data))
    assert len(store.units) == count > 0
    root = etree.fromstring(data)
    assert root.find("header").get("srclang") == langs[-1]
    assert root.find("header").get("segtype") == "paragraph"  # a unit is a whole text
    for tu in root.iter("tu"):
        assert tu.get("srclang") == langs[-1]
        assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
                for tuv in tu.iter("tuv")] == [langs[-1], langs[0]]


def test_cli_tmx_of_a_broken_conference_names_file_and_line(conference_copy: Path, tmp_path):
    paper = next(conference_copy.glob("*/paper.yaml"))
    paper.write_text(paper.read_text(encoding="utf-8") + "\n  bad: [\n", encoding="utf-8")
    out = tmp_path / "x.tmx"
    proc = run("--format", "tmx", "--conference", str(conference_copy), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert str(paper).encode() in proc.stderr and not out.exists()
