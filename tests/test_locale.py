import datetime as dt

import pytest
from conftest import TEMPLATES

from att_docs.document.locale import load_locale

OPENING, CLOSING = dt.date(2023, 8, 21), dt.date(2023, 8, 25)


@pytest.mark.parametrize(("lang", "date", "dates", "ordinal"), [
    ("en", "21 July 2023", "21–25 August 2023", "Ninth"),
    ("zh", "2023年7月21日", "2023年8月21日至25日", "九"),
])
def test_dates_and_ordinals(lang, date, dates, ordinal):
    loc = load_locale(TEMPLATES, lang)
    assert loc.long_date(dt.date(2023, 7, 21)) == date
    assert loc.date_range(OPENING, CLOSING) == dates
    assert loc.ordinal_word(9) == ordinal


def test_ranges_across_months_keep_full_month_names():
    en = load_locale(TEMPLATES, "en")
    end_of_august = dt.date(2023, 8, 28), dt.date(2023, 9, 1)
    assert en.date_range(*end_of_august) == "28 August\u2009–\u20091 September 2023"
    zh = load_locale(TEMPLATES, "zh")
    assert zh.date_range(dt.date(2023, 8, 28), dt.date(2023, 9, 1)) == "2023年8月28日至9月1日"


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
        "babel: fr_FR\nwide_months_in_ranges: true\n"
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


def test_every_template_phrase_has_a_chinese_translation():
    """Extract the gettext calls of the templates with babel and look each up in zh.po."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    found = {
        msg for _, _, msg, _, _ in extract_from_dir(
            str(TEMPLATES), method_map=[("*.j2", "jinja2")],
            options_map={"*.j2": {"extensions": "jinja2.ext.i18n"}})
    }
    assert "Original: %(language)s" in found  # the extraction really reads the templates
    with (TEMPLATES / "locale" / "zh.po").open("rb") as fh:
        catalog = read_po(fh)
    missing = [m for m in found if not (catalog.get(m) and catalog.get(m).string)]
    assert missing == []
