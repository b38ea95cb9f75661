"""Counts read as people write them: the plural form comes from gettext's ngettext, with
the plural rule babel gives each message catalogue (CLDR's), never from code per language.
"""

from __future__ import annotations

import json

import pytest
from buildutil import build

from att_docs.base.plural import counted
from att_docs.language.locale import load_locale
from att_docs.publish.index_page import render_index

PLURALS = {
    # CLDR 47 (babel 2.19) gives French three forms: one (0, 1), many (1000000) and other
    "fr": ('msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} fichier"\n'
           'msgstr[1] "{n} de fichiers"\nmsgstr[2] "{n} fichiers"\n'),
    "zh": 'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} 个文件"\n',
}


@pytest.fixture
def catalogues(templates_copy):
    """The project's catalogues with plural messages added, as a translator would."""
    for lang, entries in PLURALS.items():
        po = templates_copy / "locale" / f"{lang}.po"
        po.write_text(po.read_text(encoding="utf-8") + "\n" + entries, encoding="utf-8")
    load_locale.cache_clear()
    yield templates_copy
    load_locale.cache_clear()


def test_messages_as_written_count_in_english():
    assert [counted(n, "{n} file", "{n} files") for n in (0, 1, 2)] == [
        "0 files", "1 file", "2 files"]


def test_each_catalogue_counts_by_its_own_languages_rule(catalogues):
    french = load_locale(catalogues, "fr").translations
    chinese = load_locale(catalogues, "zh").translations
    # CLDR: French takes the singular for 0 and 1; Chinese has one form
    assert [counted(n, "{n} file", "{n} files", french) for n in (0, 1, 2, 10**6)] == [
        "0 fichier", "1 fichier", "2 fichiers", "1000000 de fichiers"]
    assert [counted(n, "{n} file", "{n} files", chinese) for n in (1, 2)] == [
        "1 个文件", "2 个文件"]
    assert counted(3, "{n} paper", "{n} papers", french) == "3 papers"  # not translated


def test_the_index_page_counts_in_its_language(catalogues, tmp_path):
    from conftest import CONTENT

    out = tmp_path / "out"
    build(CONTENT, out, "-f", "docx", "-q")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["papers"] = manifest["papers"][:1]
    manifest["files"] = [f for f in manifest["files"] if f["paper"] == manifest["papers"][0]["id"]]
    for lang, expected in (("fr", "1 document, 3 fichiers"), ("zh", "1份文件, 3个文档"),
                           ("en", "1 paper, 3 files")):
        languages = manifest["conference"]["languages"]
        manifest["conference"]["languages"] = [lang, *(x for x in languages if x != lang)]
        html = render_index(catalogues, manifest, "manifest.json", None).decode("utf-8")
        assert expected in html, lang


def test_a_plural_message_short_of_forms_is_refused_at_its_line(templates_copy):
    from att_docs.base.errors import ContentError

    po = templates_copy / "locale" / "fr.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgid "{n} file"\nmsgid_plural "{n} files"\n'
                  'msgstr[0] "{n} fichier"\nmsgstr[1] "{n} fichiers"\n', encoding="utf-8")
    line = len(text.splitlines()) + 2  # the msgid, after a blank line
    load_locale.cache_clear()
    try:
        with pytest.raises(ContentError, match=rf"fr\.po:{line}: '{{n}} file' has 2 plural "
                                               r"forms; .* needs 3"):
            load_locale(templates_copy, "fr")
    finally:
        load_locale.cache_clear()
