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
