"""The schema of ``templates/locale/<lang>.yaml``: a paper's conventions, as data.

Dates are written as explicit LDML patterns (``d MMMM y``, ``y年M月d日``) that babel
formats, never as a CLDR default, so a newer babel or CLDR cannot change a paper.
Unknown keys are errors, like in the content files.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

__all__ = ["DatePatterns", "DateReading", "LocaleFile", "NumberWords", "OrdinalRule",
           "RangePattern", "RangePatterns", "ReferenceReading", "TermMatching"]

_SAMPLE = dt.date(2023, 7, 21)


def _ldml(pattern: str) -> str:
    """An LDML date pattern babel can format (``d MMMM y``); ValueError otherwise."""
    try:
        format_date(_SAMPLE, pattern, locale="root")  # CLDR root: any pattern, no language
    except Exception as exc:  # babel raises ValueError, KeyError or AttributeError
        raise ValueError(f"not an LDML date pattern babel can format: {exc}") from None
    return pattern


def _babel_locale(name: str) -> str:
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown babel locale: {exc}") from None
    return name


def _quotes(text: str) -> str:
    if len(text) not in (0, 4):
        raise ValueError("four characters (double open, double close, single open, "
                         "single close), or empty to leave straight quotes")
    return text


Ldml = Annotated[str, AfterValidator(_ldml)]


def _regex(pattern: str) -> str:
    """A regular expression the checks can compile ({month} and {label} filled in)."""
    import re

    try:
        re.compile(pattern.replace("{month}", "(?P<m>x)").replace("{label}", r"\d+"))
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return pattern


Regex = Annotated[str, AfterValidator(_regex)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RangePattern(_Strict):
    """One kind of date range: ``start`` + ``join`` + ``end``, each date by its pattern."""

    start: Ldml
    join: str
    end: Ldml


class RangePatterns(_Strict):
    """Ranges within one month, across months of one year, and across years."""

    same_month: RangePattern    # 21–25 August 2023
    same_year: RangePattern     # 21 July – 4 August 2023
    different_years: RangePattern  # 28 December 2023 – 3 January 2024


class DatePatterns(_Strict):
    long: Ldml                  # 21 July 2023
    range: RangePatterns


class OrdinalRule(_Strict):
    """How an ordinal is spelt out: ``num2words`` (its ``lang`` and ``to``) or ``cn2an``."""

    engine: Literal["num2words", "cn2an"]
    lang: str | None = None     # num2words' language code (default: the locale's own)
    to: str = "ordinal"         # num2words' conversion
    case: Literal["title", "as-is"] = "as-is"  # title: Ninth, as-is: ninth
    # words the engine gets wrong for the noun the frame puts after them (a French
    # "conférence" is feminine: 1 -> première, where num2words says premier)
    words: dict[int, str] = Field(default_factory=dict)


class NumberWords(_Strict):
    """How the checks read numbers written in words: num2words spells 2 … 100 and their
    ordinals; cn2an reads numerals after ``ordinal_prefix`` or before a measure word."""

    engine: Literal["num2words", "cn2an"]
    lang: str | None = None     # num2words' language code (default: the locale's own)
    percent: list[Regex] = Field(default_factory=list)  # groups d (digits) or n (words)
    group: list[str] = Field(default_factory=lambda: [","])  # 1,234 / 475 000
    decimal: str = "."          # 1.5 / 1,5
    scale: dict[str, float] = Field(default_factory=dict)  # after digits: 1.5 million, 150万
    decade: list[Regex] = Field(default_factory=list)  # group d: the 1960s = les années 60
    one: list[str] = Field(default_factory=list)  # words for one or first num2words lacks
    ordinal_prefix: str = ""    # 第 in 第九届
    measure_words: str = ""     # characters that make a numeral before them a number


class TermMatching(_Strict):
    """How glossary terms are found: inflected forms (``inflect``), lemmas (``simplemma``,
    with its ``lang``) or as written; ``stemmer`` names a Snowball stemmer."""

    inflection: Literal["inflect", "simplemma", "none"] = "none"
    lang: str | None = None
    function_words: list[str] = Field(default_factory=list)  # "of": the head noun before it
    stemmer: str | None = None


class DateReading(_Strict):
    """Dates the checks read: regular expressions with groups d, d1, d2, m, m2, y, y2;
    ``{month}`` stands for the babel locale's month names."""

    patterns: list[Regex]
    not_alone: list[str] = Field(default_factory=list)  # month names that are also words
    hint: str | None = None     # a text without it holds no date
    same_month: Regex | None = None  # a range that repeats its month (house style)
    same_month_fix: str | None = None
    same_year: Regex | None = None
    same_year_fix: str | None = None


