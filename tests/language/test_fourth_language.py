"""A language added as data alone: locale files, a glossary column and fonts in a copy of
the templates. A paper in it is scaffolded, built to DOCX and PDF and checked, with no
change to the code."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from buildutil import ROOT, att_docs
from conftest import safe_load
from pypdf import PdfReader

from att_docs.writers.content.yamlout import plain_dump

LANG = "de"  # German: num2words, babel and simplemma know it; the templates do not

LOCALE = """\
babel: de_DE
dates:
  long: d. MMMM y
  range:
    same_month: {start: "d.", join: "–", end: d. MMMM y}
    same_year: {start: d. MMMM, join: " – ", end: d. MMMM y}
    different_years: {start: d. MMMM y, join: " – ", end: d. MMMM y}
ordinal: {engine: num2words, lang: de, to: ordinal, case: title}
language_names: {en: Englisch, de: Deutsch}
script: Latn
numbers: {engine: num2words, lang: de}
terms: {inflection: simplemma}
date_patterns:
  patterns: ['\\b(?P<d>\\d{1,2})\\.\\s+{month}(?:\\s+(?P<y>\\d{4}))?']
scaffold:
  title: Titel des Dokuments
  heading: Einleitung
  paragraph: Der Text des ersten Absatzes.
  Chair: Vorsitz
"""

CATALOGUE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de_DE\\n"

msgid "Submitted by: %(body)s"
msgstr "Vorgelegt von: %(body)s"

msgid "Original: %(language)s"
msgstr "Original: %(language)s"

msgid "Arms Trade Treaty"
msgstr "Vertrag über den Waffenhandel"

msgid "%(ordinal)s Conference of States Parties"
msgstr "%(ordinal)s Konferenz der Vertragsstaaten"
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the templates with the language's data, and a conference in en and de."""
    root = tmp_path_factory.mktemp("fourth")
    templates = root / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "locale" / f"{LANG}.yaml").write_text(LOCALE, encoding="utf-8")
    (templates / "locale" / f"{LANG}.po").write_text(CATALOGUE, encoding="utf-8")
    styles = safe_load((templates / "styles.yaml").read_text(encoding="utf-8"))
    styles["fonts"][LANG] = dict(styles["fonts"]["en"])
    styles["language_tags"][LANG] = "de-DE"
    (templates / "styles.yaml").write_text(plain_dump(styles),
                                           encoding="utf-8")
    glossary = safe_load((ROOT / "glossary" / "att.yaml").read_text(encoding="utf-8"))
    concepts = glossary["concepts"] if isinstance(glossary, dict) else glossary
    for concept in concepts:
        if concept.get("id") == "att":
            concept[LANG] = {"preferred": "Vertrag über den Waffenhandel"}
    (root / "glossary.yaml").write_text(plain_dump(glossary),
                                        encoding="utf-8")
    conference = root / "content" / "csp9"
    conference.mkdir(parents=True)
    (conference / "conference.yaml").write_text(
        "number: 9\nvenue: {en: Geneva, de: Genf}\nopening: 2023-08-21\n"
        f"closing: 2023-08-25\nlanguages: [en, {LANG}]\n", encoding="utf-8")
    made = att_docs("new", "chair-report", "--conference", conference, "--templates",
                    templates, "--id", "report", "--title", "en=Report of the Chair")
    assert made.returncode == 0, made.stderr
    return root


def test_the_new_language_is_scaffolded_from_its_data(project):
    paper = project / "content" / "csp9" / "report"
    data = safe_load((paper / "paper.yaml").read_text(encoding="utf-8"))
    assert data["title"] == {"en": "Report of the Chair", LANG: "Titel des Dokuments"}
    assert data["submitted_by"][LANG] == "Vorsitz"
    assert "Einleitung" in (paper / f"{LANG}.md").read_text(encoding="utf-8")


def test_the_new_language_builds_to_docx_and_pdf(project):
    out = project / "out"
    proc = att_docs("build", project / "content" / "csp9", "-o", out, "--templates",
                    project / "templates")
    assert proc.returncode == 0, proc.stderr
    (docx,) = out.glob(f"*.{LANG}.docx")
    (pdf,) = out.glob(f"*.{LANG}.pdf")
    with zipfile.ZipFile(docx) as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    assert 'w:val="de-DE"' in document + styles
    for text in ("Vertrag über den Waffenhandel", "Neunte Konferenz der Vertragsstaaten",
                 "Genf, 21.–25. August 2023", "Vorgelegt von: Vorsitz", "Original: Englisch",
                 "Einleitung", "Der Text des ersten Absatzes."):
        assert text in document, text
    pages = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Konferenz der Vertragsstaaten" in pages and "Einleitung" in pages


def test_the_new_language_is_checked_with_its_glossary_column(project):
    paper = project / "content" / "csp9" / "report"
    (paper / "en.md").write_text("# Introduction {#introduction}\n\n{#purpose} The Arms "
                                 "Trade Treaty entered into force on 24 December 2014.\n",
                                 encoding="utf-8")
    (paper / f"{LANG}.md").write_text("# Einleitung {#introduction}\n\n{#purpose} Der "
                                      "Vertrag ist am 24. Dezember 2015 in Kraft getreten.\n",
                                      encoding="utf-8")
    proc = att_docs("check", paper, "--templates", project / "templates", "--glossary",
                    project / "glossary.yaml", "--format", "json")
    findings = {(f["check"], f["segment"]) for f in safe_load(proc.stdout)["findings"]}
    assert ("term", "purpose") in findings  # Vertrag über den Waffenhandel is missing
    assert ("date", "purpose") in findings  # 2014 became 2015
    accepted = att_docs("check", paper, "--lang", LANG, "--templates", project / "templates")
    assert "is not one of the languages" not in accepted.stderr
