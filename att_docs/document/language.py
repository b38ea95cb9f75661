"""What the checks, the writers and the scaffolding know about a language: data only.

Everything comes from ``templates/locale/<lang>.yaml`` (the same file as the formatting
rules of :mod:`att_docs.document.locale`): the script, whether words are written without
spaces (``cjk``), the number-word engine, the inflection engine of glossary terms, the date
and reference patterns the checks read, the typography rule sets, the placeholder texts
of a new paper. No code names a language: a language without a file gets a bare profile
(words separated by spaces, digits only), and adding a language is adding its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from att_docs.errors import ContentError

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
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(f"malformed YAML: {getattr(exc, 'problem', exc)}", path,
                           mark.line + 1 if mark else None) from None
    if not isinstance(spec, dict):
        raise ContentError("a locale file is a mapping of keys", path)
    numbers = dict(spec.get("numbers") or {})
    ordinal = spec.get("ordinal") or {}
    if "engine" not in numbers and isinstance(ordinal, dict) and ordinal.get("engine"):
        numbers = {"engine": ordinal["engine"], "lang": ordinal.get("lang", code), **numbers}
    try:
        return Language(
            code=code,
            cjk=bool(spec.get("cjk", False)),
            script=str(spec.get("script", "Latn")),
            babel=str(spec["babel"]) if spec.get("babel") else None,
            numbers=numbers,
            terms=dict(spec.get("terms") or {}),
            dates=dict(spec.get("dates") or {}),
            references=dict(spec.get("references") or {}),
            typography=tuple(spec.get("typography") or ()),
            homophones=spec.get("homophones"),
            scaffold={str(k): str(v) for k, v in (spec.get("scaffold") or {}).items()},
            source=path,
        )
    except (TypeError, ValueError) as exc:
        raise ContentError(f"bad locale data: {exc}", path) from None
