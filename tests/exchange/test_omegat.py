"""OmegaT 3.6, run headless, on files att-docs writes: XLIFF 1.2 with a TMX in tm/enforce,
and the TBX 2008 and tab-separated glossary exports."""

from __future__ import annotations

import pytest
from omegat import build_project, translate
from tkfiles import make_tmx, make_xliff
from translate.storage import xliff

from att_docs.glossary import default_path, dump, load

pytestmark = pytest.mark.slow

def test_omegat_applies_an_enforced_tm_and_loads_the_exported_glossaries(tmp_path):
    att = load(default_path())
    source, target = att.languages[:2]
    concepts = [c for c in att if c.preferred(source) and c.preferred(target)]
    first, second, third = concepts[:3]
    pairs = [  # every unit has a <target>, as OmegaT 3.6 needs
        ("kept", f"The {first.preferred(source).text} applies.",
         f"{first.preferred(target).text}。"),
        ("changed", f"The {second.preferred(source).text} met.",
         f"The {second.preferred(source).text} met."),  # untranslated: target = source
        ("other", f"The {third.preferred(source).text}.", f"{third.preferred(target).text}。"),
    ]
    changed = f"{second.preferred(target).text}举行了会议。"
    inputs = tmp_path / "in"
    inputs.mkdir()
    paper = make_xliff(inputs / "paper.xlf", source, target, pairs)
    memory = make_tmx(inputs / "changes.tmx", source, target,
                      [(pairs[1][1], changed), (pairs[0][1], "不会采用。")])
    tbx = inputs / "att.tbx"
    dump(att, tbx, "tbx2008", [source, target], allowed_only=True)
    full = inputs / "full.tbx"
    dump(att, full, "tbx2008", [source, target])
    tsv = inputs / "att.utf8"
    dump(att, tsv, "omegat-tsv", [source, target])

    project = build_project(tmp_path / "project", "EN-GB", "ZH-CN", sources=[paper],
                            glossaries=[tbx, full, tsv], enforce=[memory])
    result = translate(project, "paper.xlf")

    assert result.problems == [], result.output
    assert "Reading of TMX file complete" in result.output
    units = xliff.xlifffile(result.target.open("rb")).units
    done = {u.xmlelement.get("id"): u.target for u in units}
    assert done == {"kept": pairs[0][2], "changed": changed, "other": pairs[2][2]}

    assert result.glossary_errors == {}
    from_tbx = result.glossaries["att.tbx"]
    assert len(from_tbx) >= len(concepts)
    for concept in concepts:  # OmegaT pairs every source term with every target term
        assert (concept.preferred(source).text, concept.preferred(target).text) in \
               {(s, t) for s, t, _ in from_tbx}, concept.id
    from_tsv = result.glossaries["att.utf8"]
    expected = [(t.text, c.preferred(target).text) for c in concepts for t in c.allowed(source)]
    assert [(s, t) for s, t, _ in from_tsv] == expected
    # OmegaT 3.6 ignores administrativeStatus: a full export offers deprecated target
    # terms as translations, which is why OmegaT gets --allowed-only or the TSV
    deprecated = {t.text for c in concepts for t in c.deprecated(target)}
    assert deprecated & {t for _, t, _ in result.glossaries["full.tbx"]}
    assert not deprecated & {t for _, t, _ in from_tbx}
    assert not deprecated & {t for _, t, _ in from_tsv}
    # The comments OmegaT shows read as words, not as TBX picklist codes
    for name in ("att.tbx", "att.utf8"):
        comments = {c for _, _, c in result.glossaries[name]}
        assert not [c for c in comments if "-admn-sts" in c or "fullForm" in c], name
    treaty = att.by_id()["att"]
    admitted = next(t for t in treaty.allowed(target) if t.status == "admitted")
    assert any(f"{admitted.text}: admitted term" in c for s, _, c in from_tbx
               if s == treaty.preferred(source).text)


def test_each_run_has_its_own_configuration(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    paper = make_xliff(inputs / "p.xlf", "en", "zh", [("a", "One.", "One.")])
    runs = []
    for name in ("first", "second"):
        project = build_project(tmp_path / name, "EN-GB", "ZH-CN", sources=[paper])
        runs.append(translate(project, "p.xlf", read_glossaries=False))
        config = tmp_path / f"{name}-omegat-state" / "config"
        assert (config / "logs" / "OmegaT.log").is_file()  # OmegaT wrote its state here
    assert all(r.target.is_file() and r.glossaries == {} for r in runs)


def test_the_conference_tmx_fills_a_new_translation_in_omegat(example, tmp_path):
    """A paper handed out untranslated (every target = source) comes back from OmegaT with
    the conference's own wording, from `glossary export --format tmx` in tm/enforce."""
    from att_docs.document.units import document_units
    from att_docs.exchange.tmx import documents_tmx

    _, documents = example
    doc = next(iter(documents.values()))
    source = doc.masthead.original_language
    target = next(lang for lang in doc.languages if lang != source)
    wanted = {}
    for unit in document_units(doc):
        original, translation = unit.text(source), unit.text(target)
        if original and translation and "\n" not in original.plain() and translation.plain():
            wanted[unit.id] = (original.plain(), translation.plain())
    inputs = tmp_path / "in"
    inputs.mkdir()
    paper = make_xliff(inputs / "paper.xlf", source, target,
                       [(uid, text, text) for uid, (text, _) in wanted.items()])
    data, count = documents_tmx(list(documents.values()), source, [target])
    (inputs / "conference.tmx").write_bytes(data)
    project = build_project(tmp_path / "project", "EN-GB", "ZH-CN", sources=[paper],
                            enforce=[inputs / "conference.tmx"])
    result = translate(project, "paper.xlf", read_glossaries=False)
    assert result.problems == [], result.output
    units = xliff.xlifffile(result.target.open("rb")).units
    done = {u.xmlelement.get("id"): u.target for u in units}
    assert count >= len(wanted) > 10
    assert done == {uid: translation for uid, (_, translation) in wanted.items()}
