import datetime as dt

import pytest
from conftest import TEMPLATES

from att_docs.language.locale import load_locale

OPENING, CLOSING = dt.date(2023, 8, 21), dt.date(2023, 8, 25)


JULY_21, AUGUST_4 = dt.date(2023, 7, 21), dt.date(2023, 8, 4)
NEW_YEAR = dt.date(2023, 12, 28), dt.date(2024, 1, 3)

# The strings ATT papers print, whatever babel release is installed.
PAPER_DATES = {
    "en": {"long": "21 July 2023", "same_month": "21–25 August 2023",
           "same_year": "21 July – 4 August 2023",
           "different_years": "28 December 2023 – 3 January 2024", "ordinal": "Ninth"},
    "zh": {"long": "2023年7月21日", "same_month": "2023年8月21日至25日",
           "same_year": "2023年7月21日至8月4日",
           "different_years": "2023年12月28日至2024年1月3日", "ordinal": "九"},
}


def formatted(lang: str, templates=TEMPLATES) -> dict[str, str]:
    loc = load_locale(templates, lang)
    return {"long": loc.long_date(JULY_21), "same_month": loc.date_range(OPENING, CLOSING),
            "same_year": loc.date_range(JULY_21, AUGUST_4),
            "different_years": loc.date_range(*NEW_YEAR), "ordinal": loc.ordinal_word(9)}


@pytest.mark.parametrize("lang", sorted(PAPER_DATES))
def test_dates_and_ordinals_follow_the_papers(lang):
    assert formatted(lang) == PAPER_DATES[lang]


def test_a_one_day_range_is_the_long_date():
    for lang in PAPER_DATES:
        loc = load_locale(TEMPLATES, lang)
        assert loc.date_range(JULY_21, JULY_21) == loc.long_date(JULY_21)


@pytest.mark.parametrize("lang", sorted(PAPER_DATES))
def test_dates_do_not_depend_on_cldr_interval_or_default_formats(lang, monkeypatch,
                                                                  templates_copy):
    """babel's interval and locale date formats (CLDR data that changes between
    releases) are taken away: the dates come out the same, from the locale file only."""
    import babel.dates
    from babel import Locale

    def gone(*args, **kwargs):
        raise AssertionError("CLDR interval or default date formats were used")

    monkeypatch.setattr(babel.dates, "format_interval", gone)
    monkeypatch.setattr(Locale, "interval_formats", property(gone))
    monkeypatch.setattr(Locale, "date_formats", property(gone))
    monkeypatch.setattr(Locale, "datetime_skeletons", property(gone))
    assert formatted(lang, templates_copy) == PAPER_DATES[lang]


def test_the_patterns_come_from_the_locale_file(templates_copy):
    path = templates_copy / "locale" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("same_month: {start: d, join: \"–\", end: d MMMM y}",
                                 "same_month: {start: d, join: \" to \", end: d MMM y}"),
                    encoding="utf-8")
    assert load_locale(templates_copy, "en").date_range(OPENING, CLOSING) == "21 to 25 Aug 2023"


def test_fixed_phrases_come_from_the_catalogue():
    zh = load_locale(TEMPLATES, "zh")
    original = zh.gettext("Original: %(language)s")
    assert original % {"language": zh.language_name("en")} == "原文：英文"
    assert zh.gettext("%(ordinal)s Conference of States Parties") % {
        "ordinal": zh.ordinal_word(10)} == "第十届缔约国会议"
    en = load_locale(TEMPLATES, "en")
    assert en.gettext("Original: %(language)s") % {"language": en.language_name("en")} == (
        "Original: English")


def test_a_third_language_is_data_not_code(templates_copy):
    (templates_copy / "locale" / "fr.yaml").write_text(
        "babel: fr_FR\n"
        "dates:\n"
        "  long: d MMMM y\n"
        "  range:\n"
        "    same_month: {start: d, join: '–', end: d MMMM y}\n"
        "    same_year: {start: d MMMM, join: ' – ', end: d MMMM y}\n"
        "    different_years: {start: d MMMM y, join: ' – ', end: d MMMM y}\n"
        "ordinal: {engine: num2words, lang: fr, to: ordinal, case: title}\n", encoding="utf-8")
    (templates_copy / "locale" / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(ordinal)s Conference of States Parties"\n'
        'msgstr "%(ordinal)s Conférence des États parties"\n', encoding="utf-8")
    fr = load_locale(templates_copy, "fr")
    assert fr.long_date(dt.date(2023, 7, 21)) == "21 juillet 2023"
    assert fr.date_range(OPENING, CLOSING) == "21–25 août 2023"
    assert fr.gettext("%(ordinal)s Conference of States Parties") % {
        "ordinal": fr.ordinal_word(9)} == "Neuvième Conférence des États parties"


@pytest.mark.parametrize("lang", ["zh", "fr"])
def test_every_template_phrase_has_a_translation(lang):
    """Extract the gettext calls of the templates with babel and look each up in <lang>.po."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    found = {
        msg for _, _, msg, _, _ in extract_from_dir(
            str(TEMPLATES), method_map=[("*.j2", "jinja2")],
            options_map={"*.j2": {"extensions": "jinja2.ext.i18n"}})
    }
    assert "Original: %(language)s" in found  # the extraction really reads the templates
    with (TEMPLATES / "locale" / f"{lang}.po").open("rb") as fh:
        catalog = read_po(fh)
    missing = [m for m in found if not (catalog.get(m) and catalog.get(m).string)]
    assert missing == []


def test_french_ordinals_agree_with_the_feminine_conference():
    """num2words says "premier"; the locale's words give the conference's gender, and
    leave every other number to the engine."""
    fr = load_locale(TEMPLATES, "fr")
    assert fr.ordinal_word(1) == "Première"
    assert [fr.ordinal_word(n) for n in (2, 9, 21)] == ["Deuxième", "Neuvième",
                                                       "Vingt et unième"]
    assert load_locale(TEMPLATES, "en").ordinal_word(1) == "First"


@pytest.mark.parametrize("engine, lang, to", [("cn2an", "zh", "ordinal"),
                                              ("num2words", "en", "ordinal")])
def test_spelled_out_words_come_from_the_disk_cache_once_made(engine, lang, to, monkeypatch,
                                                              tmp_path, capsys):
    """A second run reads the words from the cache without importing the engine; a
    damaged cache file is made again, never believed."""
    import sys

    from att_docs.language.locale import spelled_out

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ATT_DOCS_NO_CACHE", raising=False)
    first = spelled_out(engine, lang, to, 12)
    (kept,) = (tmp_path / "att-docs").glob("ordinal-*.json")
    monkeypatch.setitem(sys.modules, engine, None)  # importing it now fails
    assert spelled_out(engine, lang, to, 12) == first
    monkeypatch.delitem(sys.modules, engine)
    kept.write_bytes(kept.read_bytes().replace(first.encode(), b"wrong"))
    assert spelled_out(engine, lang, to, 12) == first
    assert "not a cache" in capsys.readouterr().err
