"""The term base: the shipped ATT glossary, YAML/CSV/TBX round trips, foreign TBX files,
errors by file and line, and the `att-docs glossary` command."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, SEEDS, safe_load
from lxml import etree

from att_docs.base.errors import ContentError
from att_docs.glossary import (
    TERM_TYPES,
    Concept,
    Glossary,
    Term,
    default_path,
    dump,
    dumps,
    load,
)
from att_docs.glossary.tbx_format import STATUS_VALUES, TBX_NS

FIXTURES = ROOT / "tests" / "fixtures" / "glossary"
NS = {"t": TBX_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def att() -> Glossary:
    return load(default_path())


# --------------------------------------------------------------------------- the ATT term base


def test_default_path_is_the_project_glossary():
    assert default_path() == ROOT / "glossary" / "att.yaml"


def test_att_glossary_has_60_bilingual_concepts(att):
    assert len(att) >= 60
    for concept in att:
        assert concept.preferred("en") is not None, concept.id
        assert concept.preferred("zh") is not None, concept.id
        assert concept.line is not None


REQUIRED = {
    # bodies and sessions
    "csp": ("Conference of States Parties", "缔约国会议"),
    "wgeti": ("Working Group on Effective Treaty Implementation", "有效执行条约工作组"),
    "wgtr": ("Working Group on Transparency and Reporting", "透明度和报告工作组"),
    "wgtu": ("Working Group on Treaty Universalization", "普遍加入条约工作组"),
    "dief": ("Diversion Information Exchange Forum", "转用信息交流论坛"),
    "management-committee": ("Management Committee", "管理委员会"),
    "att-secretariat": ("ATT Secretariat", "《武器贸易条约》秘书处"),
    "vtf": ("Voluntary Trust Fund", "自愿信托基金"),
    "sponsorship-programme": ("ATT Sponsorship Programme", "《武器贸易条约》赞助方案"),
    "informal-preparatory-meeting": ("informal preparatory meeting", "非正式筹备会议"),
    "first-committee": ("First Committee of the United Nations General Assembly",
                        "联合国大会第一委员会"),
    "csp9": ("Ninth Conference of States Parties", "第九届缔约国会议"),
    # roles
    "co-chair": ("co-chair", "联席主席"),
    "vice-president": ("Vice-President", "副主席"),
    "regional-champion": ("regional champion", "区域引领者"),
    "head-of-secretariat": ("Head of the ATT Secretariat", "《武器贸易条约》秘书处负责人"),
    "state-party": ("States Parties", "缔约国"),
    "signatory-state": ("signatory States", "签署国"),
    "civil-society": ("civil society", "民间社会"),
    # documents and phrases
    "draft-proposal": ("draft proposal", "提案草案"),
    "terms-of-reference": ("Terms of Reference", "职权范围"),
    "universalization": ("universalization", "普遍加入"),
    "step-by-step-approach": ("step-by-step approach", "分步法"),
    "att": ("Arms Trade Treaty", "《武器贸易条约》"),
}


@pytest.mark.parametrize("concept_id", REQUIRED)
def test_att_glossary_preferred_terms(att, concept_id):
    concept = att.by_id()[concept_id]
    en, zh = REQUIRED[concept_id]
    assert concept.preferred("en").text == en
    assert concept.preferred("zh").text == zh


def test_abbreviations_are_admitted_terms_of_kind_abbreviation(att):
    concepts = att.by_id()
    for concept_id, abbreviation in [("wgtu", "WGTU"), ("csp9", "CSP9"), ("att", "ATT"),
                                     ("vtf", "VTF"), ("asean", "ASEAN")]:
        term = next(t for t in concepts[concept_id].terms["en"] if t.text == abbreviation)
        assert term.status == "admitted"
        assert term.kind in ("abbreviation", "acronym")
        assert term in concepts[concept_id].abbreviations("en")


def test_treaty_is_case_sensitive_and_its_chinese_short_form_admitted(att):
    concept = att.by_id()["att"]
    treaty = next(t for t in concept.terms["en"] if t.text == "Treaty")
    assert treaty.case_sensitive and treaty.allowed
    assert "《条约》" in [t.text for t in concept.allowed("zh")]
    assert {"《公约》", "公约"} <= {t.text for t in concept.deprecated("zh")}


@pytest.mark.parametrize("concept_id, variant", [
    ("att", "《公约》"), ("wgtu", "条约普遍加入工作组"), ("co-chair", "联系主席"),
    ("universalization", "普遍化"), ("comoros", "科摩罗群岛"),
    ("draft-report", "报告草稿"),
])
def test_seed_slips_are_deprecated_variants(att, concept_id, variant):
    assert variant in [t.text for t in att.by_id()[concept_id].deprecated("zh")]


@pytest.mark.parametrize(("concept_id", "lang", "form"), [
    ("unga", "zh", "大会"), ("att", "zh", "本条约"), ("att", "fr", "présent Traité"),
    ("salw", "fr", "armes légères et armes de petit calibre"),
    ("entry-into-force", "fr", "entrer en vigueur"), ("implementation", "fr", "mettre en œuvre"),
])
def test_the_authentic_texts_forms_are_allowed_with_their_source(att, concept_id, lang, form):
    term = next(t for t in att.by_id()[concept_id].terms[lang] if t.text == form)
    assert term.allowed and (term.note or term.kind == "variant" or concept_id ==
                             "implementation")


def _scan(text: str, terms: list[tuple[str, Term]]) -> list[tuple[int, str, Term]]:
    """Leftmost-longest substring matches, as a Chinese term check reads a text."""
    found, i = [], 0
    while i < len(text):
        for word, term in terms:
            if text.startswith(word, i):
                found.append((i, word, term))
                i += len(word)
                break
        else:
            i += 1
    return found


def _zh_terms(glossary: Glossary) -> list[tuple[str, Term]]:
    return sorted(((t.text, t) for _, t in glossary.terms("zh")), key=lambda p: -len(p[0]))


def test_deprecated_variants_stand_in_the_seeds_only_where_slips_are_recorded(att):
    """Each deprecated variant found in a seed outside a longer term is a recorded slip."""
    terms = _zh_terms(att)
    for seed in sorted(SEEDS.glob("00*.txt")):
        slips = safe_load((SEEDS / f"known-slips-{seed.name[:3]}.yaml").read_text("utf-8"))
        recorded = {(s["line"], s["text"]) for s in slips}
        for n, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), start=1):
            for _, word, term in _scan(line, terms):
                if not term.allowed:
                    assert any(n == ln and word in text for ln, text in recorded), \
                        f"{seed.name}:{n}: {word} is not a recorded slip"


def test_example_content_uses_no_deprecated_chinese_term(att):
    terms = _zh_terms(att)
    files = [*CONTENT.rglob("zh.md"), *CONTENT.rglob("*.yaml")]
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            bad = [w for _, w, t in _scan(line, terms) if not t.allowed]
            assert not bad, f"{path}:{n}: deprecated {bad}"


# --------------------------------------------------------------------------- round trips


def _everything() -> Glossary:
    """A small glossary that uses every field and status the model has."""
    return Glossary([
        Concept("c-1", {
            "en": [Term("Arms Trade Treaty", kind="fullForm"),
                   Term("Treaty", "admitted", case_sensitive=True, note="capital T"),
                   Term("ATT", "admitted", kind="abbreviation"),
                   Term("A.T.T.", "deprecated", kind="abbreviation")],
            "zh": [Term("《武器贸易条约》"), Term("《条约》", "admitted"),
                   Term("《公约》", "deprecated", note="a convention\nnot this Treaty"),
                   Term("武贸条约", "superseded")],
            "zh-Hant": [Term("《武器貿易條約》")],
            "fr": [Term("Traité sur le commerce des armes"), Term("TCA", "admitted",
                                                                 kind="acronym")],
        }, note="line one\nline two: with a colon", subject="instrument",
            definition="A treaty, \"quoted\", with, commas"),
        Concept("c.2", {"en": [Term("WGTU", kind="abbreviation", case_sensitive=True),
                               Term("Working Group on Treaty Universalization",
                                    case_sensitive=True)],
                        "zh": [Term("普遍加入条约工作组", case_sensitive=True)]}),
        Concept("_3", {"en": [Term("yes")], "zh": [Term("是")]}),
    ])


@pytest.mark.parametrize("fmt", ["tbx", "csv", "yaml"])
def test_att_glossary_round_trips_equal(att, fmt, tmp_path):
    path = tmp_path / f"att.{fmt}"
    dump(att, path)
    back = load(path)
    assert back == att
    assert [c.id for c in back] == [c.id for c in att]
    assert back.source == path


@pytest.mark.parametrize("fmt", ["tbx", "csv", "yaml"])
def test_every_field_round_trips(fmt, tmp_path):
    original = _everything()
    path = tmp_path / f"all.{fmt}"
    dump(original, path)
    assert load(path) == load(path) == original  # terms already in canonical order
    again = tmp_path / f"again.{fmt}"
    dump(load(path), again)
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_yaml_tbx_csv_yaml_chain_is_lossless(att, tmp_path):
    glossary = att
    for fmt in ["tbx", "csv", "yaml", "tbx"]:
        path = tmp_path / f"step.{fmt}"
        dump(glossary, path)
        glossary = load(path)
    assert glossary == att


def test_equality_ignores_where_things_were_read():
    a, b = _everything(), _everything()
    a.concepts[0].line, a.concepts[0].terms["en"][0].line = 3, 4
    a.source = Path("x.yaml")
    assert a == b
    b.concepts[0].terms["en"][0].status = "admitted"
    assert a != b


def test_dump_to_text_and_binary_streams(att):
    text = io.StringIO()
    dump(att, text, "csv")
    assert text.getvalue() == dumps(att, "csv")
    binary = io.BytesIO()
    dump(att, binary, "tbx")
    assert binary.getvalue().decode("utf-8") == dumps(att, "tbx")


def test_yaml_dump_is_reviewable(att):
    text = dumps(att, "yaml")
    assert "\n\n- id: wgtu\n" in text  # one entry per concept, a blank line between
    assert "    abbreviations: [WGTU]\n" in text
    assert "      - {term: Treaty, kind: shortForm, case_sensitive: true, note:" in text


# --------------------------------------------------------------------------- TBX structure


def test_tbx_export_is_tbx_basic_v3(att):
    root = etree.fromstring(dumps(att, "tbx").encode("utf-8"))
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca",
                                                                          "en")
    assert [etree.QName(c).localname for c in root] == ["tbxHeader", "text"]
    assert root.xpath("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p/text()", namespaces=NS)
    entries = root.xpath("t:text/t:body/t:conceptEntry", namespaces=NS)
    assert [e.get("id") for e in entries] == [c.id for c in att]
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", e.get("id")) for e in entries)
    for entry, concept in zip(entries, att, strict=True):
        names = [etree.QName(c).localname for c in entry]
        langs = [i for i, n in enumerate(names) if n == "langSec"]
        assert langs and langs == list(range(langs[0], len(names)))  # langSecs come last
        for section in entry.xpath("t:langSec", namespaces=NS):
            lang = section.get(XML_LANG)
            sections = section.xpath("t:termSec", namespaces=NS)
            assert [s.xpath("string(t:term)", namespaces=NS) for s in sections] == \
                   [t.text for t in concept.terms[lang]]
            for term_sec in sections:
                assert etree.QName(term_sec[0]).localname == "term"
                status = term_sec.xpath("t:termNote[@type='administrativeStatus']/text()",
                                        namespaces=NS)
                assert len(status) == 1 and status[0] in STATUS_VALUES.values()
                kinds = term_sec.xpath("t:termNote[@type='termType']/text()", namespaces=NS)
                assert all(k in TERM_TYPES for k in kinds)
    # data categories sit where TBX-Basic allows them
    assert not root.xpath("//t:termNote[not(parent::t:termSec)]", namespaces=NS)
    assert not root.xpath("//t:descrip[@type='subjectField'][not(parent::t:conceptEntry)]",
                          namespaces=NS)
    statuses = set(root.xpath("//t:termNote[@type='administrativeStatus']/text()",
                              namespaces=NS))
    assert {"preferredTerm-admn-sts", "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts"} <= statuses


def test_tbx_marks_case_sensitive_terms_with_a_note(att):
    root = etree.fromstring(dumps(att, "tbx").encode("utf-8"))
    marked = root.xpath("//t:termSec[t:note='case-sensitive']/t:term/text()", namespaces=NS)
    assert "Treaty" in marked and "Arms Trade Treaty" not in marked


# --------------------------------------------------------------------------- foreign files


def test_foreign_tbx_basic_v3_loads():
    glossary = load(FIXTURES / "foreign-tbx-basic-v3.tbx")
    att, chair = glossary.concepts
    assert att.id == "c1" and set(att.terms) == {"en", "zh"}  # en-GB, zh-CN
    assert att.subject == "Arms control" and att.note == "Adopted 2 April 2013."
    assert att.definition.startswith("Multilateral treaty")  # from the langSec
    assert [(t.text, t.status, t.kind) for t in att.terms["en"]] == [
        ("Arms Trade Treaty", "preferred", "fullForm"), ("ATT", "admitted", "acronym")]
    assert [(t.text, t.status, t.note) for t in att.terms["zh"]] == [
        ("《武器贸易条约》", "preferred", None),
        ("《公约》", "deprecated", "A convention, not this Treaty.")]
    # no status in the English section: the first term is preferred, the next admitted
    assert [(t.text, t.status) for t in chair.terms["en"]] == [
        ("co-chair", "preferred"), ("co-chairperson", "admitted")]
    assert [(t.text, t.status) for t in chair.terms["zh"]] == [
        ("联席主席", "preferred"), ("联系主席", "deprecated"), ("共同主席", "superseded")]
    assert chair.terms["en"][0].line is not None


def test_tbx_2008_martif_loads():
    glossary = load(FIXTURES / "foreign-tbx-2008-martif.tbx")
    wgtu = glossary.by_id()["wgtu"]
    assert wgtu.subject == "body" and wgtu.definition.startswith("Working group")
    assert [(t.text, t.status, t.kind) for t in wgtu.terms["en"]] == [
        ("Working Group on Treaty Universalization", "preferred", "fullForm"),
        ("WGTU", "admitted", "abbreviation")]
    assert [(t.text, t.status, t.note) for t in wgtu.terms["zh"]] == [
        ("普遍加入条约工作组", "preferred", None),
        ("条约普遍加入工作组", "deprecated", "Word order inverted.")]
    assert glossary.by_id()["vtf"].preferred("zh").text == "自愿信托基金"


def test_wide_spreadsheet_csv_loads():
    glossary = load(FIXTURES / "spreadsheet-wide.csv")
    assert [c.id for c in glossary] == ["csp", "wgeti", "c3"]
    csp = glossary.by_id()["csp"]
    assert (csp.preferred("en").text, csp.preferred("zh").text, csp.note) == (
        "Conference of States Parties", "缔约国会议", "annual meeting")


@pytest.mark.parametrize("name", ["foreign-tbx-basic-v3.tbx", "foreign-tbx-2008-martif.tbx",
                                  "spreadsheet-wide.csv"])
def test_foreign_files_convert_to_yaml_and_back(name, tmp_path):
    original = load(FIXTURES / name)
    path = tmp_path / "imported.yaml"
    dump(original, path)
    assert load(path) == original


# --------------------------------------------------------------------------- errors


ENTRY = """\
- id: wgtu
  en:
    preferred: Working Group on Treaty Universalization
    abbreviations: [WGTU]
  zh:
    preferred: 普遍加入条约工作组
