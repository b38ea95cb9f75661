"""Translatable units: every text a translator sees, once, with a stable unique id."""

from __future__ import annotations

from collections import Counter

from att_docs.document.units import document_units, texts_by_id


def test_units_have_unique_ids_and_cover_every_language(example) -> None:
    _, documents = example
    for doc in documents.values():
        units = list(document_units(doc))
        ids = Counter(u.id for u in units)
        assert [i for i, n in ids.items() if n > 1] == []
        for unit in units:
            assert set(unit.texts) == set(doc.languages), unit.id
            assert all(t.plain().strip() for t in unit.texts.values()), unit.id


def test_units_include_metadata_and_exclude_generated_frame(example) -> None:
    _, documents = example
    doc = documents["wgtu-report"]
    kinds = Counter(u.kind for u in document_units(doc))
    assert kinds["title"] == 2 and kinds["subtitle"] == 2 and kinds["caption"] == 1
    assert kinds["submitted-by"] == 1 and kinds["footnote"] == len(doc.footnotes)
    assert "frame" not in kinds
    english = texts_by_id(doc, doc.masthead.original_language)
    assert english["title"].plain() == "ATT Working Group on Treaty Universalization (WGTU)"
    assert english["annex-a.caption"].plain() == "to the WGTU Report to CSP9"
    row_labels = [u for u in document_units(doc) if u.kind == "row-label"]
    assert len(row_labels) == 5
