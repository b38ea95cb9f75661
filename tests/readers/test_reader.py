"""The example conference read back through the content reader: counts, ids, alignment."""

from att_docs.document.model import DecisionList, FrameBlock, Paragraph, Table
from att_docs.readers.assemble import letter


def numbered(part):
    return [b for b in part.blocks if isinstance(b, Paragraph) and b.number]


def test_seed_000_has_24_numbered_paragraphs(example):
    _, docs = example
    doc = docs["mc-programme-of-work"]
    assert [p.number for p in numbered(doc.main)] == list(range(1, 25))
    assert doc.annexes == []
    assert str(doc.masthead.symbol) == "ATT/CSP9.MC/2023/MC/761/Conf.ProgWork"


def test_seed_001_parts_tables_footnotes_decisions(example):
    _, docs = example
    doc = docs["wgtu-report"]
    assert [p.number for p in numbered(doc.main)] == list(range(1, 9))
    annex = doc.annexes[0]
    assert annex.label == "A" and annex.type == "draft-proposal"
    assert [p.number for p in numbered(annex)] == list(range(1, 9))  # restarts in the annex
    tables = [b for b in annex.blocks if isinstance(b, Table)]
    assert len(tables) == 6
    assert all(len(t.rows) == 5 for t in tables)
    decisions = [b for b in annex.blocks if isinstance(b, DecisionList)]
    assert len(decisions) == 1 and [len(g.items) for g in decisions[0].groups] == [4, 2]
    assert sorted(f.number for f in doc.footnotes.values()) == [1, 2, 3, 4, 5]


def test_every_block_is_aligned_in_every_language(example):
    from att_docs.document.walk import walk

    conference, docs = example
    assert conference.languages == ["en", "zh", "fr"]
    for doc in docs.values():
        for piece in walk(doc.body):
            assert set(piece.text) == set(conference.languages), piece.id
            for lang in conference.languages:
                assert piece.text[lang].plain().strip(), (piece.id, lang)


def test_subparagraphs_are_lettered_under_their_paragraph(example):
    _, docs = example
    para = next(p for p in numbered(docs["mc-programme-of-work"].main) if p.number == 19)
    assert [s.label for s in para.subparagraphs] == ["a", "b", "c", "d"]
    assert [s.index for s in para.subparagraphs] == [1, 2, 3, 4]
    assert letter(0) == "a" and letter(25) == "z" and letter(26) == "aa"


def test_frame_comes_from_templates_and_catalogue(example):
    _, docs = example
    frame = [b for b in docs["wgtu-report"].body if isinstance(b, FrameBlock)]
    zh = [b.text["zh"].plain() for b in frame]
    en = [b.text["en"].plain() for b in frame]
    assert zh[:7] == ["ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep", "2023年7月21日",
                      "提交人：普遍加入条约工作组", "原文：英文", "《武器贸易条约》",
                      "第九届缔约国会议", "日内瓦，2023年8月21日至25日"]
    assert en[4:7] == ["Arms Trade Treaty", "Ninth Conference of States Parties",
                       "Geneva, 21–25 August 2023"]
    assert "附件A" in "".join(zh) and en[-1] == zh[-1] == "***"
    fr = [b.text["fr"].plain() for b in frame]
    nnbsp = "\u202f"  # narrow no-break space before a French colon
    assert fr[:7] == ["ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep", "21 juillet 2023",
                      f"Présenté par{nnbsp}: Coprésidents du Groupe de travail sur "
                      "l’universalisation du Traité", f"Original{nnbsp}: anglais",
                      "Traité sur le commerce des armes",
                      "Neuvième Conférence des États Parties", "Genève, 21-25 août 2023"]
    assert "Annexe A au rapport du WGTU à la CEP9" in fr and fr[-1] == "***"


def test_chinese_content_is_free_of_the_seed_slips(example):
    _, docs = example
    from att_docs.document.walk import walk

    text = "".join(p.text["zh"].plain() for d in docs.values() for p in walk(d.body))
    for slip in ("。。", "《公约》", "联系主席", "普遍加入条约工作组普遍加入条约工作组"):
        assert slip not in text


def test_english_prose_and_frame_get_typographic_quotes(example):
    from att_docs.document.walk import walk

    _, docs = example
    english = " ".join(p.text["en"].plain() for d in docs.values() for p in walk(d.body))
    assert "“form follows function”" in english
    assert "Co-chairs’ Draft Report to CSP9" in english  # a frame line, from paper.yaml
    assert '"' not in english and "'" not in english


def test_quotes_are_locale_data(tmp_path):
    from att_docs.readers.markdown import read_prose

    path = tmp_path / "x.md"
    path.write_text('{#p} The "Treaty" and the States\' views.\n', encoding="utf-8")
    plain = read_prose(path, "en").blocks[0].text.plain()
    assert plain == 'The "Treaty" and the States\' views.'  # no quotes setting: untouched
    smart = read_prose(path, "en", quotes="“”‘’").blocks[0].text.plain()
    assert smart == "The “Treaty” and the States’ views."


def test_a_unicode_line_or_paragraph_separator_is_a_hard_break(tmp_path):
    """U+2028 and U+2029 (from a Word draft or a CAT tool) read as the hard break a
    Markdown line ending in a backslash gives: every writer then breaks the line there
    without stretching it, as it does for a hard break."""
    from att_docs.readers.markdown import read_prose

    separated = tmp_path / "separated.md"
    separated.write_text("{#p} Geneva.\u2028Then \u2029it left.\n", encoding="utf-8")
    hard = tmp_path / "hard.md"
    hard.write_text("{#p} Geneva.\\\nThen \\\nit left.\n", encoding="utf-8")
    got = read_prose(separated, "en").blocks[0].text
    assert got.blocks == read_prose(hard, "en").blocks[0].text.blocks
    assert got.plain() == "Geneva.\nThen \nit left."
