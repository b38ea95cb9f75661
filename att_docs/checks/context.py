"""What every rule shares while checking: the glossary index, cached matches, findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from att_docs.checks.extract import blank, symbols
from att_docs.checks.findings import Finding, Severity
from att_docs.checks.matcher import GlossaryIndex, Match
from att_docs.checks.segments import Corpus, Pair, Segment, bilingual_pairs, untranslated_texts
from att_docs.document.house_style import HouseStyle, house_style
from att_docs.language.profile import Language, load_language

__all__ = ["Context"]

_MISSING = object()


@dataclass
class Context:
    """Shared state of one run: glossary matches, dates, numbers and references are
    computed once per text and language, however many segments of the set hold that text
    (a heading, a row label, a sentence repeated across papers)."""

    index: GlossaryIndex
    templates: Path  # where the languages' data is (templates/locale)
    _matches: dict[tuple[str, str], list[Match]] = field(default_factory=dict)
    _memo: dict[str, dict[tuple[str, str], Any]] = field(default_factory=dict)
    _pairs: tuple[list[Corpus], list[Pair]] | None = None
    _languages: dict[str, Language] = field(default_factory=dict)
    _untranslated: dict[tuple[int, str], str] = field(default_factory=dict)
    _styles: dict[tuple[str, str | None], HouseStyle] = field(default_factory=dict)

    def memo(self, name: str, seg: Segment, lang: str,
             compute: Callable[[str, Language], Any]) -> Any:
        """``compute(text, language)`` for the segment's text, once per run and text
        (dates...)."""
        text = seg.text(lang)
        table, key = self._table(name), (text, lang)
        value = table.get(key, _MISSING)
        if value is _MISSING:
            value = table[key] = compute(text, self.language(lang))
        return value

    def fact(self, name: str, seg: Segment, lang: str,
             compute: Callable[[Context, Segment, str], Any]) -> Any:
        """``compute(self, seg, lang)``, once per run and text and language: for a fact of
        the segment's text alone that is read very often, with a module-level ``compute``
        (no closure made per call)."""
        table, key = self._table(name), (seg.text(lang), lang)
        value = table.get(key, _MISSING)
        if value is _MISSING:
            value = table[key] = compute(self, seg, lang)
        return value

    def _table(self, name: str) -> dict[tuple[str, str], Any]:
        """The run's values of one fact, by (text, language)."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = {}
        return found

    def language(self, lang: str) -> Language:
        """What the data says about ``lang`` (templates/locale/<lang>.yaml), looked up once
        per run: ``load_language`` resolves the templates path on every call."""
        found = self._languages.get(lang)
        if found is None:
            found = self._languages[lang] = load_language(self.templates, lang)
        return found

    def untranslated(self, corpus: Corpus, seg: Segment, lang: str) -> str | None:
        """Why the text of ``lang`` is untranslated (missing, empty, identical,
        placeholder), or None: no other check looks at an untranslated text."""
        return self._untranslated.get((id(seg), lang))  # filled by prepare()

    def prepare(self, corpora: list[Corpus]) -> None:
        """Find the untranslated texts of the run, once."""
        self._untranslated = dict(untranslated_texts(corpora))

    def pairs(self, corpora: list[Corpus], check: str | None = None) -> Iterator[Pair]:
        """``bilingual_pairs(corpora, check)``, the pairs listed once per run, untranslated
        texts left out."""
        if self._pairs is None or self._pairs[0] is not corpora:
            self._pairs = (corpora, [p for p in bilingual_pairs(corpora)
                                     if self.untranslated(p.corpus, p.segment, p.target)
                                     is None])
        for pair in self._pairs[1]:
            if check is None or check not in pair.segment.ignore:
                yield pair

    def matches(self, seg: Segment, lang: str) -> list[Match]:
        """The glossary terms in the segment's text in ``lang`` (once per text)."""
        text = seg.text(lang)
        key = (text, lang)
        found = self._matches.get(key)
        if found is None:
            if "ATT/" in text:  # document symbols hold no terms (ATT/CSP9.WGTU/...)
                text = blank(text, [(s, e) for _, s, e in symbols(text)])
            found = self._matches[key] = self.index.find(text, self.language(lang))
        return found

    def house_style(self, corpus: Corpus, lang: str) -> HouseStyle:
        """The house style of ``lang`` in the corpus: its conference's choice, else the
        one the language's data names."""
        choice = corpus.house_style.get(lang)
        key = (lang, choice)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = house_style(self.templates, lang, choice)
        return found

    def cjk(self, lang: str) -> bool:
        """Whether ``lang`` is written without spaces between words."""
        return self.language(lang).cjk

    @staticmethod
    def finding(check: str, severity: Severity, corpus: Corpus, seg: Segment | None,
                lang: str | None, message: str, suggestion: str | None = None,
                offset: int = 0) -> Finding | None:
        """A finding at ``offset`` of the segment's text in ``lang``; None if silenced."""
        if seg is not None and check in seg.ignore:
            return None
        path, line = (seg.location(lang, offset) if seg is not None and lang
                      else (corpus.path, None))
        if path is None:
            path = corpus.path
        return Finding(check=check, severity=severity, message=message, path=path,
                       line=line or None, segment=seg.id if seg else None,
                       document=corpus.name, suggestion=suggestion)
