"""Everything that depends on the language: dates, ordinals, language names, fixed phrases.

Per-language data lives in ``templates/locale/<lang>.yaml`` (babel locale, the date
patterns the papers use, ordinal speller, language names; schema in
:mod:`att_docs.language.locale_schema`) and ``templates/locale/<lang>.po`` (fixed phrases,
through gettext). babel formats each date with the file's own LDML pattern, never with a
CLDR default or interval format, so a new babel release cannot change a paper. Adding a
language means adding those two files, not code.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from att_docs.base.errors import ContentError
from att_docs.base.yamlfile import load_yaml, validate
from att_docs.language.locale_schema import LocaleFile, RangePattern

__all__ = ["LocaleData", "load_locale"]


@dataclass(frozen=True)
class LocaleData:
    """Formatting rules and the message catalogue of one language."""

    lang: str
    babel: Locale
    spec: LocaleFile
    translations: gettext.NullTranslations

    @property
    def web_tag(self) -> str:
        """The BCP 47 tag for HTML ``lang``: the language with its script where the locale's
        babel identifier names one, else with its territory (``language-Script`` or
        ``language-REGION``)."""
        second = self.babel.script or self.babel.territory
        return f"{self.babel.language}-{second}" if second else self.babel.language

    @property
    def word_count(self) -> str:
        """How translators bill this language: ``words``, or ``characters``."""
        return self.spec.word_count

    def count_words(self, text: str) -> int:
        """Billable words of ``text``: words, or characters for scripts without spaces."""
        from att_docs.language.wordcount import count_words

        return count_words(text, self.word_count)

    @property
    def soft_break(self) -> str:
        return self.spec.soft_break

    @property
    def quotes(self) -> str:
        """Smart quotes for straight ones in prose (``“”‘’``), or "" to leave them."""
        return self.spec.quotes

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def long_date(self, date: dt.date) -> str:
        """``21 July 2023`` / ``2023年7月21日``: the ``dates.long`` pattern."""
        return format_date(date, self.spec.dates.long, locale=self.babel)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """``21–25 August 2023`` / ``2023年8月21日至25日``: the ``dates.range`` patterns."""
        if start == end:
            return self.long_date(start)
        ranges = self.spec.dates.range
        kind: RangePattern = (
            ranges.different_years if start.year != end.year
            else ranges.same_year if start.month != end.month
            else ranges.same_month)
        return (format_date(start, kind.start, locale=self.babel) + kind.join
                + format_date(end, kind.end, locale=self.babel))

    def ordinal_word(self, number: int) -> str:
        """``Ninth`` / ``九``: the spelled-out ordinal (its frame phrase is in the catalogue)."""
        rule = self.spec.ordinal
        if number in rule.words:
            word = rule.words[number]
        else:
            word = spelled_out(rule.engine, rule.lang or self.lang, rule.to, number)
        return word[:1].upper() + word[1:] if rule.case == "title" else word

    def language_name(self, code: str) -> str:
        """The name of language ``code`` in this language: ``language_names``, else the
        catalogue, else babel."""
        if code in self.spec.language_names:
            return self.spec.language_names[code]
        msgid = Locale.parse(code).english_name or code  # the catalogues' msgids
        translated = self.gettext(msgid)
        if translated != msgid:
            return translated
        return Locale.parse(code).get_display_name(self.babel) or msgid


def spelled_out(engine: str, lang: str, to: str, number: int) -> str:
    """``number`` in words by ``engine`` (num2words or cn2an), kept in the disk cache:
    importing an engine can cost more than the rest of a small run (cn2an compiles its
    patterns on import), and the words for a number never change with one version."""
    from att_docs.base.diskcache import cache_path, cached, tool_version

    def made() -> str:
        if engine == "num2words":
            from num2words import num2words

            return str(num2words(number, lang=lang, to=to))
        import cn2an

        return str(cn2an.an2cn(number))

    path = cache_path("ordinal", engine, tool_version(engine), lang, to, number)
    return str(cached(path, made, lambda v: isinstance(v, str) and v != ""))


def locale_dir(templates: Path) -> Path:
    return templates / "locale"


@cache
def load_locale(templates: Path, lang: str) -> LocaleData:
    """Load ``templates/locale/<lang>.yaml`` and, if present, ``<lang>.po``."""
    spec_path = locale_dir(templates) / f"{lang}.yaml"
    if not spec_path.exists():
        raise ContentError(f"no locale data for language {lang!r}: add {spec_path.name} "
                           f"(and {lang}.po) to {spec_path.parent}")
    spec = validate(load_yaml(spec_path), LocaleFile, "locale data")
    return LocaleData(
        lang=lang,
        babel=Locale.parse(spec.babel),
        spec=spec,
        translations=_catalogue(locale_dir(templates) / f"{lang}.po", lang),
    )


def _check_plurals(catalog: Catalog, po_path: Path) -> None:
    """A message with a plural has as many forms as the catalogue's plural rule: its
    ``Plural-Forms`` header, else CLDR's rule for the language (babel)."""
    for message in catalog:
        if not message.pluralizable or isinstance(message.string, str):
            continue
        forms = sum(1 for form in message.string if form)
        if forms and (forms != catalog.num_plurals or len(message.string) > forms):
            raise ContentError(
                f"{message.id[0]!r} has {forms} plural forms; the plural rule here "
                f"({catalog.plural_forms}) needs {catalog.num_plurals}", po_path,
                message.lineno)  # babel counts message lines from 1


def _catalogue(po_path: Path, lang: str) -> gettext.NullTranslations:
    """Compile a .po file in memory: no build step, no binary file in the repository."""
    if not po_path.exists():
        return gettext.NullTranslations()
    from att_docs.base.text import MAX_YAML_BYTES, read_input

    source = read_input(po_path, MAX_YAML_BYTES)  # size, UTF-8, no control characters
    from att_docs.language.catalogue_check import check_catalogue

    try:
        check_catalogue(source, po_path)  # what babel's lenient reader lets through
    except ContentError as exc:
        raise ContentError(f"bad message catalogue: {exc.message}", exc.path,
                           exc.line) from None
    try:
        catalog = read_po(io.BytesIO(source.encode("utf-8")), locale=lang, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError and ValueError subclasses
        lineno = getattr(exc, "lineno", None)  # babel counts from 0
        raise ContentError(f"bad message catalogue: {exc}", po_path,
                           lineno + 1 if isinstance(lineno, int) else None) from None
    _check_plurals(catalog, po_path)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)
