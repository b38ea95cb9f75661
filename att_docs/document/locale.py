"""Everything that depends on the language: dates, ordinals, language names, fixed phrases.

Per-language data lives in ``templates/locale/<lang>.yaml`` (babel locale, ordinal
speller) and ``templates/locale/<lang>.po`` (fixed phrases, through gettext). Adding a
language means adding those two files, not code.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date, format_interval
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from att_docs.errors import ContentError

__all__ = ["LocaleData", "load_locale"]


@dataclass(frozen=True)
class LocaleData:
    """Formatting rules and the message catalogue of one language."""

    lang: str
    babel: Locale
    wide_months_in_ranges: bool
    ordinal: dict[str, Any]
    soft_break: str
    quotes: str  # smart quotes for straight ones in prose ("“”‘’"), or "" to leave them
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def long_date(self, date: dt.date) -> str:
        """``21 July 2023`` / ``2023年7月21日``."""
        return format_date(date, "long", locale=self.babel)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """``21–25 August 2023`` / ``2023年8月21日至25日``."""
        text = format_interval(start, end, "yMMMd", locale=self.babel)
        if self.wide_months_in_ranges:
            abbreviated = self.babel.months["format"]["abbreviated"]
            wide = self.babel.months["format"]["wide"]
            for month in sorted({start.month, end.month}):
                text = text.replace(abbreviated[month], wide[month], 1)
        return text

    def ordinal_word(self, number: int) -> str:
        """``Ninth`` / ``九``: the spelled-out ordinal (its frame phrase is in the catalogue)."""
        rule = self.ordinal
        engine = rule.get("engine")
        if engine == "num2words":
            from num2words import num2words

            word = num2words(number, lang=rule.get("lang", self.lang), to=rule.get("to", "ordinal"))
        elif engine == "cn2an":
            import cn2an

            word = cn2an.an2cn(number)
        else:
            raise ContentError(f"unknown ordinal engine {engine!r} for {self.lang!r} "
                               "(known: num2words, cn2an)")
        return word[:1].upper() + word[1:] if rule.get("case") == "title" else word

    def language_name(self, code: str) -> str:
        """The name of language ``code`` in this language: catalogue first, then babel."""
        msgid = Locale.parse(code).english_name or code  # the catalogues' msgids
        translated = self.gettext(msgid)
        if translated != msgid:
            return translated
        return Locale.parse(code).get_display_name(self.babel) or msgid


def locale_dir(templates: Path) -> Path:
    return templates / "locale"


@cache
def load_locale(templates: Path, lang: str) -> LocaleData:
    """Load ``templates/locale/<lang>.yaml`` and, if present, ``<lang>.po``."""
    spec_path = locale_dir(templates) / f"{lang}.yaml"
    if not spec_path.exists():
        raise ContentError(f"no locale data for language {lang!r}: add {spec_path.name} "
                           f"(and {lang}.po) to {spec_path.parent}")
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8")) or {}
        babel_locale = Locale.parse(spec["babel"])
    except (yaml.YAMLError, KeyError, ValueError) as exc:
        raise ContentError(f"bad locale data: {exc}", spec_path) from None
    return LocaleData(
        lang=lang,
        babel=babel_locale,
        wide_months_in_ranges=bool(spec.get("wide_months_in_ranges", False)),
        ordinal=dict(spec.get("ordinal", {"engine": "num2words"})),
        soft_break=str(spec.get("soft_break", " ")),
        quotes=str(spec.get("quotes", "")),
        translations=_catalogue(locale_dir(templates) / f"{lang}.po", lang),
    )


def _catalogue(po_path: Path, lang: str) -> gettext.NullTranslations:
    """Compile a .po file in memory: no build step, no binary file in the repository."""
    if not po_path.exists():
        return gettext.NullTranslations()
    try:
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError and ValueError subclasses
        lineno = getattr(exc, "lineno", None)  # babel counts from 0
        raise ContentError(f"bad message catalogue: {exc}", po_path,
                           lineno + 1 if isinstance(lineno, int) else None) from None
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)