"""

BAD_YAML = {
    "malformed YAML": (ENTRY.replace("on Treaty", "on: Treaty"), 3,
                       r"malformed YAML: mapping values are not allowed"),
    "not a list": ("id: wgtu\n", 1, r"a glossary is a list of concepts"),
    "unknown key": (ENTRY.replace("  en:", "  nte: x\n  en:"), 2, r"unknown key 'nte'"),
    "unknown key in a language": (ENTRY.replace("    abbreviations", "    admited: [x]\n"
                                                "    abbreviations"),
                                  4, r"unknown key 'admited' .*expected one of: preferred"),
    "unknown key in a term": (ENTRY.replace("[WGTU]", "[{term: WGTU, knd: acronym}]"), 4,
                              r"unknown key 'knd'"),
    "missing preferred term": (ENTRY.replace("    preferred: 普遍加入条约工作组\n",
                                             "    admitted: [普遍加入条约工作组]\n"),
                               5, r"missing key 'preferred' in the zh terms of 'wgtu'"),
    "missing id": (ENTRY.replace("- id: wgtu\n  en:", "- en:"), 1, r"missing key 'id'"),
    "bad id": (ENTRY.replace("id: wgtu", "id: 9 wgtu"), 1, r"concept id '9 wgtu'"),
    "no terms": ("- id: x\n  note: n\n", 1, r"concept 'x' has no terms"),
    "duplicate id": (ENTRY + ENTRY.replace("WGTU", "WG"), 7,
                     r"duplicate concept id 'wgtu' \(line 1\)"),
    "duplicate term across concepts": (
        ENTRY + "- id: other\n  en:\n    preferred: wgtu\n  zh:\n    preferred: 其他\n", 9,
        r"en term 'wgtu' of concept 'other' is already a term of concept 'wgtu' \(line 4\)"),
    "duplicate term in a concept": (ENTRY.replace("[WGTU]", "[WGTU, WGTU]"), 4,
                                    r"listed twice in concept 'wgtu'"),
    "empty term": (ENTRY.replace("[WGTU]", "['  ']"), 4, r"empty en term"),
}


def assert_refused_at_line(path: Path, text: str, line: int, pattern: str) -> None:
    """``text`` written to ``path`` is refused on loading, naming ``path``, ``line``
    and a message matching ``pattern``."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(path)
    assert info.value.path == path
    assert info.value.line == line, str(info.value)
    assert re.search(pattern, info.value.message), info.value.message


