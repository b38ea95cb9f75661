"""What the checks, the writers and the scaffolding know about a language: data only.

Everything comes from ``templates/locale/<lang>.yaml`` (the same file as the formatting
rules of :mod:`att_docs.language.locale`, validated by :mod:`.locale_schema`): the script,
whether words are written without spaces (``cjk``), the number-word engine, the inflection
engine of glossary terms, the date and reference patterns the checks read, the typography
rule sets, the placeholder texts of a new paper. No code names a language: a language
without a file gets a bare profile (words separated by spaces, digits only), and adding a
language is adding its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["Language", "available_languages", "load_language", "primary_subtag"]


def primary_subtag(tag: str) -> str:
    """The language part of a BCP 47 tag: ``xx-YY`` and ``xx_YY`` give ``xx``."""
    return re.split(r"[-_]", tag, maxsplit=1)[0].lower()


@dataclass(frozen=True, eq=False)
class Language:
    """The facts about one language that code acts on; see ``templates/locale``.

    Profiles are loaded once per templates folder and compared by identity, so that the
    checks can cache what they compile from one.
    """

    code: str
    cjk: bool = False  # written without spaces between words (and set in East Asian fonts)
    script: str = "Latn"
    babel: str | None = None  # babel locale name (language_TERRITORY)
    numbers: dict[str, Any] = field(default_factory=dict)
    terms: dict[str, Any] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    references: dict[str, Any] = field(default_factory=dict)
    typography: tuple[str, ...] = ()
    quote_pairs: tuple[str, ...] = ()  # "«»", "“”": opening and closing marks
    doubled_words: frozenset[str] = frozenset()  # words that may stand twice (nous nous)
    other_names: tuple[str, ...] = ()  # other bodies' and instruments' names
    titles: tuple[str, ...] = ()  # title marks: "《》"
    treaty_name: str | None = None  # stands in the first title marks
    full_width: dict[str, str] = field(default_factory=dict)  # "," -> its full-width mark
    homophones: str | None = None
    scaffold: dict[str, str] = field(default_factory=dict)
    source: Path | None = None

    @property
    def joiner(self) -> str:
        """What joins two lines of one paragraph: nothing where words take no spaces."""
        return "" if self.cjk else " "

    def placeholder(self, key: str, default: str = "") -> str:
        """A placeholder text of ``att-docs new`` (title, heading, paragraph...)."""
        return str(self.scaffold.get(key, default))


def available_languages(templates: Path) -> list[str]:
    """The language codes that have a ``templates/locale/<code>.yaml``."""
    folder = templates / "locale"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_language(templates: Path, code: str) -> Language:
    """The profile of ``code`` (or of its primary subtag); a bare one if it has no file."""
    return _load(templates.resolve(), code)


@cache
def _load(templates: Path, code: str) -> Language:
    folder = templates / "locale"
    for name in dict.fromkeys((code, primary_subtag(code))):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return _parse(path, code)
    return Language(code)


def _parse(path: Path, code: str) -> Language:
    """A profile from a locale file, validated by its schema (unknown keys name file:line)."""
    from att_docs.base.yamlfile import load_yaml, validate
    from att_docs.language.locale_schema import LocaleFile

    spec = validate(load_yaml(path), LocaleFile, "locale data")
    numbers = spec.numbers.model_dump() if spec.numbers else {
        "engine": spec.ordinal.engine, "lang": spec.ordinal.lang or code}
    if numbers.get("lang") is None:
        numbers["lang"] = code
    return Language(
        code=code,
        cjk=spec.cjk,
        script=spec.script,
        babel=spec.babel,
        numbers=numbers,
        terms=spec.terms.model_dump(),
        dates=spec.date_patterns.model_dump() if spec.date_patterns else {},
        references=spec.references.model_dump() if spec.references else {},
        typography=tuple(spec.typography),
        quote_pairs=tuple(spec.quote_pairs),
        doubled_words=frozenset(w.lower() for w in spec.doubled_words),
        other_names=tuple(spec.other_names),
        titles=tuple(spec.titles),
        treaty_name=spec.treaty_name,
        full_width=dict(spec.full_width),
        homophones=spec.homophones,
        scaffold=dict(spec.scaffold),
        source=path,
    )
