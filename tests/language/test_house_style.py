"""House styles as data: each language names its profile, a conference may choose
another; the checks report a deviation once per document and kind, with its count, and
the build's output follows the same profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT, TEMPLATES

from att_docs.checks.engine import check_corpora
from att_docs.checks.segments import Corpus, Segment
from att_docs.document.house_style import house_style, restyle
from att_docs.glossary.model import Glossary

NNBSP, NBSP = "\u202f", "\u00a0"

# The UN's French text of the Treaty (article 7 (1), article 6 (3)).
TREATY = ["l'exportation d'armes classiques ou de biens visés à l'article 3 ou à l'article 4 :",
          "contribueraient ou porteraient atteinte à la paix et à la sécurité;"]


def findings(texts: list[str], lang: str = "fr", style: str | None = None):
    segments = [Segment(f"p{i}", "paragraph", {lang: t}) for i, t in enumerate(texts)]
    corpus = Corpus("paper", [lang], segments, None, Path("p.md"),
                    house_style={lang: style} if style else {})
    return [f for f in check_corpora([corpus], Glossary([]), ["typography"], TEMPLATES)]


@pytest.mark.parametrize("space", [NNBSP, NBSP])
def test_either_no_break_space_satisfies_a_required_space(space):
    assert findings([f"ces armes ou biens{space}: les suivants"]) == []


def test_the_treaty_text_is_clean_in_the_un_profile():
    treaty = [t.replace(" :", f"{NBSP}:") for t in TREATY]
    assert findings(treaty, style="un") == []


@pytest.mark.parametrize(("style", "expected"), [
    ("un", []),
    ("eu", ["a space before ':'"]),
    ("imprimerie-nationale", ["no space before ';'"]),
    ("ch", ["a space before ':'"]),
])
def test_each_profile_judges_the_treaty_text(style, expected):
    treaty = [t.replace(" :", f"{NBSP}:") for t in TREATY]
    messages = [f.message for f in findings(treaty, style=style) if f.severity == "warning"]
    assert len(messages) == len(expected)
    assert all(any(e in m for m in messages) for e in expected)


def test_a_deviation_is_reported_once_per_document_with_its_count():
    texts = [f"premier{NNBSP}; deuxième", "troisième; quatrième", "cinquième; sixième"]
    found = findings(texts, style="imprimerie-nationale")
    assert len(found) == 1
    assert "2× in this document" in found[0].message and found[0].segment == "p1"


def test_an_unknown_profile_is_refused_with_the_locale_file():
    from att_docs.base.errors import ContentError

    with pytest.raises(ContentError, match="no house style 'typewriter'"):
        house_style(TEMPLATES, "fr", "typewriter")


@pytest.mark.parametrize(("style", "text", "expected"), [
    ("imprimerie-nationale", "biens : la paix; « texte »",
     f"biens{NNBSP}: la paix{NNBSP}; «{NNBSP}texte{NNBSP}»"),
    ("eu", f"biens{NNBSP}: la paix ; à 10:30, https://x", "biens: la paix; à 10:30, https://x"),
    ("un", "biens: la paix ;", f"biens{NNBSP}: la paix;"),
    ("att", "biens: la paix ;", f"biens{NNBSP}: la paix{NNBSP};"),
])
def test_the_output_follows_the_profile(style, text, expected):
    profile = house_style(TEMPLATES, "fr", style)
    assert restyle(text, profile) == expected
    assert restyle(expected, profile) == expected  # idempotent


def test_french_subparagraphs_are_labelled_as_they_are_referred_to():
    assert house_style(TEMPLATES, "fr").label("a") == "a)"
    assert house_style(TEMPLATES, "en").label("a") == "a."


def test_the_french_papers_label_subparagraphs_as_their_references_do(tmp_path):
    import re
    import zipfile

    from att_docs.document.house_style import house_styled
    from att_docs.status.setinfo import load_conference
    from att_docs.writers.docx.writer import write_docx
    from att_docs.writers.pdf.typst_data import document_data
    from att_docs.writers.styles import load_styles

    _conference, documents = load_conference(CONTENT, TEMPLATES)
    doc = next(d for d in documents if d.id == "mc-programme-of-work")
    prose = (doc.source / "fr.md").read_text(encoding="utf-8")
    assert re.search(r"paragraphe \d+ [a-z]\)", prose)  # referred to as 27 d)
    out = tmp_path / "fr.docx"
    write_docx(house_styled(doc, "fr"), "fr", out, load_styles(TEMPLATES / "styles.yaml"))
    numbering = zipfile.ZipFile(out).read("word/numbering.xml").decode()
    assert 'w:lvlText w:val="%2)"' in numbering
    data = document_data(doc, "fr", load_styles(TEMPLATES / "styles.yaml"))
    labels = [s["label"] for b in data["blocks"] if b.get("kind") == "paragraph"
              for s in b["subparagraphs"]]
    assert labels and all(re.fullmatch(r"[a-z]+\)", label) for label in labels)


def _texts(doc):
    """Every localized text of a document: its blocks', its parts' and its footnotes'."""
    from att_docs.document.walk import walk

    blocks = [*doc.body, *(block for part in doc.parts for block in part.blocks)]
    return [piece.text for piece in walk(blocks)] + [note.text for note in
                                                      doc.footnotes.values()]


def _restyled_copy(doc, lang, style):
    """The document deep-copied with every text in ``lang`` restyled in place."""
    import copy

    from att_docs.document.model import Run, Text

    out = copy.deepcopy(doc)
    for localized in _texts(out):
        text = localized.get(lang)
        if isinstance(text, Text):
            for block in text.blocks:
                for inline in block.inlines:
                    if isinstance(inline, Run):
                        inline.text = restyle(inline.text, style)
    return out


def _unspace(doc, lang):
    """Put a space before every ';' of ``doc``'s texts in ``lang`` (an unspaced ';' in
    the first run of each), so a profile has something to change."""
    from att_docs.document.model import Run

    for localized in _texts(doc):
        text = localized.get(lang)
        runs = [i for b in text.blocks for i in b.inlines if isinstance(i, Run)] if text else []
        if runs:
            runs[0].text = runs[0].text.replace(";", " ;") + " a;b"


def test_the_styled_copy_changes_only_the_texts_of_its_language():
    import pickle

    from att_docs.document.house_style import styled
    from att_docs.readers.load import load_papers

    docs = load_papers(CONTENT, TEMPLATES).documents.values()
    spaced = [(doc, lang, style) for doc in docs for lang, style in doc.house_styles.items()
              if style.spaced]
    assert spaced, "the example has a language whose house style spaces its texts"
    restyled = 0
    for doc, lang, style in spaced:
        _unspace(doc, lang)
        before = pickle.dumps(doc)
        out = styled(doc, lang, style)
        assert pickle.dumps(doc) == before  # the document read is left as written
        expected = _restyled_copy(doc, lang, style)
        assert _texts(out) == _texts(expected)
        restyled += _texts(out) != _texts(doc)
        assert out.masthead == expected.masthead and out.extras == expected.extras
        others = [text[other] for text in _texts(doc) for other in text if other != lang]
        kept = [text[other] for text in _texts(out) for other in text if other != lang]
        assert all(a is b for a, b in zip(others, kept, strict=True))  # shared, not copied
    assert restyled, "some text of the example is spaced anew"