@pytest.mark.parametrize("case", BAD_YAML)
def test_bad_yaml_glossary_names_file_and_line(case, tmp_path):
    assert_refused_at_line(tmp_path / "bad.yaml", *BAD_YAML[case])


def _entry(concept_id: str, en: str, zh: str, sensitive: bool) -> str:
    flag = "  case_sensitive: true\n" if sensitive else ""
    return f"- id: {concept_id}\n{flag}  en:\n    preferred: {en}\n  zh:\n    preferred: {zh}\n"


def test_terms_that_differ_in_case_collide_unless_both_are_case_sensitive(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text(_entry("a", "Treaty", "甲", True) + _entry("b", "treaty", "乙", True),
                    encoding="utf-8")
    assert len(load(path)) == 2
    path.write_text(_entry("a", "Treaty", "甲", True) + _entry("b", "treaty", "乙", False),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="en term 'treaty' of concept 'b' is already"):
        load(path)


TBX_HEAD = f'<?xml version="1.0"?>\n<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" ' \
           'xml:lang="en">\n<text><body>\n'
TBX_TAIL = "</body></text>\n</tbx>\n"
TBX_ENTRY = """<conceptEntry id="a">
<langSec xml:lang="en"><termSec><term>alpha</term>
<termNote type="administrativeStatus">{status}</termNote></termSec></langSec>
<langSec xml:lang="zh"><termSec><term>甲</term></termSec></langSec>
</conceptEntry>
"""

BAD_TBX = {
    "malformed XML": (TBX_HEAD + "<conceptEntry id='a'>\n<langSec>\n</conceptEntry>\n" + TBX_TAIL,
                      6, r"not well-formed XML .*mismatch"),
    "wrong root": ('<?xml version="1.0"?>\n\n<xliff version="1.2"></xliff>\n', 3,
                   r"not a TBX file: the root element is <xliff>"),
    "unknown status": (TBX_HEAD + TBX_ENTRY.format(status="approvedTerm-admn-sts") + TBX_TAIL,
                       6, r"unknown administrativeStatus 'approvedTerm-admn-sts'"),
    "no preferred term": (TBX_HEAD + TBX_ENTRY.format(status="deprecatedTerm-admn-sts")
                          + TBX_TAIL, 5, r"concept 'a' has no preferred en term"),
    "langSec without xml:lang": (TBX_HEAD + TBX_ENTRY.format(status="preferredTerm-admn-sts")
                                 .replace('<langSec xml:lang="zh">', "<langSec>") + TBX_TAIL,
                                 7, r"<langSec> without xml:lang"),
    "termSec without term": (TBX_HEAD + TBX_ENTRY.format(status="preferredTerm-admn-sts")
                             .replace("<term>甲</term>", "") + TBX_TAIL, 7,
                             r"<termSec> without <term>"),
    "duplicate concept id": (TBX_HEAD + TBX_ENTRY.format(status="preferredTerm-admn-sts") * 2
                             + TBX_TAIL, 9, r"duplicate concept id 'a' \(line 4\)"),
}


@pytest.mark.parametrize("case", BAD_TBX)
def test_bad_tbx_names_file_and_line(case, tmp_path):
    assert_refused_at_line(tmp_path / "bad.tbx", *BAD_TBX[case])


CSV_HEAD = "concept_id,lang,term,status\n"
BAD_CSV = {
    "unknown column": ("concept_id,lang,term,colour\n", 1, r"unknown column colour"),
    "missing column": ("concept_id,term\na,x\n", 1, r"missing column lang"),
    "unknown status": (CSV_HEAD + "a,en,alpha,preferred\na,zh,甲,approved\n", 3,
                       r"unknown status 'approved'"),
    "empty cell": (CSV_HEAD + "a,en,alpha,preferred\na,,甲,preferred\n", 3,
                   r"concept_id, lang and term must not be empty"),
    "bad flag": ("concept_id,lang,term,case_sensitive\na,en,alpha,maybe\n", 2,
                 r"case_sensitive must be true or false"),
    "conflicting concept note": ("concept_id,lang,term,concept_note\na,en,alpha,one\n"
                                 "a,zh,甲,two\n", 3, r"concept_note of concept 'a' differs"),
    "duplicate term": (CSV_HEAD + "a,en,alpha,\na,zh,甲,\nb,en,Alpha,\nb,zh,乙,\n", 4,
                       r"en term 'Alpha' of concept 'b' is already a term of concept 'a'"),
}


@pytest.mark.parametrize("case", BAD_CSV)
def test_bad_csv_names_file_and_line(case, tmp_path):
    assert_refused_at_line(tmp_path / "bad.csv", *BAD_CSV[case])


def test_csv_without_status_makes_the_first_term_preferred(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("concept_id;lang;term\nx;en;alpha;\nx;en;alfa\nx;zh-CN;甲\n",
                    encoding="utf-8")  # semicolons, as European spreadsheets save
    concept = load(path).by_id()["x"]
    assert [(t.text, t.status) for t in concept.terms["en"]] == [("alpha", "preferred"),
                                                                 ("alfa", "admitted")]
    assert concept.preferred("zh").text == "甲"


@pytest.mark.parametrize("name, pattern", [
    ("terms.docx", r"unknown glossary format '.docx'"),
    ("missing.yaml", r"missing\.yaml: file not found"),
    ("missing.tbx", r"missing\.tbx: file not found"),
])
def test_unknown_or_missing_files(name, pattern, tmp_path):
    with pytest.raises(ContentError, match=pattern):
        load(tmp_path / name)


# --------------------------------------------------------------------------- the command


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "att_docs", "glossary", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


def one_line_error(proc: subprocess.CompletedProcess[str], code: int, pattern: str) -> None:
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr
    assert re.search(pattern, lines[-1]), proc.stderr
    if code == 1:
        assert len(lines) == 1, proc.stderr


def test_cli_export_tbx_to_stdout(att, tmp_path):
    proc = run("export", "--format", "tbx")
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "out.tbx"
    path.write_text(proc.stdout, encoding="utf-8")
    assert load(path) == att


def test_cli_export_csv_to_file(att, tmp_path):
    out = tmp_path / "sub" / "att.csv"
    proc = run("export", "-o", str(out))  # format from the suffix
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert re.search(r"exported \d+ concepts \(\d+ terms\) as csv", proc.stderr)
    assert load(out) == att


def test_cli_export_another_glossary(tmp_path):
    proc = run("export", "--format", "csv", "--glossary",
               str(FIXTURES / "foreign-tbx-2008-martif.tbx"))
    assert proc.returncode == 0, proc.stderr
    assert "wgtu,zh,条约普遍加入工作组,deprecated" in proc.stdout


def test_cli_import_to_stdout_and_file(tmp_path):
    source = FIXTURES / "foreign-tbx-basic-v3.tbx"
    proc = run("import", str(source))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Bilingual term base")
    out = tmp_path / "att.yaml"
    out.write_text(proc.stdout, encoding="utf-8")
    assert load(out) == load(source)

    target = tmp_path / "glossary" / "att.yaml"
    assert run("import", str(source), "-o", str(target)).returncode == 0
    assert load(target) == load(source)
    one_line_error(run("import", str(source), "-o", str(target)), 2, r"exists; add --force")
    proc = run("import", str(FIXTURES / "foreign-tbx-2008-martif.tbx"), "-o", str(target),
               "--force")
    assert proc.returncode == 0, proc.stderr
    assert "wgtu" in load(target).by_id()


def test_cli_bad_input_is_one_line_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text(BAD_TBX["unknown status"][0], encoding="utf-8")
    target = tmp_path / "att.yaml"
    one_line_error(run("import", str(bad), "-o", str(target)), 1,
                   r"^att-docs: error: .*bad\.tbx:6: unknown administrativeStatus")
    assert not target.exists()
    one_line_error(run("export", "--glossary", str(bad)), 1, r"bad\.tbx:6:")
    one_line_error(run("export", "--format", "pdf"), 2, r"Invalid value for '-f' / '--format'")


def test_cli_help_teaches():
    proc = run("--help")
    assert proc.returncode == 0
    assert "Examples:" in proc.stdout and "Exit codes:" in proc.stdout
    for command in ("import", "export"):
        text = run(command, "--help").stdout
        assert "Examples:" in text and "att-docs glossary " + command in text


def test_any_number_of_languages_round_trips_through_every_format(tmp_path):
    """A wide sheet with four language columns, regional tags folded by CLDR's scripts."""
    sheet = tmp_path / "four.csv"
    sheet.write_text("id,en-GB,fr-FR,es-ES,zh-TW\n"
                     "att,Arms Trade Treaty,Traité sur le commerce des armes,"
                     "Tratado sobre el Comercio de Armas,武器貿易條約\n", encoding="utf-8")
    four = load(sheet)
    assert four.languages == ["en", "fr", "es", "zh-Hant"]
    for fmt in ("yaml", "csv", "tbx"):
        path = tmp_path / f"out.{fmt}"
        path.write_text(dumps(four, fmt), encoding="utf-8")
        again = load(path)
        assert again == four and again.languages == four.languages, fmt
    tbx = etree.fromstring((tmp_path / "out.tbx").read_bytes())
    assert tbx.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"  # the first column