RefKind = Literal["annex", "article", "paragraph", "subparagraph", "item"]


class ReferenceReading(_Strict):
    """How the language writes references (att_docs.checks.references): the words of each
    kind before their labels (``article 2``) or after them (``第2条``, after ``prefix``),
    what a number, a sub-label (groups ``a`` and, for a range inside it, ``b``) and an
    annex letter look like, and the words that list, range, nest (``of``) or are skipped;
    ``formats`` writes a value, by kind or by chain of kinds (``article.paragraph``)."""

    hints: list[str] = Field(default_factory=list)  # a text without any holds none
    before: dict[RefKind, Regex] = Field(default_factory=dict)
    after: dict[RefKind, Regex] = Field(default_factory=dict)
    prefix: Regex | None = None
    number: Regex = r"\d+"
    sub: list[Regex] = Field(default_factory=list)
    letter: Regex | None = None
    list_words: Regex | None = None   # 6, 7 and 11
    range_words: Regex | None = None  # (b) to (d)
    of_words: Regex | None = None     # paragraph 1 of article 2
    skip_words: Regex | None = None   # the, l'
    formats: dict[str, str] = Field(default_factory=dict)
    join: str = " "


Spacing = Literal["required", "none", "either"]


class HouseStyleSpec(_Strict):
    """A house-style profile (att_docs.document.house_style)."""

    source: str = ""            # where the profile comes from
    space_before: dict[Literal[";", ":", "!", "?"], Spacing] = Field(default_factory=dict)
    guillemets: Spacing = "either"  # a space inside « »
    space: Literal["\u00a0", "\u202f"] = "\u202f"  # the no-break space the build writes
    parentheses: Literal["full-width", "either"] = "either"  # （） next to CJK text
    subparagraph_label: str = "{label}."  # a. / a)
    wording: dict[str, str] = Field(default_factory=dict)  # what the house writes otherwise


class LocaleFile(_Strict):
    """``templates/locale/<lang>.yaml``."""

    babel: Annotated[str, AfterValidator(_babel_locale)]  # month names and digits
    dates: DatePatterns
    ordinal: OrdinalRule
    soft_break: str = " "       # what a line break inside a paragraph becomes
    quotes: Annotated[str, AfterValidator(_quotes)] = ""  # "“”‘’": smart quotes
    language_names: dict[str, str] = Field(default_factory=dict)  # en: English, in this language
    # What the checks, the writers and `att-docs new` know (att_docs.language.profile)
    script: str = "Latn"        # ISO 15924
    cjk: bool = False           # written without spaces between words; East Asian fonts
    numbers: NumberWords | None = None
    terms: TermMatching = Field(default_factory=TermMatching)
    date_patterns: DateReading | None = None
    references: ReferenceReading | None = None
    typography: list[str] = Field(default_factory=list)  # rule sets of the typography check
    quote_pairs: list[Annotated[str, Field(min_length=2, max_length=2)]] = Field(
        default_factory=list)  # "«»": an opening and its closing mark
    doubled_words: list[str] = Field(default_factory=list)  # doubled and right: nous nous
    # names of other bodies and instruments: a glossary term inside one is not the term
    other_names: list[Annotated[str, Field(min_length=2)]] = Field(default_factory=list)
    titles: list[Annotated[str, Field(min_length=2, max_length=2)]] = Field(
        default_factory=list)  # title marks: "《》"
    # the Treaty's name, which stands in the first title marks (typography check)
    treaty_name: str | None = Field(default=None, min_length=2)
    # half-width punctuation next to this language's text, and what it writes instead
    full_width: dict[Annotated[str, Field(min_length=1, max_length=1)],
                     Annotated[str, Field(min_length=1, max_length=1)]] = Field(
        default_factory=dict)
    homophones: Literal["pinyin"] | None = None
    scaffold: dict[str, str] = Field(default_factory=dict)  # placeholder texts of `new`
    house_style: str | None = None  # the profile the papers use (a conference may choose)
    house_styles: dict[str, HouseStyleSpec] = Field(default_factory=dict)
    # how translators bill texts in this language: by word, or by character (CJK scripts)
    word_count: Literal["words", "characters"] = "words"
    # on every page of a paper whose text in this language is not ready (untranslated or
    # stale units); without it, the mark of the paper's original language
    draft_mark: str | None = Field(default=None, min_length=1, max_length=80)
    # How a redline compares two versions of a text: words between spaces, words found by
    # jieba (then characters within a changed stretch), or characters. Default: spaces, or
    # characters where the language is written without spaces (cjk).
    segmentation: Literal["spaces", "jieba", "characters"] | None = None
    # The redline's mark on a language whose translation lags behind the revised original.
    translation_incomplete: str = ""
