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

__all__ = ["DatePatterns", "LocaleFile", "OrdinalRule", "RangePattern", "RangePatterns"]

_SAMPLE = dt.date(2023, 7, 21)


def _ldml(pattern: str) -> str:
    """An LDML date pattern babel can format (``d MMMM y``); ValueError otherwise."""
    try:
        format_date(_SAMPLE, pattern, locale="en")
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


class LocaleFile(_Strict):
    """``templates/locale/<lang>.yaml``."""

    babel: Annotated[str, AfterValidator(_babel_locale)]  # month names and digits
    dates: DatePatterns
    ordinal: OrdinalRule
    soft_break: str = " "       # what a line break inside a paragraph becomes
    quotes: Annotated[str, AfterValidator(_quotes)] = ""  # "“”‘’": smart quotes
    language_names: dict[str, str] = Field(default_factory=dict)  # en: English, in this language
